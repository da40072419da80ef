// Publication and modification dates: JSON-LD, meta tags, inline app-state JSON,
// microdata, <time> elements, date-classed elements and datelines, the URL, and as a last
// resort a date written near the headline — then shown in the site's own offset when the
// source gave UTC and the page says which local day it was.
import { classAndId, isTag } from '../dom.ts';
import type { Collected } from './collect.ts';
import { dateFromUrl, formatIso, parseMachineDate, parseTextDate, toEpoch, UPDATED_WORD, type DateParts } from './dates.ts';
import type { LdInfo } from './jsonld.ts';
import { inBoilerplate, isInside, mainArticle, mainHeadingEl } from './page.ts';
import { textUpTo } from './text.ts';

/** Meta tags carrying the publication date, most specific first. */
const PUBLISHED_METAS = ['article:published_time', 'og:article:published_time', 'datepublished', 'article:published', 'published_time', 'og:published_time', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'publication_date', 'date', 'dc.date', 'dc.date.issued', 'dcterms.date', 'dcterms.issued', 'dc.date.created', 'dcterms.created', 'sailthru.date', 'parsely-pub-date', 'article.published', 'article_date_original', 'originalpublicationdate', 'cxenseparse:recs:publishtime', 'citation_publication_date', 'citation_date', 'displaydate', 'date.published', 'dc:date', 'created', 'date.created', 'release_date', 'content_date', 'og:pubdate'];

/** Meta tags carrying the last modification date. */
const MODIFIED_METAS = ['article:modified_time', 'og:article:modified_time', 'datemodified', 'og:updated_time', 'article:modified', 'modified_time', 'last-modified', 'lastmod', 'dc.date.modified', 'dcterms.modified', 'sailthru.lastmodified', 'article.updated', 'revised', 'date.modified', 'updated_time', 'dc:modified'];

interface DateCandidate {
  parts: DateParts;
}

export function chooseDates(c: Collected, ld: LdInfo, parselyDate: string | null, lang: string | null, url: string | null): { publishedAt: string | null; modifiedAt: string | null } {
  const pub: DateCandidate[] = [];
  const mod: DateCandidate[] = [];
  const add = (list: DateCandidate[], p: DateParts | null): void => {
    if (p) list.push({ parts: p });
  };
  add(pub, parseMachineDate(ld.datePublished, lang));
  for (const k of PUBLISHED_METAS) for (const v of c.metas.get(k) ?? []) add(pub, parseMachineDate(v, lang));
  add(pub, parseMachineDate(parselyDate, lang));
  for (const v of c.scriptDates) add(pub, parseMachineDate(v, lang));
  for (const el of c.props.get('datepublished') ?? []) if (el.name !== 'meta') add(pub, parseMachineDate(el.attribs.content ?? el.attribs.datetime ?? textUpTo(el, 120), lang));
  add(mod, parseMachineDate(ld.dateModified, lang));
  for (const k of MODIFIED_METAS) for (const v of c.metas.get(k) ?? []) add(mod, parseMachineDate(v, lang));
  for (const el of c.props.get('datemodified') ?? []) if (el.name !== 'meta') add(mod, parseMachineDate(el.attribs.content ?? el.attribs.datetime ?? textUpTo(el, 120), lang));

  // Visible dates: <time> elements, then date-classed elements and datelines, ranked by
  // how article-like their place is.
  const article = mainArticle(c);
  const visible: { parts: DateParts; score: number; order: number; updated: boolean }[] = [];
  let order = 0;
  for (const el of c.timeEls) {
    if (inBoilerplate(el, false)) continue;
    const dt = el.attribs.datetime ?? el.attribs.content;
    const text = textUpTo(el, 200) ?? '';
    const p = dt ? parseMachineDate(dt, lang) : parseTextDate(text, lang);
    if (!p) continue;
    const ctx = classAndId(el) + ' ' + (el.attribs.itemprop ?? '') + ' ' + ('pubdate' in el.attribs ? 'pubdate' : '');
    const parentCtx = el.parent && isTag(el.parent) ? classAndId(el.parent) + ' ' + (textUpTo(el.parent, 120) ?? '') : '';
    const updated = /updated|modified|aktualisiert/.test(ctx) || (!/publish|pubdate/.test(ctx) && UPDATED_WORD.test(parentCtx.split(text)[0] ?? ''));
    let score = 3;
    if (/publish|pubdate|created|posted/.test(ctx)) score += 2;
    if (article && isInside(el, article)) score += 2;
    visible.push({ parts: p, score, order: order++, updated });
  }
  // At most this many elements are parsed as text (each may cost a chrono run).
  let budget = VISIBLE_DATE_BUDGET;
  for (const el of [...c.dateEls, ...c.dateTextEls, ...c.bylineEls]) {
    if (budget <= 0) break;
    if (el.name === 'time' || inBoilerplate(el, false)) continue;
    // hAtom/microformat dates carry the machine value in an attribute.
    const attrDate = el.attribs.datetime ?? el.attribs.content ?? (/\d{4}-\d{2}-\d{2}/.test(el.attribs.title ?? '') ? el.attribs.title : undefined);
    const machine = attrDate ? parseMachineDate(attrDate, lang) : null;
    if (machine) {
      const isUpdated = /updated|modified/.test(classAndId(el)) && !/published/.test(classAndId(el));
      visible.push({ parts: machine, score: 3, order: order++, updated: isUpdated });
      continue;
    }
    const text = textUpTo(el, 160);
    if (!text || text.length < 6) continue;
    budget--;
    const upd = UPDATED_WORD.exec(text);
    const lead = upd ? text.slice(0, upd.index) : text;
    const p = parseTextDate(lead, lang) ?? (upd ? null : null);
    if (!p) {
      if (upd) {
        const q = parseTextDate(text.slice(upd.index), lang);
        if (q) visible.push({ parts: q, score: 1, order: order++, updated: true });
      }
      continue;
    }
    if (upd) {
      const q = parseTextDate(text.slice(upd.index), lang);
      if (q) visible.push({ parts: q, score: 1, order: order++, updated: true });
    }
    let score = 1;
    if (/publish|posted|created|datum|date|dateline/.test(classAndId(el))) score += 1;
    if (article && isInside(el, article)) score += 1;
    visible.push({ parts: p, score, order: order++, updated: false });
  }
  visible.sort((a, b) => b.score - a.score || a.order - b.order);
  for (const v of visible) if (!v.updated) pub.push({ parts: v.parts });
  for (const v of visible) if (v.updated) mod.push({ parts: v.parts });
  add(pub, dateFromUrl(url));
  // Last resort: a date written in a short text near the headline (after it, else just
  // before it), outside comments, teasers and footers.
  if (!pub.length) add(pub, dateNearHeadline(c, lang));

  const best = (list: DateCandidate[]): DateParts | null => {
    const first = list[0]?.parts;
    if (!first) return null;
    if (first.hasTime) return first;
    // A date-only value is completed by a later candidate with a time on the same day.
    for (const cand of list) {
      const p = cand.parts;
      if (p.hasTime && p.y === first.y && p.mo === first.mo && p.d === first.d) return p;
    }
    return first;
  };
  const localDays: DateParts[] = [];
  const urlDay = dateFromUrl(url);
  if (urlDay) localDays.push(urlDay);
  for (const v of visible) if (!v.updated && v.parts.offset == null) localDays.push(v.parts);
  const zoned = [...pub, ...mod].map((x) => x.parts).find((x) => x.offset != null && x.offset !== 0);
  const p = localize(best(pub), zoned?.offset ?? null, localDays);
  const mo = localize(best(mod), zoned?.offset ?? null, []);
  return { publishedAt: p ? formatIso(p) : null, modifiedAt: mo ? formatIso(mo) : null };
}

/** How many date-looking elements are parsed as text, at most. */
const VISIBLE_DATE_BUDGET = 40;

/** A UTC timestamp shown in the site's own zone. Sites often publish `…Z` times while the
 * page (its other dates, its URL, its dateline) is in local time; near midnight the UTC
 * day is not the day the publisher printed. We re-express the same instant in the
 * offset another date on the page states, else in the smallest whole-hour offset that
 * lands on the day the URL or dateline gives (when that day is adjacent). */
function localize(p: DateParts | null, siteOffset: number | null, localDays: DateParts[]): DateParts | null {
  if (!p || !p.hasTime || (p.offset != null && p.offset !== 0)) return p;
  if (siteOffset != null) return inOffset(p, siteOffset);
  const day = localDays[0];
  if (!day || (day.y === p.y && day.mo === p.mo && day.d === p.d)) return p;
  const want = Date.UTC(day.y, day.mo - 1, day.d);
  const have = Date.UTC(p.y, p.mo - 1, p.d);
  const diff = Math.round((want - have) / 86400000);
  if (Math.abs(diff) !== 1) return p;
  for (let h = 1; h <= 10; h++) {
    const off = diff > 0 ? h * 60 : -h * 60;
    if (off < -12 * 60) break;
    const q = inOffset(p, off);
    if (q.y === day.y && q.mo === day.mo && q.d === day.d) return q;
  }
  return p;
}

/** The same instant as `p`, written with the given offset (minutes east of UTC). */
function inOffset(p: DateParts, offset: number): DateParts {
  const d = new Date(toEpoch(p) + offset * 60000);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), offset, hasTime: true };
}

/** How far after the headline (in elements) a dateline may sit, and how far before. */
const DATELINE_AFTER = 120;
const DATELINE_BEFORE = 40;

/** Text around a date that says it is not the publication date. */
const NOT_PUBLISHED_CONTEXT = /copyright|©|\(c\)|updated|aktualisiert|geändert|letzte änderung|zuletzt|modified|mis à jour|actualizado|registriert|mitglied seit|member since|joined|geburtstag|born|öffnungszeiten|gültig|valid|deadline|frist|bis zum|until|event|termin|veranstaltung|kommentar|comment|reply|antwort/i;

function dateNearHeadline(c: Collected, lang: string | null): DateParts | null {
  const h = mainHeadingEl(c);
  const hi = h ? c.h1s.indexOf(h) : -1;
  const hOrder = hi >= 0 ? c.h1Order[hi]! : null;
  let best: { p: DateParts; d: number } | null = null;
  for (const dt of c.dateTexts) {
    if (NOT_PUBLISHED_CONTEXT.test(dt.text) || inBoilerplate(dt.el, false)) continue;
    let d: number;
    if (hOrder == null) d = dt.order;
    else {
      const delta = dt.order - hOrder;
      if (delta >= 0 && delta <= DATELINE_AFTER) d = delta;
      else if (delta < 0 && -delta <= DATELINE_BEFORE) d = DATELINE_AFTER - delta;
      else continue;
    }
    if (best && d >= best.d) continue;
    const p = parseTextDate(dt.text, lang);
    if (p) best = { p, d };
  }
  return best?.p ?? null;
}
