// Feed autodiscovery against a real server on 127.0.0.1, fetched through the fetcher
// (private addresses allowed for the test): <link rel="alternate"> first, then the
// common paths; every candidate must parse as a feed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchPage } from '../../src/fetch/index.ts';
import { discoverFeeds, findFeedLinks, type Get } from '../../src/sources/index.ts';

const RSS = '<rss version="2.0"><channel><title>Site feed</title><item><title>a</title><link>https://x.example/a</link></item></channel></rss>';
const ATOM = '<feed xmlns="http://www.w3.org/2005/Atom"><title>Comments</title></feed>';
const routes: Record<string, { type: string; body: string }> = {
  '/with-links': {
    type: 'text/html',
    body: `<html><head><link rel="alternate" type="application/rss+xml" title="Main" href="/feeds/main.xml">
      <link rel="alternate" type="application/atom+xml" href="comments.atom"><link rel="alternate" type="application/rss+xml" href="/broken.xml">
      <link rel="stylesheet" href="/s.css"></head><body></body></html>`,
  },
  '/feeds/main.xml': { type: 'application/rss+xml', body: RSS },
  '/comments.atom': { type: 'application/atom+xml', body: ATOM },
  '/broken.xml': { type: 'text/html', body: '<html><body>Not found</body></html>' },
  '/blog/post': { type: 'text/html', body: '<html><head><title>No links</title></head><body>Hi</body></html>' },
  '/rss.xml': { type: 'application/rss+xml', body: RSS },
};
let server: Server;
let origin = '';
const requested: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    requested.push(req.url ?? '');
    const r = routes[req.url ?? ''];
    res.statusCode = r ? 200 : 404;
    if (r) res.setHeader('content-type', r.type);
    res.end(r?.body ?? 'not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const get: Get = (url) => fetchPage(url, { allowPrivate: '127.0.0.1' });

test('findFeedLinks: alternate feed links only, absolute, with titles', () => {
  const links = findFeedLinks(routes['/with-links']!.body, 'https://x.example/section/page');
  assert.deepEqual(links.map((l) => [l.url, l.title, l.type]), [
    ['https://x.example/feeds/main.xml', 'Main', 'application/rss+xml'],
    ['https://x.example/section/comments.atom', null, 'application/atom+xml'],
    ['https://x.example/broken.xml', null, 'application/rss+xml'],
  ]);
});

test('discoverFeeds: declared links, validated (the broken one is dropped)', async () => {
  const feeds = await discoverFeeds(`${origin}/with-links`, get);
  assert.deepEqual(feeds.map((f) => [f.url, f.title, f.format, f.via]), [
    [`${origin}/feeds/main.xml`, 'Main', 'rss', 'link'],
    [`${origin}/comments.atom`, 'Comments', 'atom', 'link'],
  ]);
});

test('discoverFeeds: no links, so the common paths are tried', async () => {
  const feeds = await discoverFeeds(`${origin}/blog/post`, get);
  assert.deepEqual(feeds.map((f) => [f.url, f.title, f.via]), [[`${origin}/rss.xml`, 'Site feed', 'common-path']]);
  assert.ok(requested.includes('/feed') && requested.includes('/rss'), 'tried /feed and /rss before /rss.xml');
});

test('discoverFeeds: a feed URL is its own answer', async () => {
  const feeds = await discoverFeeds(`${origin}/feeds/main.xml`, get);
  assert.deepEqual(feeds.map((f) => [f.url, f.via, f.entries]), [[`${origin}/feeds/main.xml`, 'self', 1]]);
});
