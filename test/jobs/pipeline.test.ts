// The ingest pipeline end to end, on both databases: a demo newsroom on loopback
// addresses is polled, its pages fetched, extracted and stored; a second run adds nothing;
// a changed article becomes a revision; a failing source backs off while the others go on.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startNewsroom, type RunningNewsroom } from '../../src/demo/index.ts';
import { fetchArticle, ingestOnce, pollSource } from '../../src/jobs/index.ts';
import { loopbackDeps as depsFor } from './fixtures/deps.ts';
import type { Store } from '../../src/store/index.ts';
import { backends } from '../store/helpers.ts';

async function addFeeds(store: Store, room: RunningNewsroom, outlets: number[]) {
  for (const i of outlets) {
    const o = room.outlets[i]!;
    if (o.feedUrls.length) await store.addSource({ url: o.feedUrls[0]!, name: o.name });
    else await store.addSource({ url: o.sectionUrls[0]!, name: o.name, kind: 'section', urlPattern: o.articlePattern });
  }
}

for (const backend of backends) {
  describe(`ingest pipeline on ${backend.name}`, { skip: backend.skip }, () => {
    test('polls, fetches, extracts and stores every entry once; a re-run adds nothing', async () => {
      const room = await startNewsroom({ seed: 7, outlets: 6, itemsPerFeed: 5, hosts: 'per-outlet', crawlDelay: 0, now: new Date('2026-11-20T12:00:00Z') });
      try {
        const url = await backend.newUrl();
        const store = await backend.open(url);
        await addFeeds(store, room, [0, 1, 2, 3, 4, 5]);
        const deps = depsFor(store, url);
        const reports: Array<{ jobsDone: number; jobsPending: number }> = [];
        const first = await ingestOnce(deps, { concurrency: 4, onProgress: (p) => reports.push(p) });
        const stats = await store.stats();
        assert.ok(reports.length > first.jobsDone, 'a progress report per poll and per article');
        assert.deepEqual(reports.at(-1), { ...first, jobsPending: 0 }, 'the last report is the result, with nothing waiting');
        assert.equal(first.polled, 6);
        assert.equal(first.pollErrors, 0, 'no source failed');
        assert.ok(stats.entries >= 25, `entries: ${stats.entries}`);
        assert.equal(first.jobsFailed, 0);
        assert.equal(stats.articles, stats.entries, 'one article per entry');
        assert.equal(stats.jobsPending, 0);
        // Several outlets cover each event: fewer stories than articles, and each article has one.
        assert.ok(stats.stories > 1 && stats.stories < stats.articles, `stories ${stats.stories} for ${stats.articles} articles`);
        const unassigned = await store.db.selectFrom('articles').select('id').where('story_id', 'is', null).execute();
        assert.equal(unassigned.length, 0, 'every article is in a story');
        const sample = (await store.listArticles({ limit: 50 }))[0]!;
        const full = (await store.getArticle(sample.id))!;
        assert.ok(full.title && full.bodyText && full.bodyText.length > 300, 'articles carry title and body');
        assert.doesNotMatch(full.bodyText!, /\bTweet\b|Sign up for our newsletter/i);

        const again = await ingestOnce(deps, { concurrency: 4, all: true });
        assert.equal(again.newEntries, 0);
        assert.equal(again.jobsDone, 0);
        assert.deepEqual(await store.stats(), stats, 'a second run changes nothing');
      } finally {
        await room.close();
      }
    });

    test("an article job's source id is only a hint: the entry's own source decides", async () => {
      const room = await startNewsroom({ seed: 11, outlets: 2, itemsPerFeed: 2, hosts: 'per-outlet', crawlDelay: 0, now: new Date('2026-11-20T12:00:00Z') });
      try {
        const url = await backend.newUrl();
        const store = await backend.open(url);
        const a = (await store.addSource({ url: room.outlets[0]!.feedUrls[0] ?? room.outlets[0]!.sectionUrls[0]!, name: 'A', section: 'World' })).source;
        const b = (await store.addSource({ url: room.outlets[1]!.feedUrls[0] ?? room.outlets[1]!.sectionUrls[0]!, name: 'B', section: 'Sports' })).source;
        const deps = depsFor(store, url);
        await pollSource(deps, a);
        const [entry] = await store.entriesWithoutArticle({ sourceId: a.id });
        assert.ok(entry, 'source A has an entry to fetch');
        // A payload naming the wrong source (a stale or hand-made job) must not move the article.
        const saved = await fetchArticle(deps, entry.id, b.id);
        const stored = await store.getArticle(saved!.articleId);
        assert.equal(stored?.sourceId, a.id);
        assert.equal(stored?.section, 'World');
        await deps.stories?.close();
        await store.close();
      } finally {
        await room.close();
      }
    });

    test('a failing source backs off and reports its error; the others are ingested', async () => {
      const room = await startNewsroom({ seed: 3, outlets: 4, itemsPerFeed: 4, hosts: 'per-outlet', crawlDelay: 0, faults: { 1: { feed: 'error500' }, 2: { feed: 'garbage' } } });
      try {
        const url = await backend.newUrl();
        const store = await backend.open(url);
        await addFeeds(store, room, [0, 1, 2, 3]);
        const res = await ingestOnce(depsFor(store, url), { concurrency: 4 });
        assert.equal(res.pollErrors, 2);
        const sources = await store.listSources();
        const bad = sources.filter((s) => s.consecutiveErrors > 0);
        assert.equal(bad.length, 2);
        for (const s of bad) {
          assert.ok(s.lastError && s.lastError.length > 5, 'the error is reported in words');
          assert.ok(new Date(s.nextPollAt).getTime() > Date.now() + 4 * 60_000, 'backed off');
        }
        assert.match(bad.map((s) => s.lastError).join(' | '), /HTTP 500/);
        const stats = await store.stats();
        assert.ok(stats.articles >= 8, `the healthy sources were ingested (${stats.articles})`);
        assert.equal(stats.errors, 2);
      } finally {
        await room.close();
      }
    });
  });
}
