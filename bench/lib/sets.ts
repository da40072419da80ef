// sets: where the evaluation sets live, how to read one (pages + ground truth), and which
// metrics and targets apply to it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { maybeGunzip } from '../../src/cli/input.ts';

/** The project root (bench/lib/../..). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The shared evaluation data, beside the project (never copied into it). */
export const SHARED = path.resolve(ROOT, '../shared');
export const CORPUS = path.join(SHARED, 'corpus', 'extraction');
export const TOOLS = path.join(SHARED, 'tools');
/** Where per-page outputs go (gitignored). */
export const OUT_DIR = path.join(ROOT, '.bench');

/** The standard sets, in the order they are run. */
export const STANDARD_SETS = ['fundus-eval', 'trafilatura-eval', 'readability'] as const;

/** Which scorers apply to a set. */
export interface Metrics {
  /** Body metric: shingle F1 (score-extraction) or snippet F1 (score-snippets). */
  body: 'shingle' | 'snippets';
  /** Run score-meta (title / author / date). */
  meta: boolean;
  /** Also report byline-where-expected (score-meta's authors found). */
  byline: boolean;
}

/** One set ready to run. */
export interface BenchSet {
  name: string;
  htmlDir: string;
  gtFile: string;
  /** Page ids present both as files and in the ground truth, sorted. */
  ids: string[];
  files: Map<string, string>;
  gt: Record<string, Record<string, unknown>>;
  /** http(s) page URLs from the ground truth. */
  urls: Map<string, string>;
  metrics: Metrics;
  /** Quality targets by key: bodyF1, title, author, date, byline. */
  targets: Partial<Record<'bodyF1' | 'title' | 'author' | 'date' | 'byline', number>>;
  /** Ids in one place but not the other. */
  unmatched: number;
}

const KNOWN: Record<string, { metrics: Metrics; targets: BenchSet['targets'] }> = {
  'fundus-eval': { metrics: { body: 'shingle', meta: false, byline: false }, targets: { bodyF1: 0.965 } },
  'trafilatura-eval': {
    metrics: { body: 'snippets', meta: true, byline: false },
    targets: { bodyF1: 0.93, title: 0.9, author: 0.85, date: 0.9 },
  },
  readability: { metrics: { body: 'shingle', meta: true, byline: true }, targets: { bodyF1: 0.95, title: 0.95, byline: 0.9 } },
};

/** Speed, memory and robustness targets, the same for every set. */
export const GENERAL_TARGETS = { speedRatio: 2.5, maxPageMs: 1000 } as const;

/** Loads a standard set by name. */
export function loadStandardSet(name: string): BenchSet {
  const dir = path.join(CORPUS, name);
  return loadSet(name, path.join(dir, 'html'), path.join(dir, 'ground-truth.json'));
}

/** Loads any set in the same format: a folder of `<id>.html[.gz]` and a ground truth
 * keyed by id. Metrics are guessed from the ground-truth fields for unknown sets. */
export function loadSet(name: string, htmlDir: string, gtFile: string): BenchSet {
  if (!existsSync(htmlDir)) throw new Error(`${htmlDir}: no such folder (expected <id>.html or <id>.html.gz pages)`);
  if (!existsSync(gtFile)) throw new Error(`${gtFile}: no such file (expected the ground truth, {id: {...}})`);
  const gt = JSON.parse(readFileSync(gtFile, 'utf8')) as Record<string, Record<string, unknown>>;
  const files = new Map<string, string>();
  for (const f of readdirSync(htmlDir)) {
    const m = /^(.+)\.html?(\.gz)?$/i.exec(f);
    if (m && (!files.has(m[1]!) || !m[2])) files.set(m[1]!, path.join(htmlDir, f));
  }
  const ids = [...files.keys()].filter((id) => id in gt).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const unmatched = files.size + Object.keys(gt).length - 2 * ids.length;
  const urls = new Map<string, string>();
  for (const id of ids) {
    const u = gt[id]?.url;
    if (typeof u === 'string' && /^https?:\/\//i.test(u)) urls.set(id, u);
  }
  const known = KNOWN[name];
  const metrics = known?.metrics ?? guessMetrics(gt);
  return { name, htmlDir, gtFile, ids, files, gt, urls, metrics, targets: known?.targets ?? {}, unmatched };
}

/** Snippet scoring when the ground truth has `with`/`without`, shingle F1 on
 * `articleBody` otherwise; metadata when titles, authors or dates are there. */
function guessMetrics(gt: Record<string, Record<string, unknown>>): Metrics {
  const entries = Object.values(gt);
  const has = (k: string): boolean => entries.some((e) => e && e[k] != null && e[k] !== '');
  const body = has('with') ? 'snippets' : 'shingle';
  if (body === 'shingle' && !has('articleBody')) throw new Error('ground truth has neither articleBody nor with/without snippets: nothing to score');
  const meta = has('title') || has('author') || has('authors') || has('date') || has('publishing_date');
  return { body, meta, byline: has('byline') };
}

/** Whether the ground truth says the page has an article (a non-empty body or snippets). */
export function hasArticle(entry: Record<string, unknown> | undefined): boolean {
  if (!entry) return false;
  const body = entry.articleBody;
  if (typeof body === 'string' && body.trim()) return true;
  const w = entry.with;
  return Array.isArray(w) && w.length > 0;
}

/** The page's bytes (gunzipped). */
export function readPage(file: string): Uint8Array {
  return maybeGunzip(readFileSync(file), file);
}
