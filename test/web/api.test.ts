// The JSON API over real HTTP: cursor pagination walks every article once, in order; each
// answer matches the shape the OpenAPI document promises; wrong parameters get a 400 that
// says what is wrong; unknown ids a JSON 404.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, get, startSite } from './helpers.ts';
import { seed, type Fixture } from './fixture.ts';
import { checkSchema } from './schema.ts';

let base = '';
let f: Fixture;
type Doc = { paths: Record<string, { get: { responses: Record<string, { content: { 'application/json': { schema: Record<string, unknown> } } }> } }>; components: { schemas: Record<string, Record<string, unknown>> } };
let doc: Doc;

before(async () => {
  const store = await freshStore();
  f = await seed(store);
  base = (await startSite(store)).url;
  doc = JSON.parse((await get(base, '/api/openapi.json')).text) as Doc;
});

async function json(path: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const r = await get(base, path);
  assert.match(r.headers.get('content-type') ?? '', /application\/json/, path);
  return { status: r.status, body: JSON.parse(r.text), headers: r.headers };
}

/** Checks an answer against the 200 (or error) schema of an OpenAPI path. */
function fits(apiPath: string, body: unknown, status = '200'): void {
  const schema = doc.paths[apiPath]!.get.responses[status]!.content['application/json'].schema;
  assert.deepEqual(checkSchema(doc, schema, body), [], `${apiPath} answer fits the OpenAPI document`);
}

test('the OpenAPI document describes every route', async () => {
  assert.equal((doc as unknown as { openapi: string }).openapi, '3.1.0');
  assert.deepEqual(Object.keys(doc.paths).sort(), ['/articles', '/articles/{id}', '/search', '/sections', '/sources', '/sources/{id}', '/stories', '/stories/{id}']);
  // The checker itself must reject a wrong shape, or the other tests prove nothing.
  assert.notDeepEqual(checkSchema(doc, { $ref: '#/components/schemas/Article' }, { id: 'x' }), []);
});

test('articles: cursor pagination visits every article once, newest first, and fits the schema', async () => {
  const seen: { id: number; publishedAt: string }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r = await json(`/api/v1/articles?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200);
    fits('/articles', r.body);
    const body = r.body as { items: { id: number; publishedAt: string }[]; nextCursor: string | null };
    assert.ok(body.items.length <= 2);
    seen.push(...body.items);
    cursor = body.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  assert.equal(seen.length, 6);
  assert.equal(new Set(seen.map((a) => a.id)).size, 6, 'no article twice');
  const times = seen.map((a) => a.publishedAt);
  assert.deepEqual(times, [...times].sort().reverse());
  assert.equal(pages, 3);
});

test('articles: filters by section, source and story', async () => {
  const sports = (await json('/api/v1/articles?section=Sports')).body as { items: { id: number }[] };
  assert.deepEqual(sports.items.map((a) => a.id), [f.cup]);
  const coastal = (await json(`/api/v1/articles?source=${f.coastal}`)).body as { items: { id: number }[] };
  assert.deepEqual(coastal.items.map((a) => a.id), [f.fullStrike]);
  const story = (await json(`/api/v1/articles?story=${f.strikeStory}`)).body as { items: unknown[] };
  assert.equal(story.items.length, 4);
});

test('one article: related posts; the full text only for sources republished in full', async () => {
  const excerptOne = await json(`/api/v1/articles/${f.strike}`);
  assert.equal(excerptOne.status, 200);
  fits('/articles/{id}', excerptOne.body);
  const a = excerptOne.body as { contentHtml: string | null; originalUrl: string; outlet: string; related: { id: number }[]; excerpt: string };
  assert.equal(a.contentHtml, null);
  assert.equal(a.originalUrl, 'https://herald.example/news/port-strike');
  assert.equal(a.outlet, 'Harbour Herald');
  assert.ok(a.related.length >= 1 && !a.related.some((r) => r.id === f.cup));
  assert.doesNotMatch(a.excerpt, /Share/);
  const full = (await json(`/api/v1/articles/${f.fullStrike}`)).body as { contentHtml: string | null };
  assert.match(full.contentHtml ?? '', /<em>berths would stay closed<\/em>/);
  const missing = await json('/api/v1/articles/999999');
  assert.equal(missing.status, 404);
  fits('/articles/{id}', missing.body, '404');
});

test('stories: paged by last update, with sizes; one story lists its articles in time order', async () => {
  const first = await json('/api/v1/stories?limit=1');
  fits('/stories', first.body);
  const p1 = first.body as { items: { id: number; outletCount: number; articleCount: number; title: string }[]; nextCursor: string | null };
  assert.equal(p1.items[0]!.id, f.strikeStory, 'the strike story was updated last');
  assert.equal(p1.items[0]!.outletCount, 3);
  assert.equal(p1.items[0]!.articleCount, 4);
  assert.ok(p1.nextCursor);
  const p2 = (await json(`/api/v1/stories?limit=1&cursor=${p1.nextCursor}`)).body as { items: { id: number }[]; nextCursor: string | null };
  assert.deepEqual(p2.items.map((s) => s.id), [f.cupStory]);
  assert.equal(p2.nextCursor, null);
  const one = await json(`/api/v1/stories/${f.strikeStory}`);
  fits('/stories/{id}', one.body);
  const ids = (one.body as { articles: { id: number }[] }).articles.map((a) => a.id);
  assert.deepEqual(ids, [f.strike, f.fullStrike, f.wireCopy, f.wireCopy2]);
  assert.equal((await json('/api/v1/stories/31337')).status, 404);
});

test('sources and sections', async () => {
  const s = await json('/api/v1/sources');
  fits('/sources', s.body);
  assert.equal((s.body as { items: unknown[] }).items.length, 4);
  const one = await json(`/api/v1/sources/${f.coastal}`);
  fits('/sources/{id}', one.body);
  assert.equal((one.body as { displayMode: string }).displayMode, 'full');
  const sec = await json('/api/v1/sections');
  fits('/sections', sec.body);
  assert.deepEqual((sec.body as { items: { name: string; articleCount: number }[] }).items.map((x) => [x.name, x.articleCount]), [['World', 5], ['Sports', 1]]);
});

test('search: highlighted snippets, total, and a cursor to the next page', async () => {
  const r = await json('/api/v1/search?q=strike&limit=2');
  assert.equal(r.status, 200);
  fits('/search', r.body);
  const body = r.body as { total: number; items: { snippetHtml: string }[]; nextCursor: string | null };
  assert.ok(body.total >= 3);
  assert.equal(body.items.length, 2);
  assert.ok(body.items.some((h) => /<mark>strike<\/mark>/i.test(h.snippetHtml)));
  const next = (await json(`/api/v1/search?q=strike&limit=2&cursor=${body.nextCursor}`)).body as { items: { id: number }[] };
  assert.ok(next.items.length >= 1);
});

test('wrong parameters get a 400 that says what to fix; unknown routes a JSON 404; CORS is open', async () => {
  for (const [path, words] of [
    ['/api/v1/articles?limit=0', /limit/],
    ['/api/v1/articles?limit=1000', /limit/],
    ['/api/v1/articles?cursor=nonsense', /cursor/],
    ['/api/v1/articles?source=abc', /source/],
    ['/api/v1/search', /q is required/],
    ['/api/v1/search?q=x&from=soon', /from/],
  ] as const) {
    const r = await json(path);
    assert.equal(r.status, 400, path);
    fits('/articles', r.body, '400');
    assert.match((r.body as { error: { message: string } }).error.message, words);
  }
  const nf = await json('/api/v1/nothing');
  assert.equal(nf.status, 404);
  assert.equal((await json('/api/v1/articles')).headers.get('access-control-allow-origin'), '*');
});
