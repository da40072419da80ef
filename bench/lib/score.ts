// score: the official scorers in ../shared/tools, used as they are — score-extraction and
// score-snippets through their exported functions (the same code their command lines
// run), score-meta as a child process (it has no exports) whose JSON line we read. So the
// numbers here are the numbers the tools print for the files in .bench/.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TOOLS } from './sets.ts';

/** Body scores of one system on one set. */
export interface BodyScore {
  f1: number;
  precision: number;
  recall: number;
  /** Bootstrap standard deviation of F1 (shingle metric only). */
  f1Std?: number;
}

/** Metadata rates (0..1) from score-meta, and its human-readable lines. */
export interface MetaScore {
  title: number;
  /** score-meta's "all authors found"; on sets whose ground truth has a free-text
   * `byline` (the readability set), byline where one is expected (see scoreBylines). */
  author: number;
  date: number;
  /** Byline where one is expected, when the ground truth has `byline` fields. */
  byline?: number;
  lines: string[];
}

interface ShingleMetrics {
  f1: number;
  precision: number;
  recall: number;
  f1_std?: number;
}

// The tools are plain .mjs without type declarations; these are the shapes of the
// functions we call (see the sources in ../shared/tools).
interface ScoreExtractionModule {
  evaluate(gt: Record<string, string>, pred: Record<string, string>, opts?: { nBootstrap?: number; seed?: number }): { metrics: ShingleMetrics };
  loadGroundTruth(p: string, field?: string): Record<string, string>;
  loadPrediction(file: string, field?: string): { pred: Record<string, string>; version: string };
}
interface ScoreSnippetsModule {
  scoreSnippets(gt: Record<string, unknown>, pred: Record<string, string>): { f1: number; precision: number; recall: number };
}

async function tool<T>(name: string): Promise<T> {
  return (await import(pathToFileURL(path.join(TOOLS, name)).href)) as T;
}

/** Shingle F1 (score-extraction.mjs, default options: 1000 bootstrap samples, seed 1). */
export async function scoreShingles(gtFile: string, predFile: string): Promise<BodyScore> {
  const se = await tool<ScoreExtractionModule>('score-extraction.mjs');
  const gt = se.loadGroundTruth(gtFile, 'articleBody');
  const { pred } = se.loadPrediction(predFile, 'articleBody');
  const { metrics } = se.evaluate(gt, pred, { nBootstrap: 1000, seed: 1 });
  return { f1: metrics.f1, precision: metrics.precision, recall: metrics.recall, ...(metrics.f1_std !== undefined ? { f1Std: metrics.f1_std } : {}) };
}

/** Snippet F1 (score-snippets.mjs), predictions read the way its command line reads them. */
export async function scoreSnippetsFile(gtFile: string, predFile: string): Promise<BodyScore> {
  const ss = await tool<ScoreSnippetsModule>('score-snippets.mjs');
  const gt = JSON.parse(readFileSync(gtFile, 'utf8')) as Record<string, unknown>;
  const raw = JSON.parse(readFileSync(predFile, 'utf8')) as Record<string, unknown>;
  const pred: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    const body = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as { articleBody?: unknown }).articleBody : '';
    pred[k] = typeof body === 'string' ? body : '';
  }
  const m = ss.scoreSnippets(gt, pred);
  return { f1: m.f1, precision: m.precision, recall: m.recall };
}

/** Title exact / all authors found / same publication day (score-meta.mjs). On sets
 * whose ground truth gives a free-text `byline`, `author` is the byline measure instead. */
export function scoreMeta(gtFile: string, predFile: string): MetaScore {
  const out = execFileSync(process.execPath, [path.join(TOOLS, 'score-meta.mjs'), gtFile, predFile], { encoding: 'utf8' });
  const lines = out.trim().split('\n');
  const last = JSON.parse(lines[lines.length - 1] ?? '{}') as { titleExact?: number; authorsFound?: number; dateSameDay?: number };
  const score: MetaScore = { title: last.titleExact ?? 0, author: last.authorsFound ?? 0, date: last.dateSameDay ?? 0, lines: lines.slice(0, -1) };
  const gt = JSON.parse(readFileSync(gtFile, 'utf8')) as Record<string, { byline?: unknown } | null>;
  if (Object.values(gt).some((g) => typeof g?.byline === 'string')) {
    const pred = JSON.parse(readFileSync(predFile, 'utf8')) as Record<string, { authors?: unknown; byline?: unknown } | null>;
    const b = scoreBylines(gt, pred);
    score.byline = b.rate;
    score.author = b.rate;
    score.lines.push(`byline  (n=${b.expected}, ${b.noName} naming no one left out): where expected ${(100 * b.rate).toFixed(1)}% — ${BYLINE_RULE}`);
  }
  return score;
}

// ---------------------------------------------------------------------------------------
// Byline where one is expected
//
// The readability set's ground truth is Readability's own byline, a free string ("By Jane
// Doe, Staff Writer", "Par Sébastien Farcis", "April 28, 2019 at 6:01 am Updated …"), and
// its `authors` is that string as one name. score-meta asks that our joined names contain
// the whole string, which clean names ("Jane Doe") never do when the byline carries a
// "By", a job title or a date: that read 65.8% where our own check read 90.4%. The fair
// reading used here, and by test/extract/metadata-corpus.test.ts:
//   - a byline is expected when the ground truth has one that names someone: a byline made
//     only of dates, times and labels ("Updated April 29, 2019 at 3:33 pm", "Follow
//     Author") names no one and is left out;
//   - it is found when we return at least one name and every name we return occurs in the
//     ground-truth byline (score-meta's normalisation: NFKC, case, spaces, edge quotes).
//     An extra name we return (a photographer, a place) is a miss.
// Pages without a ground-truth byline are not counted.

/** The rule in one line, for the bench output. */
export const BYLINE_RULE = 'found = we name at least one author and every name we give occurs in the expected byline; bylines of only dates and labels are not expected';

/** Words a byline may hold that name no one: labels, months, weekdays, time words. */
const BYLINE_NON_NAME = /^(?:by|par|von|por|de|door|di|published|posted|updated|last|first|on|at|am|pm|a|m|follow|author|authors|and|the|jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december|mon|monday|tue|tues|tuesday|wed|wednesday|thu|thurs|thursday|fri|friday|sat|saturday|sun|sunday|utc|gmt|edt|est|pdt|pst|bst|cet|cest)$/;

const normMeta = (s: unknown): string =>
  String(s ?? '').normalize('NFKC').toLowerCase().replace(/[\s\u00a0]+/g, ' ').replace(/^[\s"'“”‘’«»]+|[\s"'“”‘’«»]+$/g, '');

/** Whether a ground-truth byline names someone (has a word that is not a label or date word). */
export function bylineNamesSomeone(byline: string): boolean {
  const ws = byline.normalize('NFKC').toLowerCase().match(/[\p{L}]+/gu) ?? [];
  return ws.some((w) => !BYLINE_NON_NAME.test(w));
}

/** Byline where one is expected (see above). */
export function scoreBylines(
  gt: Record<string, { byline?: unknown } | null>,
  pred: Record<string, { authors?: unknown; byline?: unknown } | null>,
): { rate: number; expected: number; found: number; noName: number } {
  let expected = 0, found = 0, noName = 0;
  for (const [id, g] of Object.entries(gt)) {
    const byline = typeof g?.byline === 'string' ? g.byline.trim() : '';
    if (!byline) continue;
    if (!bylineNamesSomeone(byline)) {
      noName++;
      continue;
    }
    expected++;
    // Our names; a system that gives one byline string (the baseline) counts it as one name.
    const p = pred[id];
    const raw = p?.authors ?? p?.byline;
    const ours = (Array.isArray(raw) ? raw : [raw]).filter((a): a is string => typeof a === 'string' && !!a.trim());
    const b = normMeta(byline);
    if (ours.length && ours.every((a) => b.includes(normMeta(a)))) found++;
  }
  return { rate: expected ? found / expected : 0, expected, found, noName };
}
