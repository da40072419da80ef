// The standfirst: the page's description, shown as text above the body, is the article's
// first paragraph; the same words elsewhere (a teaser, a share box) are not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../../src/extract/index.ts';

const URL = 'https://news.example.com/2024/budget';
const STANDFIRST = 'Bus spending rises while two libraries lose their funding.';
const PARAS = [
  'The city council voted on Tuesday to approve a new budget that raises spending on public transport by twelve percent, the largest increase in a decade.',
  'Council members argued for hours over the plan, which also cuts funding for two libraries, before the final vote passed seven to four late in the evening.',
  '“This is a budget for the people who ride the bus every day,” said the mayor, who had campaigned on better transit and cheaper fares for students.',
  'Opponents said the cuts to the libraries would hurt the neighbourhoods that can least afford it, and promised to raise the issue again next year.',
  'The budget also sets aside money for new bus shelters on the northern routes, which residents have asked for since the last winter storms closed several stops.',
  'Library staff gathered outside the council chamber before the vote, holding signs that listed the opening hours each branch would lose under the plan.',
  'The finance director told members that the transport increase would be paid for by a rise in parking charges in the city centre and a smaller road repair fund.',
  'A final reading of the budget is scheduled for next month, when members can still propose changes before it takes effect at the start of the fiscal year.',
];

function page(body: string, description = STANDFIRST, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council approves budget | The Daily Example</title>
<meta property="og:title" content="Council approves budget"><meta name="description" content="${description}">${head}</head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>${body}<footer><p>© 2024 The Daily Example</p></footer></body></html>`;
}

const BODY = `<div class="article-body">${PARAS.map((p) => `<p>${p}</p>`).join('\n')}</div>`;
/** What sits between a standfirst and the body on real pages: byline, date, share bar, lead image. */
const FURNITURE = `<div class="meta"><span class="byline">By Jane Doe</span> <time datetime="2024-03-05">5 March 2024</time></div>
<div class="share"><a href="https://twitter.com/share">Tweet</a> <a href="https://facebook.com/share">Share</a></div>
<figure><img src="/img/council.jpg" alt="Council chamber"><figcaption>The council chamber. Photo: John Roe</figcaption></figure>`;
/** The headline block above the body, holding `inner` after the headline. */
const head = (inner: string) => `<header class="article-header"><h1>Council approves budget</h1>${inner}</header>${FURNITURE}`;

test('a standfirst shown under the headline, outside the body container, becomes the first paragraph', () => {
  const a = extract({ html: page(`${head(`<p class="dek">${STANDFIRST}</p>`)}${BODY}`), url: URL });
  assert.deepEqual(a.articleBody?.split('\n\n'), [STANDFIRST, ...PARAS]);
  assert.ok(a.html?.startsWith(`<p>${STANDFIRST}</p><div><p>${PARAS[0]}`), a.html?.slice(0, 160));
});

test('the description is not added when it is not on the page, or only after the body, or in a link', () => {
  const absent = extract({ html: page(`${head('')}${BODY}`), url: URL });
  assert.deepEqual(absent.articleBody?.split('\n\n'), PARAS);
  const after = extract({ html: page(`${head('')}${BODY}<div class="share-box"><p>${STANDFIRST}</p></div>`), url: URL });
  assert.deepEqual(after.articleBody?.split('\n\n'), PARAS);
  const linked = extract({ html: page(`<div class="promo"><a href="/2024/budget"><p>${STANDFIRST}</p></a></div>${head('')}${BODY}`), url: URL });
  assert.deepEqual(linked.articleBody?.split('\n\n'), PARAS);
});

test('a standfirst the body already tells, word for word or nearly, is not repeated', () => {
  // The page shows a summary that is the first paragraph with the mayor's name added; the
  // body comes from JSON-LD (the page shows a stub) and starts with that paragraph.
  const first = PARAS[0]!;
  const reworded = first.replace('The city council voted', 'Mayor Ana Ruiz and the city council voted');
  const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Council approves budget', articleBody: PARAS.join('\n\n') });
  for (const shown of [reworded, first]) {
    const html = page(`${head(`<p class="summary">${shown}</p>`)}<div class="article-body"><p>${first.slice(0, 90)}</p><div class="paywall">Subscribe to read on</div></div>`,
      shown, `<script type="application/ld+json">${ld}</script>`);
    const a = extract({ html, url: URL });
    assert.equal(a.strategy, 'json-ld');
    assert.deepEqual(a.articleBody?.split('\n\n'), PARAS);
  }
  // A different sentence is added.
  const other = page(`${head(`<p class="summary">${STANDFIRST}</p>`)}<div class="article-body"><p>${first.slice(0, 90)}</p><div class="paywall">Subscribe to read on</div></div>`,
    STANDFIRST, `<script type="application/ld+json">${ld}</script>`);
  assert.deepEqual(extract({ html: other, url: URL }).articleBody?.split('\n\n'), [STANDFIRST, ...PARAS]);
});

test('a shortened description ("…") finds the whole standfirst', () => {
  const cut = `${STANDFIRST.slice(0, 60)}…`;
  const a = extract({ html: page(`${head(`<div class="teaser-text"><p>${STANDFIRST}</p></div>`)}${BODY}`, cut), url: URL });
  assert.equal(a.articleBody?.split('\n\n')[0], STANDFIRST);
});

test('a body taken from JSON-LD gets the standfirst the page shows', () => {
  // The page shows a paywalled stub; the JSON-LD articleBody has the whole text, without the standfirst.
  const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Council approves budget', articleBody: PARAS.join('\n\n') });
  const html = page(`<article><h1>Council approves budget</h1><p class="standfirst">${STANDFIRST}</p><div class="article-body"><p>${PARAS[0]!.slice(0, 90)}</p><div class="paywall">Subscribe to read on</div></div></article>`,
    STANDFIRST, `<script type="application/ld+json">${ld}</script>`);
  const a = extract({ html, url: URL });
  assert.equal(a.strategy, 'json-ld');
  assert.deepEqual(a.articleBody?.split('\n\n'), [STANDFIRST, ...PARAS]);
});

test('markup inside a description is dropped, and the standfirst still found', () => {
  const a = extract({ html: page(`${head(`<p class="dek">${STANDFIRST}</p>`)}${BODY}`, `&lt;p&gt;${STANDFIRST.replace('twelve', '&lt;em&gt;twelve&lt;/em&gt;')}&lt;/p&gt;`), url: URL });
  assert.equal(a.description, STANDFIRST);
  assert.equal(a.articleBody?.split('\n\n')[0], STANDFIRST);
});
