// The public pages over real HTTP on 127.0.0.1, from a real SQLite store filled through the
// Store API: each page's status and content, the article page's anatomy (headline once,
// excerpt cut at a boundary, source link, canonical, figure, share links, JSON-LD, related
// posts), story folding, search highlights, 404s and 500s, security headers, hostile text.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { count, freshStore, get, startSite, article } from './helpers.ts';
import { seed, type Fixture } from './fixture.ts';

let base = '';
let f: Fixture;

before(async () => {
  const store = await freshStore();
  f = await seed(store);
  base = (await startSite(store)).url;
});

/** The text between the first `open` and the next `close` (the article element, say). */
function between(text: string, open: string, close: string): string {
  const i = text.indexOf(open);
  assert.ok(i >= 0, `${open} is on the page`);
  return text.slice(i, text.indexOf(close, i) + close.length);
}

test('home: top stories ranked by outlets, with coverage links, then sections without repeats', async () => {
  const r = await get(base, '/');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /text\/html/);
  const top = between(r.text, 'class="cards top-stories"', '</ul>');
  assert.ok(top.indexOf('Port workers strike over pay') < top.indexOf('Harbour United win the cup final'), 'the 3-outlet story leads the 1-outlet one');
  assert.match(top, /href="\/story\/1-port-workers-strike-over-pay">Full coverage: 3 outlets</);
  assert.equal(count(r.text, '>Dock strike enters second day<'), 0, 'articles of a top story are not repeated under the sections');
  assert.match(r.text, /<a href="\/section\/World">World<\/a>/);
  assert.match(r.text, /<link rel="alternate" type="application\/rss\+xml"[^>]*href="\/rss.xml">/);
});

test('home falls back to the latest articles when no stories are assigned', async () => {
  const store = await freshStore();
  const src = (await store.addSource({ url: 'https://solo.example/feed', name: 'Solo' })).source.id;
  await store.saveArticle({ sourceId: src, article: article({ url: 'https://solo.example/a', title: 'A lone report', articleBody: 'Some text about things.' }) });
  const r = await get((await startSite(store)).url, '/');
  assert.equal(r.status, 200);
  assert.match(r.text, /<h2 id="top-h" class="section-title">Latest<\/h2>/);
  assert.match(r.text, /A lone report/);
});

test('article (excerpt mode): headline once, date line, byline, figure, excerpt to a boundary with …, source link, self canonical', async () => {
  const r = await get(base, '/article/1-port-workers-strike-over-pay');
  assert.equal(r.status, 200);
  const art = between(r.text, '<article class="article">', '</article>');
  assert.equal(count(art, 'Port workers strike over pay<'), 1, 'the headline is printed once in the article');
  assert.equal(count(r.text, '<h1'), 1);
  assert.match(art, /<time datetime="2026-03-02T08:00:00.000Z" data-local>2 March 2026, 08:00 UTC<\/time>/);
  assert.match(art, /By Ana Lima and Ben Okafor, Harbour Herald/);
  assert.match(art, /<figure class="lead-figure"><img src="https:\/\/herald.example\/img\/quay.jpg" alt="Idle cranes at dusk" width="1200" height="800"[^>]*><figcaption>Cranes stand idle on the eastern quay. <span class="credit">Photo: Jo Park\/Harbour Herald<\/span><\/figcaption><\/figure>/);
  const body = between(art, '<div class="body">', '</div>');
  const lastPara = body.slice(body.lastIndexOf('<p>') + 3, body.lastIndexOf('</p>'));
  assert.ok(lastPara.endsWith('…'), `the excerpt ends with …: ${lastPara.slice(-40)}`);
  assert.match(lastPara, /(?:[a-z]|[.!?]) ?…$/, 'cut after a whole word or sentence');
  assert.doesNotMatch(body, /A spokesperson for the regional government/, 'the rest of the article is left to the original');
  assert.match(art, /<a class="button" href="https:\/\/herald.example\/news\/port-strike" rel="noopener">Continue reading at Harbour Herald →<\/a>/);
  assert.match(art, /Source: <a href="https:\/\/herald.example\/news\/port-strike" rel="noopener">Harbour Herald<\/a>/);
  assert.match(r.text, /<link rel="canonical" href="http:\/\/127.0.0.1:\d+\/article\/1-port-workers-strike-over-pay">/);
  assert.doesNotMatch(art, /\bShare\b(?!…| this article)/, 'no "Share" residue in the text');
});

test('article: share links are plain URLs (networks, e-mail, permalink); no third-party script', async () => {
  const r = await get(base, '/article/1-port-workers-strike-over-pay');
  const share = between(r.text, '<nav aria-label="Share this article">', '</nav>');
  for (const host of ['facebook.com', 'twitter.com', 'linkedin.com', 'reddit.com']) assert.match(share, new RegExp(`href="https://(www\\.)?${host.replace('.', '\\.')}/`));
  assert.match(share, /href="mailto:\?subject=Port%20workers%20strike%20over%20pay&amp;body=http/);
  assert.match(share, /data-copy="http:\/\/127.0.0.1:\d+\/article\/1-port-workers-strike-over-pay"/);
  for (const m of r.text.matchAll(/<script\b([^>]*)>/g)) {
    const attrs = m[1]!;
    assert.ok(/\bsrc="\/assets\//.test(attrs) || /type="application\/ld\+json"/.test(attrs), `script from our origin or data only: <script${attrs}>`);
  }
});

test('article: OpenGraph, Twitter card and JSON-LD NewsArticle', async () => {
  const r = await get(base, '/article/1-port-workers-strike-over-pay');
  assert.match(r.text, /<meta property="og:title" content="Port workers strike over pay">/);
  assert.match(r.text, /<meta property="og:image" content="https:\/\/herald.example\/img\/quay.jpg">/);
  assert.match(r.text, /<meta name="twitter:card" content="summary_large_image">/);
  const ld = JSON.parse(between(r.text, '<script type="application/ld+json">', '</script>').replace(/^<script[^>]*>|<\/script>$/g, ''));
  assert.equal(ld['@type'], 'NewsArticle');
  assert.equal(ld.headline, 'Port workers strike over pay');
  assert.equal(ld.datePublished, '2026-03-02T08:00:00.000Z');
  assert.deepEqual(ld.author.map((a: { name: string }) => a.name), ['Ana Lima', 'Ben Okafor']);
  assert.equal(ld.publisher.name, 'Harbour Herald');
});

test('article: related posts come from the story, without copies or unrelated news', async () => {
  const r = await get(base, '/article/1-port-workers-strike-over-pay');
  const rel = between(r.text, '<section class="related"', '</section>');
  const links = [...rel.matchAll(/<h3><a href="(\/article\/\d+)[^"]*"/g)].map((m) => m[1]);
  assert.ok(links.length >= 1 && links.length <= 3, `1 to 3 related posts: ${links.join(' ')}`);
  assert.ok(!links.includes(`/article/${f.cup}`), 'the sports story is not related to the strike');
  assert.ok(!(links.includes(`/article/${f.wireCopy}`) && links.includes(`/article/${f.wireCopy2}`)), 'two copies of one text are not both listed');
  for (const m of rel.matchAll(/<p>([^<]*)<\/p>/g)) {
    assert.doesNotMatch(m[1]!, /\bShare\b/);
    assert.match(m[1]!, /[.!?…]$/, 'excerpts end at a sentence or with an ellipsis');
  }
  assert.match(rel, /<p class="meta">Coastal Times · <time/);
});

test('article (full mode): the whole sanitized body, canonical to the original, headline and lead image once', async () => {
  const r = await get(base, '/article/2-harbour-strike-halts-shipping');
  assert.equal(r.status, 200);
  assert.match(r.text, /<link rel="canonical" href="https:\/\/coastal.example\/2026\/03\/harbour-strike">/);
  const art = between(r.text, '<article class="article">', '</article>');
  assert.match(art, /The harbour master said <em>berths would stay closed<\/em>\./);
  assert.equal(count(art, 'Harbour strike halts shipping<'), 1, 'the body\'s own <h1> repeating the headline is dropped');
  assert.equal(count(art, 'src="https://coastal.example/img/ships.jpg"'), 1, 'the lead image is shown once');
  assert.match(art, /Updated <time datetime="2026-03-02T11:00:00.000Z"/);
  assert.doesNotMatch(art, /Continue reading/);
});

test('article URLs: the id alone or a stale slug redirects to the canonical path; unknown ids are 404', async () => {
  const r = await get(base, '/article/1');
  assert.equal(r.status, 301);
  assert.equal(r.headers.get('location'), '/article/1-port-workers-strike-over-pay');
  assert.equal((await get(base, '/article/1-old-headline')).headers.get('location'), '/article/1-port-workers-strike-over-pay');
  const missing = await get(base, '/article/999999-nothing');
  assert.equal(missing.status, 404);
  assert.match(missing.text, /We could not find that article/);
  assert.match(missing.text, /<form role="search"/);
  assert.equal((await get(base, '/article/not-a-number')).status, 404);
});

test('story page: every article in time order, first report named, copies folded under the original', async () => {
  const r = await get(base, '/story/1-port-workers-strike-over-pay');
  assert.equal(r.status, 200);
  assert.match(r.text, /4 articles from 3 outlets/);
  assert.match(r.text, /First reported by <strong>Harbour Herald<\/strong>/);
  const tl = between(r.text, '<ol class="timeline">', '</ol>');
  const order = [...tl.matchAll(/<h3><a href="\/article\/(\d+)/g)].map((m) => Number(m[1]));
  assert.deepEqual(order, [f.strike, f.fullStrike, f.wireCopy], 'time order; the copy is not listed on its own');
  assert.match(tl, /Also published by <a href="\/article\/4-dock-strike-enters-second-day">Harbour Herald<\/a>/);
  assert.equal((await get(base, '/story/1')).status, 301);
  assert.equal((await get(base, '/story/424242')).status, 404);
});

test('section and source pages, with case redirects, feeds and 404s', async () => {
  const sec = await get(base, '/section/World');
  assert.equal(sec.status, 200);
  assert.match(sec.text, /<h1>World<\/h1>/);
  const listed = between(sec.text, '<main', '</main>');
  // One card per story: the strike story's newest article stands for it, with its coverage.
  assert.equal(count(listed, '<li class="card">'), 2, 'the strike story and the hostile article');
  assert.equal(count(listed, '>Dock strike enters second day<'), 1);
  assert.doesNotMatch(listed, /Port workers strike over pay|Harbour strike halts shipping/);
  assert.match(listed, /<a href="\/story\/1-[^"]*">Full coverage: 3 outlets<\/a>/);
  assert.doesNotMatch(listed, /Harbour United win the cup final/);
  assert.match(sec.text, /aria-current="page">World</);
  assert.equal((await get(base, '/section/world')).headers.get('location'), '/section/World');
  assert.equal((await get(base, '/section/Nowhere')).status, 404);
  assert.equal((await get(base, '/section/World?after=garbage')).status, 400);

  const src = await get(base, `/source/${f.sports}`);
  assert.equal(src.status, 200);
  assert.match(src.text, /<h1>Valley Sports<\/h1>/);
  assert.match(src.text, /Excerpts with a link to the original/);
  assert.match(src.text, /Harbour United win the cup final/);
  assert.equal((await get(base, '/source/9999')).status, 404);
  const all = await get(base, '/sources');
  assert.equal(all.status, 200);
  assert.equal(count(all.text, '<a href="/source/'), 4);
});

test('section pages page with an "after" cursor', async () => {
  const store = await freshStore();
  const src = (await store.addSource({ url: 'https://many.example/feed', name: 'Many', section: 'Local' })).source.id;
  for (let i = 0; i < 30; i++) {
    const day = String(1 + i).padStart(2, '0');
    await store.saveArticle({ sourceId: src, article: article({ url: `https://many.example/a/${i}`, title: `Local item number ${i}`, publishedAt: `2026-01-${day}T10:00:00.000Z`, articleBody: `Item ${i} body text.` }) });
  }
  const url = (await startSite(store)).url;
  const first = await get(url, '/section/Local');
  const next = /<a rel="next" href="([^"]+)"/.exec(first.text)?.[1];
  assert.ok(next, 'a next link');
  const second = await get(url, next!.replace(/&amp;/g, '&'));
  assert.equal(second.status, 200);
  const ids = (t: string) => [...between(t, '<main', '</main>').matchAll(/<h3><a href="\/article\/(\d+)/g)].map((m) => Number(m[1]));
  const a = ids(first.text);
  const b = ids(second.text);
  assert.equal(a.length + b.length, 30);
  assert.equal(new Set([...a, ...b]).size, 30, 'no article on both pages');
});

test('a section page shows a story once per page, however many of its articles come in a row', async () => {
  const store = await freshStore();
  const src = (await store.addSource({ url: 'https://many.example/feed', name: 'Many', section: 'Local' })).source.id;
  const other = (await store.addSource({ url: 'https://more.example/feed', name: 'More', section: 'Local' })).source.id;
  // 150 articles an hour apart: every third one a story of its own, the rest one big story
  // (three pages of 24 cards).
  const single: number[] = [];
  for (let i = 0; i < 150; i++) {
    const at = new Date(Date.UTC(2026, 0, 1) + i * 3600_000).toISOString();
    const { articleId } = await store.saveArticle({
      sourceId: i % 2 ? src : other,
      article: article({ url: `https://many.example/a/${i}`, title: `Local item number ${i}`, publishedAt: at, articleBody: `Item ${i} body text, its own.` }),
    });
    if (i % 3 === 0) single.push(articleId);
    else await store.setArticleStory(articleId, 1);
  }
  for (const [k, id] of single.entries()) await store.setArticleStory(id, 100 + k);
  const url = (await startSite(store)).url;
  const seen: number[] = [];
  let bigStoryCards = 0;
  let next: string | undefined = '/section/Local';
  for (let pages = 0; next && pages < 10; pages++) {
    const r = await get(url, next.replace(/&amp;/g, '&'));
    assert.equal(r.status, 200);
    const main = between(r.text, '<main', '</main>');
    const ids = [...main.matchAll(/<h3><a href="\/article\/(\d+)/g)].map((m) => Number(m[1]));
    const big = ids.filter((id) => !single.includes(id));
    assert.ok(big.length <= 1, `the big story once per page, not ${big.length} times`);
    if (big.length) assert.match(main, /Full coverage: 2 outlets/);
    bigStoryCards += big.length;
    seen.push(...ids);
    next = /<a rel="next" href="([^"]+)"/.exec(r.text)?.[1];
  }
  assert.equal(next, undefined, 'the pages end');
  assert.deepEqual(seen.filter((id) => single.includes(id)).sort((a, b) => a - b), single, 'every single-article story once, none skipped');
  assert.equal(new Set(seen).size, seen.length, 'no article twice');
  assert.ok(bigStoryCards >= 2 && bigStoryCards <= 3, `the big story: ${bigStoryCards} cards, at most one a page`);
});

test('search: ranked hits with highlighted snippets, filters, and friendly errors', async () => {
  const r = await get(base, '/search?q=cranes+idle');
  assert.equal(r.status, 200);
  assert.match(r.text, /1 result for <strong>cranes idle<\/strong>/);
  assert.match(r.text, /leaving <mark>cranes<\/mark> <mark>idle<\/mark> along/);
  assert.match(r.text, /<meta name="robots" content="noindex">/);
  const filtered = await get(base, `/search?q=strike&section=Sports`);
  assert.match(filtered.text, /0 results/);
  const bySource = await get(base, `/search?q=strike&source=${f.coastal}`);
  assert.match(bySource.text, /1 result /);
  const byDate = await get(base, '/search?q=strike&from=2026-03-03&to=2026-03-03');
  assert.match(byDate.text, /2 results/);
  assert.equal((await get(base, '/search?q=strike&from=yesterday')).status, 400);
  const empty = await get(base, '/search');
  assert.equal(empty.status, 200);
  assert.match(empty.text, /<form class="filters"/);
});

test('hostile stored text is escaped everywhere it is shown', async () => {
  const r = await get(base, `/article/${f.hostile}`);
  const page = await get(base, r.headers.get('location')!);
  assert.equal(page.status, 200);
  for (const text of [page.text, (await get(base, '/')).text, (await get(base, '/search?q=mayor')).text]) {
    assert.doesNotMatch(text, /<script>alert/);
    assert.doesNotMatch(text, /<img src=x/);
    assert.doesNotMatch(text, /<b onmouseover/);
  }
  assert.match(page.text, /<h1>&lt;script&gt;alert\(&quot;title&quot;\)&lt;\/script&gt; Mayor &amp; council &quot;clash&quot;<\/h1>/);
  const ld = between(page.text, '<script type="application/ld+json">', '</script>');
  assert.equal(count(ld, '</script>'), 1, 'the JSON-LD block cannot be closed early');
});

test('security headers and the hashed stylesheet with a long cache', async () => {
  const r = await get(base, '/');
  const csp = r.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /img-src 'self' https: data:/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
  assert.equal(r.headers.get('x-frame-options'), 'DENY');
  const css = /<link rel="stylesheet" href="(\/assets\/site\.[0-9a-f]{12}\.css)">/.exec(r.text)?.[1];
  assert.ok(css, 'one stylesheet with a hashed name');
  const sheet = await get(base, css!);
  assert.equal(sheet.status, 200);
  assert.match(sheet.headers.get('content-type') ?? '', /text\/css/);
  assert.match(sheet.headers.get('cache-control') ?? '', /max-age=31536000, immutable/);
  assert.match(sheet.text, /prefers-color-scheme: dark/);
  assert.equal(count(r.text, 'rel="stylesheet"'), 1);
  assert.equal((await get(base, '/missing')).headers.get('x-content-type-options'), 'nosniff', 'error pages carry the headers too');
});

test('health checks; a broken database gives the friendly 500 page and a 503 readiness', async () => {
  assert.deepEqual(JSON.parse((await get(base, '/healthz')).text), { status: 'ok' });
  assert.equal((await get(base, '/readyz')).status, 200);
  const store = await freshStore();
  await seed(store);
  const url = (await startSite(store)).url;
  await store.close();
  const r = await get(url, '/article/1-port-workers-strike-over-pay');
  assert.equal(r.status, 500);
  assert.match(r.text, /Something went wrong on our side/);
  assert.match(r.text, /reference: <code>[0-9a-f]{8}<\/code>/);
  assert.equal((await get(url, '/readyz')).status, 503);
  const api = await get(url, '/api/v1/articles');
  assert.equal(api.status, 500);
  assert.match(JSON.parse(api.text).error.message, /reference/);
});

test('with a story engine in the process, related posts come from it and pages still render', async () => {
  const { StoryEngine } = await import('../../src/stories/index.ts');
  const store = await freshStore();
  const fx = await seed(store);
  const docs = [];
  for (const id of [fx.strike, fx.fullStrike, fx.wireCopy, fx.wireCopy2, fx.cup, fx.hostile]) {
    const a = (await store.getArticle(id))!;
    docs.push({ id: String(a.id), title: a.title, text: a.bodyText, publishedAt: a.publishedAt, source: a.siteName ?? String(a.sourceId) });
  }
  const engine = StoryEngine.rebuild(docs);
  const url = (await startSite(store, { stories: engine })).url;
  const expected = engine.related(String(fx.strike)).map((r) => Number(r.id));
  const r = await get(url, '/article/1-port-workers-strike-over-pay');
  assert.equal(r.status, 200);
  const shown = r.text.includes('<section class="related"')
    ? [...between(r.text, '<section class="related"', '</section>').matchAll(/<h3><a href="\/article\/(\d+)/g)].map((m) => Number(m[1]))
    : [];
  assert.deepEqual(shown, expected, 'the engine\'s picks, in its order');
  assert.ok(!shown.includes(fx.cup));
  assert.equal((await get(url, '/story/1-port-workers-strike-over-pay')).status, 200);
  assert.equal((await get(url, '/')).status, 200);
});
