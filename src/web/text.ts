// text: the small text rules behind every page — slugs for stable URLs, excerpts that end
// at a sentence or word boundary with "…", removal of share-bar residue ("Share", "Tweet")
// that scraping leaves in descriptions, a headline not printed twice, dates in UTC.
// Pure functions; the templates call them.
import { decodeHTML } from 'entities';

/** Longest slug kept in a URL (characters); cut at a hyphen. */
export const MAX_SLUG_CHARS = 80;
/** Card excerpts (home, lists, related posts, feeds), in characters. */
export const CARD_EXCERPT_CHARS = 220;
/** The excerpt shown on an article page of an excerpt-mode source, in characters. */
export const PAGE_EXCERPT_CHARS = 500;
/** A sentence end must fall in the last part of the allowed length to be used as the cut
 * (else we cut at a word, which keeps more text): the fraction of the length it may start at. */
const SENTENCE_CUT_MIN = 0.5;
/** Same for a word boundary; below it a single huge "word" is cut hard. */
const WORD_CUT_MIN = 0.6;
export const ELLIPSIS = '…';

/** Words of share bars and toolbars that scraping leaves around text. Capitalised only, so
 * "market share" is never touched; "Share prices" is protected by the look-ahead rules below. */
const RESIDUE_WORD = String.raw`(?:Share(?: (?:this|the) (?:article|story|page|post))?|Share on [A-Z][\w+]*|Share via [A-Z]\w*|Tweet|Pin it|Email|E-mail|Print|Copy link|Save)`;
/** Residue at the start, when what follows starts a sentence (capital, digit or quote) or nothing. */
const LEADING_RESIDUE_RE = new RegExp(String.raw`^(?:${RESIDUE_WORD}\s*[:|·•/]?\s*)+(?=[\p{Lu}\p{N}"“‘'«]|$)`, 'u');
/** Residue at the end, after a sentence end (or as the whole text). */
const TRAILING_RESIDUE_RE = new RegExp(String.raw`(?:^|(?<=[.!?…"”’)]))\s*(?:[|·•/]\s*)?(?:${RESIDUE_WORD}\s*)+$`, 'u');
/** Residue between two sentences. */
const INNER_RESIDUE_RE = new RegExp(String.raw`(?<=[.!?"”’]\s)(?:${RESIDUE_WORD}\s+)+(?=\p{Lu})`, 'gu');
/** Where a sentence ends: punctuation, optional closing quote or bracket, then space. */
const SENTENCE_END_RE = /[.!?…]["”’)\]]?(?=\s)/g;
/** What a cut at a word must not end with. */
const TRAILING_PUNCT_RE = /[\s,;:–—\-(“"‘']+$/u;
const SPACE_RE = /\s+/g;
const DIACRITICS_RE = /[\u0300-\u036f]/g;
const NON_SLUG_RE = /[^a-z0-9]+/g;

/** Whitespace collapsed, trimmed; '' for nothing. */
export function collapse(text: string | null | undefined): string {
  return text ? text.replace(SPACE_RE, ' ').trim() : '';
}

/** Lower-cased, whitespace-collapsed text for comparing headlines. */
function comparable(text: string): string {
  return collapse(text).toLowerCase().replace(/[“”"‘’']/g, '');
}

/** A URL slug from a headline: ASCII letters and digits joined by hyphens ('' when none). */
export function slugify(title: string | null | undefined): string {
  if (!title) return '';
  const s = title.normalize('NFKD').replace(DIACRITICS_RE, '').toLowerCase().replace(NON_SLUG_RE, '-').replace(/^-+|-+$/g, '');
  if (s.length <= MAX_SLUG_CHARS) return s;
  const cut = s.slice(0, MAX_SLUG_CHARS + 1);
  const dash = cut.lastIndexOf('-');
  return (dash > MAX_SLUG_CHARS / 2 ? cut.slice(0, dash) : s.slice(0, MAX_SLUG_CHARS)).replace(/-+$/, '');
}

/** Removes share-bar residue ("Share", "Tweet", "Share on Facebook") around and between sentences. */
export function stripResidue(text: string): string {
  let t = collapse(text);
  for (let i = 0; i < 3; i++) {
    const before = t;
    t = t.replace(LEADING_RESIDUE_RE, '').replace(TRAILING_RESIDUE_RE, '').replace(INNER_RESIDUE_RE, '').trim();
    if (t === before) break;
  }
  return t;
}

/** Drops the headline from the start of a text that repeats it (a scraped description often does). */
export function withoutHeadline(text: string, headline: string | null | undefined): string {
  if (!headline) return text;
  const h = comparable(headline);
  if (h.length < 8) return text;
  const head = comparable(text.slice(0, headline.length + 8));
  if (!head.startsWith(h)) return text;
  // Skip as many characters as the headline has, then any separator.
  return text.slice(headline.length).replace(/^[\s.:|–—-]+/u, '');
}

/**
 * Cuts text to at most `maxChars`: at the last sentence end in the latter part of the
 * allowed length, else at the last word boundary, never inside a word (unless one word is
 * longer than most of the length). A cut text ends with "…"; an uncut one is returned whole.
 */
export function truncate(text: string, maxChars: number): string {
  const t = collapse(text);
  if (t.length <= maxChars) return t;
  const window = t.slice(0, maxChars + 1);
  let sentenceEnd = -1;
  for (const m of window.matchAll(SENTENCE_END_RE)) {
    const end = m.index + m[0].length;
    if (end <= maxChars) sentenceEnd = end;
  }
  if (sentenceEnd >= maxChars * SENTENCE_CUT_MIN) return t.slice(0, sentenceEnd) + ' ' + ELLIPSIS;
  const space = window.lastIndexOf(' ');
  const head = space >= maxChars * WORD_CUT_MIN ? window.slice(0, space) : window.slice(0, maxChars);
  return head.replace(TRAILING_PUNCT_RE, '') + ELLIPSIS;
}

/**
 * A clean excerpt for cards, feeds and related posts: the description (else the start of
 * the body), without share residue or a repeated headline, cut with `truncate`.
 */
export function excerpt(
  a: { title?: string | null; description?: string | null; lead?: string | null },
  maxChars = CARD_EXCERPT_CHARS,
): string {
  for (const candidate of [a.description, a.lead]) {
    const t = withoutHeadline(stripResidue(candidate ?? ''), a.title);
    // A description that is only a few words (a kicker, a tag) says less than the body.
    if (t.length >= 40 || (t && !a.lead)) return truncate(t, maxChars);
  }
  return '';
}

/** The body's paragraphs (blank-line separated plain text), cleaned of residue. */
export function paragraphs(bodyText: string | null | undefined): string[] {
  if (!bodyText) return [];
  return bodyText
    .split(/\n\s*\n/)
    .map((p) => stripResidue(p))
    .filter((p) => p.length > 0);
}

/**
 * The opening of an article for excerpt-mode pages: whole paragraphs while they fit in
 * `maxChars`, the last one cut at a boundary; `cut` says whether text was left out (the
 * page then ends with "…" and a link to the rest).
 */
export function openingParagraphs(bodyText: string | null, title: string | null, maxChars = PAGE_EXCERPT_CHARS): { paras: string[]; cut: boolean } {
  const all = paragraphs(bodyText);
  if (all.length > 0 && title && comparable(all[0]!) === comparable(title)) all.shift();
  const paras: string[] = [];
  let used = 0;
  for (let i = 0; i < all.length; i++) {
    const p = all[i]!;
    if (used + p.length <= maxChars) {
      paras.push(p);
      used += p.length;
      continue;
    }
    const room = maxChars - used;
    // Too little room for a meaningful piece: end after the previous paragraph.
    if (room >= 120 || paras.length === 0) paras.push(truncate(p, Math.max(room, 120)));
    else paras[paras.length - 1] = paras[paras.length - 1]! + ' ' + ELLIPSIS;
    return { paras, cut: true };
  }
  return { paras, cut: false };
}

/** Tag names of the leading block that may repeat the headline. */
const LEADING_BLOCK_RE = /^\s*<(h[1-6]|p|header|div)\b[^>]*>([\s\S]*?)<\/\1>/i;
const TAG_RE = /<[^>]*>/g;

/**
 * Removes a leading heading (or paragraph) of the body HTML that only repeats the
 * headline: the page prints the headline once, in its own <h1>.
 */
export function stripRepeatedHeadline(bodyHtml: string, title: string | null): string {
  if (!title) return bodyHtml;
  const m = LEADING_BLOCK_RE.exec(bodyHtml);
  if (!m) return bodyHtml;
  const text = decodeHTML(m[2]!.replace(TAG_RE, ' '));
  return comparable(text) === comparable(title) ? bodyHtml.slice(m[0].length) : bodyHtml;
}

/** The host of a URL without "www." ('' when it is not a URL). */
export function hostOf(url: string | null | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** "20 November 2026, 12:00 UTC" — the server writes UTC; site.js may localise it. */
export function longDate(isoDate: string): string {
  const d = new Date(isoDate);
  return Number.isNaN(d.getTime()) ? '' : LONG_DATE.format(d).replace(' at ', ', ') + ' UTC';
}

/** "20 Nov 2026, 12:00 UTC". */
export function shortDate(isoDate: string): string {
  const d = new Date(isoDate);
  return Number.isNaN(d.getTime()) ? '' : SHORT_DATE.format(d).replace(' at ', ', ') + ' UTC';
}
