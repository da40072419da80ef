// Small string and tree helpers shared by the metadata extractors: bounded text reads (so
// a byline candidate that turns out to wrap the whole page costs little), entity repair
// and comparison keys.
import { decodeHTML } from 'entities';
import { collapse, isTag, isText, type AnyNode } from '../dom.ts';

/** Tags whose contents are never visible text. */
const INVISIBLE_TAGS = new Set(['script', 'style', 'template', 'noscript', 'svg', 'head', 'select', 'option', 'button']);

/** Text of `node` like `textContent`, but stops once `max` characters are gathered and
 * returns null then ("too long to be what we look for"). Iterative. Block-level
 * children are separated by a space so "Jane Doe<div>Staff</div>" does not glue words. */
export function textUpTo(node: AnyNode, max: number): string | null {
  if (isText(node)) return node.data.length > max ? null : node.data;
  let out = '';
  const stack: AnyNode[] = [];
  const push = (n: AnyNode): void => {
    if (!('children' in n)) return;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  };
  push(node);
  while (stack.length) {
    const n = stack.pop()!;
    if (isText(n)) {
      out += n.data;
      if (out.length > max) return null;
    } else if (isTag(n)) {
      if (INVISIBLE_TAGS.has(n.name)) continue;
      if (n.name === 'br' || BLOCKISH.has(n.name)) out += '\n';
      push(n);
    }
  }
  return out;
}

/** The first `max` characters of a node's visible text (cut, never null). */
export function textStart(node: AnyNode, max: number): string {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length && out.length < max) {
    const n = stack.pop()!;
    if (isText(n)) out += n.data;
    else if (isTag(n) && INVISIBLE_TAGS.has(n.name)) continue;
    else if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out.slice(0, max);
}

/** Elements that break a line when rendered: used to keep "Name\nDate" apart. */
const BLOCKISH = new Set(['p', 'div', 'li', 'ul', 'ol', 'dd', 'dt', 'dl', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'header', 'footer', 'figure', 'figcaption', 'table', 'tr', 'td', 'th', 'address', 'time', 'aside', 'blockquote']);

/** An entity left in already-decoded text (double-encoded sources such as
 * `&amp;amp;` or JSON-LD strings written with `&#8217;`). */
const LEFTOVER_ENTITY = /&(?:#\d{2,7}|#x[0-9a-f]{2,6}|[a-z][a-z0-9]{1,31});/i;

/** Markup inside a metadata string (a CMS that puts the standfirst's `<p>…</p>` into its
 * description or JSON-LD): known HTML tags only, so "a <b" in prose survives. */
const MARKUP = /<\/?(?:p|br|div|span|em|strong|b|i|u|a|h[1-6]|ul|ol|li|blockquote|sup|sub|small|mark|font)(?:\s[^<>]*)?\/?>/gi;

const INLINE_MARKUP = /^<\/?(?:span|em|strong|b|i|u|a|sup|sub|small|mark|font)\b/i;

/** Decodes HTML entities once more when the text still carries some, drops markup,
 * collapses whitespace and strips invisible characters. */
export function tidy(s: string | null | undefined): string {
  if (!s) return '';
  let t = s;
  if (LEFTOVER_ENTITY.test(t)) t = decodeHTML(t);
  if (t.includes('<')) t = t.replace(MARKUP, (tag) => (INLINE_MARKUP.test(tag) ? '' : ' '));
  return collapse(t.replace(/[\u200b-\u200f\u202a-\u202e\u2060\ufeff\u00ad]/g, ''));
}

/** Comparison key: case-folded, NFKC, punctuation and quotes dropped, spaces collapsed.
 * Title reconciliation compares the same few strings many times, so keys are remembered
 * (a small cache, emptied when full). */
export function compareKey(s: string): string {
  let k = keyCache.get(s);
  if (k === undefined) {
    k = s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    if (keyCache.size >= CACHE_SIZE) keyCache.clear();
    keyCache.set(s, k);
  }
  return k;
}

const CACHE_SIZE = 512;
const keyCache = new Map<string, string>();
const wordsCache = new Map<string, string[]>();

/** Words (letters/digits runs) of a string, case-folded. The array is shared: do not
 * change it. */
export function words(s: string): string[] {
  let w = wordsCache.get(s);
  if (w === undefined) {
    w = s.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    if (wordsCache.size >= CACHE_SIZE) wordsCache.clear();
    wordsCache.set(s, w);
  }
  return w;
}

/** First non-empty value. */
export function firstOf<T>(...xs: (T | null | undefined)[]): T | null {
  for (const x of xs) if (x !== null && x !== undefined && x !== '') return x;
  return null;
}
