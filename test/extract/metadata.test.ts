// Unit tests for extract/metadata: each metadata source on small inline pages, the
// reconciliation rules (metadata against what the page prints), author cleaning, title
// suffix stripping, dates with offsets in many languages, caption/credit splitting and
// JSON-LD repair.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseHtml, textOf } from '../../src/extract/dom.ts';
import { extractMetadata, detectLanguage, normalizeLang } from '../../src/extract/metadata/index.ts';
import { cleanAuthors, isAgency } from '../../src/extract/metadata/authors.ts';
import { parseMachineDate, parseTextDate, formatIso, dateFromUrl } from '../../src/extract/metadata/dates.ts';
import { parseJsonLd, readJsonLd } from '../../src/extract/metadata/jsonld.ts';
import { splitCaptionCredit, sameImage } from '../../src/extract/metadata/image.ts';
import { stripSiteName } from '../../src/extract/metadata/title.ts';

const URL = 'https://news.example.com/2024/02/28/some-story';

function meta(html: string, url: string | null = URL) {
  return extractMetadata(parseHtml(html), url);
}

function page(head: string, body = ''): string {
  return `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
}

const names = (raw: string, fromText = false): string[] => cleanAuthors(raw, { fromText }).map((a) => a.name);
const iso = (s: string, lang: string | null = null): string | null => {
  const p = parseMachineDate(s, lang);
  return p ? formatIso(p) : null;
};
const isoText = (s: string, lang: string | null = null): string | null => {
  const p = parseTextDate(s, lang);
  return p ? formatIso(p) : null;
};

describe('JSON-LD', () => {
  test('NewsArticle fields: headline, authors, dates, image, publisher, language, body', () => {
    const ld = {
      '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Storm hits the coast',
      author: [{ '@type': 'Person', name: 'Jane Doe' }, { '@type': 'Person', name: 'John Smith' }],
      datePublished: '2024-02-28T13:06:44+01:00', dateModified: '2024-02-28T15:00:00+01:00',
      image: { '@type': 'ImageObject', url: 'https://cdn.example.com/storm.jpg', caption: 'Waves at the pier', creditText: 'Max Muster/dpa', width: 1200, height: '800' },
      publisher: { '@type': 'Organization', name: 'Example News' }, inLanguage: 'de-DE',
      description: 'A storm.', articleBody: 'First paragraph.\nSecond paragraph.',
    };
    const m = meta(page(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`));
    assert.equal(m.title, 'Storm hits the coast');
    assert.deepEqual(m.authors, ['Jane Doe', 'John Smith']);
    assert.equal(m.publishedAt, '2024-02-28T13:06:44+01:00');
    assert.equal(m.modifiedAt, '2024-02-28T15:00:00+01:00');
    assert.equal(m.siteName, 'Example News');
    assert.equal(m.lang, 'de');
    assert.equal(m.description, 'A storm.');
    assert.equal(m.jsonLdBody, 'First paragraph.\n\nSecond paragraph.');
    assert.deepEqual(m.leadImage, { url: 'https://cdn.example.com/storm.jpg', caption: 'Waves at the pier', credit: 'Max Muster/dpa', alt: null, width: 1200, height: 800 });
  });

  test('@graph with @id references to authors, publisher and image; WebPage is a fallback', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', '@id': 'https://x/#webpage', name: 'Storm hits the coast - Example', datePublished: '2020-01-01' },
        { '@type': 'WebSite', '@id': 'https://x/#website', name: 'Example Site' },
        { '@type': ['Article', 'NewsArticle'], '@id': 'https://x/#article', headline: 'Storm hits the coast', author: { '@id': 'https://x/#/person/1' }, datePublished: '2024-02-28T08:00:00Z', image: { '@id': 'https://x/#img' }, publisher: { '@id': 'https://x/#org' } },
        { '@type': 'Person', '@id': 'https://x/#/person/1', name: 'Erika Musterfrau' },
        { '@type': 'Organization', '@id': 'https://x/#org', name: 'Example Verlag' },
        { '@type': 'ImageObject', '@id': 'https://x/#img', url: 'https://x/storm.jpg', caption: 'The pier' },
      ],
    };
    const info = readJsonLd([JSON.stringify(ld)]);
    assert.equal(info.type, 'article');
    assert.equal(info.headline, 'Storm hits the coast');
    assert.deepEqual(info.authors, [{ name: 'Erika Musterfrau', organization: false, person: true }]);
    assert.equal(info.datePublished, '2024-02-28T08:00:00Z');
    assert.equal(info.publisher, 'Example Verlag');
    assert.equal(info.websiteName, 'Example Site');
    assert.equal(info.images[0]?.url, 'https://x/storm.jpg');
    assert.equal(info.images[0]?.caption, 'The pier');
  });

  test('prefers NewsArticle over BlogPosting over WebPage, and reads mainEntity', () => {
    const ld = [
      { '@type': 'WebPage', name: 'Page', mainEntity: { '@type': 'NewsArticle', headline: 'Main story', author: 'A. Writer' } },
      { '@type': 'BlogPosting', headline: 'Other post' },
    ];
    const info = readJsonLd([JSON.stringify(ld)]);
    assert.equal(info.headline, 'Main story');
    assert.equal(info.authors[0]?.name, 'A. Writer');
  });

  test('repairs broken JSON: raw newlines, trailing commas, comment and CDATA wrappers, concatenated objects', () => {
    assert.deepEqual(parseJsonLd('{"headline": "Line one\nline two",}'), { headline: 'Line one line two' });
    assert.deepEqual(parseJsonLd('<!-- {"a": [1, 2,],} -->'), { a: [1, 2] });
    assert.deepEqual(parseJsonLd('//<![CDATA[\n{"a": 1}\n//]]>'), { a: 1 });
    assert.deepEqual(parseJsonLd('{"a": 1}{"b": 2}'), [{ a: 1 }, { b: 2 }]);
    assert.deepEqual(parseJsonLd('{"a": 1};'), { a: 1 });
    assert.equal(parseJsonLd('not json at all'), null);
  });

  test('decodes entities left in JSON-LD strings once', () => {
    const m = meta(page('<script type="application/ld+json">{"@type":"Article","headline":"Tom &amp; Jerry &#8211; the return"}</script>'));
    assert.equal(m.title, 'Tom & Jerry – the return');
  });

  test('Organization authors are kept only when no person is named', () => {
    const org = meta(page('<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","author":{"@type":"Organization","name":"Example Wire"}}</script>'));
    assert.deepEqual(org.authors, ['Example Wire']);
    const both = meta(page('<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","author":{"@type":"Organization","name":"Example Wire"}}</script>', '<article><p class="byline">By Jane Doe</p></article>'));
    assert.deepEqual(both.authors, ['Jane Doe']);
  });
});

describe('OpenGraph, Twitter and meta tags', () => {
  test('og:title, og:site_name, og:image with size and alt, article dates, article:author as a name', () => {
    const m = meta(page(`
      <meta property="og:title" content="Council approves budget">
      <meta property="og:site_name" content="Example Times">
      <meta property="og:image" content="/img/budget.jpg"><meta property="og:image:width" content="1200"><meta property="og:image:height" content="630"><meta property="og:image:alt" content="Council chamber">
      <meta property="og:description" content="The vote was close.">
      <meta property="article:published_time" content="2024-03-01T09:30:00-05:00">
      <meta property="article:modified_time" content="2024-03-01T11:00:00-05:00">
      <meta property="article:author" content="https://facebook.com/someone">
      <meta name="author" content="Maria Garcia">`));
    assert.equal(m.title, 'Council approves budget');
    assert.equal(m.siteName, 'Example Times');
    assert.equal(m.description, 'The vote was close.');
    assert.equal(m.publishedAt, '2024-03-01T09:30:00-05:00');
    assert.equal(m.modifiedAt, '2024-03-01T11:00:00-05:00');
    assert.deepEqual(m.authors, ['Maria Garcia']);
    assert.deepEqual(m.leadImage, { url: 'https://news.example.com/img/budget.jpg', caption: null, credit: null, alt: 'Council chamber', width: 1200, height: 630 });
  });

  test('twitter card title and image when OpenGraph is missing', () => {
    const m = meta(page('<meta name="twitter:title" content="Rates rise again"><meta name="twitter:image" content="https://cdn.example.com/r.jpg">'));
    assert.equal(m.title, 'Rates rise again');
    assert.equal(m.leadImage?.url, 'https://cdn.example.com/r.jpg');
  });

  test('author metas: byl, sailthru.author, parsely-author, dc.creator, citation_author', () => {
    assert.deepEqual(meta(page('<meta name="byl" content="By JANE DOE and JOHN ROE">')).authors, ['JANE DOE', 'JOHN ROE']);
    assert.deepEqual(meta(page('<meta name="sailthru.author" content="Ann Lee">')).authors, ['Ann Lee']);
    assert.deepEqual(meta(page('<meta name="parsely-author" content="Bo Chen">')).authors, ['Bo Chen']);
    assert.deepEqual(meta(page('<meta name="DC.creator" content="Kim Park">')).authors, ['Kim Park']);
    assert.deepEqual(meta(page('<meta name="citation_author" content="Jong, Michiel de">')).authors, ['Jong, Michiel de']);
  });

  test('Yoast reading card: twitter:label1 "Written by" / twitter:data1', () => {
    const m = meta(page('<meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Karoline Herr">'));
    assert.deepEqual(m.authors, ['Karoline Herr']);
  });

  test('meta dates: pubdate, dc.date, parsely-pub-date, sailthru.date, itemprop datePublished', () => {
    assert.equal(meta(page('<meta name="pubdate" content="2023-05-12">')).publishedAt, '2023-05-12T00:00:00Z');
    assert.equal(meta(page('<meta name="dc.date" content="2023-05-12T14:20:00+02:00">')).publishedAt, '2023-05-12T14:20:00+02:00');
    assert.equal(meta(page('<meta name="parsely-pub-date" content="2024-04-20T04:20:00.000Z">')).publishedAt, '2024-04-20T04:20:00Z');
    assert.equal(meta(page('<meta name="sailthru.date" content="2019-04-28 06:01:07">')).publishedAt, '2019-04-28T06:01:07Z');
    assert.equal(meta(page('<meta itemprop="datePublished" content="2015-07-10T09:53:00-04:00">')).publishedAt, '2015-07-10T09:53:00-04:00');
  });

  test('space-separated property lists count for each name', () => {
    const m = meta(page('<meta property="og:title twitter:title" content="Shared title"><meta property="dc:creator twitter:site_name" content="Creator Name">'));
    assert.equal(m.title, 'Shared title');
    assert.deepEqual(m.authors, ['Creator Name']);
  });

  test('lang from <html lang>, content-language, og:locale, JSON-LD; normalised to the primary subtag', () => {
    assert.equal(meta('<html lang="en-US"><head></head><body></body></html>').lang, 'en');
    assert.equal(meta(page('<meta http-equiv="content-language" content="de-AT">')).lang, 'de');
    assert.equal(meta(page('<meta property="og:locale" content="fr_FR">')).lang, 'fr');
    assert.equal(meta(page('<script type="application/ld+json">{"@type":"Article","inLanguage":"es"}</script>')).lang, 'es');
    assert.equal(meta(page('')).lang, null);
    assert.equal(normalizeLang('zh-Hans-CN'), 'zh');
    assert.equal(normalizeLang('und'), null);
  });

  test('canonical: rel=canonical resolved against the URL; a home-page canonical on an article is ignored', () => {
    assert.equal(meta(page('<link rel="canonical" href="/2024/02/28/some-story?amp=0">')).canonicalUrl, 'https://news.example.com/2024/02/28/some-story?amp=0');
    assert.equal(meta(page('<link rel="canonical" href="https://news.example.com/"><meta property="og:url" content="https://news.example.com/story">')).canonicalUrl, 'https://news.example.com/story');
    assert.equal(meta(page('')).canonicalUrl, null);
  });
});

describe('microdata and visible bylines', () => {
  test('itemprop author with nested name, datePublished and headline', () => {
    const m = meta(page('', `<article itemscope itemtype="http://schema.org/NewsArticle">
      <h1 itemprop="headline">Bridge reopens</h1>
      <span itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Lena Berg</span></span>
      <time itemprop="datePublished" datetime="2022-06-01T07:00:00+02:00">1. Juni 2022</time></article>`));
    assert.equal(m.title, 'Bridge reopens');
    assert.deepEqual(m.authors, ['Lena Berg']);
    assert.equal(m.publishedAt, '2022-06-01T07:00:00+02:00');
  });

  test('rel=author link text', () => {
    assert.deepEqual(meta(page('', '<article><p>Posted by <a rel="author" href="/u/sam">Sam Stone</a></p></article>')).authors, ['Sam Stone']);
  });

  test('byline-classed elements, but not author bio boxes or comment authors', () => {
    const m = meta(page('', `<article><h1>Title</h1><div class="article-byline">Von Max Mustermann und Erika Musterfrau</div>
      <p>Text.</p><div class="author-bio">Max Mustermann is a reporter who writes a lot.</div></article>
      <section class="comments"><span class="comment-author">Troll 42</span></section>`));
    assert.deepEqual(m.authors, ['Max Mustermann', 'Erika Musterfrau']);
    const bioOnly = meta(page('', '<article><p>Text.</p><div class="about-the-author">Jane Doe writes.</div></article><div class="comments"><span class="author">Troll</span></div>'));
    assert.deepEqual(bioOnly.authors, []);
  });

  test('"By …" text without classes, and a bare "By" label followed by the name', () => {
    assert.deepEqual(meta(page('', '<article><h1>T</h1><p>By Jane Doe and John Smith</p><p>Body text here.</p></article>')).authors, ['Jane Doe', 'John Smith']);
    assert.deepEqual(meta(page('', '<article><h1>T</h1><p><span>By</span> <a href="/a">Ana Ruiz</a></p></article>')).authors, ['Ana Ruiz']);
    assert.deepEqual(meta(page('', '<article><div><h5>Autor:</h5>Peter Maahn<br>Datum: 03.11.2021</div></article>')).authors, ['Peter Maahn']);
    assert.deepEqual(meta(page('', '<article><p>Par Sébastien Farcis</p></article>')).authors, ['Sébastien Farcis']);
    assert.deepEqual(meta(page('', '<article><p>Por María López</p></article>')).authors, ['María López']);
  });

  test('a "by" inside a sentence or inside code is not a byline', () => {
    assert.deepEqual(meta(page('', '<article><p>The law was passed by the senate on Monday after a long debate.</p></article>')).authors, []);
    assert.deepEqual(meta(page('', '<article><pre>SELECT a FROM t GROUP BY a</pre></article>')).authors, []);
  });

  test('site names are kept only as a last resort; agencies only when no person is named', () => {
    assert.deepEqual(meta(page('<meta property="og:site_name" content="BBC News"><meta name="author" content="BBC News">')).authors, ['BBC News']);
    assert.deepEqual(meta(page('<meta property="og:site_name" content="BBC News"><meta name="author" content="BBC News">', '<article><p class="byline">By Jon Kelly</p></article>')).authors, ['Jon Kelly']);
    assert.deepEqual(meta(page('<meta name="author" content="dpa">', '<article><p class="byline">Von Anna Schmidt</p></article>')).authors, ['Anna Schmidt']);
    assert.deepEqual(meta(page('<meta name="author" content="dpa/lno">')).authors, ['dpa/lno']);
  });

  test('a login name gives way to the same person spelled out', () => {
    const m = meta(page('<meta name="author" content="gabor_munier">', '<article><p class="byline">Von Gàbor Muniér</p></article>'));
    assert.deepEqual(m.authors, ['Gàbor Muniér']);
  });
});

describe('author cleaning', () => {
  const cases: [string, string[]][] = [
    ['By Jane Doe and John Smith', ['Jane Doe', 'John Smith']],
    ['By Jane Doe, John Smith and Ann Lee', ['Jane Doe', 'John Smith', 'Ann Lee']],
    ['Jane Doe & John Smith', ['Jane Doe', 'John Smith']],
    ['Von Max Mustermann und Erika Musterfrau', ['Max Mustermann', 'Erika Musterfrau']],
    ['Text: Lisa Berg', ['Lisa Berg']],
    ['Text von Christian Seiler Illustration von Markus Roost', ['Christian Seiler']],
    ['Jane Doe, Staff Writer', ['Jane Doe']],
    ['John Smith | Reuters', ['John Smith', 'Reuters']],
    ['Jane Doe is a reporter at the Daily Planet', ['Jane Doe']],
    ['By Brenda  Goodman, MA\n                WebMD Health News', ['Brenda Goodman', 'WebMD Health News']],
    ['By Nathan Willis\n       March 25, 2015', ['Nathan Willis']],
    ['by Lucas Nolan22 Dec 2016651', ['Lucas Nolan']],
    ['Written by Rob Ewaschuk\n Edited by Betsy Beyer', ['Rob Ewaschuk']],
    ['jane.doe@example.com', []],
    ['https://example.com/author/jane', []],
    ['Posted on September 21, 2020 by Adi Tzlil', ['Adi Tzlil']],
    ['Von Max Muster am Montag, 5. Juni 2023', ['Max Muster']],
    ['Accueil | Par Loïc Le Clerc | 30 septembre 2018', ['Loïc Le Clerc']],
    ['Bruno (Henrique Zecchin) Rodrigues', ['Bruno (Henrique Zecchin) Rodrigues']],
    ['Jane Doe (AP)', ['Jane Doe']],
    ['Jane Doe, jane doe', ['Jane Doe']],
    ['Organization for Transformative Works', ['Organization']],
    ['Ursula von der Leyen', ['Ursula von der Leyen']],
    ['Hazel Sheffield', ['Hazel Sheffield']],
    ['Jong, Michiel de', ['Jong, Michiel de']],
    ['Follow', []],
    ['admin', []],
    ['责任编辑： 焦鹏', ['焦鹏']],
  ];
  for (const [raw, want] of cases) {
    test(JSON.stringify(raw), () => assert.deepEqual(names(raw), want));
  }

  test('visible text must look like a name', () => {
    assert.deepEqual(names('By the way, this is not a name', true), []);
    assert.deepEqual(names('By JOE HILDEBRAND', true), ['JOE HILDEBRAND']);
    assert.deepEqual(names('SELECT', true), []);
    assert.deepEqual(names('Artikel von', true), []);
  });

  test('rejects things that are not names; flags agencies and organisations', () => {
    assert.deepEqual(names('One two three four five six seven'), []);
    assert.deepEqual(names('March 25, 2015'), []);
    const flagged = cleanAuthors('By Brenda Goodman\nWebMD Health News | Reuters');
    assert.deepEqual(flagged.map((a) => [a.name, a.agency, a.org]), [['Brenda Goodman', false, false], ['WebMD Health News', false, true], ['Reuters', true, false]]);
  });

  test('after reconciliation only the person remains', () => {
    assert.deepEqual(meta(page('<meta name="author" content="John Smith | Reuters">')).authors, ['John Smith']);
    assert.deepEqual(meta(page('<meta name="author" content="By Brenda Goodman, MA WebMD Health News">')).authors, ['Brenda Goodman']);
  });

  test('agency credits', () => {
    assert.ok(isAgency('dpa'));
    assert.ok(isAgency('APA/AP'));
    assert.ok(isAgency('FR mit dpa'));
    assert.ok(isAgency('Reuters'));
    assert.ok(!isAgency('Jane Doe'));
  });
});

describe('title', () => {
  test('strips the site name suffix and prefix', () => {
    assert.equal(meta(page('<title>Council approves budget | Example Times</title><meta property="og:site_name" content="Example Times">')).title, 'Council approves budget');
    assert.equal(meta(page('<title>Council approves budget - Example Times</title><meta property="og:site_name" content="Example Times">')).title, 'Council approves budget');
    assert.equal(meta(page('<title>Example Times: Council approves budget</title><meta property="og:site_name" content="Example Times">')).title, 'Council approves budget');
    assert.equal(stripSiteName('Headline – Section – Example', 'Example', null), 'Headline – Section');
  });

  test('the host name counts as the site name', () => {
    assert.equal(meta(page('<title>Storm hits the coast | Example</title>'), 'https://www.example.com/a/b').title, 'Storm hits the coast');
  });

  test('keeps a separator that is part of the headline (confirmed by the h1)', () => {
    const m = meta(page('<title>Brexit - what happens next | The Paper</title><meta property="og:site_name" content="The Paper">', '<article><h1>Brexit - what happens next</h1></article>'));
    assert.equal(m.title, 'Brexit - what happens next');
    const colon = meta(page('<meta property="og:title" content="Kim Jong Un: The dictator is back">', '<h1>Kim Jong Un: The dictator is back</h1>'));
    assert.equal(colon.title, 'Kim Jong Un: The dictator is back');
  });

  test('an h1 matching the headline part of a title wins as printed; a logo h1 does not', () => {
    const m = meta(page('<title>Items We Never Knew We Wanted : The Perspective</title>', '<h1>Items We Never Knew We Wanted</h1>'));
    assert.equal(m.title, 'Items We Never Knew We Wanted');
    const logo = meta(page('<title>Kleine Schafskunde | Mäscot das Schaf – Webcomic</title>', '<header class="site-header"><h1>Mäscot das Schaf – Webcomic</h1></header><article><h1>Kleine Schafskunde</h1></article>'));
    assert.equal(logo.title, 'Kleine Schafskunde');
  });

  test('the visible headline wins over a rewritten social title when they agree in substance', () => {
    const m = meta(page('<meta property="og:title" content="What we learned from the interview">', '<article><h1>Eleven things we learned from the explosive interview</h1></article>'));
    assert.equal(m.title, 'Eleven things we learned from the explosive interview');
  });

  test('a section-name h1 unrelated to the metadata title does not win', () => {
    const m = meta(page('<meta property="og:title" content="Babies who eat peanuts early may avoid allergy">', '<div class="titlebar"><h1>Allergies Health Center</h1></div>'));
    assert.equal(m.title, 'Babies who eat peanuts early may avoid allergy');
  });

  test('a kicker inside the h1 is not part of the headline', () => {
    const m = meta(page('<meta property="og:title" content="Klimaschutz: Bohren, bis es heiß wird">', '<article><h1><span class="article-heading__kicker">Klimaschutz</span><span class="visually-hidden">: </span><span>Bohren, bis es heiß wird</span></h1></article>'));
    assert.equal(m.title, 'Bohren, bis es heiß wird');
  });

  test('entities are decoded once and whitespace collapsed', () => {
    const m = meta(page('<meta property="og:title" content="Tom &amp;amp; Jerry\n   return">'));
    assert.equal(m.title, 'Tom & Jerry return');
  });

  test('dc.title is preferred over og:title; CJK site suffixes are stripped', () => {
    assert.equal(meta(page('<meta name="dc.title" content="Dublin Core title"><meta property="og:title" content="OG title">')).title, 'Dublin Core title');
    assert.equal(meta(page('<title>武汉的声音：有英勇的你，才有英雄的城！-新华网</title>')).title, '武汉的声音：有英勇的你，才有英雄的城！');
  });
});

describe('dates', () => {
  test('ISO 8601 keeps the source offset; date-only and zone-less times are written as UTC', () => {
    assert.equal(iso('2024-02-28T13:06:44+01:00'), '2024-02-28T13:06:44+01:00');
    assert.equal(iso('2024-02-28T13:06:44+0100'), '2024-02-28T13:06:44+01:00');
    assert.equal(iso('2021-11-01T10:52:50-0330'), '2021-11-01T10:52:50-03:30');
    assert.equal(iso('2024-02-28T13:06:44.123456Z'), '2024-02-28T13:06:44Z');
    assert.equal(iso('2017-11-03 03:01:00.000000'), '2017-11-03T03:01:00Z');
    assert.equal(iso('2024-06-25'), '2024-06-25T00:00:00Z');
    assert.equal(iso('20240228'), '2024-02-28T00:00:00Z');
    assert.equal(iso('1709125604'), '2024-02-28T13:06:44Z');
  });

  test('RFC 2822 and written dates (English, German, French)', () => {
    assert.equal(iso('Wed, 28 Feb 2024 13:06:44 +0100'), '2024-02-28T13:06:44+01:00');
    assert.equal(isoText('Published 3 March 2024'), '2024-03-03T00:00:00Z');
    assert.equal(isoText('March 11, 2015 3:46 PM'), '2015-03-11T15:46:00Z');
    assert.equal(isoText('12. Mai 2023', 'de'), '2023-05-12T00:00:00Z');
    assert.equal(isoText('Samstag, 19. Oktober 2019 um 11:14 Uhr', 'de'), '2019-10-19T11:14:00Z');
    assert.equal(isoText('publié le 5 mars 2021', 'fr'), '2021-03-05T00:00:00Z');
  });

  test('numeric datelines: day.month.year, slashes by language', () => {
    assert.equal(isoText('Stand: 12.05.2023 14:20 Uhr'), '2023-05-12T14:20:00Z');
    assert.equal(isoText('Stand: 12.05.2023 14:20 Uhr MESZ'), '2023-05-12T14:20:00+02:00');
    assert.equal(isoText('05/12/2023', 'en'), '2023-05-12T00:00:00Z');
    assert.equal(isoText('05/12/2023', 'de'), '2023-12-05T00:00:00Z');
    assert.equal(isoText('25/12/2023', 'en'), '2023-12-25T00:00:00Z');
  });

  test('rejects dates before 1990 and far in the future', () => {
    assert.equal(iso('1985-01-01'), null);
    assert.equal(iso('2999-01-01'), null);
    assert.equal(iso('2024-02-30'), null);
  });

  test('<time datetime> in the article header, visible datelines, the URL', () => {
    assert.equal(meta(page('', '<article><header><h1>T</h1><time datetime="2023-05-12T14:20:00+02:00">12. Mai</time></header></article>')).publishedAt, '2023-05-12T14:20:00+02:00');
    assert.equal(meta(page('', '<article><h1>T</h1><p class="meta">Stand: 12.05.2023 14:20 Uhr</p></article>'), null).publishedAt, '2023-05-12T14:20:00Z');
    assert.equal(meta(page('', '<article><h1>T</h1><p>January 22, 2014</p><p>Body.</p></article>'), null).publishedAt, '2014-01-22T00:00:00Z');
    assert.equal(meta(page(''), 'https://blog.example.org/2019/10/21/post/').publishedAt, '2019-10-21T00:00:00Z');
    assert.deepEqual(dateFromUrl('https://x.org/news/20191021/slug'), { y: 2019, mo: 10, d: 21, h: 0, mi: 0, s: 0, offset: null, hasTime: false });
  });

  test('an "Updated" dateline is the modification date, not the publication date', () => {
    const m = meta(page('', '<article><h1>T</h1><p class="date">Published March 3, 2024. Updated March 5, 2024</p></article>'), null);
    assert.equal(m.publishedAt, '2024-03-03T00:00:00Z');
    assert.equal(m.modifiedAt, '2024-03-05T00:00:00Z');
  });

  test('a date-only value is completed by a same-day timestamp; UTC is shown in the site offset', () => {
    assert.equal(meta(page('<meta property="article:published_time" content="2024-02-28"><meta name="dc.date" content="2024-02-28T13:06:44+01:00">')).publishedAt, '2024-02-28T13:06:44+01:00');
    assert.equal(meta(page('<meta property="article:published_time" content="2022-11-06T23:00:00Z"><meta property="article:modified_time" content="2022-11-07T10:00:00+01:00">')).publishedAt, '2022-11-07T00:00:00+01:00');
    assert.equal(meta(page('<meta property="article:published_time" content="2020-02-25T02:25:54Z">'), 'https://pages.example.com/2020/02/24/story/').publishedAt, '2020-02-24T23:25:54-03:00');
  });

  test('comment and related-article dates are ignored', () => {
    const m = meta(page('', '<article><h1>T</h1><p>Body.</p></article><section class="comments"><time datetime="2020-01-01T00:00:00Z">1 Jan</time></section>'), null);
    assert.equal(m.publishedAt, null);
  });
});

describe('written dates in many languages', () => {
  test('month names beyond English, German and French; CJK; Java Date.toString', () => {
    assert.equal(isoText('15 августа 2016, 13:43', 'ru'), '2016-08-15T13:43:00Z');
    assert.equal(isoText('19. helmikuuta 2019', 'fi'), '2019-02-19T00:00:00Z');
    assert.equal(isoText('3 de marzo de 2024', 'es'), '2024-03-03T00:00:00Z');
    assert.equal(isoText('26 Mai, 2008 |'), '2008-05-26T00:00:00Z');
    assert.equal(isoText('Mai 05, 2019', 'de'), '2019-05-05T00:00:00Z');
    assert.equal(isoText('2019年6月24日 16時30分', 'ja'), '2019-06-24T16:30:00Z');
    assert.equal(isoText('on Jan. 3, 2022 at 10:30 a.m.'), '2022-01-03T10:30:00Z');
    assert.equal(iso('Tue Jan 28 15:28:56 CET 2020'), '2020-01-28T15:28:56+01:00');
  });

  test('no year, no date; numeric order by locale', () => {
    assert.equal(isoText('[06月24日 11時30分]', 'ja'), null);
    assert.equal(isoText('vor 3 Stunden', 'de'), null);
    assert.equal(isoText('02/10/2020', 'en-gb'), '2020-10-02T00:00:00Z');
    assert.equal(isoText('02/10/2020', 'en-us'), '2020-02-10T00:00:00Z');
    assert.equal(isoText('11.03.17', 'en-us'), '2017-11-03T00:00:00Z');
    assert.equal(isoText('11.03.17', 'de'), '2017-03-11T00:00:00Z');
  });

  test('day-first dates in URLs', () => {
    assert.equal(formatIso(dateFromUrl('https://x.org/meldungen/29-10-2021')!), '2021-10-29T00:00:00Z');
    assert.equal(formatIso(dateFromUrl('https://x.org/aktuelles/08112021-online-fachtag')!), '2021-11-08T00:00:00Z');
  });
});

describe('datelines under the headline', () => {
  test('a printed dateline overrides a stale metadata date', () => {
    const m = meta(page('<meta property="article:published_time" content="2021-12-20T11:02:44+01:00">', '<article><h1>Riesling des Jahres</h1><p class="date">27.01.2022</p><p>Body text of the story.</p></article>'), null);
    assert.equal(m.publishedAt?.slice(0, 10), '2022-01-27');
  });

  test('…also when it is the day of the last change (the page presents it as the date), but not from a hidden or dateModified element', () => {
    const updated = meta(page('<meta property="article:published_time" content="2021-11-29T14:13:37Z"><meta property="article:modified_time" content="2022-01-12T14:27:30Z">', '<article><h1>Fische und Schmerzen</h1><p>12.01.2022</p><p>Body.</p></article>'), null);
    assert.equal(updated.publishedAt?.slice(0, 10), '2022-01-12');
    const display = meta(page('<meta property="article:published_time" content="2015-09-17T16:57:43+01:00"><meta property="article:modified_time" content="2016-05-08T10:11:51+01:00">', '<article><h1>Seven secrets</h1><time>Friday 25 December 2015</time><p>Body.</p></article>'), null);
    assert.equal(display.publishedAt?.slice(0, 10), '2015-12-25');
    const marked = meta(page('<meta property="article:published_time" content="2018-06-22T10:20:00Z">', '<article><h1>eBay-Template</h1><time itemprop="dateModified">2018-08-29 14:15:57</time><p>Body.</p></article>'), null);
    assert.equal(marked.publishedAt, '2018-06-22T10:20:00Z');
    const hidden = meta(page('<meta property="article:published_time" content="2018-06-22T10:20:00Z">', '<article><h1>eBay-Template</h1><span class="date hidden">29.08.2018</span><p>Body.</p></article>'), null);
    assert.equal(hidden.publishedAt, '2018-06-22T10:20:00Z');
    // A line labelled as the update is no dateline.
    const labelled = meta(page('<meta property="article:published_time" content="2021-11-29T14:13:37Z">', '<article><h1>Fische</h1><p>Aktualisiert: 12.01.2022</p><p>Body.</p></article>'), null);
    assert.equal(labelled.publishedAt, '2021-11-29T14:13:37Z');
  });

  test('a printed day next to a UTC time near midnight is that moment in the site\'s zone', () => {
    const m = meta(page('<meta property="article:published_time" content="2018-06-12T23:00:00.000Z"><meta property="article:modified_time" content="2018-06-12T23:00:00.000Z">', '<article><h1>SEO in 2018</h1><p>13 June 2018</p><p>Body.</p></article>'), null);
    assert.equal(m.publishedAt, '2018-06-13T00:00:00+01:00');
  });

  test('a printed time without a zone keeps its wall clock and takes the site offset', () => {
    const m = meta(page('<meta property="article:published_time" content="2022-01-26T14:32:06+02:00">', '<article><h1>Quantum Free</h1><p>21.01.2022 - 13:30</p><p>Body.</p></article>'), null);
    assert.equal(m.publishedAt, '2022-01-21T13:30:00+02:00');
  });

  test('a dated link in running text or a related-stories date is no dateline', () => {
    const prose = meta(page('<meta property="article:published_time" content="2019-08-03T11:31:46Z">', '<article><h1>Office 365</h1><p>Es bleibt weiterhin spannend, wie es weitergeht; siehe den Beitrag vom <a href="/x">09.07.2019</a> zu diesem Thema.</p></article>'), null);
    assert.equal(prose.publishedAt?.slice(0, 10), '2019-08-03');
    const related = meta(page('<meta property="article:published_time" content="2022-12-30T07:00:40+01:00">', '<article><h1>Fünf HR-Trends</h1><div class="box-related-entry-date">22. Dezember 2021</div></article>'), null);
    assert.equal(related.publishedAt?.slice(0, 10), '2022-12-30');
  });

  test('a "published" line counts in the article footer, a "last changed" line does not', () => {
    const m = meta(page('', '<div class="content"><h1>Vom Boden aus gedacht</h1><p>Body text.</p><div class="rez_footer"><p>Letzte Änderung: 31.10.2023 - 14:49:39<br>Erschienen am: 01.11.2023</p></div></div>'), null);
    assert.equal(m.publishedAt, '2023-11-01T00:00:00Z');
  });

  test('the only date a page gives is its modification date', () => {
    assert.equal(meta(page('<meta property="article:modified_time" content="2019-06-13T08:00:00Z">'), null).publishedAt, '2019-06-13T08:00:00Z');
  });
});

describe('authors in print and in metadata', () => {
  test('a printed byline joins a different metadata author', () => {
    const m = meta(page('<meta name="author" content="Matthias Hille">', '<article><h1>Podcasts in Plex</h1><p class="date">Erstellt von <a href="/u/f">Fabian</a> am Dienstag 6. Mai 2014</p></article>'));
    assert.deepEqual(m.authors, ['Matthias Hille', 'Fabian']);
  });

  test('the same person spelled twice is named once, in the fuller spelling', () => {
    assert.deepEqual(meta(page('<meta name="author" content="Guido Beyss">', '<article><h1>Innovation</h1><p class="byline">Von Guido Beyß</p></article>')).authors, ['Guido Beyß']);
    assert.deepEqual(meta(page('<meta name="author" content="Boris Kaiser">', '<article><h1>T</h1><p class="byline">Von Boris T. Kaiser</p></article>')).authors, ['Boris T. Kaiser']);
  });

  test('links to author pages, with a login name only when it is the page slug', () => {
    assert.deepEqual(meta(page('', '<article><h1>T</h1><p>Text <a href="https://x.org/author/jane-doe/">Jane Doe</a></p></article>')).authors, ['Jane Doe']);
    assert.deepEqual(meta(page('', '<article><h1>T</h1><div class="meta">— <a href="/author/jancak/">jancak</a></div></article>')).authors, ['jancak']);
    assert.deepEqual(meta(page('', '<article><h1>T</h1><div><a href="/author/jancak/">View profile</a></div></article>')).authors, []);
  });

  test('label cells, labelled login names, names beside the dateline', () => {
    assert.deepEqual(meta(page('', '<article><h1>T</h1><dl><dt>Auteur</dt><dd>Uriel Gadessaud</dd></dl></article>')).authors, ['Uriel Gadessaud']);
    assert.deepEqual(meta(page('', '<article><h1>T</h1><div class="submitted">Gespeichert von rasos am 24. Juli 2017 - 18:55</div></article>')).authors, ['rasos']);
    assert.deepEqual(meta(page('', '<div><h1>Variablen und ihr Zuhause</h1><p class="text-muted">11.12.2019 - Amelie Loevenich</p><p>Body.</p></div>')).authors, ['Amelie Loevenich']);
    assert.deepEqual(meta(page('', '<div><h1>Pochers</h1><h2>06.11.2023 13:30 von Olga</h2></div>')).authors, ['Olga']);
  });

  test('byline elements: the inner name before the outer block; labels take what follows', () => {
    const m = meta(page('', '<article><h1>T</h1><div class="article-author">Donnerstag, 4. November 2021 <div class="article-author-text">von Max Muster</div> in Rubrik: Tests</div></article>'));
    assert.deepEqual(m.authors, ['Max Muster']);
    const label = meta(page('', '<article><h1>T</h1><div class="authorblock"><span class="authorlabel">Datum:</span> 19.11.2021 <span class="authorlabel">Autor:</span> Fritz Imhof</div></article>'));
    assert.deepEqual(label.authors, ['Fritz Imhof']);
  });

  test('nobody named: lead dateline agency, copyright person, source credit — not a photographer', () => {
    const lead = 'Hamburg (dpa/lno) – Trotz eines Gespräches zwischen den Beteiligten bleiben die Fronten an der Universität verhärtet.';
    assert.deepEqual(meta(page('', `<article><h1>Verhärtete Fronten</h1><p>${lead}</p></article>`)).authors, ['dpa/lno']);
    assert.deepEqual(meta(page('', '<article><h1>T</h1><p>Body.</p></article><div id="footer"><p>Copyright (c) 2012- Gregory Szorc. All rights reserved.</p></div>')).authors, ['Gregory Szorc']);
    assert.deepEqual(meta(page('', '<article><h1>T</h1><p>Body.</p></article><div id="footer"><p>© 2020 Example Media GmbH</p></div>')).authors, []);
    assert.deepEqual(meta(page('', '<article><h1>T</h1><figure><img src="/a.jpg"><figcaption>© Max Muster</figcaption></figure></article>')).authors, []);
    assert.deepEqual(meta(page('', '<article><h1>T</h1><p>Body.</p><p>Quelle: kathpress</p></article>')).authors, ['kathpress']);
  });
});

describe('title: the printed headline against the metadata', () => {
  test('a kicker printed before the metadata title is left out', () => {
    const m = meta(page('<meta property="og:title" content="Why collaborative thinking beats individual smarts">', '<article><h1><span>Open Progress</span><br><span>Why collaborative thinking beats individual smarts</span></h1></article>'));
    assert.equal(m.title, 'Why collaborative thinking beats individual smarts');
    const quote = meta(page('<meta property="og:title" content="Marita Kramer verpasst Olympische Spiele in Peking - skispringen.com">', '<article><h1>"Pure Leere": Marita Kramer verpasst Olympische Spiele in Peking</h1></article>'), 'https://www.skispringen.com/x');
    assert.equal(quote.title, '"Pure Leere": Marita Kramer verpasst Olympische Spiele in Peking');
  });

  test('the site name printed after the headline in the <h1> is left out', () => {
    const m = meta(page('<meta property="og:title" content="Was wir über uns nicht hören wollen">', '<article><h1>Was wir über uns nicht hören wollen | FASSETTE.NET</h1></article>'));
    assert.equal(m.title, 'Was wir über uns nicht hören wollen');
  });

  test('a headline that mentions the site name keeps it; a short <h1> at the start of the title is the headline', () => {
    const m = meta(page('<meta property="og:site_name" content="Hummeln"><meta property="og:title" content="Tote Hummeln unter Linden: Die Erklärung | Hummeln">', '<article><h1>Tote Hummeln unter Linden</h1></article>'));
    assert.equal(m.title, 'Tote Hummeln unter Linden');
    const short = meta(page('<meta property="og:title" content="Bielersee-Winterhechte | petri-heil.ch | Dein Schweizer Fischereimagazin">', '<main><h1>Bielersee-Winterhechte</h1></main>'));
    assert.equal(short.title, 'Bielersee-Winterhechte');
  });

  test('a metadata title cut by an unescaped quote gives way to the full one; a date line inside the <h1> is not the headline', () => {
    const cut = meta(page('<meta property="og:title" content="Senador republicano califica a Biden de "incapacitado""><title>Senador republicano califica a Biden de "incapacitado"</title>'));
    assert.equal(cut.title, 'Senador republicano califica a Biden de "incapacitado"');
    const dated = meta(page('<meta property="og:title" content="Zuschauerrückkehr bei den Proficlubs der Region">', '<div><h1>Zuschauerrückkehr bei den Proficlubs der Region<br><small>02.02.2022 • Handball</small></h1></div>'));
    assert.equal(dated.title, 'Zuschauerrückkehr bei den Proficlubs der Region');
  });

  test('an <h1> that only links home is the logo', () => {
    const m = meta(page('<meta property="og:title" content="Die Zukunft der Arbeit">', '<h1><a href="/" class="brand">Deutschlandfunk</a></h1><article><h2>Die Zukunft der Arbeit</h2></article>'));
    assert.equal(m.title, 'Die Zukunft der Arbeit');
  });
});

describe('lead image', () => {
  const FIG = '<figure><img src="https://cdn.example.com/resize/800x600/photos/storm-pier-1200x800.jpg" alt="Waves" width="800" height="600"><figcaption>Waves crash over the pier. <span class="credit">Photo: Max Muster/dpa</span></figcaption></figure>';

  test('caption and credit from the figure showing the og:image (resizer segments ignored)', () => {
    const m = meta(page('<meta property="og:image" content="https://cdn.example.com/photos/storm-pier.jpg">', `<article>${FIG}</article>`));
    assert.deepEqual(m.leadImage, { url: 'https://cdn.example.com/photos/storm-pier.jpg', caption: 'Waves crash over the pier.', credit: 'Max Muster/dpa', alt: 'Waves', width: 800, height: 600 });
  });

  test('first large figure of the article when metadata has no image', () => {
    const m = meta(page('', `<article><figure><img src="/icon.png" width="16" height="16"></figure>${FIG}</article>`));
    assert.equal(m.leadImage?.url, 'https://cdn.example.com/resize/800x600/photos/storm-pier-1200x800.jpg');
    assert.equal(m.leadImage?.credit, 'Max Muster/dpa');
  });

  test('logos and tracking pixels are not lead images', () => {
    assert.equal(meta(page('<meta property="og:image" content="https://example.com/static/logo.png">')).leadImage, null);
    assert.equal(meta(page('<meta property="og:image" content="https://example.com/p.gif"><meta property="og:image:width" content="1"><meta property="og:image:height" content="1">')).leadImage, null);
  });

  test('relative and protocol-relative URLs are made absolute', () => {
    assert.equal(meta(page('<meta property="og:image" content="//cdn.example.com/a.jpg">')).leadImage?.url, 'https://cdn.example.com/a.jpg');
    assert.equal(meta(page('<meta property="og:image" content="a.jpg">'), 'https://x.com/dir/page.html').leadImage?.url, 'https://x.com/dir/a.jpg');
  });

  const captions: [string, string | null, string | null][] = [
    ['Merkel in Berlin. Foto: dpa', 'Merkel in Berlin.', 'dpa'],
    ['Sunset over the bay (Foto: Max Muster)', 'Sunset over the bay', 'Max Muster'],
    ['Protesters in Paris. Jane Doe/AFP via Getty Images', 'Protesters in Paris.', 'Jane Doe/AFP via Getty Images'],
    ['Merkel speaks in Berlin. Michael Kappeler/dpa', 'Merkel speaks in Berlin.', 'Michael Kappeler/dpa'],
    ['A man walks home. Photo by Jane Doe', 'A man walks home.', 'Jane Doe'],
    ['The harbour at dawn © Max Muster', 'The harbour at dawn', 'Max Muster'],
    ['Credit: NASA', null, 'NASA'],
    ['Un Népalais prie à Katmandou. (Photo Prakash Mathema. AFP)', 'Un Népalais prie à Katmandou.', 'Prakash Mathema. AFP'],
    ['The Fed told Reuters', 'The Fed told Reuters', null],
    ['Flooding in Texas. Getty Images', 'Flooding in Texas.', 'Getty Images'],
  ];
  for (const [raw, caption, credit] of captions) {
    test(`caption/credit ${JSON.stringify(raw)}`, () => assert.deepEqual(splitCaptionCredit(raw), { caption, credit }));
  }

  test('same picture across resizer URLs', () => {
    assert.ok(sameImage('https://a.com/uploads/2021/12/photo-300x200.jpg', 'https://a.com/uploads/2021/12/photo.jpg'));
    assert.ok(sameImage('https://img.com/resize/800x600/news/pic.jpg?w=800', 'https://img.com/news/pic.jpg'));
    assert.ok(!sameImage('https://a.com/x/one-photo.jpg', 'https://a.com/x/other-photo.jpg'));
  });
});

describe('contract', () => {
  test('does not modify the tree', () => {
    const html = page('<title>T | S</title><meta property="og:title" content="T">', '<article><h1>T</h1><p class="byline">By Jane Doe</p><figure><img src="/a.jpg"><figcaption>Cap</figcaption></figure><p>Body</p></article>');
    const doc = parseHtml(html);
    const before = textOf(doc) + doc.children.length;
    extractMetadata(doc, URL);
    assert.equal(textOf(doc) + doc.children.length, before);
  });

  test('empty and hostile input', () => {
    const empty = meta('');
    assert.equal(empty.title, null);
    assert.deepEqual(empty.authors, []);
    const doc = parseHtml('<div>'.repeat(20_000) + '<p>By Jane Doe</p>' + '</div>'.repeat(20_000));
    const t0 = Date.now();
    assert.deepEqual(extractMetadata(doc, null).authors, ['Jane Doe']);
    assert.ok(Date.now() - t0 < 1000);
  });

  test('detectLanguage: ISO 639-1, null when too short', () => {
    assert.equal(detectLanguage('Die Bundesregierung hat am Dienstag beschlossen, die Förderung für Elektroautos zu verlängern.'), 'de');
    assert.equal(detectLanguage('The government decided on Tuesday to extend subsidies for electric cars until next year.'), 'en');
    assert.equal(detectLanguage('ok'), null);
  });
});

describe('bylines: titles, places, counters and accounts', () => {
  test('after a job title, the comma parts that follow are its affiliation, not writers', () => {
    assert.deepEqual(names('By Jane Doe, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project', true).filter((n) => n !== 'Technology Project'), ['Jane Doe']);
    const project = cleanAuthors('Jane Doe, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project', { fromText: true }).find((a) => a.name === 'Technology Project');
    assert.ok(!project || project.org, 'a "… Project" is an organisation');
    // A new writer still comes after "and".
    assert.deepEqual(names('By Jane Doe, Staff Writer, and John Smith, Editor', true), ['Jane Doe', 'John Smith']);
    const m = meta(page('', '<article><h1>Headline</h1><p class="byline">By <a href="/bio/jane-doe">Jane Doe</a>, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project</p><p>Body text.</p></article>'));
    assert.deepEqual(m.authors, ['Jane Doe']);
  });

  test('a phrase ending in a role word is a column or a title, not a name; pen names stay', () => {
    assert.deepEqual(names('Deal Professor'), []);
    assert.deepEqual(names('Chief Political Correspondent'), []);
    assert.deepEqual(names('Rasender Reporter'), ['Rasender Reporter']);
    const m = meta(page('<meta name="author" content="Jane Doe">', '<article><h1>Headline</h1><p class="byline-column"><a href="/column/deal-professor">Deal Professor</a></p><p class="byline">By Jane Doe</p></article>'));
    assert.deepEqual(m.authors, ['Jane Doe']);
  });

  test('the place a story was filed from and view counters inside a byline block are not writers', () => {
    const m = meta(page('<script type="application/ld+json">{"@type":"NewsArticle","headline":"Headline","author":{"@type":"Person","name":"Bruno Rodrigues"}}</script>',
      '<article><h1>Headline</h1><div class="c-signature"><strong class="c-signature__location">São Paulo</strong></div><p>Body text.</p></article>'));
    assert.deepEqual(m.authors, ['Bruno Rodrigues']);
    const v = meta(page('<meta property="og:site_name" content="Steven Blog">', '<article><h1>Headline</h1><p>Steven Blog 發表在 PIXNET <span class="author-views">人氣(<span>23925</span>)</span></p></article>'));
    assert.ok(!v.authors.includes('人氣'), `got ${JSON.stringify(v.authors)}`);
  });

  test('an author link that disagrees with the metadata gives way to a printed byline that agrees', () => {
    const m = meta(page('', '<div><p>New phones, reviewed: <a rel="author" href="/profiles/seamus+byrne/">Seamus Byrne</a></p></div><article><h1>Headline</h1><p class="byline">By <span itemprop="author" itemscope><span itemprop="name">Steven Musil</span></span></p><p>Body text.</p></article>'));
    assert.deepEqual(m.authors, ['Steven Musil']);
  });

  test('a login name in the metadata gives way to the full name the page prints', () => {
    const m = meta(page('<script type="application/ld+json">{"@type":"NewsArticle","headline":"Headline","author":{"@type":"Person","name":"CC7567"}}</script>',
      '<article><h1>Headline</h1><p class="byline">By James Akinaka</p><p>Body text.</p></article>'));
    assert.deepEqual(m.authors, ['James Akinaka']);
  });
});

describe('JSON-LD how-tos and recipes; kickers set apart by hidden text', () => {
  test('a lone HowTo or Recipe gives the dates and author when the page has no article node', () => {
    const howto = { '@context': 'http://schema.org/', '@type': 'HowTo', name: 'Round tablecloth in seven steps', author: { '@type': 'Person', name: 'Robert Stitz' }, datePublished: '2022-01-10T22:06:08Z' };
    const m = meta(page(`<script type="application/ld+json">${JSON.stringify(howto)}</script>`, '<h1>Round tablecloth in seven steps</h1><p>Body.</p>'));
    assert.equal(m.publishedAt, '2022-01-10T22:06:08Z');
    assert.deepEqual(m.authors, ['Robert Stitz']);
    // Beside a news article, a recipe is an embedded extra: the article's fields win.
    const article = { '@type': 'NewsArticle', headline: 'Soup season', datePublished: '2023-03-01T08:00:00Z', author: { '@type': 'Person', name: 'Jane Doe' } };
    const recipe = { '@type': 'Recipe', name: 'Leek soup', datePublished: '2019-01-01', author: { '@type': 'Person', name: 'Chef Max' } };
    const both = meta(page(`<script type="application/ld+json">${JSON.stringify([article, recipe])}</script>`));
    assert.equal(both.publishedAt, '2023-03-01T08:00:00Z');
    assert.deepEqual(both.authors, ['Jane Doe']);
  });

  test('a heading whose kicker separator is visually hidden is printed with the metadata punctuation', () => {
    const m = meta(page('<meta property="og:title" content="Nutzerbasierte Abrechnung: Musik-Stars fordern neues Streaming-Modell">',
      '<article><h1><span class="emphasis"><span>Nutzerbasierte Abrechnung</span><span class="visually-hidden">: </span></span> <span>Musik-Stars fordern neues Streaming-Modell</span></h1><p>Body.</p></article>'));
    assert.equal(m.title, 'Nutzerbasierte Abrechnung: Musik-Stars fordern neues Streaming-Modell');
    // Curly quotes as printed stay: only a lost separator brings in the metadata form.
    const q = meta(page('<meta property="og:title" content="Student says \'it burned\'">', '<article><h1>Student says ‘it burned’</h1></article>'));
    assert.equal(q.title, 'Student says ‘it burned’');
  });
});

describe('bylines: sections and labels that are not writers', () => {
  test('single words on the lines after a full name are sections or tags', () => {
    assert.deepEqual(names('James Lynch\nLast', true), ['James Lynch']);
    assert.deepEqual(names('Teufel Blog Redaktion\nHeimkino\nTricks'), ['Teufel Blog Redaktion']);
    // A lone first name before the full name still folds into it.
    assert.deepEqual(names('Henry\nHenry Steinhau', true), ['Henry Steinhau']);
  });

  test('"Escribe" is a label; a label glued to its "von" is split', () => {
    assert.deepEqual(names('Escribe\nCamila Méndez', true), ['Camila Méndez']);
    assert.deepEqual(names('Beitragvon Rasmus Sonne', true), ['Rasmus Sonne']);
  });

  test('beside a date without a "by", single words are a section, not a writer', () => {
    const section = meta(page('', '<article><h1>Headline of the story</h1><p>12.01.2022 – Recht &amp; Gesetz</p><p>Body text of the story.</p></article>'));
    assert.deepEqual(section.authors, []);
    const person = meta(page('', '<article><h1>Headline of the story</h1><p>11.12.2019 - Amelie Loevenich</p><p>Body text of the story.</p></article>'));
    assert.deepEqual(person.authors, ['Amelie Loevenich']);
  });
});

describe('site name from the main feed link', () => {
  test('"Site » Feed" names the site (and its suffix leaves the title); a post\'s comment feed does not', () => {
    const m = meta(page('<title>Alles Neue macht der Mai | Bibliothek 2.0 und mehr</title><link rel="alternate" type="application/rss+xml" title="Bibliothek 2.0 und mehr &raquo; Feed" href="/feed/">'), null);
    assert.equal(m.siteName, 'Bibliothek 2.0 und mehr');
    assert.equal(m.title, 'Alles Neue macht der Mai');
    const c = meta(page('<title>seelenradio » Nummer zwei: Leo</title><link rel="alternate" type="application/rss+xml" title="seelenradio &raquo; Nummer zwei: Leo Kommentar-Feed" href="/x/feed/">'), null);
    assert.equal(c.siteName, null);
  });
});

describe('title separators', () => {
  test('vertical bars that stand in for a pipe separate the site name', () => {
    assert.equal(stripSiteName('Produkttester werden: gratis testen & bewerten │ Nestlé Marktplatz', 'Nestlé Marktplatz', null), 'Produkttester werden: gratis testen & bewerten');
    assert.equal(stripSiteName('Harbour strike ends after three weeks ｜ Example News', 'Example News', null), 'Harbour strike ends after three weeks');
  });
});

describe('section label', () => {
  const ld = (v: unknown) => `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Storm hits the coast', articleSection: v })}</script>`;
  test('JSON-LD articleSection (the first of a list) before article:section and parsely-section', () => {
    assert.equal(meta(page(ld(['Weather', 'UK']) + '<meta property="article:section" content="News">')).section, 'Weather');
    assert.equal(meta(page(ld('  Science &amp; Environment ') + '<meta property="article:section" content="News">')).section, 'Science & Environment');
    assert.equal(meta(page('<meta property="article:section" content="Sport">')).section, 'Sport');
    assert.equal(meta(page('<meta name="parsely-section" content="Business">')).section, 'Business');
  });
  test('no label, an empty one or a number: null; a keyword list is cut short', () => {
    assert.equal(meta(page('<title>Storm hits the coast</title>')).section, null);
    assert.equal(meta(page(ld('') + '<meta property="article:section" content=" ">')).section, null);
    assert.equal(meta(page(ld(42))).section, null);
    assert.ok(meta(page(`<meta property="article:section" content="${'storm, '.repeat(40)}">`)).section!.length <= 80);
  });
});
