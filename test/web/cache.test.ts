// The rendered-page cache (src/web/site.ts PageCache, used for article pages): a page is
// reused only while nothing it shows has changed — an edit, a new story-mate, moderation, a
// renamed outlet or a new image caption all show on the next request — with ETag/304, and
// the memory it holds stays within its bound (least recently used pages go first).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../src/store/index.ts';
import { PageCache } from '../../src/web/site.ts';
import { article, freshStore, get, startSite } from './helpers.ts';
import { seed, type Fixture } from './fixture.ts';

let base = '';
let f: Fixture;
let store: Store;

before(async () => {
  store = await freshStore();
  f = await seed(store);
  base = (await startSite(store)).url;
});

/** The article's page, following its canonical redirect once. */
async function articleText(id: number): Promise<{ status: number; text: string; etag: string | null; path: string }> {
  let path = `/article/${id}`;
  let r = await get(base, path);
  if (r.status === 301) {
    path = r.headers.get('location')!;
    r = await get(base, path);
  }
  return { status: r.status, text: r.text, etag: r.headers.get('etag'), path };
}

test('a cached article page answers If-None-Match with 304, and the same page again', async () => {
  const first = await articleText(f.strike);
  assert.equal(first.status, 200);
  assert.ok(first.etag, 'an ETag is sent');
  const again = await get(base, first.path);
  assert.equal(again.text, first.text);
  assert.equal(again.headers.get('etag'), first.etag);
  const conditional = await get(base, first.path, { headers: { 'If-None-Match': first.etag! } });
  assert.equal(conditional.status, 304);
  assert.equal(conditional.text, '');
  const stale = await get(base, first.path, { headers: { 'If-None-Match': '"something-else"' } });
  assert.equal(stale.status, 200);
});

test('an edited article, a new story-mate, a renamed outlet and a new caption show at once', async () => {
  const before = await articleText(f.strike);
  assert.match(before.text, /Port workers strike over pay/);

  // A new article in the same story appears among the related posts.
  const mate = (
    await store.saveArticle({
      sourceId: f.wire,
      article: article({ url: 'https://wire.example/a/strike-talks-resume', title: 'Strike talks resume with a mediator', publishedAt: '2026-03-02T12:00:00.000Z', description: 'Union and port authority negotiators met a mediator for the first time since the walkout began.', articleBody: 'Union and port authority negotiators met a mediator for the first time since the walkout began.', wordCount: 15 }),
    })
  ).articleId;
  await store.setArticleStory(mate, f.strikeStory);
  assert.match((await articleText(f.strike)).text, /Strike talks resume with a mediator/);

  // The mate's headline is corrected: the related post follows.
  await store.saveArticle({
    sourceId: f.wire,
    article: article({ url: 'https://wire.example/a/strike-talks-resume', title: 'Strike talks resume under a mediator', publishedAt: '2026-03-02T12:00:00.000Z', description: 'Union and port authority negotiators met a mediator for the first time since the walkout began.', articleBody: 'Union and port authority negotiators met a mediator for the first time since the walkout began.', wordCount: 15 }),
  });
  const afterMateEdit = (await articleText(f.strike)).text;
  assert.match(afterMateEdit, /Strike talks resume under a mediator/);
  assert.doesNotMatch(afterMateEdit, /Strike talks resume with a mediator/);

  // The outlet is renamed.
  await store.updateSource(f.herald, { name: 'The Harbour Herald' });
  assert.match((await articleText(f.strike)).text, /Source: <a [^>]*>The Harbour Herald<\/a>/);

  // The lead image gets a new caption (images are shared rows, updated in place).
  await store.saveImage({ url: 'https://herald.example/img/quay.jpg', caption: 'Cranes idle on the eastern quay at dusk.' });
  assert.match((await articleText(f.strike)).text, /Cranes idle on the eastern quay at dusk\./);

  // The headline itself is edited: the old path redirects, the new one shows the new headline.
  const a = (await store.getArticle(f.strike))!;
  await store.saveArticle({
    sourceId: f.herald,
    article: article({ url: a.url, title: 'Port workers strike over pay and hours', publishedAt: a.publishedAt, description: a.description, articleBody: a.bodyText, authors: a.authors, leadImage: { url: 'https://herald.example/img/quay.jpg' }, wordCount: a.wordCount }),
  });
  const old = await get(base, before.path);
  assert.equal(old.status, 301);
  const edited = await articleText(f.strike);
  assert.equal(edited.status, 200);
  assert.match(edited.text, /<h1>Port workers strike over pay and hours<\/h1>/);
  assert.notEqual(edited.etag, before.etag);
});

test('a hidden article is gone from the cache at once, and back when shown again', async () => {
  const shown = await articleText(f.cup);
  assert.equal(shown.status, 200);
  await store.setArticleHidden(f.cup, true);
  assert.equal((await get(base, shown.path)).status, 404);
  await store.setArticleHidden(f.cup, false);
  assert.equal((await get(base, shown.path)).status, 200);
});

test('PageCache keeps within its byte bound, dropping the least recently used page', () => {
  const cache = new PageCache(3000);
  const page = (n: number) => ({ body: String(n).repeat(300), path: `/article/${n}`, version: `v${n}|shell`, token: 't1' });
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9]) cache.set(`k${n}`, page(n));
  assert.equal(cache.size, 9);
  // Page 1 is used again, so page 2 is the oldest when the bound is passed.
  assert.ok(cache.get('k1', 'v1|shell', 't2'));
  cache.set('k10', { ...page(10), body: 'x'.repeat(350) });
  assert.equal(cache.get('k2', 'v2|shell', 't2'), undefined, 'the least recently used page was dropped');
  assert.ok(cache.get('k1', 'v1|shell', 't2'), 'the page used recently stays');
  // Fresh only at the token it was last checked at, with the same shell.
  assert.ok(cache.fresh('k1', 't2', 'shell'));
  assert.equal(cache.fresh('k1', 't3', 'shell'), undefined);
  assert.equal(cache.fresh('k1', 't2', 'other'), undefined);
  assert.equal(cache.fresh('k1', null, 'shell'), undefined);
  // Another version is a miss.
  assert.equal(cache.get('k1', 'v1b|shell', 't2'), undefined);
});
