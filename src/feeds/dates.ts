// dates: the date strings feeds really carry, turned into instants.
//
// Tried in order, each a strict shape so one cannot mis-read another's string:
//   W3CDTF / ISO 8601 (with the partial and two-digit forms old feeds use, MSSQL's
//   "2004-07-08 23:56:58", Google's three-digit month), RFC 822/1123/2822 (every zone
//   abbreviation below, military letters, no seconds, no time, two-digit years, long
//   month names, day and month swapped, stray commas), asctime, Perforce, and the Korean,
//   Greek and Hungarian forms feedparser met in the wild. Only strings none of them
//   recognise go to chrono-node (strict mode, UTC unless the string names a zone).
// A string a strict shape recognises but whose fields are out of range (25 o'clock, day
// 99, offset -99:99) is not a date: null, never a guess.
import * as chrono from 'chrono-node';

/** Zone abbreviations, in minutes east of UTC. RFC 822's own set, the one-letter military
 * zones (RFC 822 signs: A = -1 … M = -12, N = +1 … Y = +12), the US "ET/CT/MT/PT/AT"
 * that Disney's feeds used, and the European and Asian ones seen in news feeds. */
export const ZONES: Readonly<Record<string, number>> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0, 'ETC/GMT': 0, 'ETC/UTC': 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AST: -240, ADT: -180, AKST: -540, AKDT: -480, HST: -600, NST: -210, NDT: -150,
  ET: -300, CT: -360, MT: -420, PT: -480, AT: -240,
  MET: 60, MEST: 120, CET: 60, CEST: 120, BST: 60, IST: 330, WEST: 60, EET: 120, EEST: 180,
  MSK: 180, JST: 540, KST: 540, HKT: 480, SGT: 480, AWST: 480, ACST: 570, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  A: -60, B: -120, C: -180, D: -240, E: -300, F: -360, G: -420, H: -480, I: -540, K: -600, L: -660, M: -720,
  N: 60, O: 120, P: 180, Q: 240, R: 300, S: 360, T: 420, U: 480, V: 540, W: 600, X: 660, Y: 720,
};

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  // Greek and Hungarian month names (feedparser's "greek" and "hungarian" forms)
  'ιαν': 1, 'φεβ': 2, 'μάώ': 3, 'μαώ': 3, 'μάρ': 3, 'απρ': 4, 'μάι': 5, 'μαϊ': 5, 'μαι': 5, 'ιούν': 6, 'ιον': 6, 'ιούλ': 7, 'ιολ': 7,
  'αύγ': 8, 'αυγ': 8, 'σεπ': 9, 'οκτ': 10, 'νοέ': 11, 'νοε': 11, 'δεκ': 12,
  'január': 1, 'február': 2, 'március': 3, 'április': 4, 'máujus': 5, 'május': 5, 'június': 6, 'július': 7,
  'augusztus': 8, 'szeptember': 9, 'október': 10, 'november': 11, 'december': 12,
};

/** Korean times are in KST. */
const KST_MINUTES = 540;

const W3C_RE = /^(\d{4})(?:-(\d{2,3})(?:-(\d{1,2}))?)?(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const ISO_BASIC_RE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const ISO_YYMMDD_RE = /^(\d{2})-?(\d{2})-?(\d{2})$/;
const ISO_YYMM_RE = /^-(\d{2})-?(\d{2})$/;
const ISO_YYDDD_RE = /^(\d{2})(\d{3})$/;
const HUNGARIAN_RE = /^(\d{4})-([a-záéíóöőúüű]+)-(\d{1,2})T(\d{1,2}):(\d{2})(?::(\d{2}))?((?:[+-]\d{2}:?\d{2})|Z)?$/i;
const RFC822_RE = /^(?:([^\s,\d]+)\s*,?\s*)?(\d{1,2})\s+([^\s,\d]+)\s*,?\s+(\d{2,4})(?:\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?(?:\s*(.*))?$/;
const RFC822_SWAPPED_RE = /^(?:([a-z]+)\s*,?\s*)?([a-z]+)\s+(\d{1,2}),?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*(.*))?$/i;
const ASCTIME_RE = /^[a-z]+\s+([a-z]+)\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(?:([+-]\d{4}|[a-z]+)\s+)?(\d{4})$/i;
const PERFORCE_RE = /^(?:[a-z]+,?\s*)?(\d{4})\/(\d{1,2})\/(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s*([a-z]+)?$/i;
const ONBLOG_RE = /^(\d{4})년\s*(\d{1,2})월\s*(\d{1,2})일\s+(\d{1,2}):(\d{2}):(\d{2})$/;
const NATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})\s+(오전|오후)\s+(\d{1,2}):(\d{2}):(\d{2})$/;
const ISO_PREFIX_RE = /^\d{4}-\d/;
const OFFSET_RE = /^(?:GMT|UTC|UT)?\s*([+-])(\d{1,2}):?(\d{2})?$/i;
const TRAILING_JUNK_RE = /^\(.*\)$/; // "(PST)" comments after an offset

/** Parses a feed date string into a Date, or null when it is not a valid date. */
export function parseDate(input: string | null | undefined): Date | null {
  if (!input) return null;
  const s = input.trim().replace(/\s+/g, ' ');
  if (!s || s.length > 100) return null;
  const strict = parseStrict(s);
  if (strict !== undefined) return strict;
  // An ISO-looking string no strict shape accepted is malformed, not prose.
  if (ISO_PREFIX_RE.test(s)) return null;
  return parseWithChrono(s);
}

/** A Date from one of the strict shapes; null when a shape matched but a field is out of
 * range; undefined when no shape matched. */
export function parseStrict(s: string): Date | null | undefined {
  let m = W3C_RE.exec(s);
  if (m) {
    const month = m[2] ? Number(m[2]) : 1;
    return build(Number(m[1]), month, m[3] ? Number(m[3]) : 1, num(m[4]), num(m[5]), num(m[6]), m[7] ? offsetOf(m[7]) : 0);
  }
  if ((m = ISO_BASIC_RE.exec(s))) {
    return build(Number(m[1]), Number(m[2]), Number(m[3]), num(m[4]), num(m[5]), num(m[6]), m[7] ? offsetOf(m[7]) : 0);
  }
  if ((m = ISO_YYMMDD_RE.exec(s))) return build(year2(m[1]!), Number(m[2]), Number(m[3]), 0, 0, 0, 0);
  if ((m = ISO_YYMM_RE.exec(s))) return build(year2(m[1]!), Number(m[2]), 1, 0, 0, 0, 0);
  if ((m = ISO_YYDDD_RE.exec(s))) {
    const day = Number(m[2]);
    if (day < 1 || day > 366) return null;
    const d = build(year2(m[1]!), 1, 1, 0, 0, 0, 0);
    return d ? new Date(d.getTime() + (day - 1) * 86_400_000) : null;
  }
  if ((m = HUNGARIAN_RE.exec(s))) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (!month) return null;
    return build(Number(m[1]), month, Number(m[3]), Number(m[4]), Number(m[5]), num(m[6]), m[7] ? offsetOf(m[7]) : 0);
  }
  if ((m = ONBLOG_RE.exec(s))) {
    return build(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), KST_MINUTES);
  }
  if ((m = NATE_RE.exec(s))) {
    let hour = Number(m[5]);
    if (m[4] === '오후' && hour < 12) hour += 12; // 오후 = p.m.
    if (m[4] === '오전' && hour === 12) hour = 0;
    return build(Number(m[1]), Number(m[2]), Number(m[3]), hour, Number(m[6]), Number(m[7]), KST_MINUTES);
  }
  if ((m = PERFORCE_RE.exec(s))) {
    const off = m[7] ? zoneOf(m[7]) : 0;
    if (off === null) return null;
    return build(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), off);
  }
  if ((m = ASCTIME_RE.exec(s))) {
    const month = monthOf(m[1]!);
    if (!month) return undefined;
    const off = m[6] ? zoneOf(m[6]) : 0;
    if (off === null) return null;
    return build(Number(m[7]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), off);
  }
  if ((m = RFC822_RE.exec(s))) {
    const month = monthOf(m[3]!);
    if (month) return rfc822(m[4]!, month, m[2]!, m[5], m[6], m[7], m[8]);
    if (/^[a-z]+$/i.test(m[3]!)) return null; // "16 zzz 2012": a month that is not one
  }
  if ((m = RFC822_SWAPPED_RE.exec(s))) {
    const month = monthOf(m[2]!);
    if (month) return rfc822(m[4]!, month, m[3]!, m[5], m[6], m[7], m[8]);
  }
  return undefined;
}

function rfc822(y: string, month: number, d: string, hh?: string, mm?: string, ss?: string, zone?: string): Date | null {
  let year = Number(y);
  if (y.length === 2) year = year2(y);
  else if (y.length === 3) return null;
  let off = 0;
  const z = (zone ?? '').trim();
  if (z) {
    const parts = z.split(' ');
    const o = zoneOf(parts[0]!);
    if (o === null) return null;
    if (parts.length > 1 && !TRAILING_JUNK_RE.test(parts.slice(1).join(' ')) && zoneOf(parts.slice(1).join(' ')) === null) return null;
    off = o;
  }
  return build(year, month, Number(d), num(hh), num(mm), num(ss), off);
}

/** Minutes east of UTC for an offset ("+0100", "-01:01", "GMT-01:01") or a known zone
 * name; 0 for an unknown alphabetic name (feedparser's rule); null for a malformed one. */
function zoneOf(z: string): number | null {
  const upper = z.toUpperCase();
  const named = ZONES[upper];
  if (named !== undefined) return named;
  if (OFFSET_RE.test(z)) return offsetOf(z.replace(/^(GMT|UTC|UT)/i, ''));
  if (/^[A-Za-z]{1,5}$/.test(z)) return 0;
  return null;
}

function offsetOf(z: string): number | null {
  if (z === 'Z' || z === 'z') return 0;
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(z.trim());
  if (!m) return null;
  const h = Number(m[2]);
  const min = m[3] ? Number(m[3]) : 0;
  if (h > 23 || min > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + min);
}

function monthOf(name: string): number | null {
  const n = name.toLowerCase();
  return MONTHS[n] ?? MONTHS[n.slice(0, 3)] ?? MONTHS[n.slice(0, 4)] ?? null;
}

function num(s: string | undefined): number {
  return s ? Number(s) : 0;
}

/** Two-digit years: feedparser's rule, this century. */
function year2(s: string): number {
  return 2000 + Number(s);
}

/** A UTC Date from local fields and an offset (minutes east); null when out of range. */
function build(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: number | null): Date | null {
  if (offset === null) return null;
  if (!(y >= 1 && y <= 9999) || mo < 1 || mo > 12 || d < 1 || h > 24 || mi > 59 || s > 60) return null;
  if (h === 24 && (mi || s)) return null;
  const dim = new Date(Date.UTC(2000, mo, 0)).getUTCDate(); // days in month, leap year 2000
  if (d > dim || (mo === 2 && d === 29 && !isLeap(y))) return null;
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, Math.min(s, 59)));
  date.setUTCFullYear(y); // Date.UTC maps years 0–99 to 1900–1999
  const t = date.getTime() - offset * 60_000;
  return Number.isFinite(t) ? new Date(t) : null;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Last resort for shapes none of the strict parsers know ("Tuesday, 4 March 2008 10:00
 * CET", "March 4, 2008"). Strict mode: a bare "tomorrow" is not a feed date. */
function parseWithChrono(s: string): Date | null {
  const results = chrono.strict.parse(s, { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 0 }, { forwardDate: false });
  const r = results[0];
  if (!r || !r.start.isCertain('year') || !r.start.isCertain('month') || !r.start.isCertain('day')) return null;
  // Only accept when the match covers most of the string: chrono finds dates inside prose.
  if (r.text.length < s.length * 0.6) return null;
  const d = r.start.date();
  return Number.isFinite(d.getTime()) ? d : null;
}

/** ISO 8601 with offset (UTC, `Z`) for a Date. */
export function toIso(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}
