// parseFeed on each format: the one Entry shape, entities decoded once, xml:base,
// dates and impossible dates, images, JSON Feed, sitemaps, section pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeedError, entriesFromSectionPage, parseDate, parseFeed } from '../../src/feeds/index.ts';

const NOW = new Date('2024-05-20T12:00:00Z');

test('RSS 2.0 item: every Entry field', () => {
  const f = parseFeed(`<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:m="http://search.yahoo.com/mrss/">
<channel><title>News &amp; Views</title><link>/</link><language>en_GB</language><ttl>30</ttl>
<item><title>AT&amp;amp;T buys &lt;b&gt;rival&lt;/b&gt;</title><link>/business/att.html</link>
<guid isPermaLink="false">att-1</guid><pubDate>Mon, 20 May 2024 09:00:00 EDT</pubDate>
<dc:creator>Jane Doe</dc:creator><author>jd@example.com (Jane Doe)</author><category>Business</category>
<description>&lt;p&gt;Deal &lt;a href="/more"&gt;more&lt;/a&gt;&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
<content:encoded><![CDATA[<p>Full <em>text</em></p>]]></content:encoded>
<m:content url="/img/a.jpg" medium="image" width="800" height="600"><m:description>The boardroom</m:description></m:content>
</item></channel></rss>`, { url: 'https://news.example.com/feed.xml', now: NOW });
  assert.equal(f.format, 'rss');
  assert.equal(f.title, 'News & Views');
  assert.equal(f.link, 'https://news.example.com/');
  assert.equal(f.lang, 'en-GB');
  assert.equal(f.ttlSeconds, 1800);
  const e = f.entries[0]!;
  assert.equal(e.id, 'att-1');
  assert.equal(e.url, 'https://news.example.com/business/att.html');
  assert.equal(e.title, 'AT&T buys rival'); // RSS titles are HTML in practice: double-escaped & read once more
  assert.deepEqual(e.authors, ['Jane Doe']);
  assert.equal(e.publishedAt, '2024-05-20T13:00:00Z');
  assert.equal(e.summary?.includes('<script'), false);
  assert.match(e.summary!, /<a href="https:\/\/news\.example\.com\/more"/);
  assert.equal(e.contentHtml, '<p>Full <em>text</em></p>');
  assert.deepEqual(e.categories, ['Business']);
  assert.deepEqual(e.image, { url: 'https://news.example.com/img/a.jpg', type: null, width: 800, height: 600, caption: 'The boardroom' });
  assert.equal(e.lang, 'en-GB');
});

test('Atom: text constructs typed text/html/xhtml, nested xml:base, entities once', () => {
  const f = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/" xml:lang="fr">
<title type="text">Fish &amp;amp; chips &lt;b&gt;</title>
<entry xml:base="2024/"><id>tag:x,2024:1</id>
<title type="html">Caf&amp;eacute; &lt;em&gt;ouvert&lt;/em&gt;</title>
<link rel="alternate" href="entry.html"/><link rel="enclosure" type="image/png" href="pic.png"/>
<updated>2024-05-19T10:00:00+02:00</updated>
<summary type="text">1 &lt; 2 &amp; &lt;b&gt;</summary>
<content type="xhtml" xml:base="/other/"><div xmlns="http://www.w3.org/1999/xhtml"><p>See <a href="x.html">this</a> &amp; that</p></div></content>
</entry></feed>`, { now: NOW });
  assert.equal(f.format, 'atom');
  assert.equal(f.title, 'Fish &amp; chips <b>'); // type="text" is text: decoded exactly once
  const e = f.entries[0]!;
  assert.equal(e.title, 'Café ouvert');
  assert.equal(e.url, 'http://example.org/blog/2024/entry.html');
  assert.equal(e.image?.url, 'http://example.org/blog/2024/pic.png');
  assert.equal(e.summary, '1 &lt; 2 &amp; &lt;b&gt;');
  assert.equal(e.contentHtml, '<p>See <a href="http://example.org/other/x.html" rel="nofollow noopener noreferrer ugc">this</a> &amp; that</p>');
  assert.equal(e.updatedAt, '2024-05-19T08:00:00Z');
  assert.equal(e.lang, 'fr');
});

test('Atom 0.3 with mode="escaped" and issued/modified', () => {
  const f = parseFeed(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title mode="escaped" type="text/html">A &amp;amp; B</title>
<issued>2003-12-31T10:14:55Z</issued><modified>2004-01-01T00:00:00Z</modified><link rel="alternate" href="http://e.com/1"/></entry></feed>`, { now: NOW });
  const e = f.entries[0]!;
  assert.equal(e.title, 'A & B');
  assert.equal(e.publishedAt, '2003-12-31T10:14:55Z');
  assert.equal(e.updatedAt, '2004-01-01T00:00:00Z');
  assert.equal(e.id, 'http://e.com/1'); // no id: the link
});

test('RSS 1.0 (RDF) items beside the channel', () => {
  const f = parseFeed(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://e.com/"><title>RDF</title><link>http://e.com/</link></channel>
<item rdf:about="http://e.com/1"><title>One</title><link>http://e.com/1</link><dc:date>2024-05-01T08:00:00Z</dc:date><dc:subject>Tech</dc:subject></item></rdf:RDF>`, { now: NOW });
  assert.equal(f.format, 'rdf');
  assert.equal(f.entries.length, 1);
  assert.equal(f.entries[0]!.publishedAt, '2024-05-01T08:00:00Z');
  assert.deepEqual(f.entries[0]!.categories, ['Tech']);
});

test('JSON Feed 1.1', () => {
  const f = parseFeed(JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1', title: 'J', home_page_url: 'https://j.example/', language: 'de',
    items: [{ id: 7, url: '/p/7', title: 'Seven', content_text: 'a < b', summary: 'S', image: '/i.jpg', date_published: '2024-05-01T10:00:00+02:00', authors: [{ name: 'Ann' }], tags: ['x'] }],
  }), { url: 'https://j.example/feed.json', now: NOW });
  assert.equal(f.format, 'json');
  const e = f.entries[0]!;
  assert.equal(e.id, '7');
  assert.equal(e.url, 'https://j.example/p/7');
  assert.equal(e.contentHtml, 'a &lt; b');
  assert.equal(e.image?.url, 'https://j.example/i.jpg');
  assert.deepEqual(e.authors, ['Ann']);
  assert.equal(e.publishedAt, '2024-05-01T08:00:00Z');
  assert.equal(e.lang, 'de');
});

test('Google News sitemap and sitemap index', () => {
  const f = parseFeed(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
<url><loc>https://n.example/a</loc><lastmod>2024-05-20</lastmod><news:news><news:publication><news:name>N</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2024-05-20T08:00:00Z</news:publication_date><news:title>Floods &amp; storms</news:title><news:keywords>weather, uk</news:keywords></news:news>
<image:image><image:loc>https://n.example/a.jpg</image:loc><image:caption>Rain</image:caption></image:image></url></urlset>`, { now: NOW });
  assert.equal(f.format, 'sitemap');
  const e = f.entries[0]!;
  assert.equal(e.title, 'Floods & storms');
  assert.equal(e.publishedAt, '2024-05-20T08:00:00Z');
  assert.deepEqual(e.categories, ['weather', 'uk']);
  assert.equal(e.image?.caption, 'Rain');
  const idx = parseFeed('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://n.example/s1.xml</loc></sitemap></sitemapindex>');
  assert.equal(idx.format, 'sitemap-index');
  assert.deepEqual(idx.sitemaps, ['https://n.example/s1.xml']);
});

test('dates in the future or before 1990 become first-seen time, flagged', () => {
  const f = parseFeed(`<rss><channel><item><guid>a</guid><pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item>
<item><guid>b</guid><pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate></item><item><guid>c</guid><pubDate>Mon, 20 May 2024 11:00:00 +0000</pubDate></item></channel></rss>`, { now: NOW });
  assert.equal(f.entries[0]!.publishedAt, '2024-05-20T12:00:00Z');
  assert.equal(f.entries[0]!.dateProblem, 'future');
  assert.equal(f.entries[1]!.dateProblem, 'before-1990');
  assert.equal(f.entries[2]!.dateProblem, undefined);
});

test('parseDate: zones, military letters, W3CDTF, asctime, Korean, chrono fallback; nonsense is null', () => {
  const iso = (s: string): string | undefined => parseDate(s)?.toISOString();
  assert.equal(iso('Thu, 01 Jan 2004 19:48:21 PDT'), '2004-01-02T02:48:21.000Z');
  assert.equal(iso('Thu, 01 Jan 2004 19:48:21 CEST'), '2004-01-01T17:48:21.000Z');
  assert.equal(iso('Thu, 01 Jan 2004 19:48:21 Z'), '2004-01-01T19:48:21.000Z');
  assert.equal(iso('Thu, 01 Jan 2004 19:48:21 N'), '2004-01-01T18:48:21.000Z');
  assert.equal(iso('2003-12-31T10:14:55.123-08:00'), '2003-12-31T18:14:55.000Z');
  assert.equal(iso('Sun Jan  4 16:29:06 2004'), '2004-01-04T16:29:06.000Z');
  assert.equal(iso('2004-05-25 오후 11:23:17'), '2004-05-25T14:23:17.000Z');
  assert.equal(iso('Tuesday, March 4, 2008 10:00 CET'), '2008-03-04T09:00:00.000Z');
  assert.equal(parseDate('2003-12-31T25:14:55Z'), null);
  assert.equal(parseDate('Sun, 99 Jun 2009 12:00:00 GMT'), null);
  assert.equal(parseDate('soon'), null);
});

test('not a feed: HTML page, JSON that is not a feed, empty input', () => {
  assert.throws(() => parseFeed('<!doctype html><html><head><title>x</title></head><body>hi</body></html>'), (e: unknown) => e instanceof FeedError && /HTML page/.test(e.message));
  assert.throws(() => parseFeed('{"hello": 1}'), FeedError);
  assert.throws(() => parseFeed('   '), FeedError);
});

test('entriesFromSectionPage: matching links, absolute, deduplicated, link text as title', () => {
  const html = `<html><body><nav><a href="/about">About</a></nav>
<a href="/news/2024/05/flood-warning"><img src="a.jpg" alt="Flood"></a>
<h2><a href="/news/2024/05/flood-warning#top">Flood warning for the coast</a></h2>
<a href="https://other.example/news/2024/05/x">elsewhere</a>
<a href="/news/2024/05/budget">Budget <b>talks</b> resume</a><a href="/news/2024/05/budget">Read more</a></body></html>`;
  const entries = entriesFromSectionPage(html, 'https://site.example/news/', /^https:\/\/site\.example\/news\/\d{4}\/\d{2}\/[a-z-]+$/);
  assert.deepEqual(entries.map((e) => [e.url, e.title]), [
    ['https://site.example/news/2024/05/flood-warning', 'Flood warning for the coast'],
    ['https://site.example/news/2024/05/budget', 'Budget talks resume'],
  ]);
  assert.equal(entries[0]!.id, entries[0]!.url);
});

test('javascript: links and bases never reach an Entry', () => {
  const f = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="javascript:alert(1)//">
<entry><id>1</id><link href="javascript:alert(2)"/><media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="javascript:alert(3)"/></entry>
<entry><id>2</id><link href="/ok"/><content type="html">&lt;a href="rel"&gt;x&lt;/a&gt;</content></entry></feed>`, { url: 'https://safe.example/feed' });
  assert.equal(f.entries[0]!.url, null);
  assert.equal(f.entries[0]!.image, null);
  assert.equal(f.entries[1]!.url, 'https://safe.example/ok');
  assert.match(f.entries[1]!.contentHtml!, /href="https:\/\/safe\.example\/rel"/);
});
