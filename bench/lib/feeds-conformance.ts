// feeds-conformance: runs our feed parser over feedparser's test corpus
// (../shared/corpus/feedparser-tests/tests, used in place, never copied) and scores the
// `Expect:` lines (feeds-expect.ts) per folder, plus the date tables of
// test_date_parsers.py through our date parser. Shared by bench/conformance-feeds.ts and
// test/feeds/conformance.test.ts.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FeedError, parseFeed, type ParsedFeed } from '../../src/feeds/index.ts';
import { parseDate } from '../../src/feeds/dates.ts';
import { decodeXml } from '../../src/fetch/xml-charset.ts';
import { dateTuple, equal, evaluateExpect, pyValue } from './feeds-expect.ts';

export const CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus/feedparser-tests/tests', import.meta.url));
/** The folders the issue sets the >= 95% target for. */
export const TARGET_GROUPS = [
  'wellformed/rss', 'wellformed/atom', 'wellformed/atom10', 'wellformed/rdf', 'wellformed/json', 'json',
  'wellformed/base', 'wellformed/lang', 'wellformed/amp', 'encoding', 'entities',
];
/** The URL feedparser's own harness serves the corpus from (expectations use it). */
const HARNESS_URL = 'http://127.0.0.1:8097/';

export interface CaseResult {
  file: string;
  group: string;
  status: 'pass' | 'fail' | 'na' | 'crash';
  reason?: string;
  expect: string;
}

export interface GroupStats {
  group: string;
  files: number;
  applicable: number;
  passed: number;
  crashed: number;
}

export function corpusPresent(): boolean {
  return existsSync(CORPUS_DIR);
}

export function listCorpus(dir = CORPUS_DIR): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(xml|json|rdf|atom|rss)$/i.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function groupOf(rel: string): string {
  const parts = rel.split(/[\\/]/);
  if (parts[0] === 'wellformed' && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0]!;
}

const HEADER_RE = /^Header:\s*([A-Za-z-]+):\s*(.*?)\s*$/gm;
const EXPECT_RE = /^Expect:[ \t]*(.*)$/m;

/** Runs one corpus file. Never throws. */
export function runCase(path: string, now = new Date()): CaseResult {
  const rel = relative(CORPUS_DIR, path);
  const group = groupOf(rel);
  const bytes = new Uint8Array(readFileSync(path));
  const latin = Buffer.from(bytes).toString('latin1');
  let contentType: string | null = null;
  let contentLocation: string | null = null;
  let contentLanguage: string | null = null;
  for (const m of latin.matchAll(HEADER_RE)) {
    const name = m[1]!.toLowerCase();
    if (name === 'content-type') contentType = m[2]!;
    if (name === 'content-location') contentLocation = m[2]!;
    if (name === 'content-language') contentLanguage = m[2]!;
  }
  const docUrl = HARNESS_URL + 'tests/' + rel.split(/[\\/]/).join('/');
  // feedparser ignores a Content-Location with an unsafe scheme, and so does a reader
  const located = contentLocation ? new URL(contentLocation, docUrl).href : null;
  const url = located && /^https?:/i.test(located) ? located : docUrl;
  let expect = '';
  let feed: ParsedFeed | null = null;
  let encoding: string | null = null;
  let error: string | undefined;
  try {
    const decoded = decodeXml(bytes, contentType);
    encoding = decoded.encoding;
    expect = EXPECT_RE.exec(decoded.text)?.[1]?.trim() ?? '';
    feed = parseFeed(bytes, { url, contentType, contentLanguage, now });
  } catch (err) {
    if (!(err instanceof FeedError)) {
      return { file: rel, group, status: 'crash', reason: String((err as Error)?.stack ?? err), expect };
    }
    error = err.message;
  }
  if (group === 'wellformed/cdf') return { file: rel, group, status: 'na', reason: 'CDF (Microsoft Channel Definition Format) is not a supported format', expect };
  try {
    const r = evaluateExpect(expect, feed, encoding, url, error);
    return { file: rel, group, status: r.status, expect, ...(r.reason ? { reason: r.reason } : {}) };
  } catch (err) {
    return { file: rel, group, status: 'crash', reason: `evaluator: ${String((err as Error)?.stack ?? err)}`, expect };
  }
}

export function summarise(results: CaseResult[]): GroupStats[] {
  const by = new Map<string, GroupStats>();
  for (const r of results) {
    const g = by.get(r.group) ?? { group: r.group, files: 0, applicable: 0, passed: 0, crashed: 0 };
    g.files++;
    if (r.status !== 'na') g.applicable++;
    if (r.status === 'pass') g.passed++;
    if (r.status === 'crash') g.crashed++;
    by.set(r.group, g);
  }
  return [...by.values()].sort((a, b) => a.group.localeCompare(b.group));
}

export interface DateCase {
  fn: string;
  input: string;
  expected: number[] | null;
  pass: boolean;
  got: number[] | null;
}

const DATE_ROW_RE = /\(\s*(_parse_date_\w+),\s*("(?:[^"\\]|\\.)*"),\s*(None|\([^)]*\))\s*,?\s*\)/g;

/** The rows of test_date_parsers.py (plus its year-10000 case), run through parseDate. */
export function runDateTables(dir = CORPUS_DIR): DateCase[] {
  const src = readFileSync(join(dir, 'test_date_parsers.py'), 'utf8');
  const rows: Array<{ fn: string; input: string; expected: number[] | null }> = [];
  for (const m of src.matchAll(DATE_ROW_RE)) {
    const expected = pyValue(m[3]!) as number[] | null;
    rows.push({ fn: m[1]!, input: pyValue(m[2]!) as string, expected });
  }
  const extra = /_parse_date_rfc822\("([^"]*)"\)\s*\n\s*assert date is None/.exec(src);
  if (extra) rows.push({ fn: '_parse_date_rfc822', input: extra[1]!, expected: null });
  return rows.map((r) => {
    const d = parseDate(r.input);
    const got = d ? dateTuple(d.toISOString()) : null;
    return { ...r, got, pass: r.expected === null ? got === null : got !== null && equal(got, r.expected) };
  });
}
