// Sources: CRUD, polling state, claiming due sources, fetch log and health — on both databases.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './helpers.ts';
import { StoreError } from '../../src/store/index.ts';

for (const b of backends) {
  describe(`sources on ${b.name}`, { skip: b.skip }, () => {
    test('add, get, list, update, remove', async () => {
      const s = await b.fresh();
      const { source, created } = await s.addSource({
        url: 'https://news.example.com/rss/',
        name: '  Example   News ',
        section: 'World',
        displayMode: 'full',
        urlPattern: '/world/\\d+',
        useFeedContent: true,
      });
      assert.equal(created, true);
      assert.equal(source.name, 'Example News');
      assert.equal(source.displayMode, 'full');
      assert.equal(source.useFeedContent, true);
      assert.equal(source.state, 'active');
      assert.equal(source.consecutiveErrors, 0);
      assert.equal(typeof source.id, 'number');

      // The same feed behind a tracking parameter and without the slash is the same source.
      const again = await s.addSource({ url: 'https://news.example.com/rss?utm_source=newsletter' });
      assert.equal(again.created, false);
      assert.equal(again.source.id, source.id);
      assert.equal((await s.getSourceByUrl('https://news.example.com/rss#top'))?.id, source.id);

      const other = (await s.addSource({ url: 'https://other.example.org/feed.xml', section: 'Sport' })).source;
      assert.deepEqual((await s.listSources()).map((x) => x.id), [source.id, other.id]);
      assert.deepEqual((await s.listSources({ section: 'Sport' })).map((x) => x.id), [other.id]);

      const paused = await s.updateSource(source.id, { state: 'paused', name: 'Renamed', useFeedContent: false });
      assert.equal(paused?.state, 'paused');
      assert.equal(paused?.name, 'Renamed');
      assert.equal(paused?.useFeedContent, false);
      assert.deepEqual((await s.listSources({ state: 'paused' })).map((x) => x.id), [source.id]);
      assert.equal(await s.updateSource(9999, { name: 'x' }), null);

      await assert.rejects(s.updateSource(other.id, { url: 'https://news.example.com/rss' }), /already has the URL/);
      await assert.rejects(s.addSource({ url: 'feed.xml' }), StoreError);
      await assert.rejects(s.addSource({ url: 'https://x.example/', displayMode: 'huge' as 'full' }), /display mode/);
      await assert.rejects(s.addSource({ url: 'https://x.example/', urlPattern: '([' }), /regular expression/);

      assert.equal(await s.removeSource(other.id), true);
      assert.equal(await s.removeSource(other.id), false);
      assert.equal(await s.getSource(other.id), null);
    });

    test('due sources, claiming, and recording polls', async () => {
      const s = await b.fresh();
      const t0 = new Date('2024-06-01T12:00:00Z');
      const a = (await s.addSource({ url: 'https://a.example/feed', nextPollAt: t0 })).source;
      const c = (await s.addSource({ url: 'https://c.example/feed', nextPollAt: new Date(t0.getTime() - 60_000) })).source;
      const later = (await s.addSource({ url: 'https://b.example/feed', nextPollAt: new Date(t0.getTime() + 3600_000) })).source;
      const paused = (await s.addSource({ url: 'https://p.example/feed', nextPollAt: t0 })).source;
      await s.updateSource(paused.id, { state: 'paused', nextPollAt: t0 });

      assert.deepEqual((await s.dueSources(t0)).map((x) => x.id), [c.id, a.id]);
      assert.deepEqual((await s.dueSources(t0, 1)).map((x) => x.id), [c.id]);

      // Two workers claiming at once never get the same source.
      const [w1, w2] = await Promise.all([s.claimDueSources(t0, 1, 300), s.claimDueSources(t0, 1, 300)]);
      const claimed = [...w1!, ...w2!].map((x) => x.id).sort();
      assert.deepEqual(claimed, [a.id, c.id].sort());
      assert.equal(w1![0]!.nextPollAt, new Date(t0.getTime() + 300_000).toISOString());
      assert.deepEqual(await s.claimDueSources(t0), []);

      // A failed poll counts errors, keeps the validators, logs the fetch.
      const failed = await s.recordPoll(a.id, {
        at: t0,
        ok: false,
        status: 503,
        error: 'HTTP 503 Service Unavailable',
        nextPollAt: new Date(t0.getTime() + 600_000),
        intervalSeconds: 600,
        reason: 'backoff',
        fetch: { url: a.url, kind: 'feed', status: 503, bytes: 120, durationMs: 40 },
      });
      assert.equal(failed?.consecutiveErrors, 1);
      assert.equal(failed?.lastError, 'HTTP 503 Service Unavailable');
      assert.equal(failed?.scheduleReason, 'backoff');
      assert.equal(failed?.intervalSeconds, 600);
      const twice = await s.recordPoll(a.id, { at: t0, ok: false, error: 'timeout', nextPollAt: t0 });
      assert.equal(twice?.consecutiveErrors, 2);
      assert.equal((await s.stats()).errors, 1);

      // Success resets the errors and stores the validators.
      const ok = await s.recordPoll(a.id, {
        at: t0,
        ok: true,
        status: 200,
        nextPollAt: new Date(t0.getTime() + 900_000),
        etag: '"abc"',
        lastModified: 'Sat, 01 Jun 2024 11:00:00 GMT',
        fetch: { url: a.url, kind: 'feed', status: 200, bytes: 5000, durationMs: 60 },
      });
      assert.equal(ok?.consecutiveErrors, 0);
      assert.equal(ok?.lastError, null);
      assert.equal(ok?.etag, '"abc"');
      assert.equal(ok?.lastSuccessAt, t0.toISOString());
      assert.equal(ok?.nextPollAt, new Date(t0.getTime() + 900_000).toISOString());
      // A 304 keeps the validators when none are given.
      const notModified = await s.recordPoll(a.id, { at: t0, ok: true, status: 304, nextPollAt: t0 });
      assert.equal(notModified?.etag, '"abc"');
      assert.equal((await s.stats()).errors, 0);

      // 410 Gone stops polling.
      const gone = await s.recordPoll(later.id, { at: t0, ok: false, status: 410, nextPollAt: t0, pause: 'gone' });
      assert.equal(gone?.state, 'gone');
      assert.ok(!(await s.dueSources(new Date(t0.getTime() + 7200_000))).some((x) => x.id === later.id));
      // Resuming makes it due at once with a clean error count.
      const resumed = await s.updateSource(later.id, { state: 'active' });
      assert.equal(resumed?.state, 'active');
      assert.equal(resumed?.consecutiveErrors, 0);
      assert.equal(await s.recordPoll(9999, { ok: true, nextPollAt: t0 }), null);

      const health = await s.sourceHealth(a.id, 7, t0);
      assert.equal(health.fetches, 2);
      assert.equal(health.errors, 1);
      assert.equal(health.errorRate, 0.5);
      assert.equal(health.avgDurationMs, 50);
      assert.equal(health.bytes, 5120);
      assert.deepEqual(health.byStatus, { '200': 1, '503': 1 });
      assert.equal(typeof health.fetches, 'number');
      const empty = await s.sourceHealth(c.id, 7, t0);
      assert.deepEqual([empty.fetches, empty.errorRate, empty.avgDurationMs, empty.lastStatus], [0, 0, null, null]);

      await s.logFetch({ sourceId: c.id, url: 'https://c.example/a', kind: 'page', error: 'connect ETIMEDOUT', at: t0 });
      const ch = await s.sourceHealth(c.id, 7, t0);
      assert.deepEqual([ch.fetches, ch.errors, ch.lastError], [1, 1, 'connect ETIMEDOUT']);
      assert.deepEqual(ch.byStatus, { none: 1 });
      assert.equal(await s.pruneFetchLog(new Date(t0.getTime() + 1)), 3);
    });

    test('removing a source removes its entries and fetch log but keeps its articles', async () => {
      const s = await b.fresh();
      const src = (await s.addSource({ url: 'https://a.example/feed' })).source;
      const e = await s.upsertEntry(src.id, {
        id: 'x',
        url: 'https://a.example/x',
        title: 'X',
        authors: [],
        publishedAt: null,
        updatedAt: null,
        summary: null,
        contentHtml: null,
        categories: [],
        image: null,
        lang: null,
      });
      const saved = await s.saveArticle({
        article: {
          url: 'https://a.example/x',
          canonicalUrl: null,
          title: 'X',
          authors: [],
          publishedAt: null,
          modifiedAt: null,
          lang: null,
          siteName: null,
          description: null,
          leadImage: null,
          articleBody: 'Body.',
          html: null,
          wordCount: 1,
        },
        sourceId: src.id,
        entryId: e.entryId,
      });
      await s.logFetch({ sourceId: src.id, url: src.url, kind: 'feed', status: 200 });
      assert.equal(await s.removeSource(src.id), true);
      const st = await s.stats();
      assert.deepEqual([st.sources, st.entries, st.articles], [0, 0, 1]);
      assert.equal((await s.getArticle(saved.articleId))?.sourceId, null);
      assert.equal((await s.sourceHealth(src.id)).fetches, 0);
    });

    test('robots.txt cache honours its expiry', async () => {
      const s = await b.fresh();
      const t0 = new Date('2024-06-01T12:00:00Z');
      await s.putRobots({ host: 'News.Example.com:443', status: 200, body: 'User-agent: *\nDisallow: /x', fetchedAt: t0, expiresAt: new Date(t0.getTime() + 3600_000) });
      assert.equal((await s.getRobots('news.example.com:443', t0))?.body, 'User-agent: *\nDisallow: /x');
      assert.equal(await s.getRobots('news.example.com:443', new Date(t0.getTime() + 7200_000)), null);
      await s.putRobots({ host: 'news.example.com:443', status: 404, body: null, fetchedAt: t0, expiresAt: new Date(t0.getTime() + 3600_000) });
      assert.equal((await s.getRobots('news.example.com:443', t0))?.status, 404);
    });
  });
}
