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
  author: number;
  date: number;
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

/** Title exact / all authors found / same publication day (score-meta.mjs). */
export function scoreMeta(gtFile: string, predFile: string): MetaScore {
  const out = execFileSync(process.execPath, [path.join(TOOLS, 'score-meta.mjs'), gtFile, predFile], { encoding: 'utf8' });
  const lines = out.trim().split('\n');
  const last = JSON.parse(lines[lines.length - 1] ?? '{}') as { titleExact?: number; authorsFound?: number; dateSameDay?: number };
  return { title: last.titleExact ?? 0, author: last.authorsFound ?? 0, date: last.dateSameDay ?? 0, lines: lines.slice(0, -1) };
}
