// The headline, once: reconciles JSON-LD headline, og:title, twitter:title, other meta
// titles, <title> and the page's visible headings, and strips the site name that titles
// carry ("Headline | Site", "Headline - Site", "Site: Headline") without cutting
// separators that belong to the headline itself.
//
// Order of evidence:
//   1. the article's main heading (its first <h1> that is not the site's logo) when the
//      metadata confirms it — equal to a metadata title, to the start of one, or saying
//      nearly the same (a rewritten social headline, a longer printed one): what readers
//      see is the headline. A kicker printed in front of a metadata title, or the site's
//      name printed after it, is left out;
//   2. another visible heading equal to a metadata title or to the headline part of one
//      (the part left when the site/section segments are cut off);
//   3. a visible heading nearly equal to a metadata title (a kicker or a word changed);
//   4. the main heading when the page marks it as the headline, or has no metadata title
//      but <title>;
//   5. the most trusted metadata title with the site name removed from its ends;
//   6. any visible heading.
// Mozilla Readability prefers the metadata title verbatim (site suffix included); we do
// not, on purpose: the issue asks for the headline once, without the site name.
import { compareKey, tidy, words } from './text.ts';

/** Title sources. */
export interface TitleCandidates {
  /** JSON-LD headline. */
  ld: string | null;
  /** Dublin Core titles (dc.title, dcterms.title): rare, and deliberate when present. */
  dc: string[];
  og: string[];
  twitter: string[];
  /** Other meta titles (dc.title, parsely-title, sailthru.title, itemprop=headline …). */
  meta: string[];
  /** The <title> element. */
  titleTag: string | null;
  /** Visible headings: <h1>s and headline-classed elements, in document order (or a
   * function giving them, called only when needed). */
  visible: VisibleHeading[] | (() => VisibleHeading[]);
  /** The page's main heading (first <h1> in the article, or the only one), if any. */
  main: string | null;
  /** The main heading is marked up as the article's headline (itemprop=headline, class
   * "entry-title", "post-title", "headline" …). */
  mainMarked?: boolean;
}

/** Separators between a headline and a site name in titles: spaced dashes (so hyphenated
 * words stay whole), pipes and the vertical bars that stand in for them (box-drawing │,
 * fullwidth ｜, broken bar ¦), bullets, guillemets, slashes, colons with spaces, and in
 * CJK titles an unspaced dash or pipe before a short name ("…城！-新华网"). */
const SEPARATOR = /\s+[|│┃｜¦∣–—•·»«~\/\\‹›⋆*:-]\s+|\s*\|\s*|\s+::\s+|\s+-{2}\s+|(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}！？。」』”）])\s*[-_|｜－–—]\s*(?=[\p{Script=Han}\p{Script=Hangul}\p{L}\p{N}]{1,12}$)/gu;

/** A prefix "Site: " before a headline. */
const COLON_PREFIX = /^([^:]{2,40}):\s+(.+)$/;

/** Segments that name no article: blog furniture left in <title>s. */
const GENERIC_SEGMENT = /^(?:home|homepage|startseite|blog|blog archive|blog archiv|archive|archiv|news|nachrichten|aktuelles|artikel|article|articles|beitrag|post|posts|page|seite|index|news & events|neuigkeiten|magazin|magazine)$/i;

/** Most words of a title segment that ends with the host's name and is the site's. */
const SITE_SEGMENT_MAX_WORDS = 4;

/** Longest text we accept as a headline. */
const MAX_TITLE = 400;

/** Contiguous runs of a title's segments (not the whole), with where they sit and how many
 * words the rest has. The text of a run is taken from the original title so inner
 * separators stay as written. */
function runs(title: string): Run[] {
  let r = runCache.get(title);
  if (r === undefined) {
    r = computeRuns(title);
    if (runCache.size >= 256) runCache.clear();
    runCache.set(title, r);
  }
  return r;
}

interface Run { text: string; start: boolean; end: boolean; restWords: number }
const runCache = new Map<string, Run[]>();

function computeRuns(title: string): Run[] {
  const seps = [...title.matchAll(SEPARATOR)];
  if (!seps.length) return [];
  // Segment boundaries in the original string.
  const bounds: { s: number; e: number }[] = [];
  let pos = 0;
  for (const m of seps) {
    bounds.push({ s: pos, e: m.index! });
    pos = m.index! + m[0].length;
  }
  bounds.push({ s: pos, e: title.length });
  const total = words(title).length;
  const out: { text: string; start: boolean; end: boolean; restWords: number }[] = [];
  for (let i = 0; i < bounds.length; i++) {
    for (let j = i; j < bounds.length; j++) {
      if (i === 0 && j === bounds.length - 1) continue;
      const text = title.slice(bounds[i]!.s, bounds[j]!.e).trim();
      if (!text) continue;
      out.push({ text, start: i === 0, end: j === bounds.length - 1, restWords: total - words(text).length });
    }
  }
  return out;
}

/** Whether a title segment is the site's name (or its host name, or blog furniture). A
 * segment that holds the site name counts when at most two other words come with it
 * ("SPIEGEL ONLINE Nachrichten", "Die Zeit Online"), not a headline that mentions it
 * ("Tote Hummeln unter Linden" on a site called "Hummeln"). */
export function isSiteSegment(seg: string, siteName: string | null, host: string | null, hints: string[] = []): boolean {
  const key = seg + '\u0000' + siteName + '\u0000' + host + '\u0000' + hints.join('\u0001');
  let v = siteSegmentCache.get(key);
  if (v === undefined) {
    v = siteSegment(seg, siteName, host, hints);
    if (siteSegmentCache.size >= 512) siteSegmentCache.clear();
    siteSegmentCache.set(key, v);
  }
  return v;
}

/** isSiteSegment's answers: titles ask about the same few segments many times. */
const siteSegmentCache = new Map<string, boolean>();

function siteSegment(seg: string, siteName: string | null, host: string | null, hints: string[]): boolean {
  const k = compareKey(seg).replace(/\s/g, '');
  if (!k) return true;
  if (GENERIC_SEGMENT.test(seg.trim())) return true;
  const segWords = words(seg);
  for (const s0 of siteName ? [siteName, ...hints] : hints) {
    const s = compareKey(s0).replace(/\s/g, '');
    if (!s) continue;
    if (k === s || (k.length >= 4 && s.includes(k))) return true;
    if (s.length >= 3 && k.includes(s) && segWords.length - words(s0).length <= 2) return true;
  }
  if (host) {
    const h = host.toLowerCase().replace(/^www\d?\./, '');
    const flat = h.replace(/[^a-z0-9]/g, '');
    const label = h.split('.')[0]!.replace(/[^a-z0-9]/g, '');
    if (k === flat || k === label) return true;
    if (label.length >= 5 && k.includes(label) && k.length <= label.length + 20) return true;
    if (label.length >= 4 && k.startsWith(label) && k.length <= label.length + 12) return true;
    // The host's name closing a short segment ("European Championships Munich 2022" on
    // munich2022.com).
    if (label.length >= 6 && k.endsWith(label) && segWords.length <= SITE_SEGMENT_MAX_WORDS) return true;
    if (k.length >= 4 && label.startsWith(k)) return true;
  }
  return false;
}

/** Removes site-name (and blog-furniture) segments from the ends of a title. */
export function stripSiteName(title: string, siteName: string | null, host: string | null, hints: string[] = []): string {
  const key = title + '\u0000' + siteName + '\u0000' + host + '\u0000' + hints.join('\u0001');
  let v = stripCache.get(key);
  if (v === undefined) {
    v = stripSite(title, siteName, host, hints);
    if (stripCache.size >= 256) stripCache.clear();
    stripCache.set(key, v);
  }
  return v;
}

const stripCache = new Map<string, string>();

function stripSite(title: string, siteName: string | null, host: string | null, hints: string[]): string {
  let t = title;
  for (let i = 0; i < 4; i++) {
    const seps = [...t.matchAll(SEPARATOR)];
    if (!seps.length) break;
    const first = seps[0]!;
    const last = seps[seps.length - 1]!;
    const head = t.slice(0, first.index!).trim();
    const tail = t.slice(last.index! + last[0].length).trim();
    const beforeLast = t.slice(0, last.index!).trim();
    const afterFirst = t.slice(first.index! + first[0].length).trim();
    if (isSiteSegment(tail, siteName, host, hints) && beforeLast) {
      t = beforeLast;
      continue;
    }
    if (isSiteSegment(head, siteName, host, hints) && afterFirst) {
      t = afterFirst;
      continue;
    }
    break;
  }
  const cm = COLON_PREFIX.exec(t);
  if (cm && isSiteSegment(cm[1]!, siteName, host, hints)) t = cm[2]!.trim();
  return t;
}

/** Token-overlap similarity (F1 of word multisets). */
export function similarity(a: string, b: string): number {
  const A = words(a), B = words(b);
  if (!A.length || !B.length) return 0;
  const counts = new Map<string, number>();
  for (const w of A) counts.set(w, (counts.get(w) ?? 0) + 1);
  let hit = 0;
  for (const w of B) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      hit++;
      counts.set(w, c - 1);
    }
  }
  const p = hit / B.length, r = hit / A.length;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

/** A visible heading: the text to compare with metadata and the text to print (the
 * heading without its kicker when it has one). */
export interface VisibleHeading {
  match: string;
  text: string;
  /** An <h1> (not a headline-classed element, which may be a teaser's). */
  h1?: boolean;
}

/** Punctuation that titles sometimes start or end with by CMS accident (": Headline",
 * "Headline •", "Headline ¶"). */
const EDGE_JUNK = /^[\s:;,|•·–—-]+|[\s:;,|•·–—¶§#-]+$/g;

/** A date used as a title segment ("23.01.2022 - Headline", "Headline 02.02.2022 •"). */
const DATE_SEGMENT = /^(?:\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4})$/;

/** Chooses the headline. */
export function chooseTitle(c: TitleCandidates, siteName: string | null, host: string | null): string | null {
  const clean = (s: string | null | undefined, isMeta: boolean): string | null => {
    let t = tidy(s).replace(EDGE_JUNK, '');
    // A date as a segment of a metadata title ("23.01.2022 - Headline", "Headline
    // 02.02.2022 •"); a visible heading keeps its date ("…, 19.5.2007").
    if (isMeta) t = t.replace(/^(\S+)\s+/, (m0, d: string) => (DATE_SEGMENT.test(d) ? '' : m0)).replace(/([^,])\s+(\S+)$/, (m0, b: string, d: string) => (DATE_SEGMENT.test(d) ? b : m0));
    t = t.replace(EDGE_JUNK, '');
    return t && t.length <= MAX_TITLE ? t : null;
  };
  const metas: string[] = [];
  for (const s of [c.ld, ...c.dc, ...c.og, ...c.twitter, ...c.meta, c.titleTag]) {
    const t = clean(s, true);
    if (t && !metas.includes(t) && !GENERIC_SEGMENT.test(t) && !(siteName && compareKey(t) === compareKey(siteName))) metas.push(t);
  }
  // A title cut short by a quote the page left unescaped in its attribute
  // (content="Biden de "incapacitado""): a later title that goes on with the quote wins.
  for (let i = 0; i < metas.length; i++) {
    const m = metas[i]!;
    const longer = metas.find((x) => x.length > m.length + 1 && x.startsWith(m) && /^\s*["“„«']/.test(x.slice(m.length)));
    if (longer) metas[i] = stripSiteName(longer, siteName, host);
  }
  const hints: string[] = [];
  const main = clean(c.main, false);

  // 1. The article's main heading, when the metadata confirms it: it equals a metadata
  //    title, the start of one ("Headline | Section | Site"), or a part longer than the
  //    rest; it shares most words with the best metadata title (a rewritten social
  //    headline, a longer printed one). Two exceptions: the heading is a metadata title
  //    with a kicker in front ("Open Progress Why …") or with the site's name after it
  //    ("Headline | FASSETTE.NET"): then the metadata title, without either.
  // A main heading that is the title's segment before its archive segment ("Time 4 talks
  // » Blog Archiv » Headline") is the blog's name.
  if (main && metas.some((m) => beforeFurniture(m, main))) hints.push(main);
  if (main && !hints.includes(main) && !isSiteSegment(main, siteName, host)) {
    const km = compareKey(main);
    // Printed as the metadata says, unless the heading lost a separator the metadata has
    // (a kicker set apart only by a visually hidden ": ").
    for (const m of metas) if (compareKey(m) === km) return separators(m) > separators(main) ? m : main;
    // A kicker in front of a metadata title (as written): two words or more, or one that
    // is not an article ("Tunesien Große Aufgaben …", not "The seven secrets …").
    for (const m0 of metas) {
      // The title as written, or without a site name at its end ("… - handwerk magazin").
      const base = stripSiteName(m0, siteName, host);
      for (const m of compareKey(m0).startsWith(compareKey(base)) ? [m0, base] : [m0]) {
        const km0 = compareKey(m);
        if (km0.length < 8 || !km.endsWith(' ' + km0)) continue;
        const kicker = km.slice(0, km.length - km0.length).trim().split(' ');
        // '"Pure Leere": Marita Kramer …' is one headline: a quote or phrase joined by a
        // colon belongs to it.
        // A colon with a space before it and none after ("…direktion :Impfen") is a
        // separator the markup hides, not punctuation joining the two.
        const head = main.slice(0, main.length - approxSuffix(main, m));
        const joined = /[:：]\s*$/.test(head) && !(/\s[:：]$/.test(head) && /^\S/.test(main.slice(head.length)));
        if (!joined && (kicker.length >= 2 || !ARTICLE_WORD.test(kicker[0]!))) return m;
      }
    }
    for (const m of metas) for (const r of runs(m)) if (compareKey(r.text) === km && (r.start || words(r.text).length > r.restWords)) return main;
    for (const m of metas) {
      const base = stripSiteName(m, siteName, host);
      const kb = compareKey(base);
      if (kb.length < 8 || kb === km || !km.startsWith(kb + ' ')) continue;
      const rest = main.slice(approxPrefix(main, base));
      const sep = SEPARATOR_AT.exec(rest);
      if (sep && (/[|•·«»]/.test(sep[0]) || isSiteSegment(rest.slice(sep[0].length), siteName, host))) return base;
    }
    // The main heading, when it says nearly what the metadata title says.
    const best = metas[0] ? stripSiteName(metas[0], siteName, host) : null;
    if (best && similarity(main, best) >= 0.5 && !runs(metas[0]!).some((r) => !r.start && compareKey(r.text) === km)) {
      // Unless another <h1> of the page prints the metadata title exactly (a display
      // heading set in several lines with words changed, the plain one marked up beside it).
      const keys = new Set(metas.map((m) => compareKey(m)));
      const exact = (typeof c.visible === 'function' ? c.visible() : c.visible).find((v) => v.h1 && keys.has(compareKey(tidy(v.match))));
      return exact ? tidy(exact.text).replace(EDGE_JUNK, '') : main;
    }
  }
  // The other visible headings (read only now: most pages are settled by step 1).
  const visible: VisibleHeading[] = [];
  for (const h of typeof c.visible === 'function' ? c.visible() : c.visible) {
    const match = clean(h.match, false);
    const text = clean(h.text, false) ?? match;
    if (!match || !text || match.length < 2 || hints.includes(match)) continue;
    if (!isSiteSegment(match, siteName, host)) visible.push({ match, text, h1: h.h1 });
    // The site's name as its masthead prints it: a hint for the title's site segments
    // (a name with a separator inside, "Salsa-Figuren - Rueda in Berlin", is cut whole).
    else if (h.h1 && SEPARATOR_IN.test(match)) hints.push(match);
  }
  // 2. A visible heading equal to a metadata title or to its headline part. A heading
  //    equal only to a short end of the title (the rest being longer) is the site's
  //    logo or a section name: remember it as a site-name hint instead.
  let partial = null as { v: string; score: number } | null;
  for (const m of metas) {
    const km = compareKey(m);
    for (const v of visible) if (compareKey(v.match) === km) return stripSiteName(v.text, siteName, host);
    for (const r of runs(m)) {
      const kr = compareKey(r.text);
      for (const v of visible) {
        if (compareKey(v.match) !== kr) continue;
        const w = words(r.text).length;
        // The headline part of a title: its start when it has three words or more (or about
        // as many as the rest), any part at least as long as the rest.
        if ((r.start ? w >= r.restWords : w > r.restWords) || (r.start && !r.end && (w >= 3 || (w >= 2 && r.restWords <= w + 2)))) {
          const score = (r.start ? 2 : 0) + w / 100;
          if (!partial || score > partial.score) partial = { v: v.text, score };
        } else if (!hints.includes(v.match)) {
          hints.push(v.match);
        }
      }
    }
    if (partial) return partial.v;
  }
  // 3. A visible heading nearly equal to a metadata title. A heading that is the metadata
  //    title with a kicker in front ("Immobilienkrise Rene Benko-Firma …") gives way to
  //    the metadata title.
  for (const m of metas) {
    const base = stripSiteName(m, siteName, host, hints);
    for (const v of visible) {
      if (similarity(v.text, base) < 0.85) continue;
      const kv = compareKey(v.text), kb = compareKey(base);
      if (kv.endsWith(' ' + kb) && kv.length > kb.length) return base;
      return v.text;
    }
  }
  // 4. The main heading of the article, when it is the page's own headline: the page
  //    marks it up as the headline, has no metadata title but <title>, or the heading
  //    shares most of its words with the metadata title (a rewritten social headline).
  //    Otherwise a heading unrelated to an og:title/JSON-LD headline is more often a
  //    section name than the headline. A marked headline is the article's own even when
  //    it shares few words with the metadata: SEO plugins let editors write a separate
  //    title for search results and social cards, and the template prints the post's.
  if (main && !isSiteSegment(main, siteName, host, hints) && !hints.includes(main)) {
    const best = metas[0] ? stripSiteName(metas[0], siteName, host, hints) : null;
    const onlyTitleTag = metas.length <= 1 && (!metas[0] || metas[0] === clean(c.titleTag, true));
    const isSection = !!metas[0] && runs(metas[0]).some((r) => compareKey(r.text) === compareKey(main));
    const related = !!best && similarity(main, best) >= 0.5;
    if (!best || (!isSection && (c.mainMarked || related || (onlyTitleTag && words(main).length >= 2 && similarity(main, best) >= 0.2)))) return main;
  }
  // 5. The best metadata title with the site name removed from its ends. When another
  //    metadata title shows it as "<this> | <site>", it is already bare: no guessing.
  const first = metas[0];
  if (first) {
    const stripped = stripSiteName(first, siteName, host, hints);
    const kf = compareKey(stripped);
    const bareIn = metas.find((m) => m !== first && compareKey(m).startsWith(kf + ' ') && SEPARATOR_AT.test(m.slice(approxPrefix(m, stripped))));
    if (!bareIn) return guessStrip(stripped, siteName);
    // The same words set with typographic dashes and quotes where the first has ASCII
    // ones ("Januar – Mai" in <title>, "Januar - Mai" in og:title): publishing systems
    // set the title the page prints typographically and leave the SEO copy plain.
    const head = bareIn.slice(0, approxPrefix(bareIn, stripped)).trim();
    return compareKey(head) === kf && typographic(head) > typographic(stripped) && plain(head) === plain(stripped) ? head : stripped;
  }
  // 6. The main heading, else any visible heading.
  return main ?? visible[0]?.text ?? null;
}

/** The archive segment of WordPress's classic titles ("Blog » Blog Archive » Headline"). */
const ARCHIVE_SEGMENT = /^(?:blog\s?archiv(?:e)?|archiv(?:e)?)$/i;

/** Whether `seg` is the segment of `title` before an archive segment that a longer one
 * (the headline) follows: the blog's name. */
function beforeFurniture(title: string, seg: string): boolean {
  const parts = title.split(SEPARATOR).map((x) => x.trim());
  const k = compareKey(seg);
  for (let i = 0; i + 2 < parts.length; i++) {
    if (compareKey(parts[i]!) === k && ARCHIVE_SEGMENT.test(parts[i + 1]!) && words(parts[i + 2]!).length > words(seg).length) return true;
  }
  return false;
}

/** Punctuation that joins a kicker to a headline or parts of one. */
const JOINING_PUNCT = /[:：–—|]/g;

/** How many joining marks a title has. */
function separators(s: string): number {
  return s.match(JOINING_PUNCT)?.length ?? 0;
}

/** A spaced dash or pipe inside a name. */
const SEPARATOR_IN = /\s[-–—|]\s/;

/** Typographic dashes, quotes and apostrophes. */
const TYPOGRAPHIC = /[–—‘’‚“”„«»‹›…]/g;

/** How many typographic marks a title has. */
function typographic(s: string): number {
  return s.match(TYPOGRAPHIC)?.length ?? 0;
}

/** A title with its typography made plain (dashes as "-", quotes as '"' and "'"). */
function plain(s: string): string {
  return s.replace(/[–—]/g, '-').replace(/[‘’‚‹›]/g, "'").replace(/[“”„«»]/g, '"').replace(/…/g, '...').replace(/\s+/g, ' ');
}

/** Articles and determiners: a headline may start with one, a kicker is not one. */
const ARTICLE_WORD = /^(?:the|a|an|der|die|das|ein|eine|le|la|les|un|une|el|los|las|il|lo|gli|de|het|een|o|os|as)$/;

/** A title separator at the start of a string (what follows a headline in "Headline | Site"). */
const SEPARATOR_AT = /^\s*(?:[|│┃｜¦∣–—•·»«~\/\\‹›⋆*:-]|::|-{2})\s*/u;

/** How many characters at the end of `s` hold the text of `suffix` (letters and digits
 * compared, as in approxPrefix). */
function approxSuffix(s: string, suffix: string): number {
  const want = compareKey(suffix).replace(/\s/g, '');
  let got = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    if (got >= want.length) return s.length - 1 - i;
    const ch = s[i]!.normalize('NFKC').toLowerCase();
    if (/[\p{L}\p{N}]/u.test(ch)) {
      if (want.endsWith(ch, want.length - got)) got += ch.length;
      else return s.length - 1 - i;
    }
  }
  return s.length;
}

/** Where the text of `prefix` ends inside `s`, matching letters and digits only (quotes,
 * dashes and spaces may be written differently). */
function approxPrefix(s: string, prefix: string): number {
  const want = compareKey(prefix).replace(/\s/g, '');
  let got = 0;
  for (let i = 0; i < s.length; i++) {
    if (got >= want.length) return i;
    const ch = s[i]!.normalize('NFKC').toLowerCase();
    if (/[\p{L}\p{N}]/u.test(ch)) {
      if (want.startsWith(ch, got)) got += ch.length;
      else return i;
    }
  }
  return s.length;
}

/** Whitespace-separated word count (what a reader sees as words: "2.0" is one). */
function wordCount(s: string): number {
  // CJK is written without spaces: count about two characters as a word.
  const cjk = s.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length + Math.floor(cjk / 2);
}

/** Drops short end segments after pipes, dashes or guillemets that the site-name match
 * did not catch ("| Forum", "- Eintracht Presse"), while the rest still reads as a
 * headline: at least three words and longer than what is dropped. Colons never count
 * here: "Brexit: what next" is one headline. */
function guessStrip(title: string, siteName: string | null = null): string {
  let t = title;
  // A site name with a separator inside ("史蒂文的家_藍天") is not cut in two.
  const inSite = (tail: string): boolean => !!siteName && siteName.includes(tail) && title.includes(siteName);
  // "Site - Section » Headline": with three or more segments, a long segment among short
  // ones is the headline.
  const segs = t.split(SEPARATOR).map((x) => x.trim()).filter(Boolean);
  if (segs.length >= 3) {
    const counts = segs.map(wordCount);
    const max = Math.max(...counts);
    const i = counts.indexOf(max);
    if (max >= 4 && counts.every((n, j) => j === i || n <= 4) && counts.filter((n) => n === max).length === 1) return segs[i]!;
  }
  for (let i = 0; i < 3; i++) {
    const seps = [...t.matchAll(SEPARATOR)].filter((m) => !/^\s*:\s*$/.test(m[0]));
    if (!seps.length) return t;
    const last = seps[seps.length - 1]!;
    const head = t.slice(0, last.index!).trim();
    const tail = t.slice(last.index! + last[0].length).trim();
    const hw = wordCount(head), tw = wordCount(tail);
    if (tail && tw <= 3 && hw >= 3 && hw > tw && !/[?!]$/.test(tail) && !inSite(tail)) {
      t = head;
      continue;
    }
    return t;
  }
  return t;
}
