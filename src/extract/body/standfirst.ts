// The standfirst: the sentence or two under the headline that sums the article up. Pages
// print it apart from the body container (in the article's header, beside the headline,
// above the lead image), so the scorer, which looks for the body, leaves it out, and a
// JSON-LD articleBody seldom has it. Readers and news extractors count it as the article's
// first paragraph. We know it when we see it: the page's own description, shown as text
// before the body.
import { MAX_DEPTH, type Element, cleanText, closestWithin, isTag, isText, textParagraph, type AnyNode } from '../dom.ts';
import { normalizeForCompare } from './clean.ts';
import { statsOf, type TextStats } from './stats.ts';

/** Shorter descriptions are slogans or labels, not a standfirst. */
const MIN_CHARS = 40;
/** An element holding the description and this much more text is a teaser or the body itself. */
const MAX_EXTRA = 1.3;
/** …or, when the description was cut short, this many times its length. */
const MAX_EXTRA_CUT = 4;
/** Tags whose text is never a standfirst shown to readers. */
const NOT_SHOWN = new Set(['title', 'button', 'option', 'label']);

export interface Standfirst {
  /** The text as the page shows it. */
  text: string;
  /** Its normalized form (normalizeForCompare), for checking a body already has it. */
  key: string;
  /** The element found, and for each of its ancestors (at the time it was found, before any
   * pruning) the child on the way to it and their children then: enough to tell whether it
   * came before another node of the page after parts of the page were removed. */
  el: Element;
  path: Map<Element, { via: AnyNode; children: AnyNode[] }>;
}

/**
 * Finds the deepest element, first in page order, whose text is the description (or begins
 * with it, when the description is a shortened one). Text lengths come from `stats`, so only
 * elements of about the right size are read.
 */
export function findStandfirst(root: Element, stats: WeakMap<Element, TextStats>, description: string | null, title: string | null): Standfirst | null {
  if (!description) return null;
  const stem = description.replace(/\s*(?:…|\.\.\.|\[…\])\s*$/, '');
  // A description cut short ("…") is the start of a longer standfirst.
  const cut = stem.length < description.length;
  const key = normalizeForCompare(stem);
  if (key.length < MIN_CHARS || (title && normalizeForCompare(title) === key)) return null;
  const min = stem.length * 0.9;
  const max = stem.length * (cut ? MAX_EXTRA_CUT : MAX_EXTRA) + 20;
  let found: Element | null = null;
  let text = '';
  // Depth-first, document order; an element of the right size that matches is remembered and
  // its children are searched for a deeper one (a <div> around the <p>).
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isTag(n) || NOT_SHOWN.has(n.name)) continue;
    const len = statsOf(stats, n).text;
    if (len < min) continue;
    if (len <= max) {
      const t = cleanText(n);
      const k = normalizeForCompare(t);
      if (k === key || (k.startsWith(key) && (cut || key.length >= k.length / MAX_EXTRA))) {
        // A teaser card's summary is a link to the article: not this page's standfirst.
        const s = statsOf(stats, n);
        if (n.name === 'a' || s.link > s.text / 2 || insideLink(n)) continue;
        found = n;
        text = t;
        stack.length = 0; // from here on, only its own descendants are searched
      }
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  if (!found) return null;
  const path = new Map<Element, { via: AnyNode; children: AnyNode[] }>();
  let via: AnyNode = found;
  for (let p = found.parent; p && isTag(p); via = p, p = p.parent) path.set(p, { via, children: p.children.slice() });
  return { text, key: normalizeForCompare(text), el: found, path };
}

/** A teaser card's summary sits inside the link to its article (any level up: no tree is deeper than MAX_DEPTH). */
function insideLink(el: Element): boolean {
  return closestWithin(el.parent, MAX_DEPTH, (p) => p.name === 'a' || undefined) !== null;
}

/**
 * Where the standfirst was relative to `node` (which must still be in the page): 'before' it
 * in page order, 'inside' it, or 'after'.
 */
export function placeOf(sf: Standfirst, node: AnyNode): 'before' | 'inside' | 'after' {
  if (node === sf.el) return 'inside';
  if (isTag(node) && sf.path.has(node)) return 'inside';
  // The lowest ancestor of `node` that was also the standfirst's: compare the two branches
  // there, in its children as they were when the standfirst was found.
  let branch: AnyNode = node;
  for (let p = node.parent; p && isTag(p); branch = p, p = p.parent) {
    const at = sf.path.get(p);
    if (!at) continue;
    return at.children.indexOf(at.via) < at.children.indexOf(branch) ? 'before' : 'after';
  }
  return 'after';
}

/** Text this long is prose; shorter lines above it (a time, a place, a label) may be residue. */
const PROSE_CHARS = 40;

/** Whether the standfirst came before the first prose left in a cleaned body (`root`, the
 * chosen nodes moved under a new container): a standfirst inside the chosen container that
 * cleaning took out, as part of the article's header, rather than a summary box after it. */
export function beforeFirstText(sf: Standfirst, root: Element): boolean {
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (isText(n)) {
      if (n.parent && n.data.trim().length >= PROSE_CHARS) return placeOf(sf, n) === 'before';
      continue;
    }
    if (isTag(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return false;
}

/** Share of the standfirst's words a paragraph of the body must have to be the same
 * sentences reworded (a description that names the minister the first paragraph does not). */
const SAME_WORDS = 0.8;
/** Blocks at the start of a body where the standfirst could already be. */
const LEADING_BLOCKS = 5;

/** Whether a body already says what the standfirst says: it holds the same words in the
 * same order, or one of its first paragraphs has nearly all of them. */
export function bodyHas(text: string, sf: Standfirst): boolean {
  if (normalizeForCompare(text).includes(sf.key)) return true;
  const words = new Set(sf.key.split(' '));
  const blocks = text.split('\n\n', LEADING_BLOCKS);
  for (const b of blocks) {
    const have = new Set(normalizeForCompare(b).split(' '));
    let shared = 0;
    for (const w of words) if (have.has(w)) shared++;
    if (shared >= words.size * SAME_WORDS) return true;
  }
  return false;
}

/** Puts the standfirst in front of a body as its first paragraph (text and tree). */
export function prependStandfirst(root: Element, text: string, sf: Standfirst): string {
  const p = textParagraph(sf.text);
  p.parent = root;
  const first = root.children[0] ?? null;
  p.next = first;
  if (first) first.prev = p;
  root.children.unshift(p);
  return `${sf.text}\n\n${text}`;
}
