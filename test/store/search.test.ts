// Search and stats: ranking, highlighted safe snippets, filters, hostile queries, numbers —
// on both databases.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, article } from './helpers.ts';
import type { Store } from '../../src/store/index.ts';

/** A small newsroom: three articles mentioning "harbour" in different places. */
async function seed(s: Store): Promise<Record<string, number>> {
  const world = (await s.addSource({ url: 'https://news.example.com/feed', section: 'World' })).source;
  const sport = (await s.addSource({ url: 'https://sport.example.com/feed', section: 'Sport' })).source;
  const ids: Record<string, number> = {};
  const save = async (name: string, over: Parameters<typeof article>[0], sourceId: number) => {
    ids[name] = (await s.saveArticle({ article: article({ url: `https://news.example.com/${name}`, canonicalUrl: null, ...over }), sourceId })).articleId;
  };
  await save('headline', {
    title: 'Harbour reopens after the storm',
    description: 'Ships are moving again.',
    articleBody: 'Ships returned on Monday. The port authority said <b>damage</b> was limited & repairs were quick.',
    publishedAt: '2024-06-03T09:00:00Z',
  }, world.id);
  await save('body', {
    title: 'City council approves the budget',
    description: 'The vote was close.',
    articleBody: 'The budget includes money for parks, schools and, briefly mentioned, the harbour wall.',
    publishedAt: '2024-06-02T09:00:00Z',
  }, world.id);
  await save('sport', {
    title: 'Rowing club wins regatta',
    authors: ['Maria Harbour'],
    description: 'A close finish.',
    articleBody: 'The crew crossed the line first after a long season of training.',
    publishedAt: '2024-06-01T09:00:00Z',
  }, sport.id);
  await save('other', {
    title: 'Weather: sunny week ahead',
    description: null,
    articleBody: 'Forecasters expect clear skies in the "north" and south.',
    publishedAt: '2024-05-30T09:00:00Z',
  }, world.id);
  ids.worldSource = world.id;
  ids.sportSource = sport.id;
  return ids;
}

for (const b of backends) {
  describe(`search on ${b.name}`, { skip: b.skip }, () => {
    test('a word in the headline ranks above the same word in the body; snippets mark matches and escape text', async () => {
      const s = await b.fresh();
      const ids = await seed(s);
      const res = await s.search('harbour');
      assert.equal(res.total, 3);
      assert.equal(res.query, 'harbour');
      assert.equal(res.hits[0]!.articleId, ids.headline);
      assert.equal(res.hits.at(-1)!.articleId, ids.body, 'a passing mention in the body ranks last');
      assert.ok(res.hits[0]!.rank >= res.hits[1]!.rank && res.hits[1]!.rank >= res.hits[2]!.rank);
      for (const h of res.hits) assert.equal(typeof h.rank, 'number');

      const bodyHit = res.hits.find((h) => h.articleId === ids.body)!;
      assert.match(bodyHit.snippet, /<mark>harbour<\/mark> wall/);
      // The headline hit's snippet is the body's text, escaped: the literal "<b>" in the text
      // comes out as &lt;b&gt; (SQLite), or is dropped by ts_headline's parser, which reads
      // tag-like text as markup (PostgreSQL) — never as a raw tag.
      const top = res.hits[0]!;
      assert.match(top.snippet, /said (&lt;b&gt;)?damage(&lt;\/b&gt;)? was/);
      assert.match(top.snippet, /limited &amp; repairs/);
      assert.doesNotMatch(top.snippet.replace(/<\/?mark>/g, ''), /[<>]/);
      assert.equal(top.title, 'Harbour reopens after the storm');
      assert.equal(top.section, 'World');
      assert.equal(top.publishedAt, '2024-06-03T09:00:00.000Z');

      // Authors are searched.
      const byAuthor = await s.search('maria');
      assert.deepEqual(byAuthor.hits.map((h) => h.articleId), [ids.sport]);
      // Case and diacritics-free matching of plain words; phrases; exclusions; OR.
      assert.equal((await s.search('HARBOUR REOPENS')).hits[0]?.articleId, ids.headline);
      assert.deepEqual((await s.search('"harbour wall"')).hits.map((h) => h.articleId), [ids.body]);
      assert.deepEqual((await s.search('"wall harbour"')).hits.map((h) => h.articleId), []);
      assert.deepEqual((await s.search('harbour -regatta -budget')).hits.map((h) => h.articleId), [ids.headline]);
      assert.deepEqual((await s.search('regatta OR forecasters')).hits.map((h) => h.articleId).sort(), [ids.sport, ids.other].sort());
    });

    test('snippets of long bodies show where text was skipped; a body-less article is matched in its description', async () => {
      const s = await b.fresh();
      const body = Array.from({ length: 120 }, (_, i) => `Sentence ${i} is about ${i === 60 ? 'the harbour pier' : 'other matters'}.`).join(' ');
      await s.saveArticle({ article: article({ title: 'Port news', articleBody: body, description: null }) });
      await s.saveArticle({ article: article({ url: 'https://news.example.com/brief', canonicalUrl: null, title: 'Brief', articleBody: null, description: 'A note on the pier.' }) });
      const res = await s.search('pier');
      assert.equal(res.total, 2);
      const long = res.hits.find((h) => h.title === 'Port news')!;
      assert.match(long.snippet, /^….*Sentence 60 is about the harbour <mark>pier<\/mark>.*…$/);
      assert.ok(long.snippet.length < 600, 'a snippet is an excerpt, not the body');
      const brief = res.hits.find((h) => h.title === 'Brief')!;
      assert.match(brief.snippet, /A note on the <mark>pier<\/mark>/);
    });

    test('filters, paging and hidden articles', async () => {
      const s = await b.fresh();
      const ids = await seed(s);
      assert.deepEqual((await s.search('harbour', { section: 'Sport' })).hits.map((h) => h.articleId), [ids.sport]);
      assert.deepEqual((await s.search('harbour', { sourceId: ids.sportSource })).hits.map((h) => h.articleId), [ids.sport]);
      assert.deepEqual((await s.search('harbour', { since: '2024-06-02T00:00:00Z' })).hits.map((h) => h.articleId).sort(), [ids.headline, ids.body].sort());
      assert.deepEqual((await s.search('harbour', { until: new Date('2024-06-02T00:00:00Z') })).hits.map((h) => h.articleId), [ids.sport]);
      const page1 = await s.search('harbour', { limit: 2 });
      const page2 = await s.search('harbour', { limit: 2, offset: 2 });
      assert.deepEqual([page1.total, page1.hits.length, page2.total, page2.hits.length], [3, 2, 3, 1]);
      assert.equal((await s.search('harbour', { offset: 10 })).hits.length, 0);
      await s.setArticleHidden(ids.headline!, true);
      assert.equal((await s.search('harbour')).total, 2);
      assert.equal((await s.search('harbour', { includeHidden: true })).total, 3);
      // The index follows edits.
      await s.saveArticle({ article: article({ url: 'https://news.example.com/other', canonicalUrl: null, title: 'Weather: harbour fog' }) });
      assert.ok((await s.search('fog')).hits.some((h) => h.articleId === ids.other));
    });

    test('hostile and broken queries never throw', async () => {
      const s = await b.fresh();
      await seed(s);
      const nasty = [
        '', '   ', '"', '""', '"unbalanced harbour', 'harbour"', '(', ')', '((harbour', 'harbour)', '*', 'harbour*', '^harbour',
        'NEAR(harbour storm)', 'AND', 'OR', 'NOT', 'harbour AND', 'OR harbour', 'harbour OR', '-', '-harbour', '--harbour',
        'title:harbour', "'; drop table articles; --", '\\', '\u0000harbour', '\u0002x\u0003', '&', '<script>alert(1)</script>',
        'a'.repeat(5000), 'harbour '.repeat(200), '!!!???', '::', '{harbour}', 'x:*', 'harbour & storm | !ships', '中文 日本語',
      ];
      for (const q of nasty) {
        const res = await s.search(q);
        assert.equal(typeof res.total, 'number', `query ${JSON.stringify(q.slice(0, 40))}`);
        for (const h of res.hits) assert.doesNotMatch(h.snippet.replace(/<\/?mark>/g, ''), /[<>]/);
      }
      assert.equal((await s.search('"unbalanced harbour')).total, 0);
      assert.equal((await s.search('((harbour')).total, 3);
      // FTS5's NEAR is only a word here; no article contains it.
      assert.equal((await s.search('NEAR(harbour storm)')).total, 0);
      assert.equal((await s.search('(harbour storm)')).total, 1);
      assert.equal((await s.search('-harbour')).total, 0, 'only exclusions is not a search');
      assert.equal((await s.search("'; drop table articles; --")).total, 0);
      assert.equal((await s.stats()).articles, 4);
    });

    test('stats are numbers', async () => {
      const s = await b.fresh();
      const empty = await s.stats();
      assert.deepEqual(empty, { sources: 0, entries: 0, articles: 0, revisions: 0, stories: 0, errors: 0, jobsPending: 0 });
      await seed(s);
      await s.db
        .insertInto('jobs')
        .values([
          { name: 'poll', key: 'poll:1', payload: JSON.stringify({ sourceId: 1 }), state: 'queued', run_at: new Date().toISOString(), created_at: new Date().toISOString(), updated_at: new Date().toISOString() },
          { name: 'poll', key: 'poll:2', payload: JSON.stringify({ sourceId: 2 }), state: 'done', run_at: new Date().toISOString(), created_at: new Date().toISOString(), updated_at: new Date().toISOString() },
        ])
        .execute();
      const st = await s.stats();
      for (const [k, v] of Object.entries(st)) assert.equal(typeof v, 'number', k);
      assert.deepEqual(st, { sources: 2, entries: 0, articles: 4, revisions: 0, stories: 0, errors: 0, jobsPending: 1 });
    });
  });
}
