// Publication and modification dates: JSON-LD, meta tags, microdata, inline app-state
// JSON, <time> elements, date-classed elements and datelines, the URL, and as a last
// resort a date written near the headline — then shown in the site's own offset when the
// source gave UTC and the page says which local day it was.
//
// The dateline printed under the headline is always read (a few lines): when it gives
// another day than the metadata, and is neither the modification date nor a day between
// first publication and last change, it wins — stale metadata dates (a CMS's creation
// date, a template's) are commoner than wrong datelines. The rest of the visible page is
// read only when the metadata leaves a question open (no date, a date without a time, or a
// UTC time whose local day the page may tell).
import { classAndId, closestWithin, isTag, type Element } from '../dom.ts';
import { scriptDate } from './collect.ts';
import { dateFromUrl, formatIso, monthFirstLocale, monthWord, parseMachineDate, parseTextDate, toEpoch, UPDATED_WORD, type DateParts } from './dates.ts';
import type { LdInfo } from './jsonld.ts';
import { isInside, textAfter, type Page } from './page.ts';
import { textUpTo } from './text.ts';

/** Meta tags carrying the publication date, most specific first. */
const PUBLISHED_METAS = ['article:published_time', 'og:article:published_time', 'datepublished', 'article:published', 'published_time', 'og:published_time', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'publication_date', 'date', 'dc.date', 'dc.date.issued', 'dcterms.date', 'dcterms.issued', 'dc.date.created', 'dcterms.created', 'sailthru.date', 'parsely-pub-date', 'article.published', 'article_date_original', 'originalpublicationdate', 'cxenseparse:recs:publishtime', 'citation_publication_date', 'citation_date', 'displaydate', 'date.published', 'dc:date', 'created', 'date.created', 'release_date', 'content_date', 'og:pubdate'];

/** Meta tags carrying the last modification date. */
const MODIFIED_METAS = ['article:modified_time', 'og:article:modified_time', 'datemodified', 'og:updated_time', 'article:modified', 'modified_time', 'last-modified', 'lastmod', 'dc.date.modified', 'dcterms.modified', 'sailthru.lastmodified', 'article.updated', 'revised', 'date.modified', 'updated_time', 'dc:modified'];

/** Other meta names that say "published date" (read when none of the above is there). */
const OTHER_PUBLISHED_META = /(?:^|[:._-])(?:article[:._-])?(?:publish(?:ed)?[_-]?(?:time|date|at|on)|pub[_-]?date|date[_-]?published)$/;

/** Words in a dateline that say it gives the publication date: such a line counts even in
 * the article's footer ("Erschienen am: 01.11.2023"). */
const PUBLISHED_LABEL = /^\s*(?:published|first published|posted|veröffentlicht|erschienen|publiziert|publié|publicado|pubblicato|gepubliceerd)\b/i;

/** How many date-looking elements are parsed as text, at most. */
const VISIBLE_DATE_BUDGET = 40;

/** How far after the headline (in elements) a dateline may sit, and how far before. */
const DATELINE_AFTER = 120;
const DATELINE_BEFORE = 40;
/** Longest text taken for a dateline: longer ones are sentences that mention a date. */
const DATELINE_MAX = 120;

/** Text around a date that says it is not the publication date. */
const NOT_PUBLISHED_CONTEXT = /copyright|©|\(c\)|updated?\b|aktualisiert|editiert|edited|geändert|letzte änderung|zuletzt|modified|mis à jour|actualizado|registriert|mitglied seit|member since|joined|geburtstag|born|öffnungszeiten|gültig|valid|deadline|frist|bis zum|until|event|termin|veranstaltung|kommentar|comment|reply|antwort/i;

/** Digits a written date needs (a year, or day and month): the cheap test before parsing. */
const DATE_DIGITS = /(?:19|20)\d{2}|\d{1,2}[./-]\d{1,2}/;

interface Visible { parts: DateParts; score: number; order: number; updated: boolean }

export function chooseDates(page: Page, ld: LdInfo, parselyDate: string | null, lang: string | null, url: string | null): { publishedAt: string | null; modifiedAt: string | null } {
  const c = page.c;
  const pub: DateParts[] = [];
  const mod: DateParts[] = [];
  const add = (list: DateParts[], p: DateParts | null): void => {
    if (p) list.push(p);
  };
  const machine = (v: string | null | undefined): DateParts | null => parseMachineDate(v, lang);
  add(pub, machine(ld.datePublished));
  for (const k of PUBLISHED_METAS) for (const v of c.metas.get(k) ?? []) add(pub, machine(v));
  add(pub, machine(parselyDate));
  for (const el of c.props.get('datepublished') ?? []) if (el.name !== 'meta') add(pub, machine(el.attribs.content ?? el.attribs.datetime ?? textUpTo(el, 120)));
  add(mod, machine(ld.dateModified));
  for (const k of MODIFIED_METAS) for (const v of c.metas.get(k) ?? []) add(mod, machine(v));
  for (const el of c.props.get('datemodified') ?? []) if (el.name !== 'meta') add(mod, machine(el.attribs.content ?? el.attribs.datetime ?? textUpTo(el, 120)));
  if (!pub.length) {
    // Plugins name their own tags ("shareaholic:article_published_time").
    for (const [k, vs] of c.metas) if (OTHER_PUBLISHED_META.test(k)) add(pub, machine(vs[0]));
  }
  if (!pub.length) add(pub, machine(scriptDate(c)));

  const top = pub[0];
  const urlDay = dateFromUrl(url);
  let zoned: DateParts | undefined;
  for (const x of pub) if (x.offset) { zoned = x; break; }
  if (!zoned) for (const x of mod) if (x.offset) { zoned = x; break; }
  // A dateline printed just under the headline that gives another day than the metadata:
  // the page shows readers that day as the article's date, and stale metadata (a CMS's
  // creation date, a template's) is the commoner fault. That holds when the day is the
  // one the metadata calls the last change: a site that prints its update day unlabelled
  // under the headline presents it as the story's date (a line labelled "Updated", or
  // an element marked as the modification date or hidden, is no dateline).
  const line = page.heading() ? datelineUnderHeading(page, lang) : null;
  let lineDay: DateParts | null = null;
  if (line) {
    const shown = line.parts;
    if (!top) pub.unshift(shown);
    // A UTC time near midnight and a printed day next to it: the same moment in the site's
    // zone ("2018-06-12T23:00Z" printed "13 June 2018"), not another date.
    else if (!shown.hasTime && top.hasTime && top.offset === 0 && localDayOf(top, shown)) lineDay = shown;
    else if (
      !sameDay(shown, top) &&
      // The same date read with day and month swapped: the page's own reading is trusted
      // only when it is unambiguous ("01.11.2023", "1. November 2023").
      !(line.ambiguous && shown.y === top.y && shown.mo === top.d && shown.d === top.mo)
    ) pub.unshift(shown);
  }
  // The rest of the visible page, only when the metadata leaves a question open: no date;
  // a date without a time that no other source completes; a UTC time whose local day
  // nothing else (a zoned date, the URL) tells.
  const open = !top || (!top.hasTime ? !pub.some((x) => x.hasTime && sameDay(x, top)) : !top.offset && !zoned && !urlDay);
  const visible = open ? visibleDates(page, lang) : [];
  for (const v of visible) if (!v.updated) pub.push(v.parts);
  for (const v of visible) if (v.updated) mod.push(v.parts);
  add(pub, urlDay);
  // Last resort: a date written in a short text near the headline; then the only date the
  // page has, its modification date.
  if (!pub.length) add(pub, datelineNearHeading(page, lang));
  if (!pub.length && mod[0]) pub.push(mod[0]);

  const localDays: DateParts[] = [];
  if (lineDay) localDays.push(lineDay);
  if (urlDay) localDays.push(urlDay);
  for (const v of visible) if (!v.updated && v.parts.offset == null) localDays.push(v.parts);
  if (!zoned) for (const x of pub) if (x.offset) { zoned = x; break; }
  const p = localize(best(pub), zoned?.offset ?? null, localDays);
  const m = localize(best(mod), zoned?.offset ?? null, []);
  return { publishedAt: p ? formatIso(p) : null, modifiedAt: m ? formatIso(m) : null };
}

function sameDay(a: DateParts, b: DateParts): boolean {
  return a.y === b.y && a.mo === b.mo && a.d === b.d;
}

/** The first candidate; a date-only value is completed by a later candidate with a time on
 * the same day. */
function best(list: DateParts[]): DateParts | null {
  const first = list[0];
  if (!first) return null;
  if (first.hasTime) return first;
  for (const p of list) if (p.hasTime && sameDay(p, first)) return p;
  return first;
}

/** Visible dates: <time> elements, then date-classed elements and datelines, ranked by how
 * article-like their place is. */
function visibleDates(page: Page, lang: string | null): Visible[] {
  const c = page.c;
  const article = page.article();
  const visible: Visible[] = [];
  let order = 0;
  for (const el of c.timeEls) {
    if (page.inBoilerplate(el, false)) continue;
    const dt = el.attribs.datetime ?? el.attribs.content;
    const text = textUpTo(el, 200) ?? '';
    const p = dt ? parseMachineDate(dt, lang) ?? parseTextDate(text, lang) : parseTextDate(text, lang);
    if (!p) continue;
    const ctx = classAndId(el) + ' ' + (el.attribs.itemprop ?? '') + ' ' + ('pubdate' in el.attribs ? 'pubdate' : '');
    const parentCtx = el.parent && isTag(el.parent) ? classAndId(el.parent) + ' ' + (textUpTo(el.parent, 120) ?? '') : '';
    const updated = /updated|modified|aktualisiert/.test(ctx) || (!/publish|pubdate/.test(ctx) && UPDATED_WORD.test(parentCtx.split(text)[0] ?? ''));
    let score = 3;
    if (/publish|pubdate|created|posted/.test(ctx)) score += 2;
    if (article && isInside(el, article)) score += 2;
    visible.push({ parts: p, score, order: order++, updated });
  }
  let budget = VISIBLE_DATE_BUDGET;
  const seen = new Set<Element>();
  const consider = (el: Element, labelled: boolean): void => {
    if (budget <= 0 || el.name === 'time' || seen.has(el)) return;
    seen.add(el);
    const place = page.place(el, false);
    if (place === 2) return;
    // hAtom/microformat dates carry the machine value in an attribute.
    const attrDate = el.attribs.datetime ?? el.attribs.content ?? (/\d{4}-\d{2}-\d{2}/.test(el.attribs.title ?? '') ? el.attribs.title : undefined);
    const machine = attrDate ? parseMachineDate(attrDate, lang) : null;
    if (machine) {
      if (place === 1) return;
      const isUpdated = /updated|modified/.test(classAndId(el)) && !/published/.test(classAndId(el));
      visible.push({ parts: machine, score: 3, order: order++, updated: isUpdated });
      return;
    }
    let text = textUpTo(el, 240);
    // A label on its own ("<span>Datum</span><span>18.10.2021</span>"): the date follows it.
    if (labelled && text && !DATE_DIGITS.test(text) && text.length < 40) text = text + ' ' + textAfter(el, 80);
    if (!text || text.length < 6 || !DATE_DIGITS.test(text)) return;
    budget--;
    // Each line on its own: "Letzte Änderung: 31.10.2023\nErschienen am: 01.11.2023".
    const lines = text.includes('\n') ? text.split(/\s*\n\s*/).filter((l) => DATE_DIGITS.test(l)) : [text];
    for (const line of lines.slice(0, 4)) {
      // Outside the article (its footer or sidebar) only a line saying "published" counts.
      if (place === 1 && !(labelled && PUBLISHED_LABEL.test(line))) continue;
      const upd = UPDATED_WORD.exec(line);
      const lead = upd ? line.slice(0, upd.index) : line;
      const p = parseTextDate(lead, lang);
      if (upd) {
        const q = parseTextDate(line.slice(upd.index), lang);
        if (q) visible.push({ parts: q, score: 1, order: order++, updated: true });
      }
      if (!p) continue;
      let score = 1;
      if (/publish|posted|created|datum|date|dateline/.test(classAndId(el)) || PUBLISHED_LABEL.test(line)) score += 1;
      if (article && isInside(el, article)) score += 1;
      visible.push({ parts: p, score, order: order++, updated: false });
      break;
    }
  };
  for (const el of c.dateEls) consider(el, false);
  for (const el of c.dateTextEls) consider(el, true);
  for (const el of c.bylineEls) consider(el, false);
  visible.sort((a, b) => b.score - a.score || a.order - b.order);
  return visible;
}

/** A date written in a short text near the headline (after it, else just before it),
 * outside comments, teasers and footers. */
function datelineNearHeading(page: Page, lang: string | null): DateParts | null {
  let found: DateParts | null = null;
  let before: DateParts | null = null;
  page.aroundHeading(DATELINE_AFTER, DATELINE_BEFORE, (text, el, after) => {
    if (text.length > DATELINE_MAX || !DATE_DIGITS.test(text) || NOT_PUBLISHED_CONTEXT.test(text) || page.inBoilerplate(el, false)) return false;
    const p = parseTextDate(text, lang);
    if (!p) return false;
    if (after) {
      found = p;
      return true;
    }
    before ??= p;
    return true;
  });
  return found ?? before;
}

/** The dateline right under (or just above) the main heading: one of the first short
 * lines after it, or the line just before it, that is a date with at most a label
 * ("Stand: 28.04.2020 18:00 Uhr", "Mittwoch, 26.01.2022 - 14:30", "Erstellt am: …"). */
function datelineUnderHeading(page: Page, lang: string | null): { parts: DateParts; ambiguous: boolean } | null {
  let found: { parts: DateParts; ambiguous: boolean } | null = null;
  let lines = 0;
  let before = 0;
  page.aroundHeading(UNDER_HEADING_REACH, UNDER_HEADING_REACH, (text, el, after) => {
    // Lines of navigation and other furniture do not count.
    if (!/\S/.test(text) || page.inBoilerplate(el, false)) return false;
    if (after ? ++lines > UNDER_HEADING_LINES : ++before > 2) return !after;
    if (text.length > 60 || !DATE_DIGITS.test(text) || NOT_PUBLISHED_CONTEXT.test(text) || !isDatelineShaped(text) || inProseOrList(el) || markedNotShown(el)) return false;
    const parts = parseTextDate(text, lang);
    if (parts) found = { parts, ambiguous: AMBIGUOUS_NUMERIC.test(text) && (text.includes('/') || (!!lang && monthFirstLocale(lang))) };
    return !!parts;
  });
  return found;
}

/** Whether a date element is marked as the modification date, or hidden from readers:
 * `<time itemprop="dateModified" class="hidden">`. (A class "updated" says nothing:
 * hAtom themes put it on the post's own date.) */
function markedNotShown(el: Element): boolean {
  const marked = closestWithin(el, 3, ({ attribs: a }) => {
    if (a.itemprop && /\bdatemodified\b/i.test(a.itemprop)) return true;
    if (a.hidden !== undefined || a['aria-hidden'] === 'true') return true;
    if (a.class && HIDDEN_CLASS.test(a.class)) return true;
    return undefined;
  });
  return marked !== null;
}

/** Class names that hide an element. */
const HIDDEN_CLASS = /(?:^|\s)(?:hidden|d-none|sr-only|visually-?hidden|screen-reader-text)(?:\s|$)/i;

/** A numeric date whose day and month could be swapped ("11/01/2021"; "11.03.17" on a US
 * page). */
const AMBIGUOUS_NUMERIC = /(?<!\d)(?:0?[1-9]|1[0-2])[/.-](?:0?[1-9]|1[0-2])[/.-](?:19|20)?\d{2}(?!\d)/;

/** Whether a date sits in running text (a dated link inside a paragraph) or in a list of
 * other stories ("related", "teaser", "latest" blocks not caught as furniture). */
function inProseOrList(el: Element): boolean {
  const found = closestWithin(el, 5, (p) => {
    if (p.name === 'p' && (textUpTo(p, 100) ?? 'x'.repeat(101)).length > 80) return true;
    if ((p.attribs.class || p.attribs.id) && OTHER_STORIES.test(classAndId(p))) return true;
    return undefined;
  });
  return found !== null;
}

/** Class words of blocks listing other stories. */
const OTHER_STORIES = /related|teaser|recommend|similar|popular|latest|newest|more-|-more|read-?also|also-?read|weitere|empfehl/;

/** How many elements, and non-empty text lines, after the heading a dateline may sit. */
const UNDER_HEADING_REACH = 80;
const UNDER_HEADING_LINES = 8;

/** Words a dateline may hold besides its date: labels, weekdays, months, "Uhr". */
const DATELINE_WORDS = /^(?:stand|erstellt|veröffentlicht|publiziert|erschienen|am|um|vom|uhr|published|posted|on|at|publié|le|à|publicado|el|de|del|a|las|pubblicato|il|alle|datum|date|fecha|data|h|[ap]\.?m\.?|\p{L}{2,3}\.?|mon|tues|wednes|thurs|fri|satur|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo)(?:day)?$/iu;

/** Whether a short text is a date with at most a label: every word is a label, a weekday
 * or a month name (numbers aside). */
function isDatelineShaped(text: string): boolean {
  for (const w of text.match(/\p{L}+\.?/gu) ?? []) if (!DATELINE_WORDS.test(w) && !monthWord(w)) return false;
  return true;
}

/** Words of a date line besides its labels, weekdays and months: a section name beside the
 * date ("2021-10-16 | Botschaft"), a second label ("Ultima modifica"). */
const DATE_LINE_OTHER_WORDS = 2;

/**
 * Whether a short block is only a date line — a date and time with labels and at most a
 * couple of other words — as pages print above an article ("15. Mai 2019, 05:28 Uhr",
 * "Publikacja: 04.05.2021", "asked Feb 6, 2014 at 20:37"). A sentence (ending in a full
 * stop after a word) is never one.
 */
export function isDateLine(text: string): boolean {
  if (text.length > 100 || /\p{L}[.!?]["”’)]?$/u.test(text)) return false;
  let others = 0;
  for (const w of text.match(/\p{L}+\.?/gu) ?? []) if (!DATELINE_WORDS.test(w) && !monthWord(w) && ++others > DATE_LINE_OTHER_WORDS) return false;
  return parseTextDate(text) !== null;
}

/** A UTC timestamp shown in the site's own zone. Sites often publish `…Z` times while the
 * page (its other dates, its URL, its dateline) is in local time; near midnight the UTC
 * day is not the day the publisher printed. We re-express the same instant in the
 * offset another date on the page states, else in the smallest whole-hour offset that
 * lands on the day the URL or dateline gives (when that day is adjacent). A time with no
 * zone at all is taken as the site's wall clock and only gets its offset. */
function localize(p: DateParts | null, siteOffset: number | null, localDays: DateParts[]): DateParts | null {
  if (!p || !p.hasTime || (p.offset != null && p.offset !== 0)) return p;
  // A time written without a zone ("21.01.2022 - 13:30") is the site's wall-clock time.
  if (p.offset == null) return siteOffset != null ? { ...p, offset: siteOffset } : p;
  if (siteOffset != null) return inOffset(p, siteOffset);
  const day = localDays[0];
  if (!day || (day.y === p.y && day.mo === p.mo && day.d === p.d)) return p;
  const want = Date.UTC(day.y, day.mo - 1, day.d);
  const have = Date.UTC(p.y, p.mo - 1, p.d);
  const diff = Math.round((want - have) / 86400000);
  if (Math.abs(diff) !== 1) return p;
  for (let h = 1; h <= 10; h++) {
    const off = diff > 0 ? h * 60 : -h * 60;
    const q = inOffset(p, off);
    if (q.y === day.y && q.mo === day.mo && q.d === day.d) return q;
  }
  return p;
}

/** Whether `day` is the local day of the UTC time `p` in a zone up to ten hours off UTC
 * (and not its UTC day). */
function localDayOf(p: DateParts, day: DateParts): boolean {
  if (sameDay(p, day)) return false;
  for (let h = 1; h <= 10; h++) for (const off of [h * 60, -h * 60]) if (sameDay(inOffset(p, off), day)) return true;
  return false;
}

/** The same instant as `p`, written with the given offset (minutes east of UTC). */
function inOffset(p: DateParts, offset: number): DateParts {
  const d = new Date(toEpoch(p) + offset * 60000);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), offset, hasTime: true };
}
