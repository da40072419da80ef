// Date parsing for article metadata: machine dates (ISO 8601, RFC 2822, Java's
// Date.toString, Unix time) and the dates people write in bylines and datelines
// ("Published 3 March 2024", "Stand: 12.05.2023 14:20 Uhr", "12. Mai 2023", "15 августа
// 2016", "2019年6月24日"), returned as ISO 8601 with an offset. Written dates are read
// with our own patterns and a table of month names in some twenty languages: a handful
// of regular expressions, where a general natural-language date parser costs
// milliseconds per page.
//
// Offsets: when the source states one we keep it (the wall-clock time and the calendar day
// stay the ones the publisher printed). When the source gives only a date, or a time with
// no zone, we write it as UTC (`Z`): the day is right, the hour may be off by the
// publisher's offset.

/** Parsed wall-clock parts of a date plus its offset (minutes east of UTC, or null when
 * the source did not say). */
export interface DateParts {
  y: number; mo: number; d: number; h: number; mi: number; s: number;
  offset: number | null;
  /** Whether the source had a time of day. */
  hasTime: boolean;
}

/** Earliest plausible publication year: the web news era. */
const MIN_YEAR = 1990;
/** How far in the future a publication date may lie (scheduled posts, time zones). */
const MAX_FUTURE_MS = 2 * 24 * 3600 * 1000;

/** ISO 8601 / RFC 3339 and its common sloppy variants: space instead of T, no colon in
 * the offset, fractions of any length, "+01" offsets. */
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?/i;

/** Compact ISO ("20240228" or "20240228T130644Z"), seen in some meta tags. */
const COMPACT_ISO = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?\s*(Z|[+-]\d{4})?)?$/i;

/** Slashed year-first dates ("2024/02/28 13:06"). */
const YMD_SLASH = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/;

/** Unix time in seconds or milliseconds. */
const UNIX_TIME = /^\d{10}(?:\d{3})?$/;

/** Day.month.year with dots: the European order, never month first. Optional time. */
const DMY_DOTS = /(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2}|\d{2})(?![\d])/;

/** Day/month/year or month/day/year with slashes or dashes (ambiguous; resolved below). */
const NUM_SLASHES = /(?<![\d/])(\d{1,2})[/-](\d{1,2})[/-]((?:19|20)\d{2})(?![\d/])/;

/** Year-first numeric dates inside text ("2023-05-12", "2023/05/12"). */
const YMD_IN_TEXT = /(?<![\d])((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/;

/** Text that says "updated"/"modified": dates after it are not the publication date. */
export const UPDATED_WORD = /\b(?:updated|update|modified|aktualisiert|geändert|letzte änderung|mis à jour|actualizado|actualización|aggiornato|bijgewerkt)\b/i;

/** Formats parts as ISO 8601: `YYYY-MM-DDTHH:MM:SS±HH:MM`, or `Z` for UTC / unknown. */
export function formatIso(p: DateParts): string {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const base = `${pad(p.y, 4)}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
  if (!p.offset) return base + 'Z';
  const sign = p.offset < 0 ? '-' : '+';
  const abs = Math.abs(p.offset);
  return `${base}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The instant the parts denote (unknown offset read as UTC). */
export function toEpoch(p: DateParts): number {
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - (p.offset ?? 0) * 60000;
}

function valid(p: DateParts, now: number): DateParts | null {
  if (p.y < MIN_YEAR || p.mo < 1 || p.mo > 12 || p.d < 1 || p.h > 23 || p.mi > 59 || p.s > 60) return null;
  const dim = new Date(Date.UTC(p.y, p.mo, 0)).getUTCDate();
  if (p.d > dim) return null;
  if (p.offset != null && Math.abs(p.offset) > 14 * 60) return null;
  if (toEpoch(p) > now + MAX_FUTURE_MS) return null;
  return p;
}

function parseOffset(z: string | undefined): number | null {
  if (!z) return null;
  if (/^(?:z|utc|gmt)$/i.test(z)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (!m) return null;
  const v = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -v : v;
}

function fromUtcMs(ms: number): DateParts {
  const d = new Date(ms);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), offset: 0, hasTime: true };
}

/** Parses a machine-readable date (meta content, JSON-LD, `datetime` attribute). Falls back
 * to the text parser for human formats. Returns null for anything implausible. */
export function parseMachineDate(input: string | null | undefined, lang: string | null = null, now = Date.now()): DateParts | null {
  if (!input) return null;
  const s = input.trim();
  if (!s) return null;
  let m = ISO_DATE.exec(s);
  if (m) {
    const hasTime = m[4] != null;
    return valid({ y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: hasTime ? +m[4]! : 0, mi: hasTime ? +m[5]! : 0, s: m[6] ? +m[6] : 0, offset: hasTime ? parseOffset(m[7]) : null, hasTime }, now);
  }
  m = COMPACT_ISO.exec(s);
  if (m) {
    const hasTime = m[4] != null;
    return valid({ y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: hasTime ? +m[4]! : 0, mi: hasTime ? +m[5]! : 0, s: m[6] ? +m[6] : 0, offset: parseOffset(m[7]), hasTime }, now);
  }
  m = YMD_SLASH.exec(s);
  if (m) {
    const hasTime = m[4] != null;
    return valid({ y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: hasTime ? +m[4]! : 0, mi: hasTime ? +m[5]! : 0, s: m[6] ? +m[6] : 0, offset: null, hasTime }, now);
  }
  if (UNIX_TIME.test(s)) {
    const n = Number(s);
    const p = fromUtcMs(s.length === 10 ? n * 1000 : n);
    return valid(p, now);
  }
  return parseTextDate(s, lang, now);
}

/** Finds the first date written in free text (a byline, a dateline, a date element).
 * Numeric day.month.year is read day first; slashed dates month first in US English, day
 * first otherwise (unless a part is over 12); `lang` may carry a region ("en-GB"). Month names are read in the languages of
 * MONTH_NAMES whatever the page language ("3 March 2024", "19. Mai 2010", "15 августа
 * 2016", "2019年6月24日"). A time right after the date ("… 14:20 Uhr", "… 3:46 PM") and a
 * zone after that are kept. Dates without a year are ignored. */
export function parseTextDate(input: string, lang: string | null = null, now = Date.now()): DateParts | null {
  const s = input.length > 300 ? input.slice(0, 300) : input;
  // Every date we accept has a year, or a day.month in digits: skip the rest cheaply.
  if (!HAS_DATE_DIGITS.test(s)) return null;
  let best: Found | null = null;
  const consider = (f: Found | null): void => {
    if (f && (!best || f.index < best.index)) best = f;
  };
  consider(numericDate(s, lang, now));
  if (LETTER_RUN.test(s) && hasMonthWord(s)) consider(namedDate(s, now));
  if (CJK_DATE_HINT.test(s)) consider(cjkDate(s, now));
  return best ? (best as Found).parts : null;
}

/** Digits a written date needs: a year, or day and month. */
const HAS_DATE_DIGITS = /(?:19|20)\d{2}|\d{1,2}[./-]\d{1,2}/;
/** Three letters in a row: a month name may be there. */
const LETTER_RUN = /\p{L}{3}/u;
const CJK_DATE_HINT = /[年년]/;

interface Found { parts: DateParts; index: number }

/** Month names (full, genitive and common abbreviations) in the languages news pages are
 * written in, lower-cased. Ambiguous short forms that are everyday words elsewhere
 * ("set", "out", "ago") only count next to a day and a year, as every pattern here
 * requires. */
const MONTH_NAMES: string[][] = [
  // 1
  ['january', 'jan', 'januar', 'jänner', 'jaenner', 'janvier', 'janv', 'enero', 'ene', 'janeiro', 'gennaio', 'gen', 'januari', 'januarie', 'stycznia', 'styczeń', 'styczen', 'января', 'январь', 'січня', 'tammikuuta', 'tammikuu', 'ocak', 'ledna', 'leden', 'januára', 'január', 'siječnja', 'ianuarie'],
  // 2
  ['february', 'feb', 'febr', 'februar', 'feber', 'février', 'fevrier', 'févr', 'fév', 'fevr', 'febrero', 'fevereiro', 'fev', 'febbraio', 'februari', 'lutego', 'luty', 'февраля', 'февраль', 'лютого', 'helmikuuta', 'helmikuu', 'şubat', 'subat', 'února', 'únor', 'februára', 'február', 'veljače', 'februarie'],
  // 3
  ['march', 'mar', 'märz', 'maerz', 'mär', 'mrz', 'mars', 'marzo', 'março', 'marco', 'maart', 'mrt', 'marts', 'marca', 'marzec', 'марта', 'март', 'березня', 'maaliskuuta', 'maaliskuu', 'mart', 'března', 'březen', 'marca', 'március', 'ožujka', 'martie'],
  // 4
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile', 'kwietnia', 'kwiecień', 'апреля', 'апрель', 'квітня', 'huhtikuuta', 'huhtikuu', 'nisan', 'dubna', 'duben', 'apríla', 'április', 'travnja', 'aprilie'],
  // 5
  ['may', 'mai', 'mayo', 'maio', 'maggio', 'mag', 'mei', 'maj', 'maja', 'мая', 'май', 'травня', 'toukokuuta', 'toukokuu', 'mayıs', 'mayis', 'května', 'květen', 'mája', 'május', 'svibnja'],
  // 6
  ['june', 'jun', 'juni', 'juin', 'junio', 'junho', 'giugno', 'giu', 'czerwca', 'czerwiec', 'июня', 'июнь', 'червня', 'kesäkuuta', 'kesäkuu', 'haziran', 'června', 'červen', 'júna', 'június', 'lipnja', 'iunie'],
  // 7
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'julho', 'luglio', 'lug', 'lipca', 'lipiec', 'июля', 'июль', 'липня', 'heinäkuuta', 'heinäkuu', 'temmuz', 'července', 'červenec', 'júla', 'július', 'srpnja', 'iulie'],
  // 8
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago', 'augustus', 'augusti', 'sierpnia', 'sierpień', 'августа', 'август', 'серпня', 'elokuuta', 'elokuu', 'ağustos', 'agustos', 'srpna', 'srpen', 'augusta', 'augusztus', 'kolovoza'],
  // 9
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'setembro', 'set', 'settembre', 'września', 'wrzesień', 'сентября', 'сентябрь', 'вересня', 'syyskuuta', 'syyskuu', 'eylül', 'eylul', 'září', 'septembra', 'szeptember', 'rujna', 'septembrie'],
  // 10
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'outubro', 'out', 'ottobre', 'ott', 'października', 'październik', 'октября', 'октябрь', 'жовтня', 'lokakuuta', 'lokakuu', 'ekim', 'října', 'říjen', 'októbra', 'október', 'listopada', 'octombrie'],
  // 11
  ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopada', 'listopad', 'ноября', 'ноябрь', 'листопада', 'marraskuuta', 'marraskuu', 'kasım', 'kasim', 'listopadu', 'novembra', 'studenoga', 'noiembrie'],
  // 12
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'déc', 'diciembre', 'dic', 'dezembro', 'dicembre', 'desember', 'grudnia', 'grudzień', 'декабря', 'декабрь', 'грудня', 'joulukuuta', 'joulukuu', 'aralık', 'aralik', 'prosince', 'prosinec', 'decembra', 'prosinca', 'decembrie'],
];

/** Month name → month number. Where a form means different months in different
 * languages (Croatian "listopada" is October, Polish November), the first listed wins. */
const MONTHS = new Map<string, number>();
MONTH_NAMES.forEach((names, i) => {
  for (const n of names) if (!MONTHS.has(n)) MONTHS.set(n, i + 1);
});

const MONTH_ALT = [...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|');
/** "19. Mai 2010", "3 de marzo de 2024", "1er mars 2023", "26 Mai, 2008", "15 августа 2016". */
const DAY_MONTH_YEAR = new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})(?:\\.|st|nd|rd|th|er|º|°)?\\s*(?:de\\s+|of\\s+|-\\s*)?(${MONTH_ALT})(?![\\p{L}])\\.?,?\\s*(?:de\\s+|del\\s+|-\\s*)?((?:19|20)\\d{2})(?!\\d)`, 'iu');
/** "April 19, 2019", "Mai 05, 2019", "Feb. 3 2024". */
const MONTH_DAY_YEAR = new RegExp(`(?<![\\p{L}])(${MONTH_ALT})(?![\\p{L}])\\.?\\s*(\\d{1,2})(?:st|nd|rd|th|\\.)?,?\\s+((?:19|20)\\d{2})(?!\\d)`, 'iu');
/** "2019. február 19." (Hungarian), "2024 March 3". */
const YEAR_MONTH_DAY = new RegExp(`(?<!\\d)((?:19|20)\\d{2})\\.?\\s+(${MONTH_ALT})(?![\\p{L}])\\.?\\s+(\\d{1,2})(?!\\d)`, 'iu');
/** Java's Date.toString(), seen in JSON-LD: "Tue Jan 28 15:28:56 CET 2020". */
const MONTH_DAY_TIME_YEAR = new RegExp(`(?<![\\p{L}])(${MONTH_ALT})(?![\\p{L}])\\.?\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s+(?:([A-Z]{3,4})\\s+)?((?:19|20)\\d{2})(?!\\d)`, 'iu');
/** "2019年6月24日", "2019년 6월 24일". */
const CJK_DATE = /((?:19|20)\d{2})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?(?:\s*(?:[（(][^）)]{1,3}[）)])?\s*(?:(?:午前|上午|오전)|(午後|下午|오후))?\s*(\d{1,2})\s*(?:[時时시:]\s*(\d{1,2})\s*[分분]?))?/;

/** A time right after a date: "14:20", "T14:20", "um 11:14 Uhr", "at 3:46 PM", "à 18h30",
 * "– 09.30". A dot separates hours and minutes only when no further digits follow. */
const TIME_AFTER = /^(?:[\s,|–—-]|T(?=\d))*(?:(?:um|at|à|a las|a la|alle|om|kl\.?|klo|в|о|às|ás)\s+)?(\d{1,2})(?:[:h]|\.(?=\d{2}(?![\d.])))(\d{2})(?::(\d{2}))?(?:[.,]\d+)?(?:\s*(?:uhr|h)\b)?(?:\s*([ap])\.?\s?m\b\.?)?/i;

/** Whether a text holds a month name: a cheap word lookup before the month patterns. */
function hasMonthWord(s: string): boolean {
  for (const w of s.match(/\p{L}{3,}/gu) ?? []) if (MONTHS.has(w.toLowerCase())) return true;
  return false;
}

/** Whether a word is a month name (or its abbreviation) in one of MONTH_NAMES' languages. */
export function monthWord(w: string): boolean {
  return monthOf(w) !== null;
}

function monthOf(name: string): number | null {
  const k = name.toLowerCase().replace(/\.$/, '');
  return MONTHS.get(k) ?? null;
}

function withTime(s: string, end: number, y: number, mo: number, d: number, now: number): DateParts | null {
  const t = TIME_AFTER.exec(s.slice(end, end + 40));
  if (t) {
    let h = +t[1]!;
    const ampm = t[4]?.toLowerCase();
    if (ampm === 'p' && h < 12) h += 12;
    else if (ampm === 'a' && h === 12) h = 0;
    const p = valid({ y, mo, d, h, mi: +t[2]!, s: t[3] ? +t[3] : 0, offset: zoneAfter(s, end + t[0].length), hasTime: true }, now);
    if (p) return p;
  }
  return valid({ y, mo, d, h: 0, mi: 0, s: 0, offset: null, hasTime: false }, now);
}

function namedDate(s: string, now: number): Found | null {
  let best: Found | null = null;
  const take = (index: number, p: DateParts | null): void => {
    if (p && (!best || index < best.index)) best = { parts: p, index };
  };
  let m = DAY_MONTH_YEAR.exec(s);
  if (m) {
    const mo = monthOf(m[2]!);
    if (mo) take(m.index, withTime(s, m.index + m[0].length, +m[3]!, mo, +m[1]!, now));
  }
  m = MONTH_DAY_YEAR.exec(s);
  if (m) {
    const mo = monthOf(m[1]!);
    if (mo) take(m.index, withTime(s, m.index + m[0].length, +m[3]!, mo, +m[2]!, now));
  }
  m = MONTH_DAY_TIME_YEAR.exec(s);
  if (m) {
    const mo = monthOf(m[1]!);
    const offset = m[6] ? ZONE_ABBR[m[6].toUpperCase()] ?? null : null;
    if (mo) take(m.index, valid({ y: +m[7]!, mo, d: +m[2]!, h: +m[3]!, mi: +m[4]!, s: m[5] ? +m[5] : 0, offset, hasTime: true }, now));
  }
  m = YEAR_MONTH_DAY.exec(s);
  if (m) {
    const mo = monthOf(m[2]!);
    if (mo) take(m.index, withTime(s, m.index + m[0].length, +m[1]!, mo, +m[3]!, now));
  }
  return best;
}

function cjkDate(s: string, now: number): Found | null {
  const m = CJK_DATE.exec(s);
  if (!m) return null;
  const hasTime = m[5] != null;
  let h = hasTime ? +m[5]! : 0;
  if (m[4] && h < 12) h += 12;
  const p = valid({ y: +m[1]!, mo: +m[2]!, d: +m[3]!, h, mi: hasTime && m[6] ? +m[6] : 0, s: 0, offset: null, hasTime }, now);
  return p ? { parts: p, index: m.index } : null;
}

function numericDate(s: string, lang: string | null, now: number): Found | null {
  let best: Found | null = null;
  const take = (index: number, p: DateParts | null): void => {
    if (p && (!best || index < best.index)) best = { parts: p, index };
  };
  let m = YMD_IN_TEXT.exec(s);
  if (m) take(m.index, withTime(s, m.index + m[0].length, +m[1]!, +m[2]!, +m[3]!, now));
  m = DMY_DOTS.exec(s);
  if (m) {
    let y = +m[3]!;
    if (m[3]!.length === 2) y += y + 2000 > new Date(now).getUTCFullYear() ? 1900 : 2000;
    // Day first, as Europe writes dots — except on US pages ("11.03.17" for 3 November).
    const a = +m[1]!, b = +m[2]!;
    const [mo, d] = lang && monthFirstLocale(lang) && a <= 12 && b <= 12 ? [a, b] : [b, a];
    take(m.index, withTime(s, m.index + m[0].length, y, mo, d, now));
  }
  m = NUM_SLASHES.exec(s);
  if (m) {
    const a = +m[1]!, b = +m[2]!;
    const monthFirst = a > 12 ? false : b > 12 ? true : monthFirstLocale(lang);
    const [mo, d] = monthFirst ? [a, b] : [b, a];
    take(m.index, withTime(s, m.index + m[0].length, +m[3]!, mo, d, now));
  }
  return best;
}

/** Locales that write numeric dates month first: US English (and English with no region
 * given, the common default), Filipino English. British, Irish, Indian, Australian …
 * English and other languages write the day first. */
export function monthFirstLocale(lang: string | null): boolean {
  const l = (lang ?? 'en').toLowerCase().replace('_', '-');
  return l === 'en' || l === 'en-us' || l === 'en-ph' || l === 'en-ca';
}

/** A zone written right after a matched date ("… 14:20 CET", "… +0100"). */
function zoneAfter(s: string, end: number): number | null {
  const rest = s.slice(end, end + 12);
  const m = /^\s*(?:Uhr\s*)?\(?(Z|UTC|GMT|[+-]\d{2}:?\d{2}|CES?T|MES?Z|EST|EDT|CST|CDT|PST|PDT|BST)\b/.exec(rest);
  if (!m) return null;
  return ZONE_ABBR[m[1]!.toUpperCase()] ?? parseOffset(m[1]);
}

/** Zone abbreviations common in datelines (minutes east of UTC). */
const ZONE_ABBR: Record<string, number> = { CET: 60, MEZ: 60, CEST: 120, MESZ: 120, EST: -300, EDT: -240, CST: -360, CDT: -300, PST: -480, PDT: -420, BST: 60, UTC: 0, GMT: 0, Z: 0 };

/** Convenience: machine date → ISO string or null. */
export function toIsoDate(input: string | null | undefined, lang: string | null = null): string | null {
  const p = parseMachineDate(input, lang);
  return p ? formatIso(p) : null;
}

/** Dates in article URLs ("/2019/10/21/slug", "/2019-10-21-slug", "/20191021/"), and day
 * first ("/meldungen/29-10-2021", "/08112021-slug") when the year comes last. */
const URL_DATE = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)|[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)/;
const URL_DATE_DAY_FIRST = /\/(\d{2})[-_.]?(\d{2})[-_.]?((?:19|20)\d{2})(?:[/_.-]|$)/;

/** A publication day read from the article URL, or null. */
export function dateFromUrl(url: string | null, now = Date.now()): DateParts | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = URL_DATE.exec(path);
  if (m) {
    const [y, mo, d] = m[1] ? [+m[1], +m[2]!, +m[3]!] : [+m[4]!, +m[5]!, +m[6]!];
    const p = valid({ y, mo, d, h: 0, mi: 0, s: 0, offset: null, hasTime: false }, now);
    if (p) return p;
  }
  const k = URL_DATE_DAY_FIRST.exec(path);
  if (k) return valid({ y: +k[3]!, mo: +k[2]!, d: +k[1]!, h: 0, mi: 0, s: 0, offset: null, hasTime: false }, now);
  return null;
}
