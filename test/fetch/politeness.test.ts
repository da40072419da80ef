// Politeness against a real server: never more than N requests in flight per host (counted
// on the server side), a pause between request starts, robots.txt fetched once per origin,
// obeyed for article pages (disallow, crawl-delay, 4xx = allow, 5xx = off limits).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFetcher, FetchError } from '../../src/fetch/index.ts';
import { HostLimiter } from '../../src/fetch/politeness.ts';
import { serve, testResolver, type TestServer } from './helpers.ts';

/** Slack for timers firing a millisecond early against Date.now(). */
const TIMER_SLACK_MS = 15;

describe('per-host politeness and robots.txt', () => {
  let srv: TestServer;
  const inFlight = new Map<string, number>();
  const peak = new Map<string, number>();
  let robotsBody = '';
  let robotsStatus = 200;

  before(async () => {
    srv = await serve((req, res) => {
      const host = req.headers.host ?? '';
      const url = req.url ?? '/';
      if (url === '/robots.txt') {
        res.writeHead(robotsStatus, { 'content-type': 'text/plain' });
        return res.end(robotsBody);
      }
      if (url.startsWith('/hold')) {
        // Count requests in flight per Host, hold each a moment so they overlap.
        const now = (inFlight.get(host) ?? 0) + 1;
        inFlight.set(host, now);
        peak.set(host, Math.max(peak.get(host) ?? 0, now));
        setTimeout(() => {
          inFlight.set(host, (inFlight.get(host) ?? 1) - 1);
          res.end('held');
        }, 80);
        return;
      }
      res.end('page');
    });
  });

  after(() => srv.close());

  test('never more than perHostConnections requests in flight to one host; hosts are limited apart', async () => {
    peak.clear();
    const resolve = testResolver({ 'a.test': ['127.0.0.1'], 'b.test': ['127.0.0.1'] });
    const f = createFetcher({ allowPrivate: ['a.test', 'b.test'], perHostConnections: 2, perHostDelayMs: 0, resolve });
    const urls = Array.from({ length: 16 }, (_, i) => `http://${i % 2 ? 'a' : 'b'}.test:${srv.port}/hold/${i}`);
    const results = await Promise.all(urls.map((u) => f.fetch(u)));
    assert.ok(results.every((r) => r.status === 200));
    assert.equal(peak.get(`a.test:${srv.port}`), 2, 'a.test: the limit is reached, never passed');
    assert.equal(peak.get(`b.test:${srv.port}`), 2, 'b.test: its own two slots');
  });

  test('requests to one host start at least perHostDelayMs apart', async () => {
    const f = createFetcher({ allowPrivate: ['127.0.0.1'], perHostDelayMs: 150, perHostConnections: 4 });
    const start = srv.seen.length;
    await Promise.all([0, 1, 2, 3].map((i) => f.fetch(`${srv.base}/page/${i}`)));
    const times = srv.seen.slice(start).map((s) => s.at);
    assert.equal(times.length, 4);
    for (let i = 1; i < times.length; i++) {
      assert.ok(times[i]! - times[i - 1]! >= 150 - TIMER_SLACK_MS, `gap ${i}: ${times[i]! - times[i - 1]!} ms`);
    }
  });

  test('robots.txt: disallowed article pages fail with robots-disallowed; feeds are not checked; fetched once', async () => {
    robotsStatus = 200;
    robotsBody = 'User-agent: *\nDisallow: /private/\n\nUser-agent: Newsdesk\nDisallow: /no-newsdesk/\n';
    const f = createFetcher({ allowPrivate: ['127.0.0.1'], perHostDelayMs: 0 });
    const start = srv.seen.length;
    const e = await f.fetch(`${srv.base}/no-newsdesk/story`, { obeyRobots: true }).then(
      () => assert.fail('should be disallowed'),
      (err: unknown) => err,
    );
    assert.ok(e instanceof FetchError && e.code === 'robots-disallowed', String(e));
    assert.match(e.message, /disallowed by http:\/\/127\.0\.0\.1:\d+\/robots\.txt \(line 5\) for Newsdesk/);
    // The group for Newsdesk replaces the * group: /private/ is allowed to us.
    assert.equal((await f.fetch(`${srv.base}/private/story`, { obeyRobots: true })).status, 200);
    assert.equal((await f.fetch(`${srv.base}/story`, { obeyRobots: true })).status, 200);
    // A feed (obeyRobots unset) is fetched whatever robots.txt says.
    assert.equal((await f.fetch(`${srv.base}/no-newsdesk/feed.xml`)).status, 200);
    const paths = srv.seen.slice(start).map((s) => s.url);
    assert.deepEqual(paths, ['/robots.txt', '/private/story', '/story', '/no-newsdesk/feed.xml'], 'robots.txt once; the disallowed page never requested');
  });

  test('robots.txt crawl-delay spaces requests when larger than ours, capped by maxCrawlDelayMs', async () => {
    robotsStatus = 200;
    robotsBody = 'User-agent: *\nCrawl-delay: 0.3\n';
    const f = createFetcher({ allowPrivate: ['127.0.0.1'], perHostDelayMs: 0 });
    const start = srv.seen.length;
    await Promise.all([0, 1, 2].map((i) => f.fetch(`${srv.base}/article/${i}`, { obeyRobots: true })));
    const seen = srv.seen.slice(start);
    assert.deepEqual(seen.map((s) => s.url).sort(), ['/article/0', '/article/1', '/article/2', '/robots.txt']);
    for (let i = 1; i < seen.length; i++) {
      assert.ok(seen[i]!.at - seen[i - 1]!.at >= 300 - TIMER_SLACK_MS, `gap ${i}: ${seen[i]!.at - seen[i - 1]!.at} ms`);
    }
    // A huge crawl-delay is capped: with the cap at 0, no wait beyond ours is added.
    robotsBody = 'User-agent: *\nCrawl-delay: 86400\n';
    const capped = createFetcher({ allowPrivate: ['127.0.0.1'], perHostDelayMs: 0, maxCrawlDelayMs: 0 });
    const r = await Promise.all([0, 1].map((i) => capped.fetch(`${srv.base}/article/c${i}`, { obeyRobots: true })));
    assert.ok(r.every((x) => x.status === 200), 'both fetched (a day-long delay would have stalled this test)');
  });

  test('robots.txt 404 allows everything; 5xx puts the site off limits with a clear message', async () => {
    robotsStatus = 404;
    robotsBody = 'Disallow: /';
    const f404 = createFetcher({ allowPrivate: ['127.0.0.1'], perHostDelayMs: 0 });
    assert.equal((await f404.fetch(`${srv.base}/anything`, { obeyRobots: true })).status, 200);
    robotsStatus = 503;
    const f503 = createFetcher({ allowPrivate: ['127.0.0.1'], perHostDelayMs: 0 });
    const start = srv.seen.length;
    for (const path of ['/a', '/b']) {
      const e = await f503.fetch(`${srv.base}${path}`, { obeyRobots: true }).catch((err: unknown) => err);
      assert.ok(e instanceof FetchError && e.code === 'robots-disallowed', String(e));
      assert.match(e.message, /robots\.txt answered HTTP 503; the site is treated as off limits until/);
    }
    assert.deepEqual(srv.seen.slice(start).map((s) => s.url), ['/robots.txt'], 'asked once, remembered for a while');
  });

  test('robots.txt through the guard: a blocked host reports the address, not a robots problem', async () => {
    const f = createFetcher({ allowPrivate: [], perHostDelayMs: 0 });
    const e = await f.fetch(`${srv.base}/story`, { obeyRobots: true }).catch((err: unknown) => err);
    assert.ok(e instanceof FetchError && e.code === 'blocked-address', String(e));
  });
});

test('HostLimiter: waiters are served in order and an aborted waiter leaves the queue', async () => {
  const limiter = new HostLimiter(1);
  const order: string[] = [];
  const first = await limiter.acquire('h', 0, 'u1');
  const ac = new AbortController();
  const second = limiter.acquire('h', 0, 'u2', ac.signal).then((release) => {
    order.push('second');
    release();
  });
  const third = limiter.acquire('h', 0, 'u3').then((release) => {
    order.push('third');
    return release;
  });
  ac.abort('stop');
  await assert.rejects(second, (e: unknown) => e instanceof FetchError && e.code === 'aborted');
  assert.equal(limiter.active('h'), 1);
  first();
  (await third)();
  assert.deepEqual(order, ['third']);
  assert.equal(limiter.active('h'), 0);
});
