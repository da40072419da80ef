// highlight: makes the databases' snippets safe to print. Both FTS5's snippet() and
// PostgreSQL's ts_headline() return raw article text with markers around the matches; we
// ask them for control-character markers that extracted text never contains, HTML-escape
// everything, then turn the markers into <mark>…</mark>. The result can go into a page as is.

/** Start-of-match marker handed to the database (STX). */
export const MARK_START = '\u0002';
/** End-of-match marker handed to the database (ETX). */
export const MARK_END = '\u0003';
/** Printed where a snippet skips text. */
export const ELLIPSIS = '…';
/** Length of a fallback excerpt, in characters, when the database gave no snippet. */
const FALLBACK_CHARS = 200;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const MARKERS = /[\u0002\u0003]/g;
const WORDS = /[\p{L}\p{M}\p{N}]+/gu;
/** Words compared at each end to tell whether a snippet starts or ends where its text does. */
const EDGE_WORDS = 8;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Turns a marked snippet into HTML: escaped text, matches in <mark>; unpaired markers dropped. */
export function markedToHtml(marked: string): string {
  let out = '';
  let open = false;
  let last = 0;
  for (const m of marked.matchAll(MARKERS)) {
    out += escapeHtml(marked.slice(last, m.index));
    last = m.index + 1;
    if (m[0] === MARK_START && !open) {
      out += '<mark>';
      open = true;
    } else if (m[0] === MARK_END && open) {
      out += '</mark>';
      open = false;
    }
  }
  out += escapeHtml(marked.slice(last));
  if (open) out += '</mark>';
  return collapseSpace(out);
}

/** An excerpt of plain text cut at a word boundary, escaped: for hits without a snippet. */
export function excerptHtml(text: string | null, maxChars = FALLBACK_CHARS): string {
  if (!text) return '';
  const clean = collapseSpace(text.replace(MARKERS, ''));
  if (clean.length <= maxChars) return escapeHtml(clean);
  const cut = clean.slice(0, maxChars + 1);
  const space = cut.lastIndexOf(' ');
  // Never cut inside a word: back up to the last space (a single huge "word" is cut hard).
  const head = space > maxChars / 2 ? cut.slice(0, space) : cut.slice(0, maxChars);
  return escapeHtml(head.replace(/[\s,;:.–—-]+$/u, '')) + ELLIPSIS;
}

/**
 * Adds an ellipsis where a marked snippet starts after the beginning or stops before the
 * end of the text it was cut from (ts_headline does not say so itself; FTS5 does, and its
 * snippets already carrying one are left alone).
 */
export function withEllipses(marked: string, source: string | null): string {
  if (!source) return marked;
  const plain = collapseSpace(marked.replace(MARKERS, ''));
  if (plain === '') return marked;
  // Compared word by word: ts_headline drops punctuation at the edges and tag-like text.
  const snippetWords = plain.match(WORDS) ?? [];
  if (snippetWords.length === 0) return marked;
  // Only the text's edges are read: splitting a whole body into words was most of the
  // time a search page spent outside the database.
  const head = firstWords(source, snippetWords.length + 1);
  if (snippetWords.length >= head.length) return marked;
  const n = Math.min(EDGE_WORDS, snippetWords.length);
  const same = (a: string[], b: string[]) => a.every((w, i) => w === b[i]);
  let out = marked;
  if (!plain.startsWith(ELLIPSIS) && !same(snippetWords.slice(0, n), head.slice(0, n))) out = ELLIPSIS + out.trimStart();
  if (!plain.endsWith(ELLIPSIS) && !same(snippetWords.slice(-n), lastWords(source, n))) out = out.trimEnd() + ELLIPSIS;
  return out;
}

/** The first `count` words of a text (fewer if it has fewer), reading no further. */
function firstWords(text: string, count: number): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORDS)) {
    out.push(m[0]);
    if (out.length >= count) break;
  }
  return out;
}

/** Characters of a text's end read first when looking for its last words (doubled as needed). */
const TAIL_CHARS = 256;

/** The last `count` words of a text (fewer if it has fewer), from a tail of it. */
function lastWords(text: string, count: number): string[] {
  for (let size = TAIL_CHARS; ; size *= 2) {
    if (size >= text.length) return (text.match(WORDS) ?? []).slice(-count);
    const words = text.slice(-size).match(WORDS) ?? [];
    // The tail's first word may be cut in two: use it only when the tail starts the text.
    if (words.length > count) return words.slice(-count);
  }
}

function collapseSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
