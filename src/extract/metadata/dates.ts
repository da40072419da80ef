// Date parsing for article metadata: machine dates (ISO 8601, RFC 2822, Unix time) and
// the dates people write in bylines and datelines ("Published 3 March 2024",
// "Stand: 12.05.2023 14:20 Uhr", "12. Mai 2023"), returned as ISO 8601 with an offset.
//
// Offsets: when the source states one we keep it (the wall-clock time and the calendar day
// stay the ones the publisher printed). When the source gives only a date, or a time with
// no zone, we write it as UTC (`Z`): the day is right, the hour may be off by the
// publisher's offset.
import * as chrono from 'chrono-node';

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
const DMY_DOTS = /(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2}|\d{2})(?![\d])(?:[,\s]+(?:um\s+|at\s+|-\s*)?(\d{1,2})[:.](\d{2})(?::(\d{2}))?)?/;

/** Day/month/year or month/day/year with slashes or dashes (ambiguous; resolved below). */
const NUM_SLASHES = /(?<![\d/])(\d{1,2})[/-](\d{1,2})[/-]((?:19|20)\d{2})(?![\d/])(?:[,\s]+(?:at\s+|um\s+|-\s*)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?/i;

/** Year-first numeric dates inside text ("2023-05-12", "2023/05/12"). */
const YMD_IN_TEXT = /(?<![\d])((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])(?:[T\s,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/;

/** Text that says "updated"/"modified": dates after it are not the publication date. */
export const UPDATED_WORD = /\b(?:updated|update|modified|aktualisiert|geändert|mis à jour|actualizado|actualización|aggiornato|bijgewerkt)\b/i;

type Parser = { parse(text: string, ref?: Date): chrono.ParsedResult[] };

/** chrono's strict parsers (absolute dates only, no "yesterday") per language. */
const CHRONO: Record<string, Parser> = {
  en: chrono.strict, de: chrono.de.strict, fr: chrono.fr.strict, es: chrono.es.strict, pt: chrono.pt.strict,
  nl: chrono.nl.strict, it: chrono.it.strict, sv: chrono.sv.strict, ru: chrono.ru.strict, ja: chrono.ja.strict, zh: chrono.zh.strict,
};

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
 * Numeric day.month.year is read day first; slashed dates month first in English, day
 * first otherwise (unless a part is over 12). Month names via chrono in the page's
 * language first, then English and German. */
export function parseTextDate(input: string, lang: string | null = null, now = Date.now()): DateParts | null {
  const s = input.length > 300 ? input.slice(0, 300) : input;
  // Every date we accept has a year or a day.month in digits: skip the rest cheaply.
  if (!HAS_DATE_DIGITS.test(s)) return null;
  const numeric = numericDate(s, lang, now);
  const viaChrono = chronoDate(s, lang, now);
  if (numeric && viaChrono) return numeric.index <= viaChrono.index ? numeric.parts : viaChrono.parts;
  return numeric?.parts ?? viaChrono?.parts ?? null;
}

/** Digits a written date needs: a year, or day and month. */
const HAS_DATE_DIGITS = /(?:19|20)\d{2}|\d{1,2}[./-]\d{1,2}/;

interface Found { parts: DateParts; index: number }

function numericDate(s: string, lang: string | null, now: number): Found | null {
  const found: Found[] = [];
  const consider = (f: Found): void => {
    found.push(f);
  };
  let m = YMD_IN_TEXT.exec(s);
  if (m) {
    const hasTime = m[4] != null;
    const p = valid({ y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: hasTime ? +m[4]! : 0, mi: hasTime ? +m[5]! : 0, s: m[6] ? +m[6] : 0, offset: zoneAfter(s, m.index + m[0].length), hasTime }, now);
    if (p) consider({ parts: p, index: m.index });
  }
  m = DMY_DOTS.exec(s);
  if (m) {
    let y = +m[3]!;
    if (m[3]!.length === 2) y += y + 2000 > new Date(now).getUTCFullYear() ? 1900 : 2000;
    const hasTime = m[4] != null;
    const p = valid({ y, mo: +m[2]!, d: +m[1]!, h: hasTime ? +m[4]! : 0, mi: hasTime ? +m[5]! : 0, s: m[6] ? +m[6] : 0, offset: zoneAfter(s, m.index + m[0].length), hasTime }, now);
    if (p) consider({ parts: p, index: m.index });
  }
  m = NUM_SLASHES.exec(s);
  if (m) {
    const a = +m[1]!, b = +m[2]!;
    const monthFirst = a > 12 ? false : b > 12 ? true : (lang ?? 'en') === 'en';
    const [mo, d] = monthFirst ? [a, b] : [b, a];
    let h = m[4] != null ? +m[4] : 0;
    if (m[7] && /pm/i.test(m[7]) && h < 12) h += 12;
    if (m[7] && /am/i.test(m[7]) && h === 12) h = 0;
    const p = valid({ y: +m[3]!, mo, d, h, mi: m[5] ? +m[5] : 0, s: m[6] ? +m[6] : 0, offset: zoneAfter(s, m.index + m[0].length), hasTime: m[4] != null }, now);
    if (p) consider({ parts: p, index: m.index });
  }
  found.sort((x, y) => x.index - y.index);
  return found[0] ?? null;
}

/** A zone written right after a matched date ("… 14:20 CET", "… +0100"). */
function zoneAfter(s: string, end: number): number | null {
  const rest = s.slice(end, end + 12);
  const m = /^\s*(?:Uhr\s*)?(Z|UTC|GMT|[+-]\d{2}:?\d{2}|CES?T|MES?Z|EST|EDT|CST|CDT|PST|PDT|BST)\b/.exec(rest);
  if (!m) return null;
  return ZONE_ABBR[m[1]!.toUpperCase()] ?? parseOffset(m[1]);
}

/** Zone abbreviations common in datelines (minutes east of UTC). */
const ZONE_ABBR: Record<string, number> = { CET: 60, MEZ: 60, CEST: 120, MESZ: 120, EST: -300, EDT: -240, CST: -360, CDT: -300, PST: -480, PDT: -420, BST: 60, UTC: 0, GMT: 0, Z: 0 };

function chronoDate(s: string, lang: string | null, now: number): Found | null {
  // Skip chrono unless the text has a letter-month candidate: chrono is the slow path.
  if (!/[\p{L}]{3}/u.test(s)) return null;
  const order: string[] = [];
  if (lang && CHRONO[lang]) order.push(lang);
  for (const l of ['en', 'de']) if (!order.includes(l)) order.push(l);
  const ref = new Date(now);
  for (const l of order) {
    let results: chrono.ParsedResult[];
    try {
      results = CHRONO[l]!.parse(s, ref);
    } catch {
      continue;
    }
    for (const r of results) {
      const st = r.start;
      if (!st.isCertain('day') || !st.isCertain('month') || !st.isCertain('year')) continue;
      const hasTime = st.isCertain('hour');
      const offset = st.isCertain('timezoneOffset') ? st.get('timezoneOffset') : null;
      const p = valid({ y: st.get('year')!, mo: st.get('month')!, d: st.get('day')!, h: hasTime ? st.get('hour')! : 0, mi: hasTime ? st.get('minute') ?? 0 : 0, s: hasTime ? st.get('second') ?? 0 : 0, offset, hasTime }, now);
      if (p) return { parts: p, index: r.index };
    }
  }
  return null;
}

/** Convenience: machine date → ISO string or null. */
export function toIsoDate(input: string | null | undefined, lang: string | null = null): string | null {
  const p = parseMachineDate(input, lang);
  return p ? formatIso(p) : null;
}

/** Dates in article URLs ("/2019/10/21/slug", "/2019-10-21-slug", "/20191021/"). */
const URL_DATE = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)|[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)/;

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
  if (!m) return null;
  const [y, mo, d] = m[1] ? [+m[1], +m[2]!, +m[3]!] : [+m[4]!, +m[5]!, +m[6]!];
  return valid({ y, mo, d, h: 0, mi: 0, s: 0, offset: null, hasTime: false }, now);
}
