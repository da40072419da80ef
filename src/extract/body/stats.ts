// Per-element text statistics computed in one bottom-up pass, so scoring and cleaning
// never re-walk a subtree to measure it.
import { isTag, isText, type AnyNode, type Element } from '../dom.ts';

export interface TextStats {
  /** Characters of non-whitespace-collapsed text (approximate, whitespace runs count 1). */
  text: number;
  /** Of which inside links. */
  link: number;
  /** Commas (Latin and CJK) — long, comma-rich prose is article text. */
  commas: number;
  /** Paragraph-like descendants with 80+ characters. */
  longParas: number;
  /** `<img>` descendants. */
  images: number;
  /** Characters in prose paragraphs: paragraph-like blocks of 40+ characters that are
   * not mostly links. The rest of `text` is furniture or residue. */
  prose: number;
}

const EMPTY: TextStats = { text: 0, link: 0, commas: 0, longParas: 0, images: 0, prose: 0 };

/** A paragraph-like block counts as prose from this many characters. */
const PROSE_MIN_CHARS = 40;
/** …when at most this share of it is link text. */
const PROSE_MAX_LINK_DENSITY = 0.3;
/** Blocks whose text is a paragraph of their own. */
const PROSE_TAGS = new Set(['p', 'pre', 'blockquote', 'li', 'dd', 'td', 'div', 'section', 'span', 'font', 'article', 'main', 'center']);

/** Computes stats for every element under `root`. Text inside `<a>` counts as link text. */
export function computeStats(root: AnyNode): WeakMap<Element, TextStats> {
  const stats = new WeakMap<Element, TextStats>();
  // Post-order with an explicit stack: [node, visitedChildren].
  const stack: Array<[AnyNode, boolean]> = [[root, false]];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const [node, done] = top;
    if (!done) {
      top[1] = true;
      if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i]!, false]);
      continue;
    }
    stack.pop();
    if (!isTag(node)) continue;
    const s: TextStats = { text: 0, link: 0, commas: 0, longParas: 0, images: 0, prose: 0 };
    let ownText = 0;
    for (const child of node.children) {
      if (isText(child)) {
        const len = textLength(child.data);
        s.text += len;
        ownText += len;
        if (len) s.commas += countCommas(child.data);
      } else if (isTag(child)) {
        const c = stats.get(child) ?? EMPTY;
        s.text += c.text;
        s.link += child.name === 'a' && isNavigation(child) ? c.text : c.link;
        s.commas += c.commas;
        s.longParas += c.longParas;
        s.images += c.images;
        s.prose += c.prose;
        if (INLINE_TAGS.has(child.name)) ownText += c.text;
      }
    }
    if (node.name === 'img') s.images += 1;
    // A block whose text is mostly its own (not nested blocks') is one paragraph.
    if (PROSE_TAGS.has(node.name) && ownText >= PROSE_MIN_CHARS && s.link <= s.text * PROSE_MAX_LINK_DENSITY && ownText > s.prose) s.prose = Math.max(s.prose, s.text);
    if ((node.name === 'p' || node.name === 'pre' || node.name === 'blockquote') && s.text - s.link >= 80) s.longParas += 1;
    stats.set(node, s);
  }
  return stats;
}

/** Inline elements: their text is part of the enclosing block's own text. */
const INLINE_TAGS = new Set(['a', 'b', 'strong', 'i', 'em', 'u', 's', 'span', 'font', 'small', 'big', 'mark', 'sub', 'sup', 'abbr', 'cite', 'q', 'code', 'time', 'br', 'del', 'ins', 'kbd', 'var', 'label', 'tt']);

/** A link that goes somewhere: not an anchor without href, not a `javascript:` action. */
function isNavigation(a: Element): boolean {
  const href = a.attribs.href;
  return href !== undefined && !/^\s*javascript:/i.test(href);
}

/** Length of text with whitespace runs counted as one character. */
export function textLength(s: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ws = c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || c === 12;
    if (ws) {
      if (!space) n++;
      space = true;
    } else {
      n++;
      space = false;
    }
  }
  return n;
}

function countCommas(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 44 || c === 0x3001 || c === 0xff0c || c === 0x060c) n++;
  }
  return n;
}

export function statsOf(stats: WeakMap<Element, TextStats>, el: Element): TextStats {
  return stats.get(el) ?? EMPTY;
}

/** Share of an element's text that sits inside links (0..1). */
export function linkDensity(s: TextStats): number {
  return s.text ? s.link / s.text : 0;
}
