// The fetcher against a real server on 127.0.0.1 (reachable through allowPrivate): the
// network side of "bad input" — huge bodies, compression bombs, trickling and silent
// servers, redirect loops and redirects into private space — plus conditional GET, the
// caching hints, decoding, the guard on pinned addresses, and a healthy process afterwards.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { brotliCompressSync, constants as zlib, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { createFetcher, FetchError, type FetcherConfig } from '../../src/fetch/index.ts';
import { eventually, serve, testResolver, type TestServer } from './helpers.ts';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
process.on('unhandledRejection', onUnhandled);

const MiB = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x61);
const ZEROS = Buffer.alloc(64 * MiB);
const BOMBS = {
  gzip: gzipSync(ZEROS),
  deflate: deflateSync(ZEROS),
  br: brotliCompressSync(ZEROS, { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } }),
};

/** Rejects with a FetchError of this code, and returns it for more checks. */
async function failsWith(p: Promise<unknown>, code: string): Promise<FetchError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof FetchError, `expected a FetchError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return err;
  }
  assert.fail(`expected FetchError ${code}, but the fetch succeeded`);
}

describe('fetcher against a real server', () => {
  let srv: TestServer;
  let hugeWritten = 0;
  const timers = new Set<NodeJS.Timeout>();
  // Quick settings so the bad cases finish fast; politeness has its own tests.
  const quick: FetcherConfig = { allowPrivate: ['127.0.0.1'], perHostDelayMs: 0, perHostConnections: 8 };

  before(async () => {
    srv = await serve((req, res) => {
      const url = req.url ?? '/';
      const send = (status: number, headers: Record<string, string | number>, body?: Buffer | string) => {
        res.writeHead(status, headers);
        res.end(body);
      };
      if (url === '/ok') return send(200, { 'content-type': 'text/plain; charset=utf-8' }, 'hello');
      if (url === '/ua') return send(200, {}, `${req.headers['user-agent']}\n${req.headers['accept-encoding']}\n${req.headers.accept}`);
      if (url === '/gzip') return send(200, { 'content-encoding': 'gzip' }, gzipSync('hello gzip'));
      if (url === '/deflate') return send(200, { 'content-encoding': 'deflate' }, deflateSync('hello deflate'));
      if (url === '/deflate-raw') return send(200, { 'content-encoding': 'deflate' }, deflateRawSync('hello raw deflate'));
      if (url === '/br') return send(200, { 'content-encoding': 'br' }, brotliCompressSync('hello br'));
      if (url === '/gzip-br') return send(200, { 'content-encoding': 'gzip, br' }, brotliCompressSync(gzipSync('hello twice')));
      if (url.startsWith('/bomb-')) {
        const coding = url.slice(6) as keyof typeof BOMBS;
        return send(200, { 'content-encoding': coding }, BOMBS[coding]);
      }
      if (url === '/corrupt-gzip') return send(200, { 'content-encoding': 'gzip' }, 'this is not gzip at all');
      if (url === '/compress') return send(200, { 'content-encoding': 'compress' }, 'x');
      if (url === '/huge-declared') {
        res.writeHead(200, { 'content-length': 200 * MiB });
        res.write(CHUNK);
        return; // the client refuses on the header; closeAllConnections ends it
      }
      if (url === '/huge-chunked') {
        // 200 MB with backpressure, until the client hangs up.
        res.writeHead(200, { 'content-type': 'text/html' });
        const pump = (): void => {
          while (hugeWritten < 200 * MiB && !res.destroyed) {
            hugeWritten += CHUNK.length;
            if (!res.write(CHUNK)) return void res.once('drain', pump);
          }
          res.end();
        };
        return pump();
      }
      if (url === '/slow') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const t = setInterval(() => res.write('x'), 1000);
        timers.add(t);
        res.on('close', () => clearInterval(t));
        return res.write('x');
      }
      if (url === '/silent') return; // never answers
      if (url === '/truncated') {
        res.writeHead(200, { 'content-length': 100 });
        res.write('only ten b');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      if (url === '/loop-a') return send(302, { location: '/loop-b' });
      if (url === '/loop-b') return send(301, { location: `${srv.base}/loop-a#again` });
      const chain = /^\/chain\/(\d+)$/.exec(url);
      if (chain) {
        const n = Number(chain[1]);
        return n >= 3 ? send(200, {}, 'end of chain') : send(307, { location: `/chain/${n + 1}` });
      }
      const endless = /^\/endless\/(\d+)$/.exec(url);
      if (endless) return send(302, { location: `/endless/${Number(endless[1]) + 1}` });
      if (url === '/to-loopback-2') return send(302, { location: `http://127.0.0.2:${srv.port}/ok` });
      if (url === '/to-second') return send(302, { location: `http://second.test:${srv.port}/ok` });
      if (url === '/to-ftp') return send(302, { location: 'ftp://127.0.0.1/file' });
      if (url === '/cond') {
        const fresh = req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since'] === 'Sun, 01 Mar 2026 10:00:00 GMT';
        const h = { etag: '"v1"', 'last-modified': 'Sun, 01 Mar 2026 10:00:00 GMT', 'cache-control': 'max-age=900' };
        return fresh ? send(304, h) : send(200, { ...h, 'content-type': 'application/rss+xml' }, '<rss/>');
      }
      if (url === '/busy') return send(503, { 'retry-after': '120', 'cache-control': 'public, max-age=300', age: '100' }, 'come back later');
      if (url === '/expires') return send(200, { expires: new Date(Date.now() + 3_600_000).toUTCString() }, 'ok');
      send(404, {}, 'not found');
    });
  });

  after(async () => {
    for (const t of timers) clearInterval(t);
    await srv.close();
  });

  test('a plain fetch reports status, type, final URL, no redirects; the UA carries the contact URL', async () => {
    const f = createFetcher({ ...quick, contactUrl: 'mailto:ops@example.org' });
    const r = await f.fetch(`${srv.base}/ok`);
    assert.equal(r.status, 200);
    assert.equal(Buffer.from(r.bytes).toString(), 'hello');
    assert.equal(r.contentType, 'text/plain; charset=utf-8');
    assert.equal(r.finalUrl, `${srv.base}/ok`);
    assert.deepEqual(r.redirects, []);
    assert.equal(r.notModified, false);
    const ua = Buffer.from((await f.fetch(`${srv.base}/ua`, { accept: 'application/rss+xml' })).bytes).toString().split('\n');
    assert.match(ua[0]!, /^Newsdesk\/\d+\.\d+\.\d+ \(.*\+mailto:ops@example\.org\)$/);
    assert.equal(ua[1], 'gzip, deflate, br');
    assert.equal(ua[2], 'application/rss+xml');
    const missing = await f.fetch(`${srv.base}/nothing-here`);
    assert.equal(missing.status, 404, 'an error status is a result, not an exception');
  });

  test('gzip, deflate (zlib and raw), br and stacked codings are decoded', async () => {
    const f = createFetcher(quick);
    const text = async (path: string) => Buffer.from((await f.fetch(`${srv.base}${path}`)).bytes).toString();
    assert.equal(await text('/gzip'), 'hello gzip');
    assert.equal(await text('/deflate'), 'hello deflate');
    assert.equal(await text('/deflate-raw'), 'hello raw deflate');
    assert.equal(await text('/br'), 'hello br');
    assert.equal(await text('/gzip-br'), 'hello twice');
    await failsWith(f.fetch(`${srv.base}/corrupt-gzip`), 'bad-encoding');
    const e = await failsWith(f.fetch(`${srv.base}/compress`), 'bad-encoding');
    assert.match(e.message, /"compress"/);
  });

  test('a 200 MB body stops at the cap, having read little more than the cap', async () => {
    const f = createFetcher({ ...quick, maxBytes: 2 * MiB });
    const e = await failsWith(f.fetch(`${srv.base}/huge-chunked`), 'too-large');
    assert.match(e.message, /larger than 2 MiB/);
    // Backpressure: the server could only push the cap plus socket buffers, not 200 MB.
    await eventually(async () => (await srv.connections()) === 0, 'the huge response connection closed');
    assert.ok(hugeWritten < 20 * MiB, `server wrote ${(hugeWritten / MiB).toFixed(1)} MiB before the client hung up`);
    const declared = await failsWith(f.fetch(`${srv.base}/huge-declared`), 'too-large');
    assert.match(declared.message, /larger than 2 MiB/);
  });

  for (const coding of Object.keys(BOMBS) as (keyof typeof BOMBS)[]) {
    test(`a ${coding} bomb (${BOMBS[coding].length} bytes → 64 MiB) stops at the cap after decompression`, async () => {
      const f = createFetcher({ ...quick, maxBytes: MiB });
      const e = await failsWith(f.fetch(`${srv.base}/bomb-${coding}`), 'too-large');
      assert.match(e.message, /larger than 1 MiB \(counted after decompression\)/);
    });
  }

  test('a server that sends one byte a second hits the body timeout', async () => {
    const f = createFetcher(quick);
    const e = await failsWith(f.fetch(`${srv.base}/slow`, { timeouts: { bodyMs: 1500 } }), 'timeout');
    assert.match(e.message, /body did not arrive within 1\.5 s/);
  });

  test('a server that never sends headers hits the headers timeout', async () => {
    const f = createFetcher(quick);
    const e = await failsWith(f.fetch(`${srv.base}/silent`, { timeouts: { headersMs: 300 } }), 'timeout');
    assert.match(e.message, /no response headers within 0\.3 s/);
  });

  test('a TLS server that never completes the handshake hits the connect timeout', async () => {
    const sockets = new Set<net.Socket>();
    const tcp = net.createServer((s) => sockets.add(s)); // accepts, never speaks TLS
    await new Promise<void>((ok) => tcp.listen(0, '127.0.0.1', ok));
    try {
      const port = (tcp.address() as net.AddressInfo).port;
      const f = createFetcher(quick);
      const e = await failsWith(f.fetch(`https://127.0.0.1:${port}/`, { timeouts: { connectMs: 300 } }), 'timeout');
      assert.match(e.message, /no connection within 0\.3 s/);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((ok) => tcp.close(ok));
    }
  });

  test('a body cut short is a network error that says so', async () => {
    const e = await failsWith(createFetcher(quick).fetch(`${srv.base}/truncated`), 'network');
    assert.match(e.message, /closed the connection before the body was complete/);
  });

  test('redirects: the chain and final URL are reported; loops and more than 5 hops are refused', async () => {
    const f = createFetcher(quick);
    const r = await f.fetch(`${srv.base}/chain/0`);
    assert.equal(r.finalUrl, `${srv.base}/chain/3`);
    assert.deepEqual(r.redirects, [0, 1, 2].map((n) => `${srv.base}/chain/${n}`));
    const loop = await failsWith(f.fetch(`${srv.base}/loop-a`), 'redirect-loop');
    assert.match(loop.message, /loop-a → .*loop-b → .*loop-a/);
    const before = srv.seen.length;
    const endless = await failsWith(f.fetch(`${srv.base}/endless/0`), 'too-many-redirects');
    assert.match(endless.message, /more than 5 redirects/);
    assert.equal(srv.seen.length - before, 6, 'the original request and 5 redirects, no more');
    await failsWith(f.fetch(`${srv.base}/to-ftp`), 'bad-url');
  });

  test('a redirect into private space is refused when only the first host is allowed', async () => {
    // Allowed: 127.0.0.1 only. The redirect goes to 127.0.0.2 (also loopback, not allowed).
    const f = createFetcher(quick);
    const before = srv.seen.length;
    const e = await failsWith(f.fetch(`${srv.base}/to-loopback-2`), 'blocked-address');
    assert.match(e.message, /127\.0\.0\.2, a loopback address/);
    assert.equal(srv.seen.length - before, 1, 'no request reached the redirect target');
    // Allowed by name: first.test only; second.test resolves to the same loopback address.
    const resolve = testResolver({ 'first.test': ['127.0.0.1'], 'second.test': ['127.0.0.1'] });
    const byName = createFetcher({ allowPrivate: ['first.test'], perHostDelayMs: 0, resolve });
    const r = await byName.fetch(`http://first.test:${srv.port}/ok`);
    assert.equal(srv.seen.at(-1)!.host, `first.test:${srv.port}`, 'the Host header keeps the name; the connection went to the pinned address');
    assert.equal(r.status, 200);
    const e2 = await failsWith(byName.fetch(`http://first.test:${srv.port}/to-second`), 'blocked-address');
    assert.match(e2.message, /second\.test is 127\.0\.0\.1, a loopback address/);
    assert.match(e2.message, /NEWSDESK_ALLOW_PRIVATE=second\.test/);
  });

  test('DNS: resolved once per hop, every address checked, the connection pinned to them', async () => {
    const resolve = testResolver({ 'news.test': ['127.0.0.1'], 'mixed.test': ['93.184.216.34', '127.0.0.1'] });
    const f = createFetcher({ allowPrivate: ['news.test'], perHostDelayMs: 0, resolve });
    // news.test exists only in the test resolver: reaching the server proves the socket
    // used the address we checked, not a second lookup of its own.
    const r = await f.fetch(`http://news.test:${srv.port}/ok`);
    assert.equal(Buffer.from(r.bytes).toString(), 'hello');
    assert.deepEqual(resolve.calls, ['news.test']);
    const e = await failsWith(f.fetch(`http://mixed.test:${srv.port}/ok`), 'blocked-address');
    assert.match(e.message, /mixed\.test is 127\.0\.0\.1/);
    // With nothing allowed, numeric disguises of loopback never reach the server.
    const strict = createFetcher({ allowPrivate: [], perHostDelayMs: 0 });
    const before = srv.seen.length;
    for (const host of ['2130706433', '0x7f.1', '127.1', '[::ffff:127.0.0.1]', '017700000001']) {
      const b = await failsWith(strict.fetch(`http://${host}:${srv.port}/ok`), 'blocked-address');
      assert.match(b.message, /loopback/, host);
    }
    assert.equal(srv.seen.length, before);
    await failsWith(strict.fetch(`http://user:pw@example.com/`), 'bad-url');
    await failsWith(strict.fetch(`file:///etc/passwd`), 'bad-url');
  });

  test('conditional GET: validators are sent and a 304 is reported as not modified', async () => {
    const f = createFetcher(quick);
    const first = await f.fetch(`${srv.base}/cond`);
    assert.equal(first.status, 200);
    assert.equal(first.etag, '"v1"');
    assert.equal(first.lastModified, 'Sun, 01 Mar 2026 10:00:00 GMT');
    const again = await f.fetch(`${srv.base}/cond`, { etag: first.etag, lastModified: first.lastModified });
    assert.equal(again.status, 304);
    assert.equal(again.notModified, true);
    assert.equal(again.bytes.length, 0);
    assert.equal(again.maxAgeSeconds, 900);
    assert.equal(srv.seen.at(-1)!.headers['if-none-match'], '"v1"');
  });

  test('Retry-After, Cache-Control (minus Age) and Expires come back as seconds', async () => {
    const f = createFetcher(quick);
    const busy = await f.fetch(`${srv.base}/busy`);
    assert.equal(busy.status, 503);
    assert.equal(busy.retryAfterSeconds, 120);
    assert.equal(busy.maxAgeSeconds, 200);
    const exp = await f.fetch(`${srv.base}/expires`);
    assert.ok(exp.maxAgeSeconds !== null && exp.maxAgeSeconds > 3500 && exp.maxAgeSeconds <= 3600, String(exp.maxAgeSeconds));
    assert.equal(exp.retryAfterSeconds, null);
  });

  test('an aborted fetch fails as aborted and frees its slot', async () => {
    const f = createFetcher({ ...quick, perHostConnections: 1 });
    const ac = new AbortController();
    const pending = f.fetch(`${srv.base}/silent`, { signal: ac.signal });
    setTimeout(() => ac.abort(new Error('operator stopped it')), 50);
    const e = await failsWith(pending, 'aborted');
    assert.match(e.message, /operator stopped it/);
    const r = await f.fetch(`${srv.base}/ok`);
    assert.equal(r.status, 200, 'the one per-host slot was released');
  });

  test('afterwards: every connection is closed and nothing was left unhandled', async () => {
    await eventually(async () => (await srv.connections()) === 0, 'all server-side connections closed');
    process.off('unhandledRejection', onUnhandled);
    assert.deepEqual(unhandled, []);
  });
});
