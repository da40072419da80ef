// OPML import (nested outlines as sections) and export (round trip).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OpmlError, parseOpml, toOpml } from '../../src/sources/index.ts';

const LIST = `<?xml version="1.0"?>
<opml version="2.0"><head><title>Subs</title></head><body>
  <outline text="Top &amp; more" type="rss" xmlUrl="https://top.example/feed" htmlUrl="https://top.example/"/>
  <outline text="News">
    <outline text="Europe">
      <outline title="Le Monde" text="LM" type="rss" xmlUrl="https://lemonde.example/rss.xml"/>
    </outline>
    <outline text="BBC" xmlUrl="https://bbc.example/news/rss.xml?edition=uk&amp;x=1"/>
  </outline>
  <outline text="Empty folder"/>
</body></opml>`;

test('parseOpml: feeds with their section paths, titles and URLs', () => {
  const feeds = parseOpml(LIST);
  assert.deepEqual(feeds.map((f) => [f.title, f.xmlUrl, f.section]), [
    ['Top & more', 'https://top.example/feed', null],
    ['Le Monde', 'https://lemonde.example/rss.xml', 'News / Europe'],
    ['BBC', 'https://bbc.example/news/rss.xml?edition=uk&x=1', 'News'],
  ]);
  assert.deepEqual(feeds[1]!.sectionPath, ['News', 'Europe']);
  assert.equal(feeds[0]!.htmlUrl, 'https://top.example/');
});

test('toOpml then parseOpml gives the same feeds and sections', () => {
  const feeds = parseOpml(LIST);
  const xml = toOpml(feeds, { title: 'Mine', now: new Date('2024-05-20T00:00:00Z') });
  assert.match(xml, /<title>Mine<\/title>/);
  assert.match(xml, /xmlUrl="https:\/\/bbc\.example\/news\/rss\.xml\?edition=uk&amp;x=1"/);
  // a section's own feeds are written before its subsections, so compare as sets
  const key = (fs: typeof feeds): string[] => fs.map((f) => JSON.stringify([f.title, f.xmlUrl, f.section, f.htmlUrl])).sort();
  assert.deepEqual(key(parseOpml(xml)), key(feeds));
});

test('not OPML: a clear OpmlError', () => {
  assert.throws(() => parseOpml('<rss><channel/></rss>'), (e: unknown) => e instanceof OpmlError && /not an OPML list/.test(e.message));
});
