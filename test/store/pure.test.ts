// The store's pure pieces: URL canonicalisation and article keys, the search-query cleaner,
// and snippet highlighting. No database needed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { articleKey, canonicalizeUrl, parseSearchQuery, UrlError } from '../../src/store/index.ts';
import { describeQuery, toFts5, toWebsearch } from '../../src/store/search-query.ts';
import { excerptHtml, markedToHtml, MARK_END, MARK_START, withEllipses } from '../../src/store/highlight.ts';

describe('canonicalizeUrl', () => {
  test('strips tracking parameters, fragment, default port; sorts the query; lower-cases the host', () => {
    assert.equal(
      canonicalizeUrl('https://News.Example.COM:443/World/Story?utm_source=tw&b=2&fbclid=x&a=1&gclid=y#comments'),
      'https://news.example.com/World/Story?a=1&b=2',
    );
    assert.equal(canonicalizeUrl('http://example.com:80/a/?mc_cid=1&mc_eid=2&igshid=3&ref=hn&ref_src=twsrc%5Etfw'), 'http://example.com/a');
    assert.equal(canonicalizeUrl('https://www.bbc.co.uk/news/world-1?at_medium=RSS&at_campaign=KARANGA'), 'https://www.bbc.co.uk/news/world-1');
  });

  test('keeps what names the page: ids in the query, www, the scheme, path case, non-default ports', () => {
    assert.equal(canonicalizeUrl('https://example.com/article.php?id=123&page=2'), 'https://example.com/article.php?id=123&page=2');
    assert.equal(canonicalizeUrl('https://www.example.com/a'), 'https://www.example.com/a');
    assert.equal(canonicalizeUrl('http://example.com/a'), 'http://example.com/a');
    assert.equal(canonicalizeUrl('http://127.0.0.5:8080/Feed'), 'http://127.0.0.5:8080/Feed');
    assert.notEqual(canonicalizeUrl('https://example.com/?p=1'), canonicalizeUrl('https://example.com/?p=2'));
  });

  test('refuses what is not an absolute http(s) URL', () => {
    assert.throws(() => canonicalizeUrl('/relative/path'), UrlError);
    assert.throws(() => canonicalizeUrl('javascript:alert(1)'), /not an http\(s\) URL/);
    assert.throws(() => canonicalizeUrl(''), UrlError);
  });
});

describe('articleKey', () => {
  test('the canonical wins on the same site', () => {
    assert.deepEqual(articleKey('https://m.example.com/a?utm_source=x', 'https://www.example.com/a'), { key: 'https://www.example.com/a', originalUrl: null });
  });
  test('a canonical on another site marks a syndicated copy, keyed on its own URL', () => {
    assert.deepEqual(articleKey('https://portal.example.net/x', 'https://wire.example.org/y'), {
      key: 'https://portal.example.net/x',
      originalUrl: 'https://wire.example.org/y',
    });
  });
  test('a home-page canonical on a deeper page is ignored', () => {
    assert.deepEqual(articleKey('https://example.com/2024/story', 'https://example.com/'), { key: 'https://example.com/2024/story', originalUrl: null });
  });
  test('either URL alone is enough; neither gives null', () => {
    assert.equal(articleKey(null, 'https://example.com/a')?.key, 'https://example.com/a');
    assert.equal(articleKey('https://example.com/a', 'garbage')?.key, 'https://example.com/a');
    assert.equal(articleKey(null, null), null);
  });
});

describe('parseSearchQuery', () => {
  test('words, phrases, exclusions and OR', () => {
    const q = parseSearchQuery('Brexit "trade deal" -football vote OR election')!;
    assert.deepEqual(q, {
      groups: [[{ words: ['brexit'] }], [{ words: ['trade', 'deal'] }], [{ words: ['vote'] }, { words: ['election'] }]],
      exclude: [{ words: ['football'] }],
    });
    assert.equal(toFts5(q), '("brexit" AND "trade deal" AND ("vote" OR "election")) NOT "football"');
    assert.equal(toWebsearch(q), '"brexit" "trade deal" "vote" or "election" -"football"');
    assert.equal(describeQuery(q), 'brexit "trade deal" vote OR election -football');
  });

  test('syntax characters become separators; operators become words', () => {
    const q = parseSearchQuery('NEAR(a* b) title:x ^c AND covid-19')!;
    assert.equal(toFts5(q), '"near a" AND "b" AND "title x" AND "c" AND "and" AND "covid 19"');
    assert.equal(parseSearchQuery('"unbalanced phrase')!.groups[0]![0]!.words.join(' '), 'unbalanced phrase');
  });

  test('nothing searchable gives null', () => {
    for (const q of ['', '   ', '"', '""', '-word', '()', '*', '!!!', 'OR', '- -']) assert.equal(parseSearchQuery(q), null, JSON.stringify(q));
  });

  test('non-Latin scripts and combining marks are words', () => {
    assert.deepEqual(parseSearchQuery('Köln नमस्ते 東京')!.groups.map((g) => g[0]!.words[0]), ['köln', 'नमस्ते', '東京']);
  });

  test('very long queries are bounded', () => {
    const q = parseSearchQuery(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '))!;
    assert.ok(q.groups.length <= 24);
  });
});

describe('highlighting', () => {
  test('escapes text and turns markers into <mark>', () => {
    assert.equal(markedToHtml(`a <b> & ${MARK_START}c${MARK_END} "d"`), 'a &lt;b&gt; &amp; <mark>c</mark> &quot;d&quot;');
    assert.equal(markedToHtml(`${MARK_START}open`), '<mark>open</mark>');
    assert.equal(markedToHtml(`x${MARK_END}y`), 'xy');
  });

  test('ellipses only where text was skipped', () => {
    const text = 'One two three four five six seven eight nine ten eleven twelve thirteen fourteen.';
    assert.equal(withEllipses('five six seven eight nine ten eleven twelve', text), '…five six seven eight nine ten eleven twelve…');
    assert.equal(withEllipses('One two three four five six seven eight nine', text), 'One two three four five six seven eight nine…');
    assert.equal(withEllipses(text, text), text);
  });

  test('fallback excerpts end on a word boundary', () => {
    const e = excerptHtml('Lorem ipsum dolor sit amet, consectetur adipiscing elit <x>', 30);
    assert.equal(e, 'Lorem ipsum dolor sit amet…');
    assert.equal(excerptHtml('a & b'), 'a &amp; b');
    assert.equal(excerptHtml(null), '');
  });
});
