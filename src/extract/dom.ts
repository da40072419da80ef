// The HTML tree every extraction step works on, and helpers to walk it.
//
// We parse with htmlparser2 into domhandler nodes: it is several times faster than a
// spec tree builder on real news pages and its tree is sound enough for scoring. All
// helpers here are iterative, never recursive, so a page nested 100k levels deep cannot
// overflow the stack.
import { Parser, type Handler } from 'htmlparser2';
import { Comment, Document, Element, ProcessingInstruction, Text, isTag, isText, type AnyNode, type ParentNode } from 'domhandler';

export { Element, Text, isTag, isText };
export type { AnyNode, Document, ParentNode };

/** Deepest element nesting we build. Real pages stay under a few hundred levels; beyond
 * this, opening tags are ignored (their text is kept), because htmlparser2's open-element
 * stack costs time proportional to its depth for every tag: 100,000 nested tags would
 * take seconds. */
export const MAX_DEPTH = 1000;

/** The parts of htmlparser2's Parser we reach into (private in its typings). */
interface ParserInternals {
  stack: string[];
  tagname: string;
  isVoidElement(name: string): boolean;
  emitOpenTag(name: string): void;
}

const PARSE_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } as const;
const emitOpenTag = (Parser.prototype as unknown as ParserInternals).emitOpenTag;

/** Every opening tag passes here; beyond MAX_DEPTH it is ignored the way the parser
 * ignores a nested <form>: an empty tag name drops its attributes and its end tag, and
 * its content stays in the current element. */
function cappedEmitOpenTag(this: ParserInternals, name: string): void {
  if (this.stack.length >= MAX_DEPTH && !this.isVoidElement(name)) {
    this.tagname = '';
    return;
  }
  emitOpenTag.call(this, name);
}

/** Parses an HTML string into a domhandler Document (tags and attributes lower-cased). */
export function parseHtml(html: string): Document {
  const builder = new TreeBuilder();
  const parser = new Parser(builder, PARSE_OPTIONS);
  (parser as unknown as ParserInternals).emitOpenTag = cappedEmitOpenTag;
  parser.end(html);
  return builder.root;
}

// ---------- tree building ----------
//
// The tree is domhandler's (same prototypes, same own properties, in the same order, so
// domutils, css-select and every helper here see no difference), but its nodes are not
// made by domhandler's constructors: their class-field initializers are shared by every
// node type and run megamorphic on Node 20's V8, which measured as a third of all parse
// time (more than tokenizing). Plain constructor functions with the classes' prototypes
// build the same objects with monomorphic stores.

/** The own properties a node gets from domhandler's `Node` (in its order). */
interface NodeFields {
  parent: ParentNode | null;
  prev: AnyNode | null;
  next: AnyNode | null;
  startIndex: number | null;
  endIndex: number | null;
}

/** domhandler's node type names (its ElementType enum's values, which it does not export). */
const TAG = 'tag' as Element['type'];
const SCRIPT = 'script' as Element['type'];
const STYLE = 'style' as Element['type'];
const TEXT = 'text' as Text['type'];
const COMMENT = 'comment' as Comment['type'];

type ElementCtor = new (name: string, attribs: Record<string, string>, parent: ParentNode) => Element;
type DataCtor<T> = new (data: string, parent: ParentNode) => T;

const FastElement = function (this: NodeFields & Record<string, unknown>, name: string, attribs: Record<string, string>, parent: ParentNode): void {
  this.parent = parent;
  this.prev = null;
  this.next = null;
  this.startIndex = null;
  this.endIndex = null;
  this.children = [];
  this.name = name;
  this.attribs = attribs;
  this.type = name === 'script' ? SCRIPT : name === 'style' ? STYLE : TAG;
  this.namespace = undefined;
  this['x-attribsNamespace'] = undefined;
  this['x-attribsPrefix'] = undefined;
} as unknown as ElementCtor;
FastElement.prototype = Element.prototype;

/** Text and comments: `Node`'s fields, then `data`, then `type`. */
function dataCtor<T>(proto: object, type: string): DataCtor<T> {
  const Ctor = function (this: NodeFields & Record<string, unknown>, data: string, parent: ParentNode): void {
    this.parent = parent;
    this.prev = null;
    this.next = null;
    this.startIndex = null;
    this.endIndex = null;
    this.data = data;
    this.type = type;
  } as unknown as DataCtor<T>;
  Ctor.prototype = proto;
  return Ctor;
}
const FastText = dataCtor<Text>(Text.prototype, TEXT);
const FastComment = dataCtor<Comment>(Comment.prototype, COMMENT);

/** Builds the tree from the parser's events, as domhandler's DomHandler does (adjacent
 * text is merged into one node; so are the parts of one comment). */
class TreeBuilder implements Partial<Handler> {
  readonly root = new Document([]);
  private stack: ParentNode[] = [this.root];
  private top: ParentNode = this.root;
  /** The last text or comment node, while more of it may follow. */
  private open: Text | Comment | null = null;

  onopentag(name: string, attribs: Record<string, string>): void {
    const el = new FastElement(name, attribs, this.top);
    this.append(el);
    this.stack.push(el);
    this.top = el;
  }

  onclosetag(): void {
    this.open = null;
    if (this.stack.length > 1) this.stack.pop();
    this.top = this.stack[this.stack.length - 1]!;
  }

  ontext(data: string): void {
    const open = this.open;
    if (open && open.type === TEXT) {
      open.data += data;
      return;
    }
    const node = new FastText(data, this.top);
    this.append(node);
    this.open = node;
  }

  oncomment(data: string): void {
    const open = this.open;
    if (open && open.type === COMMENT) {
      open.data += data;
      return;
    }
    const node = new FastComment(data, this.top);
    this.append(node);
    this.open = node;
  }

  oncommentend(): void {
    this.open = null;
  }

  onprocessinginstruction(name: string, data: string): void {
    const node = new ProcessingInstruction(name, data);
    node.parent = this.top;
    this.append(node);
  }

  private append(node: AnyNode): void {
    const kids = this.top.children;
    const prev = kids[kids.length - 1];
    if (prev) {
      node.prev = prev;
      prev.next = node;
    }
    kids.push(node as never);
    this.open = null;
  }
}

/** Calls `visit` for every node under `root` in document order (root excluded). Return
 * `false` from `visit` to skip that node's children. */
export function walk(root: AnyNode, visit: (node: AnyNode) => boolean | void): void {
  const stack: AnyNode[] = [];
  pushChildren(stack, root);
  while (stack.length) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    pushChildren(stack, node);
  }
}

function pushChildren(stack: AnyNode[], node: AnyNode): void {
  if (!('children' in node)) return;
  const kids = node.children;
  for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
}

/** Every element under `root` (document order) that satisfies `test`. */
export function findAll(root: AnyNode, test: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  walk(root, (n) => {
    if (isTag(n) && test(n)) out.push(n);
  });
  return out;
}

/** The first element under `root` that satisfies `test`, or null. */
export function findOne(root: AnyNode, test: (el: Element) => boolean): Element | null {
  const stack: AnyNode[] = [];
  pushChildren(stack, root);
  while (stack.length) {
    const node = stack.pop()!;
    if (isTag(node) && test(node)) return node;
    pushChildren(stack, node);
  }
  return null;
}

/** All elements with one of the given tag names. */
export function byTag(root: AnyNode, ...names: string[]): Element[] {
  const set = new Set(names);
  return findAll(root, (el) => set.has(el.name));
}

/** Concatenated text of every text node under `node` (like `textContent`). Script, style
 * and template contents are skipped. */
export function textOf(node: AnyNode): string {
  if (isText(node)) return node.data;
  let out = '';
  walk(node, (n) => {
    if (isText(n)) out += n.data;
    else if (isTag(n) && (n.name === 'script' || n.name === 'style' || n.name === 'template' || n.name === 'noscript')) return false;
    return true;
  });
  return out;
}

/** Whitespace-collapsed, trimmed text of a node. */
export function cleanText(node: AnyNode): string {
  return collapse(textOf(node));
}

/** Collapses runs of whitespace (including no-break spaces) to one space and trims. */
export function collapse(s: string): string {
  return s.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}

/** An attribute's value, or undefined. */
export function attr(el: Element, name: string): string | undefined {
  return el.attribs[name];
}

const CLASS_AND_ID = Symbol('classAndId');
type WithClassAndId = Element & { [CLASS_AND_ID]?: string };

/** The element's class and id joined, lower-cased: what boilerplate patterns test.
 * Computed once per element (several heuristics ask for it). */
export function classAndId(el: Element): string {
  const e = el as WithClassAndId;
  let v = e[CLASS_AND_ID];
  if (v === undefined) {
    const c = el.attribs.class;
    const i = el.attribs.id;
    v = c === undefined && i === undefined ? ' ' : ((c ?? '') + ' ' + (i ?? '')).toLowerCase();
    e[CLASS_AND_ID] = v;
  }
  return v;
}

/** Ancestors of a node from its parent up to (not including) the document. */
export function ancestors(node: AnyNode): Element[] {
  const out: Element[] = [];
  let p = node.parent;
  while (p && isTag(p)) {
    out.push(p);
    p = p.parent;
  }
  return out;
}

/**
 * Looks at `start` and then its ancestors, at most `levels` elements in all (nearest first,
 * never the document; pass `el.parent` to leave the element itself out), and asks `test` of
 * each: `true` gives that element, `false` stops the search (null), `undefined` goes on up. The extractor asks many such near questions
 * ("is this byline in a caption, a few levels up?"); the bound keeps each one cheap and
 * local, and the stop answer lets a question end at an <article> or <body>.
 */
export function closestWithin(start: AnyNode | null, levels: number, test: (p: Element) => boolean | undefined): Element | null {
  let p: AnyNode | null = start;
  for (let i = 0; p && isTag(p) && i < levels; i++, p = p.parent) {
    const answer = test(p);
    if (answer !== undefined) return answer ? p : null;
  }
  return null;
}

/** True when `anc` is `node` or one of its ancestors. */
export function isAncestor(anc: AnyNode, node: AnyNode): boolean {
  for (let p: AnyNode | null = node; p; p = p.parent) if (p === anc) return true;
  return false;
}

/** A detached `<p>` holding one text node (bodies built from text: JSON-LD, a standfirst). */
export function textParagraph(text: string): Element {
  const p = new Element('p', {});
  const t = new Text(text);
  t.parent = p;
  p.children.push(t);
  return p;
}

/** Detaches a node from its parent. */
export function removeNode(node: AnyNode): void {
  const parent = node.parent;
  if (!parent) return;
  const kids = parent.children;
  const i = kids.indexOf(node as never);
  if (i >= 0) kids.splice(i, 1);
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = null;
  node.prev = null;
  node.next = null;
}

/** Resolves `href` against `base`; returns null when it cannot be made absolute. */
export function absoluteUrl(href: string | undefined, base: string | undefined): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h) return null;
  try {
    return new URL(h, base || undefined).href;
  } catch {
    return null;
  }
}
