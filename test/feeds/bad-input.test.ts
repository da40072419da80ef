// Bad feeds served from a real HTTP server on 127.0.0.1, fetched through the fetcher
// (private addresses allowed for the test) and parsed: each gets a clear FeedError or a
// bounded result, and nothing is ever fetched on the feed's behalf (external entities).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchPage } from '../../src/fetch/index.ts';
import { DEFAULT_MAX_ENTRIES, FeedError, parseFeed } from '../../src/feeds/index.ts';

const ITEM = (i: number): string => `<item><title>Item ${i}</title><link>https://e.example/${i}</link><pubDate>${new Date(Date.UTC(2024, 0, 1) + i * 60_000).toUTCString()}</pubDate></item>`;
const BIG_ITEMS = 50_000;
const routes: Record<string, { type: string; body: string | Buffer }> = {
  '/html': { type: 'text/html', body: '<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/feed"></head><body><p>Welcome</p></body></html>' },
  '/truncated': { type: 'application/rss+xml', body: `<rss version="2.0"><channel><title>T</title>${ITEM(1)}${ITEM(2)}<item><title>Item 3</ti` },
  '/invalid-utf8': {
    type: 'application/rss+xml; charset=utf-8',
    body: Buffer.concat([Buffer.from('<rss><channel><title>Caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from(`</title>${ITEM(1)}</channel></rss>`)]),
  },
  '/big': { type: 'application/rss+xml', body: `<rss><channel><title>Big</title>${Array.from({ length: BIG_ITEMS }, (_, i) => ITEM(i)).join('')}</channel></rss>` },
  '/bomb': {
    type: 'application/xml',
    body: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">${Array.from({ length: 8 }, (_, k) => `<!ENTITY lol${k + 2} "${`&lol${k + 1};`.repeat(10)}">`).join('')}]><rss><channel><title>&lol9;</title></channel></rss>`,
  },
  '/quadratic': {
    type: 'application/xml',
    body: `<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "${'a'.repeat(50_000)}">]><rss><channel><title>${'&a;'.repeat(100)}</title></channel></rss>`,
  },
};
let hitsOnSecret = 0;
let server: Server;
let origin = '';

before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/secret') {
      hitsOnSecret++;
      res.end('TOP SECRET');
      return;
    }
    const r = routes[req.url ?? ''];
    if (!r) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', r.type);
    res.end(r.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  routes['/xxe'] = {
    type: 'application/rss+xml',
    body: `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "${origin}/secret"><!ENTITY file SYSTEM "file:///etc/passwd">]><rss><channel><title>x&secret;&file;y</title>${ITEM(1)}</channel></rss>`,
  };
});
after(() => server.close());

async function get(path: string): Promise<{ bytes: Uint8Array; contentType: string | null; finalUrl: string }> {
  const page = await fetchPage(origin + path, { allowPrivate: '127.0.0.1' });
  assert.equal(page.status, 200);
  return page;
}

test('a feed that is actually an HTML page: FeedError saying so', async () => {
  const p = await get('/html');
  assert.throws(() => parseFeed(p.bytes, { url: p.finalUrl, contentType: p.contentType }), (e: unknown) => e instanceof FeedError && /HTML page/.test(e.message) && /discover/.test(e.message));
});

test('a truncated feed: the complete entries so far', async () => {
  const p = await get('/truncated');
  const f = parseFeed(p.bytes, { url: p.finalUrl, contentType: p.contentType });
  assert.deepEqual(f.entries.slice(0, 2).map((e) => e.title), ['Item 1', 'Item 2']);
});

test('invalid UTF-8 bytes: decoded without throwing, the rest intact', async () => {
  const p = await get('/invalid-utf8');
  const f = parseFeed(p.bytes, { url: p.finalUrl, contentType: p.contentType });
  assert.match(f.title ?? '', /^Caf/);
  assert.equal(f.entries.length, 1);
  assert.equal(f.entries[0]!.title, 'Item 1');
});

test(`a ${BIG_ITEMS}-item feed: bounded to the ${DEFAULT_MAX_ENTRIES} newest entries`, async () => {
  const p = await get('/big');
  const f = parseFeed(p.bytes, { url: p.finalUrl, contentType: p.contentType, now: new Date('2025-01-01T00:00:00Z') });
  assert.equal(f.entries.length, DEFAULT_MAX_ENTRIES);
  assert.equal(f.droppedEntries, BIG_ITEMS - DEFAULT_MAX_ENTRIES);
  assert.equal(f.entries[0]!.title, `Item ${BIG_ITEMS - DEFAULT_MAX_ENTRIES}`); // the newest kept, in feed order
  assert.equal(f.entries.at(-1)!.title, `Item ${BIG_ITEMS - 1}`);
  assert.equal(parseFeed(p.bytes, { maxEntries: 5 }).entries.length, 5);
});

test('an XML bomb (billion laughs): refused with a clear FeedError', async () => {
  const p = await get('/bomb');
  assert.throws(() => parseFeed(p.bytes, { contentType: p.contentType }), (e: unknown) => e instanceof FeedError && /billion laughs/.test(e.message));
});

test('a quadratic entity blow-up: refused once expansion passes the cap', async () => {
  const p = await get('/quadratic');
  assert.throws(() => parseFeed(p.bytes, { contentType: p.contentType }), (e: unknown) => e instanceof FeedError && /entity expansion/.test(e.message));
});

test('external entities (XXE): never fetched, never expanded', async () => {
  const p = await get('/xxe');
  const f = parseFeed(p.bytes, { url: p.finalUrl, contentType: p.contentType });
  assert.equal(f.title, 'xy');
  assert.equal(f.entries.length, 1);
  assert.equal(hitsOnSecret, 0);
  assert.doesNotMatch(JSON.stringify(f), /root:|TOP SECRET/);
});

test('binary garbage: a FeedError in words, with no raw bytes in the message', () => {
  const bytes = new Uint8Array(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
  assert.throws(
    () => parseFeed(bytes, { contentType: 'application/rss+xml' }),
    (e: unknown) => e instanceof FeedError && /binary data/.test(e.message) && !/[\u0000-\u0008\u000e-\u001f]/.test(e.message),
  );
});
