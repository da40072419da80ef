// stories-score: runs the StoryEngine over bench documents in stream order and scores it
// with ../shared/tools/cluster-metrics.mjs (pair counting, BCubed, ARI), the duplicate
// pairs, related posts and the section classifier.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StoryEngine, type StorySettings } from '../../src/stories/index.ts';
import { SHARED, type BenchDoc } from './stories-sets.ts';

type Label = string | number;
interface ClusterMetrics {
  pairwise(gold: Label[], pred: Label[]): { P: number; R: number; F1: number };
  bcubed(gold: Label[], pred: Label[]): { P: number; R: number; F1: number };
  ari(gold: Label[], pred: Label[]): number;
}

export const METRICS_FILE = path.join(SHARED, 'tools', 'cluster-metrics.mjs');

export async function loadMetrics(): Promise<ClusterMetrics> {
  return (await import(pathToFileURL(METRICS_FILE).href)) as ClusterMetrics;
}

/** Related posts are scored over at most this many articles (evenly spread), to keep runs short. */
const RELATED_SAMPLE = 3000;

export interface StoriesScore {
  docs: number;
  stories: number;
  pairF1?: number; pairP?: number; pairR?: number;
  bcubedF1?: number; ari?: number;
  dupPrecision?: number; dupRecall?: number;
  relatedSameStory?: number; relatedSameCategory?: number; relatedPerArticle?: number;
  categoryAccuracy?: number;
  /** The section the chain gave each unlabelled document as it arrived (what the site shows). */
  sectionAccuracy?: number;
  docsPerSec: number;
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

/**
 * Scores one document stream. With category labels, every other document (even positions)
 * tells the engine its section; `categoryAccuracy` is the classifier's on the odd positions
 * once all are in, `sectionAccuracy` the whole chain's on them at arrival (story vote included).
 * `settings` overrides the defaults (for tuning runs only; the benchmark uses the defaults);
 * `related: false` skips the related-post scoring.
 */
export async function scoreStream(docs: BenchDoc[], settings: Partial<StorySettings> = {}, opts: { related?: boolean } = {}): Promise<StoriesScore> {
  const m = await loadMetrics();
  const engine = new StoryEngine(settings);
  const hasCategory = docs.some((d) => d.category !== undefined);
  const t0 = performance.now();
  let arrivedRight = 0;
  let arrivedAsked = 0;
  docs.forEach((d, i) => {
    const res = engine.addArticle({
      id: d.id, title: d.title ?? null, text: d.text ?? null, publishedAt: d.publishedAt ?? null, source: d.source ?? null,
      knownSection: hasCategory && i % 2 === 0 ? d.category ?? null : null,
    });
    if (hasCategory && i % 2 === 1 && d.category !== undefined) {
      arrivedAsked++;
      if (res.section === d.category) arrivedRight++;
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  const out: StoriesScore = { docs: docs.length, stories: 0, docsPerSec: Math.round(docs.length / seconds) };
  const pred = docs.map((d) => engine.storyOf(d.id) ?? -1);
  out.stories = new Set(pred).size;

  const labelled = docs.map((d, i) => ({ d, i })).filter(({ d }) => d.story !== undefined);
  if (labelled.length) {
    const gold = labelled.map(({ d }) => d.story!);
    const p = labelled.map(({ i }) => pred[i]!);
    const pw = m.pairwise(gold, p);
    Object.assign(out, { pairF1: r4(pw.F1), pairP: r4(pw.P), pairR: r4(pw.R), bcubedF1: r4(m.bcubed(gold, p).F1), ari: r4(m.ari(gold, p)) });
  }
  if (docs.some((d) => d.group !== undefined)) {
    const withGroup = docs.filter((d) => d.group !== undefined);
    const gold = withGroup.map((d) => d.group!);
    const p = withGroup.map((d) => engine.duplicates.group(d.id)?.key ?? `single:${d.id}`);
    const pw = m.pairwise(gold, p);
    Object.assign(out, { dupPrecision: r4(pw.P), dupRecall: r4(pw.R) });
  }
  const byId = new Map(docs.map((d) => [d.id, d]));
  const hasStory = docs.some((d) => d.story !== undefined);
  if ((hasStory || hasCategory) && opts.related !== false) {
    const step = Math.max(1, Math.floor(docs.length / RELATED_SAMPLE));
    let picks = 0, sameStory = 0, sameCat = 0, asked = 0;
    for (let i = 0; i < docs.length; i += step) {
      const d = docs[i]!;
      asked++;
      for (const r of engine.related(d.id)) {
        const o = byId.get(r.id)!;
        picks++;
        if (o.story !== undefined && o.story === d.story) sameStory++;
        if (o.category !== undefined && o.category === d.category) sameCat++;
      }
    }
    if (picks) {
      if (hasStory) out.relatedSameStory = r4(sameStory / picks);
      if (hasCategory) out.relatedSameCategory = r4(sameCat / picks);
      out.relatedPerArticle = r4(picks / asked);
    }
  }
  if (hasCategory) {
    let ok = 0, n = 0;
    docs.forEach((d, i) => {
      if (i % 2 === 1 && d.category !== undefined) {
        n++;
        if (engine.classifier.predict(d)?.section === d.category) ok++;
      }
    });
    if (n) out.categoryAccuracy = r4(ok / n);
    if (arrivedAsked) out.sectionAccuracy = r4(arrivedRight / arrivedAsked);
  }
  return out;
}
