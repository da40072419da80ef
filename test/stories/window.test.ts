// The story engine's time window: memory stays bounded while stream time advances (old
// articles, their fingerprints and stale stories are forgotten), forgotten ids answer
// "unknown" without breaking related posts or story summaries, a late old article still gets
// a story, and a monotone stream gets the same story ids with or without the window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StoryEngine, type StoryDoc, type StorySettings } from '../../src/stories/index.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2024-05-01T00:00:00Z');

/** Deterministic made-up words (a seeded generator), so stories share nothing by chance. */
function wordMaker(seed: number): () => string {
  let x = seed >>> 0;
  const syl = ['ka', 'lo', 'mi', 'zu', 're', 'ta', 'vo', 'ni', 'su', 'pe', 'do', 'gri', 'bal', 'tor', 'wen'];
  const next = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0), x);
  return () => Array.from({ length: 3 }, () => syl[next() % syl.length]).join('');
}

/**
 * A stream of `days` days, `perDay` stories a day, `perStory` articles per story spread over
 * the day. Each story has its own words; every article's body is long enough for MinHash.
 */
function stream(days: number, perDay = 3, perStory = 4): StoryDoc[] {
  const word = wordMaker(7);
  const docs: StoryDoc[] = [];
  for (let d = 0; d < days; d++) {
    for (let s = 0; s < perDay; s++) {
      const own = Array.from({ length: 12 }, word);
      for (let a = 0; a < perStory; a++) {
        const title = `${own[0]} ${own[1]} ${own[2]} ${own[3 + a]} ${word()}`;
        const text = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? own[(i + a) % own.length] : word())).join(' ');
        docs.push({ id: `d${d}s${s}a${a}`, title, text, publishedAt: T0 + d * DAY + (s * perStory + a) * HOUR, source: `Outlet ${a}` });
      }
    }
  }
  return docs;
}

const WINDOWED: Partial<StorySettings> = { windowMs: 3 * DAY, evictEvery: 10 };

test('memory is bounded by the window: articles, fingerprints, stories and postings stop growing as time advances', () => {
  const e = new StoryEngine(WINDOWED);
  const docs = stream(40);
  const sizes: { articles: number; dups: number; stories: number; postings: number }[] = [];
  docs.forEach((d, i) => {
    e.addArticle(d);
    if ((i + 1) % (docs.length / 4) === 0) {
      sizes.push({ articles: e.articleCount, dups: e.duplicates.size, stories: e.clusterer.storyCount, postings: e.clusterer.indexSize.postingEntries });
    }
  });
  // 12 articles a day: a 3-day window plus one eviction period holds at most 3·12 + 12 + 10.
  const bound = 3 * 12 + 12 + WINDOWED.evictEvery!;
  for (const s of sizes) {
    assert.ok(s.articles <= bound, `held ${s.articles} articles, expected ≤ ${bound}`);
    assert.ok(s.dups <= bound, `duplicate index holds ${s.dups}`);
    assert.ok(s.stories <= bound / 4 + 1, `held ${s.stories} stories`);
  }
  // After the first quarter (10 days, past the window) nothing grows any more.
  const settled = sizes.slice(1);
  const max = (k: keyof (typeof sizes)[number]) => Math.max(...settled.map((s) => s[k]));
  const min = (k: keyof (typeof sizes)[number]) => Math.min(...settled.map((s) => s[k]));
  assert.ok(max('postings') <= min('postings') * 1.5, `posting entries ${settled.map((s) => s.postings).join(' → ')}`);
  assert.ok(max('articles') <= min('articles') * 1.5, `articles ${settled.map((s) => s.articles).join(' → ')}`);
  // Without the window the same stream keeps everything.
  const all = new StoryEngine({ windowMs: Number.POSITIVE_INFINITY });
  for (const d of docs) all.addArticle(d);
  assert.equal(all.articleCount, docs.length);
});

test('a forgotten article is unknown to storyOf, related, story, duplicateOf and alsoPublishedBy, without errors', () => {
  const e = new StoryEngine(WINDOWED);
  const docs = stream(20);
  const first = e.addArticle(docs[0]!);
  assert.ok(e.related(docs[1]!.id).length === 0); // not added yet: unknown, not an error
  for (const d of docs.slice(1)) e.addArticle(d);
  assert.equal(e.storyOf(docs[0]!.id), undefined);
  assert.deepEqual(e.related(docs[0]!.id), []);
  assert.equal(e.story(first.storyId), undefined);
  assert.equal(e.clusterer.resolve(first.storyId), undefined);
  assert.equal(e.duplicateOf(docs[0]!.id), null);
  assert.deepEqual(e.duplicates.alsoPublishedBy(docs[0]!.id), []);
  // Recent articles still have their story, its summary and related posts from it.
  const last = docs[docs.length - 1]!;
  const sid = e.storyOf(last.id);
  assert.ok(sid !== undefined);
  const summary = e.story(sid)!;
  assert.ok(summary.articles.includes(last.id));
  assert.ok(e.related(last.id).every((p) => e.storyOf(p.id) !== undefined), 'related posts are held articles');
  assert.ok(e.related(last.id).length > 0, 'story-mates inside the window are still related');
});

test('a late article published long before the window still gets a story, and is forgotten at the next pass', () => {
  const e = new StoryEngine(WINDOWED);
  const docs = stream(20);
  for (const d of docs) e.addArticle(d);
  const old = { ...docs[5]!, id: 'late', publishedAt: T0 - 30 * DAY };
  const r = e.addArticle(old);
  assert.equal(typeof r.storyId, 'number');
  assert.equal(e.storyOf('late'), r.storyId, 'known until the next pass');
  assert.ok(Array.isArray(e.related('late')));
  assert.ok(e.story(r.storyId) !== undefined);
  // One eviction period later it is gone, and everything still answers.
  const more = stream(21).slice(docs.length);
  for (const d of more.slice(0, WINDOWED.evictEvery! + 1)) e.addArticle(d);
  assert.equal(e.storyOf('late'), undefined);
  assert.deepEqual(e.related('late'), []);
});

test('a copy of a forgotten article is not found as a copy; a copy inside the window is', () => {
  const e = new StoryEngine(WINDOWED);
  const docs = stream(20);
  for (const d of docs) e.addArticle(d);
  const recent = docs[docs.length - 2]!;
  const lastTime = T0 + 19 * DAY + 23 * HOUR;
  const copy = e.addArticle({ ...recent, id: 'copy-recent', title: 'Another headline', publishedAt: lastTime });
  assert.equal(copy.duplicateOf, recent.id);
  assert.equal(copy.storyId, e.storyOf(recent.id));
  const copyOld = e.addArticle({ ...docs[0]!, id: 'copy-old', title: 'Another headline', publishedAt: lastTime });
  assert.equal(copyOld.duplicateOf, null);
});

test('a time-ordered stream gets the same story ids with the window as without, and a replay gives the same ids', () => {
  const docs = stream(30, 4, 3);
  const run = (settings: Partial<StorySettings>) => {
    const e = new StoryEngine(settings);
    return docs.map((d) => e.addArticle(d).storyId);
  };
  const windowed = run(WINDOWED);
  assert.deepEqual(windowed, run({ windowMs: Number.POSITIVE_INFINITY }));
  assert.deepEqual(windowed, run(WINDOWED));
  // Not trivially one story or one per article.
  const distinct = new Set(windowed).size;
  assert.ok(distinct > 30 && distinct < docs.length, `${distinct} stories`);
});

test('one article dated far in the future does not make the window forget everything', () => {
  const docs = stream(10);
  const run = (misdated: boolean) => {
    const e = new StoryEngine(WINDOWED);
    docs.slice(0, 50).forEach((d) => e.addArticle(d));
    if (misdated) e.addArticle({ id: 'future', title: 'Misdated', text: null, publishedAt: T0 + 3650 * DAY });
    docs.slice(50, 100).forEach((d) => e.addArticle(d));
    return e;
  };
  const clean = run(false);
  const e = run(true);
  assert.ok(clean.articleCount > 30 && clean.articleCount < 100, `held ${clean.articleCount} without the misdated article`);
  // Everything inside the window behind the newest real article is still held.
  const newest = Number(docs[99]!.publishedAt);
  for (const d of docs.slice(0, 100)) {
    if (Number(d.publishedAt) >= newest - WINDOWED.windowMs!) assert.ok(e.storyOf(d.id) !== undefined, `${d.id} was forgotten`);
  }
  assert.ok(Math.abs(e.articleCount - clean.articleCount) <= WINDOWED.evictEvery!, `held ${e.articleCount} against ${clean.articleCount}`);
  assert.ok(e.storyOf('future') !== undefined);
});
