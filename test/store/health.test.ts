// Source health (src/store/health.ts): daily series, totals, the last errors in words,
// the degradation flag and the list overview — on SQLite and on PostgreSQL, with data
// written through the Store API. Also the error explanations on the messages the fetcher,
// feed parser and pipeline really write.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely, KyselyPlugin } from 'kysely';
import { backends, article } from './helpers.ts';
import type { Database, Store } from '../../src/store/index.ts';
import {
  ARTICLES_PER_DAY_WINDOW,
  BODY_MIN_WORDS,
  assessDegradation,
  binomialAtMost,
  explainFetchError,
  sourceHealthReport,
  sourcesHealthOverview,
} from '../../src/store/health.ts';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const DAY = 86_400_000;
const daysAgo = (d: number, hours = 0): Date => new Date(NOW.getTime() - d * DAY - hours * 3600_000);

let seq = 0;
/** Saves one article for `sourceId`, first stored at `at`. */
async function addArticle(
  s: Store,
  sourceId: number,
  at: Date,
  opts: { words?: number; image?: boolean; date?: boolean } = {},
): Promise<void> {
  const n = ++seq;
  const words = opts.words ?? 400;
  await s.saveArticle({
    article: article({
      url: `https://news.example.com/a/${n}`,
      canonicalUrl: `https://news.example.com/a/${n}`,
      title: `Story ${n}`,
      articleBody: 'word '.repeat(words).trim(),
      wordCount: words,
      publishedAt: opts.date === false ? null : at.toISOString(),
      leadImage: opts.image === false ? null : { url: `https://news.example.com/img/${n}.jpg`, caption: null, credit: null, alt: null, width: null, height: null },
    }),
    sourceId,
    now: at,
  });
}

/** Counts the queries run through a Kysely instance (results, since a subquery is transformed too). */
function counting(db: Kysely<Database>): { db: Kysely<Database>; count: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      n++;
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), count: () => n };
}

for (const b of backends) {
  describe(`source health on ${b.name}`, { skip: b.skip }, () => {
    test('daily series, totals, source state and the last errors', async () => {
      const s = await b.fresh();
      const src = (await s.addSource({ url: 'https://news.example.com/rss', name: 'Example News' })).source;
      const other = (await s.addSource({ url: 'https://other.example.org/feed' })).source;

      // Today: a good poll (120 ms) and one that timed out (no duration).
      await s.logFetch({ sourceId: src.id, url: src.url, kind: 'feed', status: 200, durationMs: 120, at: daysAgo(0, 2) });
      await s.logFetch({
        sourceId: src.id, url: src.url, kind: 'feed',
        error: `${src.url}: no complete answer within 30 s; the site is slow or down, try again later`,
        at: daysAgo(0, 1),
      });
      // Two days ago: an article page that answered 404 (status only) and one that worked.
      await s.logFetch({ sourceId: src.id, url: 'https://news.example.com/a/gone', kind: 'page', status: 404, durationMs: 40, at: daysAgo(2) });
      await s.logFetch({ sourceId: src.id, url: 'https://news.example.com/a/ok', kind: 'page', status: 200, durationMs: 120, at: daysAgo(2, 1) });
      // Outside the window, and another source's: neither counts.
      await s.logFetch({ sourceId: src.id, url: src.url, kind: 'feed', status: 500, at: daysAgo(40) });
      await s.logFetch({ sourceId: other.id, url: other.url, kind: 'feed', status: 503, at: daysAgo(0) });

      // Yesterday: three complete articles and one without body, image or date.
      for (let i = 0; i < 3; i++) await addArticle(s, src.id, daysAgo(1, i));
      await addArticle(s, src.id, daysAgo(1, 5), { words: BODY_MIN_WORDS - 1, image: false, date: false });
      await addArticle(s, other.id, daysAgo(1));
      // The last poll failed: the source row says so.
      await s.recordPoll(src.id, {
        at: daysAgo(0, 1), ok: false, status: 404, error: 'the server answered HTTP 404',
        nextPollAt: new Date(NOW.getTime() + 3600_000), intervalSeconds: 3600, reason: 'backoff',
      });

      const r = await sourceHealthReport(s.db, src.id, { now: NOW });
      assert.ok(r);
      assert.equal(r.days, 30);
      assert.equal(r.series.length, 30);
      assert.equal(r.series[0]!.date, '2026-02-09');
      assert.equal(r.series[29]!.date, '2026-03-10');

      const today = r.series[29]!;
      assert.deepEqual(
        { polls: today.polls, fetches: today.fetches, errors: today.fetchErrors, ms: today.avgFetchMs, articles: today.articles },
        { polls: 2, fetches: 2, errors: 1, ms: 120, articles: 0 },
      );
      const yesterday = r.series[28]!;
      assert.deepEqual(
        { a: yesterday.articles, body: yesterday.bodyFound, image: yesterday.imageFound, date: yesterday.dateFound, fetches: yesterday.fetches },
        { a: 4, body: 3, image: 3, date: 3, fetches: 0 },
      );
      const twoDaysAgo = r.series[27]!;
      assert.deepEqual(
        { polls: twoDaysAgo.polls, fetches: twoDaysAgo.fetches, errors: twoDaysAgo.fetchErrors, ms: twoDaysAgo.avgFetchMs },
        { polls: 0, fetches: 2, errors: 1, ms: 80 },
      );
      // Days without anything are zero-filled, not missing.
      assert.deepEqual(r.series[10], {
        date: '2026-02-19', polls: 0, fetches: 0, fetchErrors: 0, avgFetchMs: null, articles: 0, bodyFound: 0, imageFound: 0, dateFound: 0,
      });

      assert.equal(r.totals.fetches, 4);
      assert.equal(r.totals.fetchErrors, 2);
      assert.equal(r.totals.errorRate, 0.5);
      assert.equal(r.totals.avgFetchMs, 93); // (120 + 40 + 120) / 3
      assert.equal(r.totals.articles, 4);
      assert.equal(r.totals.bodyRate, 0.75);
      assert.equal(r.articlesPerDay, Math.round((4 / ARTICLES_PER_DAY_WINDOW) * 10) / 10);

      assert.equal(r.source.name, 'Example News');
      assert.equal(r.source.lastStatus, 404);
      assert.equal(r.source.lastPolledAt, daysAgo(0, 1).toISOString());
      assert.equal(r.source.nextPollAt, new Date(NOW.getTime() + 3600_000).toISOString());
      assert.equal(r.source.scheduleReason, 'backoff');
      assert.equal(r.source.consecutiveErrors, 1);
      assert.equal(r.source.lastErrorExplanation?.label, 'Not found (HTTP 404)');

      // Newest first, each explained; the 500 from 40 days ago is still an error of this source.
      assert.deepEqual(
        r.lastErrors.map((e) => [e.kind, e.status, e.explanation.label]),
        [
          ['feed', null, 'Timed out'],
          ['page', 404, 'Page not found (HTTP 404)'],
          ['feed', 500, 'Server error (HTTP 500)'],
        ],
      );
      assert.match(r.lastErrors[0]!.explanation.text, /slow or down/);

      assert.equal(await sourceHealthReport(s.db, 9999, { now: NOW }), null);
    });

    test('the last errors are the newest ten', async () => {
      const s = await b.fresh();
      const src = (await s.addSource({ url: 'https://news.example.com/rss' })).source;
      for (let i = 0; i < 14; i++) {
        await s.logFetch({ sourceId: src.id, url: `https://news.example.com/a/${i}`, kind: 'page', status: 503, at: daysAgo(0, 20 - i) });
        await s.logFetch({ sourceId: src.id, url: `https://news.example.com/b/${i}`, kind: 'page', status: 200, at: daysAgo(0, 20 - i) });
      }
      const r = await sourceHealthReport(s.db, src.id, { now: NOW, days: 7 });
      assert.ok(r);
      assert.equal(r.series.length, 7);
      assert.equal(r.lastErrors.length, 10);
      assert.deepEqual(r.lastErrors.map((e) => e.url.split('/').pop()), ['13', '12', '11', '10', '9', '8', '7', '6', '5', '4']);
    });

    test('a source whose last articles lost their bodies is flagged; a steady one and a new one are not', async () => {
      const s = await b.fresh();
      const broken = (await s.addSource({ url: 'https://broken.example/rss', name: 'Broken' })).source;
      const steady = (await s.addSource({ url: 'https://steady.example/rss', name: 'Steady' })).source;
      const fresh = (await s.addSource({ url: 'https://new.example/rss', name: 'New' })).source;
      // Three weeks of normal articles for both, two a day …
      for (let d = 3; d < 25; d++) {
        await addArticle(s, broken.id, daysAgo(d, 1));
        await addArticle(s, broken.id, daysAgo(d, 7));
        await addArticle(s, steady.id, daysAgo(d, 1));
        await addArticle(s, steady.id, daysAgo(d, 7), { image: d % 5 !== 0 });
      }
      // … then the broken site's layout changes: its last ten articles have a caption for a body.
      for (let i = 0; i < 10; i++) {
        await addArticle(s, broken.id, daysAgo(0, 1 + i * 4), { words: 12 });
        await addArticle(s, steady.id, daysAgo(0, 1 + i * 4), { image: i % 3 !== 0 });
      }
      for (let i = 0; i < 3; i++) await addArticle(s, fresh.id, daysAgo(0, i + 1), { words: 5, image: false, date: false });

      const rb = await sourceHealthReport(s.db, broken.id, { now: NOW });
      assert.ok(rb);
      assert.equal(rb.degradation.degraded, true);
      assert.equal(rb.degradation.recent.articles, 10);
      assert.equal(rb.degradation.baseline.articles, 44);
      assert.match(rb.degradation.reasons[0]!, /^body found in 0 of the last 10 articles, against 100% before: the site's layout probably changed/);
      assert.ok(rb.degradation.reasons.some((x) => /average 12 words, against 400 before/.test(x)), rb.degradation.reasons.join(' | '));

      const rs = await sourceHealthReport(s.db, steady.id, { now: NOW });
      assert.equal(rs?.degradation.degraded, false);
      assert.deepEqual(rs?.degradation.reasons, []);
      assert.equal(rs?.degradation.insufficient, null);

      const rn = await sourceHealthReport(s.db, fresh.id, { now: NOW });
      assert.equal(rn?.degradation.degraded, false);
      assert.match(rn?.degradation.insufficient ?? '', /too few articles to judge: 3 recent and 0 before/);

      // The list page reaches the same verdicts, in three queries whatever the number of sources.
      const counted = counting(s.db);
      const rows = await sourcesHealthOverview(counted.db, { now: NOW });
      assert.equal(counted.count(), 3);
      assert.deepEqual(rows.map((r) => [r.name, r.degraded]), [['Broken', true], ['Steady', false], ['New', false]]);
      assert.match(rows[0]!.degradedReason ?? '', /^body found in 0 of the last 10 articles/);
      const st = rows[1]!;
      assert.equal(st.dailyArticles.length, 30);
      // The last ten came every four hours from 11:00 today back to 23:00 two days ago.
      assert.deepEqual(st.dailyArticles.slice(-5), [2, 2, 1, 6, 3]);
      assert.equal(st.extraction.articles, 10 + 2 * 4); // today and days 3–6 of the last seven
      assert.equal(st.articlesPerDay, Math.round((18 / 7) * 10) / 10);
      assert.equal(st.extractionRate, 1);
      assert.equal(rows[0]!.extractionRate, 8 / 18);

      for (let i = 0; i < 20; i++) await s.addSource({ url: `https://more-${i}.example/rss` });
      const again = counting(s.db);
      assert.equal((await sourcesHealthOverview(again.db, { now: NOW })).length, 23);
      assert.equal(again.count(), 3);
    });

    test('a busy source is flagged within hours of its layout change', async () => {
      const s = await b.fresh();
      const busy = (await s.addSource({ url: 'https://busy.example/rss' })).source;
      for (let d = 1; d < 8; d++) for (let i = 0; i < 12; i++) await addArticle(s, busy.id, daysAgo(d, i * 2));
      // The last three hours: twenty articles an hour, each a caption for a body.
      for (let h = 0; h < 3; h++) for (let i = 0; i < 20; i++) await addArticle(s, busy.id, new Date(NOW.getTime() - h * 3600_000 - (i + 1) * 150_000), { words: 20 });
      // … and the nine hours before them normal.
      for (let h = 3; h < 12; h++) for (let i = 0; i < 4; i++) await addArticle(s, busy.id, new Date(NOW.getTime() - h * 3600_000 - (i + 1) * 600_000));
      const r = await sourceHealthReport(s.db, busy.id, { now: NOW });
      assert.equal(r?.degradation.degraded, true, JSON.stringify(r?.degradation));
      // Whole hours, newest first, up to 50 articles: the two newest hours.
      assert.equal(r?.degradation.recent.articles, 40);
      assert.equal(r?.degradation.recent.bodyFound, 0);
    });

    test('overview: fetch errors over the last week', async () => {
      const s = await b.fresh();
      const a = (await s.addSource({ url: 'https://a.example/rss' })).source;
      const quiet = (await s.addSource({ url: 'https://quiet.example/rss' })).source;
      await s.logFetch({ sourceId: a.id, url: a.url, kind: 'feed', status: 200, at: daysAgo(1) });
      await s.logFetch({ sourceId: a.id, url: a.url, kind: 'feed', status: 502, at: daysAgo(2) });
      await s.logFetch({ sourceId: a.id, url: 'https://a.example/x', kind: 'page', error: 'https://a.example/x: connection refused; the site is down or the port is wrong', at: daysAgo(3) });
      await s.logFetch({ sourceId: a.id, url: a.url, kind: 'feed', status: 200, at: daysAgo(4) });
      await s.logFetch({ sourceId: a.id, url: a.url, kind: 'feed', status: 500, at: daysAgo(9) }); // older than a week
      // Fetches and articles without a source (discovery, a manual extract) belong to no row.
      await s.logFetch({ url: 'https://elsewhere.example/', kind: 'discover', status: 500, at: daysAgo(1) });
      await s.saveArticle({ article: article({ url: 'https://elsewhere.example/x', canonicalUrl: null }), now: daysAgo(1) });
      const rows = await sourcesHealthOverview(s.db, { now: NOW, days: 14 });
      const ra = rows.find((r) => r.id === a.id)!;
      assert.deepEqual([ra.fetches, ra.fetchErrors, ra.errorRate], [4, 2, 0.5]);
      assert.equal(ra.dailyArticles.length, 14);
      const rq = rows.find((r) => r.id === quiet.id)!;
      assert.deepEqual([rq.fetches, rq.errorRate, rq.extractionRate, rq.degraded, rq.articlesPerDay], [0, 0, null, false, 0]);
      assert.equal(rows.length, 2);
      assert.equal(rows.reduce((n, r) => n + r.dailyArticles.reduce((x, y) => x + y, 0), 0), 0);
    });
  });
}

describe('degradation verdicts on counts', () => {
  const counts = (articles: number, body: number, words = 400 * articles) => ({ articles, bodyFound: body, imageFound: articles, dateFound: articles, words });
  test('tiny samples never flag', () => {
    assert.equal(assessDegradation(counts(9, 0, 0), counts(200, 200)).degraded, false);
    assert.equal(assessDegradation(counts(10, 0, 0), counts(19, 19)).degraded, false);
  });
  test('a drop within noise does not flag; a collapse does', () => {
    assert.equal(assessDegradation(counts(10, 7), counts(100, 95)).degraded, false);
    const d = assessDegradation(counts(10, 2, 4000), counts(100, 97));
    assert.equal(d.degraded, true);
    assert.equal(d.reasons[0], "body found in 2 of the last 10 articles, against 97% before: the site's layout probably changed, so the extractor no longer finds the article text");
  });
  test('a drop that chance explains does not flag, however large', () => {
    // 3 of 10 against 60%: a third of the rate, but chance gives that about once in 18 looks.
    const recent = { articles: 10, bodyFound: 10, imageFound: 3, dateFound: 10, words: 4000 };
    const baseline = { articles: 100, bodyFound: 100, imageFound: 62, dateFound: 100, words: 40000 };
    assert.equal(assessDegradation(recent, baseline).degraded, false);
    // The same share over 40 articles is no longer chance.
    const more = { articles: 40, bodyFound: 40, imageFound: 12, dateFound: 40, words: 16000 };
    assert.match(assessDegradation(more, baseline).reasons[0] ?? '', /^lead image found in 12 of the last 40 articles, against 62% before/);
  });
  test('binomial tail', () => {
    assert.ok(Math.abs(binomialAtMost(4, 10, 0.9) - 0.000146903) < 1e-8);
    assert.ok(Math.abs(binomialAtMost(3, 10, 0.6) - 0.0547619) < 1e-6);
    assert.equal(binomialAtMost(10, 10, 0.5), 1);
    assert.ok(binomialAtMost(0, 2000, 0.99) < 1e-300 || binomialAtMost(0, 2000, 0.99) === 0);
    assert.ok(Math.abs(binomialAtMost(1000, 2000, 0.5) - 0.5089) < 1e-3);
  });
  test('a measure the source never had is not watched', () => {
    const recent = { articles: 10, bodyFound: 10, imageFound: 0, dateFound: 10, words: 4000 };
    const baseline = { articles: 100, bodyFound: 100, imageFound: 40, dateFound: 100, words: 40000 };
    assert.equal(assessDegradation(recent, baseline).degraded, false);
  });
});

describe('error explanations', () => {
  // Messages as src/fetch, src/feeds and src/jobs/pipeline.ts write them.
  const cases: [string | null, number | null, string, RegExp][] = [
    ['the server answered HTTP 404', 404, 'feed', /^Not found \(HTTP 404\)$/],
    ['the article page answered HTTP 404', 404, 'page', /^Page not found/],
    [null, 410, 'feed', /^Gone/],
    ['the server answered HTTP 403', 403, 'feed', /^Access denied/],
    ['HTTP 401', null, 'feed', /^Login required/],
    ['the server answered HTTP 429', 429, 'feed', /^Rate-limited/],
    ['the server answered HTTP 503', 503, 'feed', /^Server error \(HTTP 503\)/],
    ['https://x.example/rss: no complete answer within 30 s; the site is slow or down, try again later', null, 'feed', /^Timed out$/],
    ['https://x.example/rss: no response headers within 10 s; the site is slow or down, try again later', null, 'feed', /^Timed out$/],
    ['cannot resolve x.example (ENOTFOUND): check the host name and the machine\'s DNS', null, 'feed', /^Host name not found$/],
    ['https://x.example/rss: cannot resolve the host (EAI_AGAIN); check the host name', null, 'feed', /^Host name not found$/],
    ['https://x.example/rss: connection refused; the site is down or the port is wrong', null, 'feed', /^Connection refused$/],
    ['https://x.example/rss: the server closed the connection without answering; try again later', null, 'feed', /^Connection dropped$/],
    ['https://x.example/rss: TLS failed (CERT_HAS_EXPIRED: certificate has expired); the site\'s certificate or TLS setup is broken', null, 'feed', /^Secure connection failed$/],
    ['https://x.example/rss: body larger than 10 MiB (counted after decompression), not fetched; raise fetch.maxBytes if this source is legitimately that big', null, 'feed', /^Too large$/],
    ['https://x.example/a: disallowed by https://x.example/robots.txt (line 3) for Newsdesk; Newsdesk does not fetch pages a site asks robots to leave alone. Use the feed\'s own text for this source instead.', null, 'page', /^Blocked by robots\.txt$/],
    ['https://x.example/a: not fetched because https://x.example/robots.txt answered HTTP 503; the site is treated as off limits until 2026-03-10T13:00:00.000Z (Google does the same). Try again later.', null, 'page', /^robots\.txt unreadable$/],
    ['refusing to fetch http://intranet.example/rss: intranet.example is 10.1.2.3, a private (RFC 1918) address. If this is meant (a test server, a feed on your own network), allow it with NEWSDESK_ALLOW_PRIVATE=intranet.example or fetch.allowPrivate (hosts or CIDRs, comma-separated, or *).', null, 'feed', /^Private address refused$/],
    ['not a feed: this is an HTML page; run discovery on it (newsdesk discover URL) to find its feeds', null, 'feed', /^A web page, not a feed$/],
    ['not a feed: the response is binary data, not text (a wrong URL, or a broken server)', null, 'feed', /^Not a feed$/],
    ['not a feed: the root element is <html>, not rss, RDF, Atom feed, urlset or sitemapindex', null, 'feed', /^Not a feed$/],
    ['feed refused: entity expansion exceeds 1048576 characters (an XML bomb?); the feed was not read', null, 'feed', /^Feed refused as unsafe$/],
    ['https://x.example/rss: redirect loop (https://x.example/rss → https://x.example/rss2 → https://x.example/rss); the site is misconfigured, open it in a browser to check', null, 'feed', /^Redirect loop$/],
    ['https://x.example/rss: fetch cancelled (shutdown)', null, 'feed', /^Cancelled$/],
    ['a section-page source needs a URL pattern (sources add … --pattern REGEX)', null, 'feed', /^URL pattern missing$/],
    ['no article at https://x.example/a and no content in the feed', null, 'page', /^No article body found$/],
    ['https://x.example/rss: EHOSTUNREACH; check the address and your network', null, 'feed', /^Network error$/],
    ['TypeError: something odd', null, 'feed', /^Unexpected error$/],
  ];
  for (const [error, status, kind, label] of cases) {
    test(`${error ?? `status ${status}`}`, () => {
      const e = explainFetchError(error, status, kind);
      assert.match(e.label, label);
      assert.ok(e.text.length > 30, e.text);
    });
  }
  test('the private-address explanation names the host and the setting that allows it', () => {
    const e = explainFetchError(
      'refusing to fetch http://127.0.0.1:8080/rss: it is 127.0.0.1, a loopback address. If this is meant (a test server, a feed on your own network), allow it with NEWSDESK_ALLOW_PRIVATE=127.0.0.1 or fetch.allowPrivate (hosts or CIDRs, comma-separated, or *).',
    );
    assert.match(e.text, /^127\.0\.0\.1 points to 127\.0\.0\.1, a loopback address\./);
    assert.match(e.text, /NEWSDESK_ALLOW_PRIVATE=127\.0\.0\.1/);
  });
  test('an unknown message is shown as it is', () => {
    assert.match(explainFetchError('StoreError: disk full').text, /"StoreError: disk full"/);
  });
});
