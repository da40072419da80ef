// The body extractor on small pages built like real news pages: what must be kept and
// what must never reach the article text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../../src/extract/index.ts';

const PARAS = [
  'The city council voted on Tuesday to approve a new budget that raises spending on public transport by twelve percent, the largest increase in a decade.',
  'Council members argued for hours over the plan, which also cuts funding for two libraries, before the final vote passed seven to four late in the evening.',
  '“This is a budget for the people who ride the bus every day,” said the mayor, who had campaigned on better transit and cheaper fares for students.',
  'Opponents said the cuts to the libraries would hurt the neighbourhoods that can least afford it, and promised to raise the issue again next year.',
];

function page(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council approves budget | The Daily Example</title>
<meta property="og:title" content="Council approves budget">${head}</head><body>${body}</body></html>`;
}

const NAV = `<header class="site-header"><a href="/">The Daily Example</a><nav><a href="/news">News</a> <a href="/sport">Sport</a> <a href="/culture">Culture</a></nav></header>`;
const ARTICLE = `<article class="story">
  <h1>Council approves budget</h1>
  <p class="byline">By Jane Doe</p>
  <div class="share-bar"><a href="https://twitter.com/share">Tweet</a> <a href="https://facebook.com/share">Share</a> <button>Copy link</button></div>
  <div class="article-body">
    <figure><img src="/img/council.jpg" width="800" height="450" alt="Council chamber"><figcaption>The council chamber on Tuesday. <span class="credit">Photo: John Roe</span></figcaption></figure>
    ${PARAS.map((p) => `<p>${p}</p>`).join('\n')}
    <p>Share</p>
    <p><strong>Read more:</strong> <a href="/news/older-budget">Last year’s budget fight</a></p>
  </div>
  <aside class="related-articles"><h2>Related</h2><ul><li><a href="/a">Cricket: county side wins again in a thriller</a></li><li><a href="/b">Foreign ministry briefing on trade talks</a></li></ul></aside>
  <div class="newsletter-signup"><p>Sign up for our newsletter to get the news every morning in your inbox.</p></div>
  <section id="comments"><h3>Comments</h3><p>I think this budget is a disgrace and the mayor should resign immediately, honestly, what a joke of a council.</p></section>
</article>`;
const FOOTER = `<footer><p>© 2024 The Daily Example. All rights reserved.</p><a href="/privacy">Privacy</a></footer>`;

test('keeps every paragraph of the article, in order, separated by blank lines', () => {
  const a = extract({ html: page(NAV + ARTICLE + FOOTER), url: 'https://news.example.com/2024/budget' });
  assert.ok(a.articleBody, a.reason);
  const paras = a.articleBody.split('\n\n');
  assert.deepEqual(paras, PARAS);
  assert.equal(a.strategy, 'scorer');
});

test('strips share words, teasers, related posts, newsletter prompts, comments and the headline', () => {
  const a = extract({ html: page(NAV + ARTICLE + FOOTER), url: 'https://news.example.com/2024/budget' });
  const body = a.articleBody ?? '';
  for (const junk of ['Share', 'Tweet', 'Copy link', 'Read more', 'Cricket', 'newsletter', 'disgrace', 'All rights reserved', 'Council approves budget', 'By Jane Doe', 'Sport']) {
    assert.ok(!body.includes(junk), `body must not contain ${JSON.stringify(junk)}`);
  }
});

test("the labels printed above the headline (its kicker) go with it when the header is part of the body", () => {
  const standfirst = 'Transport gets the largest rise in a decade, and two libraries lose their funding after a long night of argument.';
  const article = (top: string) => `<article class="post"><header class="post__header">${top}<h1>Council approves budget</h1><p class="standfirst">${standfirst}</p></header>
    <div class="post__body">${PARAS.map((p) => `<p>${p}</p>`).join('')}</div></article>`;
  const a = extract({ html: page(NAV + article('<p class="post__kicker">Local politics</p> <span>Analysis</span>') + FOOTER), url: 'https://news.example.com/2024/budget' });
  assert.deepEqual(a.articleBody?.split('\n\n'), [standfirst, ...PARAS]);
  // A sentence before the headline is not a label: it stays.
  const b = extract({ html: page(NAV + article('<p>Updated twice.</p>') + FOOTER), url: 'https://news.example.com/2024/budget' });
  assert.deepEqual(b.articleBody?.split('\n\n'), ['Updated twice.', standfirst, ...PARAS]);
});

test('the caption stays with the figure in the HTML and out of the text', () => {
  const a = extract({ html: page(NAV + ARTICLE + FOOTER), url: 'https://news.example.com/2024/budget' });
  assert.ok(!(a.articleBody ?? '').includes('council chamber on Tuesday'));
  assert.match(a.html ?? '', /<figure>[\s\S]*<img[^>]+src="https:\/\/news\.example\.com\/img\/council\.jpg"[\s\S]*<figcaption>[\s\S]*council chamber on Tuesday/);
});

test('the HTML body is sanitized and has absolute links', () => {
  const evil = ARTICLE.replace('<p>Share</p>', '<p onclick="steal()">A paragraph with <a href="javascript:alert(1)">a bad link</a> and <a href="/good">a good one</a>.</p><script>alert(1)</script>');
  const a = extract({ html: page(evil), url: 'https://news.example.com/2024/budget' });
  const html = a.html ?? '';
  assert.ok(!/onclick|javascript:|<script/i.test(html), html);
  assert.match(html, /href="https:\/\/news\.example\.com\/good"/);
});

test('paragraphs split across wrappers with ad slots between them are joined', () => {
  const chunk = (ps: string[]) => `<div class="body-chunk">${ps.map((p) => `<p>${p}</p>`).join('')}</div>`;
  const body = `<main><h1>Council approves budget</h1>${chunk(PARAS.slice(0, 2))}<div class="ad-slot"><a href="https://ads.example/x">Buy now</a></div>${chunk(PARAS.slice(2))}</main>`;
  const a = extract({ html: page(NAV + body + FOOTER), url: 'https://news.example.com/x' });
  assert.deepEqual(a.articleBody?.split('\n\n'), PARAS);
});

test('a home page of teasers has no article', () => {
  const teasers = Array.from({ length: 12 }, (_, i) => `<div class="card"><h2><a href="/story/${i}">Story number ${i} about something that happened today</a></h2><a href="/section/${i}">Section</a></div>`).join('');
  const a = extract({ html: page(NAV + `<main>${teasers}</main>` + FOOTER), url: 'https://news.example.com/' });
  assert.equal(a.articleBody, null);
  assert.ok(a.reason && a.reason.length > 5);
});

test('an error page has no article', () => {
  const html = `<!doctype html><html><head><title>404 Not Found</title></head><body>${NAV}<h1>Page not found</h1><p>Sorry, the page you were looking for does not exist.</p>${FOOTER}</body></html>`;
  const a = extract({ html, url: 'https://news.example.com/missing' });
  assert.equal(a.articleBody, null);
  assert.match(a.reason ?? '', /error|article|little/i);
});

test('a page without <body> whose content ended up in <head> is still extracted', () => {
  const html = `<html><head><title>Council approves budget</title><meta charset="utf-8">${PARAS.map((p) => `<p>${p}</p>`).join('')}`;
  const a = extract({ html, url: 'https://news.example.com/x' });
  assert.deepEqual(a.articleBody?.split('\n\n'), PARAS);
});

test('JSON-LD articleBody is used when the page only shows a teaser', () => {
  const full = PARAS.join('\n\n') + '\n\n' + PARAS.join(' ');
  const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Council approves budget', articleBody: full });
  const body = `<article><h1>Council approves budget</h1><p>${PARAS[0]}</p><div class="paywall-prompt">Subscribe to read the rest.</div></article>`;
  const a = extract({ html: page(body, `<script type="application/ld+json">${ld}</script>`), url: 'https://news.example.com/x' });
  assert.equal(a.strategy, 'json-ld');
  assert.ok((a.articleBody ?? '').includes(PARAS[3]!));
});

test('text in ruby annotations and screen-reader-only spans is not doubled into the text', () => {
  const p = '<p>子<ruby>供<rt>ども</rt></ruby>たちの話。The story goes on<span style="position:absolute;clip:rect(0 0 0 0);width:1px;height:1px;overflow:hidden">, opens new tab</span> here with more words to make it a paragraph of some length.</p>';
  const a = extract({ html: page(`<article>${p}${PARAS.map((x) => `<p>${x}</p>`).join('')}</article>`), url: 'https://news.example.com/x' });
  assert.ok(!(a.articleBody ?? '').includes('ども'));
  assert.ok(!(a.articleBody ?? '').includes('opens new tab'));
});

test('an empty inline element between two words keeps them apart', () => {
  const p = 'He used it to<strong> </strong>vent about his exam stress, then promptly forgot all about it, as students do every single year.';
  const a = extract({ html: page(`<article>${[p, ...PARAS].map((x) => `<p>${x}</p>`).join('')}</article>`), url: 'https://news.example.com/x' });
  assert.ok((a.articleBody ?? '').includes('used it to vent'), a.articleBody ?? '');
});

test('promo cards embedded as figures without an image are dropped from the HTML', () => {
  const card = '<figure><a href="/other-story"><div>Another story entirely, about something else</div><div>Read more</div></a></figure>';
  const a = extract({ html: page(`<article>${PARAS.slice(0, 2).map((x) => `<p>${x}</p>`).join('')}${card}${PARAS.slice(2).map((x) => `<p>${x}</p>`).join('')}</article>`), url: 'https://news.example.com/x' });
  assert.ok(!(a.html ?? '').includes('Another story entirely'));
  assert.deepEqual(a.articleBody?.split('\n\n'), PARAS);
});

test('word count: words between spaces with a letter or digit; CJK counts characters', async () => {
  const { countWords } = await import('../../src/extract/index.ts');
  assert.equal(countWords('Hello world — “quoted” text, 42 times.'), 6);
  assert.equal(countWords('e-mail is one word'), 4);
  assert.equal(countWords('— – …'), 0);
  assert.equal(countWords('子どもへの虐待'), 7);
  assert.equal(countWords('Ünïcode wörds und mehr'), 4);
  const a = extract({ html: page(`<article>${PARAS.map((p) => `<p>${p}</p>`).join('')}</article>`), url: 'https://news.example.com/x' });
  assert.equal(a.wordCount, PARAS.join(' ').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length);
});

test('sections named with a furniture word only as a BEM modifier keep their prose', () => {
  // "report__section--ads": a section of the report that has an ad slot in it.
  const section = (ps: string[]) => `<section class="report__section report__section--ads"><div class="ad-slot"></div>${ps.map((p) => `<p class="report__text">${p}</p>`).join('')}</section>`;
  // Three sections: none holds enough of the page's text to be kept for its share alone.
  const more = [...PARAS, ...PARAS.slice(0, 2).map((p) => p.replace('council', 'county board').replace('Council', 'Board'))];
  const body = `<article class="report"><h1>Council approves budget</h1>${section(more.slice(0, 2))}${section(more.slice(2, 4))}${section(more.slice(4))}</article>`;
  const a = extract({ html: page(NAV + body + FOOTER), url: 'https://news.example.com/x' });
  assert.deepEqual(a.articleBody?.split('\n\n'), more);
});

test('an element that is furniture by its block name still goes, modifiers or not', () => {
  const rail = `<div class="sidebar sidebar--ads"><p>${PARAS[0]!.replace('city council', 'sidebar council')}</p><p>${PARAS[1]!.replace('Council', 'Sidebar')}</p></div>`;
  const body = `<article><h1>Council approves budget</h1>${PARAS.map((p) => `<p>${p}</p>`).join('')}</article>${rail}`;
  const a = extract({ html: page(NAV + body + FOOTER), url: 'https://news.example.com/x' });
  assert.ok(!(a.articleBody ?? '').includes('idebar'), a.articleBody ?? '');
});

// Many links around a short post: the page would read as a list of links.
const LINK_HEAVY_SIDEBAR = `<div class="widget-area">${Array.from({ length: 40 }, (_, i) => `<a href="/tag/${i}">Tag number ${i}</a>`).join(' ')}</div>`;

test('a short post in the page’s one named body container is the article, even among many links', () => {
  const post = `<article class="post"><h1 class="entry-title">Film swap, April</h1><div class="entry-content"><h3>Film</h3><p>Fuji X-TRA 400.</p><h3>Cameras</h3><p>Widelux and Pentax Z-1p.</p></div></article>`;
  const a = extract({ html: page(NAV + post + LINK_HEAVY_SIDEBAR + FOOTER), url: 'https://blog.example.com/2018/04/film-swap' });
  assert.ok(a.articleBody, a.reason);
  assert.match(a.articleBody, /Fuji X-TRA 400\.[\s\S]*Widelux/);
  assert.ok(!a.articleBody.includes('Tag number'));
});

test('a post that is a list of links keeps its links (but not the related posts after it)', () => {
  const items = Array.from({ length: 8 }, (_, i) => `<li><p class="link"><a href="https://other.example/${i}">Story ${i} somebody else wrote about the budget vote</a></p><p class="via">via Other Example <a href="https://other.example">https://other.example</a></p></li>`).join('');
  const related = `<h3>Related posts</h3><ul>${Array.from({ length: 3 }, (_, i) => `<li><a href="/older/${i}">An older list of links, number ${i}</a></li>`).join('')}</ul>`;
  const post = `<article class="post"><h1 class="entry-title">Links of the day</h1><div class="entry-content"><ul class="linkroll">${items}</ul>${related}</div></article>`;
  const a = extract({ html: page(NAV + post + LINK_HEAVY_SIDEBAR + FOOTER), url: 'https://blog.example.com/links' });
  assert.ok(a.articleBody, a.reason);
  assert.match(a.articleBody, /Story 0 somebody else wrote[\s\S]*via Other Example[\s\S]*Story 7/);
  assert.ok(!a.articleBody.includes('An older list'), a.articleBody);
});

test('a home page with several named post bodies is still a list, not an article', () => {
  const posts = Array.from({ length: 6 }, (_, i) => `<article><h2><a href="/p/${i}">Post ${i}</a></h2><div class="entry-content"><p><a href="/p/${i}">Continue reading post ${i}</a></p></div></article>`).join('');
  const a = extract({ html: page(NAV + `<main>${posts}</main>` + LINK_HEAVY_SIDEBAR + FOOTER), url: 'https://blog.example.com/' });
  assert.equal(a.articleBody, null);
});

test('like buttons of blog platforms ("Like this:", "Loading…") are not article text', () => {
  const likes = '<div class="sharedaddy sd-block sd-like jetpack-likes-widget-wrapper"><h3 class="sd-title">Like this:</h3><div class="likes-widget-placeholder"><span class="button"><span>Like</span></span> <span class="loading">Loading...</span></div></div>';
  const a = extract({ html: page(`<article><div class="entry-content">${PARAS.map((p) => `<p>${p}</p>`).join('')}${likes}</div></article>`), url: 'https://blog.example.com/x' });
  assert.deepEqual(a.articleBody?.split('\n\n'), PARAS);
});

test("a blog post's closing greeting with the author's name stays; a bare byline line goes", () => {
  const author = '<script type="application/ld+json">{"@type":"BlogPosting","headline":"Council approves budget","author":{"@type":"Person","name":"Hans Ehrlich"}}</script>';
  const html = page(`<article><h1>Council approves budget</h1><p>Hans Ehrlich</p>${PARAS.map((p) => `<p>${p}</p>`).join('')}<p>Euer Hans Ehrlich</p></article>`, author);
  const a = extract({ html, url: 'https://blog.example/budget' });
  assert.deepEqual(a.authors, ['Hans Ehrlich']);
  assert.ok(a.articleBody?.endsWith('Euer Hans Ehrlich'), a.articleBody ?? '');
  assert.ok(!a.articleBody?.startsWith('Hans Ehrlich'), 'the byline line above the text is not article text');
});

test('a skip link, a live blog\'s raw timestamps and a "Related video:" teaser are not article text', () => {
  const html = page(`<article><div class="live-blog"><a href="#main" class="sr-only">Jump to content</a><p><span class="badge">Live</span>1709418524</p>
<p>${PARAS[0]}</p><p>Related video: Closing arguments heard in the council budget case</p><p>${PARAS[1]}</p><p>1709417828</p>${PARAS.slice(2).map((p) => `<p>${p}</p>`).join('')}</div></article>`);
  const a = extract({ html, url: 'https://news.example.com/live' });
  assert.deepEqual(a.articleBody?.split('\n\n'), PARAS);
});

test('a date line above the text goes; a date heading further down (a timeline) stays', () => {
  const html = page(`<article><div class="entry-content"><p>8. November 2021 | Aktuelles</p><p>15. Mai 2019, 05:28 Uhr</p>
${PARAS.slice(0, 2).map((p) => `<p>${p}</p>`).join('')}<h3>March 2024</h3>${PARAS.slice(2).map((p) => `<p>${p}</p>`).join('')}</div></article>`);
  const a = extract({ html, url: 'https://news.example.com/dates' });
  assert.deepEqual(a.articleBody?.split('\n\n'), [...PARAS.slice(0, 2), 'March 2024', ...PARAS.slice(2)]);
  // A first paragraph that starts with a date is a sentence, not a date line.
  const sentence = 'On 3 March 2024 the council met.';
  const b = extract({ html: page(`<article><div class="entry-content"><p>${sentence}</p>${PARAS.map((p) => `<p>${p}</p>`).join('')}</div></article>`), url: 'https://news.example.com/dates' });
  assert.equal(b.articleBody?.split('\n\n')[0], sentence);
});

test('a privacy notice at the top of the page is not article text, whatever it is called', () => {
  for (const cls of ['privacy-notice collapsed', 'cmp-banner', 'datenschutz-hinweis']) {
    const notice = `<div class="${cls}"><span class="title">Diese Seite benutzt Cookies.</span><div class="text"><p>Auf unserer Website nutzen wir neben technisch erforderlichen Cookies auch optionale Cookies zur statistischen Analyse der Nutzung unserer Website und Social Media.</p></div></div>`;
    const a = extract({ html: page(`${notice}<div class="main">${PARAS.map((p) => `<p>${p}</p>`).join('')}</div>`), url: 'https://news.example.com/privacy' });
    assert.deepEqual(a.articleBody?.split('\n\n'), PARAS, cls);
  }
});
