// entry: the steps every format shares once it has found its fields — dates checked and
// made ISO, impossible dates replaced by first-seen time, HTML sanitized, authors cleaned,
// an id chosen — so that each format's module only has to find things.
import { createHash } from 'node:crypto';
import { parseDate, toIso } from './dates.ts';
import { toPlainText, toSafeHtml, type TypedText } from './content.ts';
import type { Entry, EntryImage } from './types.ts';

/** A date more than this far ahead of first-seen time is a feed error, not news. */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
/** Dates before this are placeholders (epoch, year 1, "0000-00-00") in news feeds. */
export const EARLIEST_PLAUSIBLE = Date.UTC(1990, 0, 1);

/** What a format module finds for one entry, before the shared steps. */
export interface RawEntry {
  id: string | null;
  url: string | null;
  title: TypedText | string | null;
  authors: string[];
  published: string | null;
  updated: string | null;
  summary: TypedText | null;
  content: TypedText | null;
  categories: string[];
  image: EntryImage | null;
  lang: string | null;
}

export function emptyRaw(): RawEntry {
  return { id: null, url: null, title: null, authors: [], published: null, updated: null, summary: null, content: null, categories: [], image: null, lang: null };
}

/** Turns a RawEntry into an Entry. */
export function finishEntry(raw: RawEntry, now: Date): Entry {
  const title = raw.title == null ? null : typeof raw.title === 'string' ? clean(raw.title) : toPlainText(raw.title);
  const summary = raw.summary ? toSafeHtml(raw.summary) : null;
  const contentHtml = raw.content ? toSafeHtml(raw.content) : null;
  const url = safeLink(raw.url);
  const entry: Entry = {
    id: raw.id?.trim() || url || syntheticId(title, summary),
    url,
    title,
    authors: dedupe(raw.authors.map(cleanAuthor).filter((a): a is string => !!a)),
    publishedAt: null,
    updatedAt: null,
    summary,
    contentHtml,
    categories: dedupe(raw.categories.map((c) => clean(c)).filter((c): c is string => !!c)),
    image: raw.image && safeLink(raw.image.url) ? raw.image : null,
    lang: cleanLang(raw.lang),
  };
  const p = checkDate(raw.published, now);
  const u = checkDate(raw.updated, now);
  entry.publishedAt = p.iso;
  entry.updatedAt = u.iso;
  const problem = p.problem ?? u.problem;
  if (problem) entry.dateProblem = problem;
  return entry;
}

/** A parsed date as ISO, or first-seen time with the reason when it is impossible. */
export function checkDate(s: string | null, now: Date): { iso: string | null; problem?: 'future' | 'before-1990' } {
  const d = parseDate(s);
  if (!d) return { iso: null };
  if (d.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return { iso: toIso(now), problem: 'future' };
  if (d.getTime() < EARLIEST_PLAUSIBLE) return { iso: toIso(now), problem: 'before-1990' };
  return { iso: toIso(d) };
}

const EMAIL_RE = /^[^\s@()<>]+@[^\s@()<>]+$/;
const NAME_WITH_EMAIL_RE = /^\s*([^()<>]*?)\s*[(<]\s*([^()<>]*?)\s*[)>]\s*$/;

/** An author as a name: "me@example.com (Jane Doe)" and "Jane Doe (me@example.com)" and
 * "Jane Doe <me@example.com>" become "Jane Doe"; a bare e-mail address is kept. */
export function cleanAuthor(a: string): string | null {
  const s = clean(a);
  if (!s) return null;
  const m = NAME_WITH_EMAIL_RE.exec(s);
  if (m) {
    const [, outer, inner] = m;
    if (EMAIL_RE.test(outer!) && inner) return inner;
    if (EMAIL_RE.test(inner!) && outer) return outer;
  }
  return s;
}

/** Language tags as BCP 47 writes them: "en_US" is "en-US". */
export function cleanLang(lang: string | null | undefined): string | null {
  const t = lang?.trim().replace(/_/g, '-');
  return t || null;
}

function clean(s: string): string | null {
  const t = s.replace(/\s+/g, ' ').trim();
  return t || null;
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** An id for an entry without guid, id or link: stable across polls of the same text. */
function syntheticId(title: string | null, summary: string | null): string {
  const h = createHash('sha1').update(`${title ?? ''}\n${summary ?? ''}`).digest('hex').slice(0, 20);
  return `urn:newsdesk:entry:${h}`;
}

/** Links we pass on: http(s) only — a `javascript:` or `data:` link in a feed must never
 * reach a page as an href. */
const SAFE_LINK_RE = /^https?:\/\//i;
export function safeLink(u: string | null): string | null {
  return u && SAFE_LINK_RE.test(u) ? u : null;
}

const INT_RE = /^\s*\d{1,6}\s*$/;
export function intOrNull(s: string | null | undefined): number | null {
  return s && INT_RE.test(s) ? Number(s) : null;
}

/** Image URLs without a declared type: known image file extensions. */
export const IMAGE_EXTENSION_RE = /\.(?:jpe?g|png|gif|webp|avif|bmp|svg)(?:$|[?#])/i;
