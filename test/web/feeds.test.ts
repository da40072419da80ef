// Feeds out and sitemaps, over real HTTP: RSS, Atom and JSON Feed for the home page and
// every section, story, source and search are well-formed and read back through our own
// feed parser with the right items; the sitemap index, its chunks, the Google News sitemap
// and robots.txt point where they should.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Parser } from 'htmlparser2';
import { parseFeed } from '../../src/feeds/index.ts';
import { article, freshStore, get, startSite } from './helpers.ts';
import { seed, type Fixture } from './fixture.ts';

let base = '';
let f: Fixture;

before(async () => {
  const store = await freshStore();
  f = await seed(store);
  base = (await startSite(store)).url;
});

/** Problems that make a document not well-formed XML: implied or missing end tags, bare ampersands. */
function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  let open = 0;
  const parser = new Parser(
    {
      onopentag() {
        open++;
      },
      onclosetag(name, implied) {
        open--;
        // Self-closing tags are reported as implied ends too: only a missing end tag is a problem.
        if (implied && !text.slice(parser.startIndex, parser.endIndex + 1).endsWith('/>')) problems.push(`<${name}> was not closed`);
      },
      onerror(err) {
        problems.push(err.message);
      },
    },
    { xmlMode: true },
  );
  parser.end(text);
  if (open !== 0) problems.push(`${open} elements left open`);
  const bare = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.exec(text);
  if (bare) problems.push(`bare ampersand at ${bare.index}: ${text.slice(bare.index, bare.index + 20)}`);
  if (!text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')) problems.push('no XML declaration');
  return problems;
}

const SCOPES = () => [
  { path: '', expect: ['Port workers strike over pay', 'Harbour United win the cup final'] },
  { path: '/section/World', expect: ['Port workers strike over pay'], not: 'Harbour United win the cup final' },
  { path: '/story/1', expect: ['Harbour strike halts shipping', 'Dock strike enters second day'], not: 'Harbour United win the cup final' },
  { path: `/source/${f.sports}`, expect: ['Harbour United win the cup final'], not: 'Port workers strike over pay' },
];

test('RSS, Atom and JSON Feed for home, section, story and source parse back with the right items', async () => {
  for (const scope of SCOPES()) {
    for (const file of ['rss.xml', 'atom.xml', 'feed.json']) {
      const r = await get(base, `${scope.path}/${file}`);
      assert.equal(r.status, 200, `${scope.path}/${file}`);
      if (file !== 'feed.json') assert.deepEqual(xmlProblems(r.text), [], `${scope.path}/${file} is well-formed`);
      const feed = parseFeed(r.text, { url: base + `${scope.path}/${file}` });
      assert.equal(feed.format, file === 'rss.xml' ? 'rss' : file === 'atom.xml' ? 'atom' : 'json');
      const titles = feed.entries.map((e) => e.title);
      for (const t of scope.expect) assert.ok(titles.includes(t), `${scope.path}/${file} lists "${t}": ${titles.join(' | ')}`);
      if (scope.not) assert.ok(!titles.includes(scope.not), `${scope.path}/${file} does not list "${scope.not}"`);
      for (const e of feed.entries) {
        assert.match(e.url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/article\/\d+/, 'items link to our article pages');
        assert.ok(e.publishedAt, 'items are dated');
      }
    }
  }
});

test('the home RSS feed is newest first, credits the outlet and has absolute self links', async () => {
  const r = await get(base, '/rss.xml');
  assert.match(r.headers.get('content-type') ?? '', /application\/rss\+xml/);
  const feed = parseFeed(r.text);
  const times = feed.entries.map((e) => Date.parse(e.publishedAt!));
  assert.deepEqual(times, [...times].sort((a, b) => b - a));
  assert.match(r.text, /<atom:link href="http:\/\/127\.0\.0\.1:\d+\/rss\.xml" rel="self"/);
  const strike = feed.entries.find((e) => e.title === 'Port workers strike over pay')!;
  assert.match(strike.summary ?? strike.contentHtml ?? '', /Source: <a href="https:\/\/herald\.example\/news\/port-strike"[^>]*>Harbour Herald<\/a>/);
  assert.deepEqual(strike.authors, ['Ana Lima, Ben Okafor']);
  assert.equal(strike.image?.url, 'https://herald.example/img/quay.jpg');
});

test('hostile titles stay text in every feed format', async () => {
  // RSS titles are read as HTML by many readers (our parser too): there the title must at
  // least arrive escaped, never as markup.
  const rssText = (await get(base, '/rss.xml')).text;
  assert.match(rssText, /<title>&lt;script&gt;alert\(&quot;title&quot;\)&lt;\/script&gt; Mayor &amp; council &quot;clash&quot;<\/title>/);
  assert.doesNotMatch(rssText, /<script/);
  for (const file of ['atom.xml', 'feed.json']) {
    const feed = parseFeed((await get(base, `/${file}`)).text);
    const hostile = feed.entries.find((e) => e.url?.includes(`/article/${f.hostile}`));
    assert.equal(hostile?.title, '<script>alert("title")</script> Mayor & council "clash"', file);
    assert.doesNotMatch(hostile?.contentHtml ?? hostile?.summary ?? '', /<b onmouseover/);
  }
});

test('search feeds follow the query and its filters', async () => {
  const r = await get(base, '/search/feed.json?q=strike&section=World');
  assert.equal(r.status, 200);
  const doc = JSON.parse(r.text);
  assert.equal(doc.version, 'https://jsonfeed.org/version/1.1');
  assert.ok(doc.items.length >= 3);
  assert.ok(doc.items.every((i: { external_url: string }) => !i.external_url.includes('valley.example')));
  assert.match(doc.home_page_url, /\/search\?q=strike&section=World$/);
  const atom = await get(base, '/search/atom.xml?q=cranes');
  assert.deepEqual(xmlProblems(atom.text), []);
  assert.deepEqual(parseFeed(atom.text).entries.map((e) => e.title), ['Port workers strike over pay']);
  assert.equal((await get(base, '/section/Nowhere/rss.xml')).status, 404);
  assert.equal((await get(base, '/story/999/rss.xml')).status, 404);
});

test('sitemap index, pages and article chunks; full republication is left to the original', async () => {
  const idx = await get(base, '/sitemap.xml');
  assert.equal(idx.status, 200);
  assert.deepEqual(xmlProblems(idx.text), []);
  const files = [...idx.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  assert.deepEqual(files, ['/sitemaps/pages.xml', '/sitemaps/articles-1.xml', '/news-sitemap.xml']);
  const pages = await get(base, '/sitemaps/pages.xml');
  assert.deepEqual(xmlProblems(pages.text), []);
  assert.match(pages.text, /<loc>http:\/\/127\.0\.0\.1:\d+\/section\/World<\/loc>/);
  assert.match(pages.text, /<loc>http:\/\/127\.0\.0\.1:\d+\/story\/1-port-workers-strike-over-pay<\/loc>/);
  const arts = await get(base, '/sitemaps/articles-1.xml');
  assert.deepEqual(xmlProblems(arts.text), []);
  assert.match(arts.text, /\/article\/1-port-workers-strike-over-pay<\/loc>/);
  assert.doesNotMatch(arts.text, /\/article\/2-/, 'a page whose canonical is the original is not listed');
  assert.equal((await get(base, '/sitemaps/articles-9.xml')).status, 404);
});

test('the Google News sitemap lists the last two days only, with publication data', async () => {
  const store = await freshStore();
  const src = (await store.addSource({ url: 'https://fresh.example/feed', name: 'Fresh' })).source.id;
  const recent = new Date(Date.now() - 3600_000).toISOString();
  await store.saveArticle({ sourceId: src, article: article({ url: 'https://fresh.example/new', title: 'Fresh & new', publishedAt: recent, lang: 'de' }) });
  await store.saveArticle({ sourceId: src, article: article({ url: 'https://fresh.example/old', title: 'Old news', publishedAt: '2020-01-01T00:00:00.000Z' }) });
  const url = (await startSite(store, { siteName: 'Test Desk' })).url;
  const r = await get(url, '/news-sitemap.xml');
  assert.deepEqual(xmlProblems(r.text), []);
  assert.match(r.text, /xmlns:news="http:\/\/www\.google\.com\/schemas\/sitemap-news\/0\.9"/);
  assert.match(r.text, /<news:name>Test Desk<\/news:name><news:language>de<\/news:language><\/news:publication><news:publication_date>[^<]+<\/news:publication_date><news:title>Fresh &amp; new<\/news:title>/);
  assert.doesNotMatch(r.text, /Old news/);
  const parsed = parseFeed(r.text);
  assert.equal(parsed.entries.length, 1);
  assert.equal(parsed.entries[0]!.title, 'Fresh & new');
});

test('robots.txt names the sitemaps and keeps crawlers out of the API and search', async () => {
  const r = await get(base, '/robots.txt');
  assert.equal(r.status, 200);
  assert.match(r.text, /^User-agent: \*$/m);
  assert.match(r.text, /^Disallow: \/api\/$/m);
  assert.match(r.text, /^Disallow: \/admin$/m);
  assert.match(r.text, /^Sitemap: http:\/\/127\.0\.0\.1:\d+\/sitemap\.xml$/m);
});
