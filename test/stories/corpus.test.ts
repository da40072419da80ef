// The stories stage on the shared evaluation sets, at default settings and in stream order:
// the measured figures must stay at or above what the stage reaches today (see
// docs/stories.md), so a change that makes it worse fails here. Skips without ../shared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { convertDuplicates } from '../../bench/convert-duplicates.ts';
import { convertGoogleNews } from '../../bench/convert-googlenews.ts';
import { convertUci } from '../../bench/convert-uci.ts';
import { METRICS_FILE, scoreStream, type StoriesScore } from '../../bench/lib/stories-score.ts';
import { EXTRACTION_CORPUS, STORIES_CORPUS } from '../../bench/lib/stories-sets.ts';

const missing = (p: string) => (existsSync(p) && existsSync(METRICS_FILE) ? false : `needs ${p} and ${METRICS_FILE} (the shared corpus beside the project)`);

function atLeast(score: StoriesScore, floors: Partial<Record<keyof StoriesScore, number>>): void {
  for (const [k, floor] of Object.entries(floors)) {
    const v = score[k as keyof StoriesScore];
    assert.ok(typeof v === 'number' && v >= floor!, `${k} = ${String(v)}, below the floor ${floor}`);
  }
}

test('Google News TS in MStream order', { skip: missing(path.join(STORIES_CORPUS, 'googlenews')) }, async () => {
  const s = await scoreStream(convertGoogleNews());
  atLeast(s, { pairF1: 0.9, bcubedF1: 0.9, ari: 0.9, relatedSameStory: 0.96 });
});

test('UCI dev headlines in timestamp order', { skip: missing(path.join(STORIES_CORPUS, 'uci-dev')) }, async () => {
  const s = await scoreStream(convertUci());
  atLeast(s, { pairF1: 0.825, relatedSameStory: 0.94, relatedSameCategory: 0.98, categoryAccuracy: 0.96 });
});

test('near-duplicates built from the extraction corpus', { skip: missing(EXTRACTION_CORPUS) }, async () => {
  const s = await scoreStream(convertDuplicates());
  atLeast(s, { dupPrecision: 0.99, dupRecall: 0.97 });
});
