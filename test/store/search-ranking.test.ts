// Search over many matches: a common word matched by more articles than SQLite ranks at
// once (RANK_WINDOW), so ranking, paging, counting, hidden articles and filters are checked
// across the window's edge — on both databases (PostgreSQL ranks every match; the same
// answers hold there, except which tier a hit falls in).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, article } from './helpers.ts';
import { sql, type RawBuilder } from 'kysely';
import type { Store } from '../../src/store/index.ts';
import { RANK_WINDOW } from '../../src/store/sqlite/search.ts';

/** Articles mentioning the common word: more than one window, so there are two tiers. */
const COMMON = RANK_WINDOW + 300;
/** Past the count's one-by-one lookup of hidden articles (HIDDEN_LOOKUPS_MAX, 500). */
const MANY_HIDDEN = 520;

interface Seeded {
  /** Ids of the common-word articles, oldest first. */
  common: number[];
  /** The oldest article: the only one with the distinctive phrase in its headline. */
  quarry: number;
  /** Newer articles that mention the phrase's words in passing in their bodies. */
  passing: number[];
  world: number;
  sport: number;
}

async function seed(s: Store): Promise<Seeded> {
  const world = (await s.addSource({ url: 'https://news.example.com/feed', section: 'World' })).source.id;
  const sport = (await s.addSource({ url: 'https://sport.example.com/feed', section: 'Sport' })).source.id;
  const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString();
  let n = 0;
  const save = async (tx: Store, over: Parameters<typeof article>[0], sourceId: number): Promise<number> => {
    n++;
    const url = `https://news.example.com/a/${n}`;
    return (await tx.saveArticle({ article: article({ url, canonicalUrl: null, publishedAt: day(n), ...over }), sourceId })).articleId;
  };
  return s.transaction(async (tx) => {
    const quarry = await save(tx, {
      title: 'Quarry flooding forces evacuation',
      description: 'Water broke through the quarry wall.',
      articleBody: 'Quarry flooding reached the village overnight. Officials said the pumps were too slow.',
    }, world);
    const common: number[] = [quarry];
    const passing: number[] = [];
    for (let i = 1; i < COMMON; i++) {
      // Every tenth article mentions both words in passing, far apart in a long body.
      const mention = i % 10 === 0;
      const body = mention
        ? `Officials met on ${i}. The old quarry was discussed. ${'Other business followed. '.repeat(30)} Some flooding was reported elsewhere.`
        : `Officials met on ${i} to discuss the budget.`;
      const id = await save(tx, { title: `Council meeting ${i}`, description: null, articleBody: body }, i % 2 === 0 ? world : sport);
      common.push(id);
      if (mention) passing.push(id);
    }
    return { common, quarry, passing, world, sport };
  });
}

/** Every hit of a query, page by page. */
async function allPages(s: Store, query: string, opts: Parameters<Store['search']>[1] = {}, limit = 100): Promise<{ total: number; ids: number[]; ranks: number[] }> {
  const ids: number[] = [];
  const ranks: number[] = [];
  let total = 0;
  for (let offset = 0; ; offset += limit) {
    const r = await s.search(query, { ...opts, limit, offset });
    total = r.total;
    if (r.hits.length === 0) break;
    ids.push(...r.hits.map((h) => h.articleId));
    ranks.push(...r.hits.map((h) => h.rank));
  }
  return { total, ids, ranks };
}

for (const b of backends) {
  describe(`search over many matches on ${b.name}`, { skip: b.skip }, () => {
    let s: Store;
    let d: Seeded;
    before(async () => {
      s = await b.fresh();
      d = await seed(s);
    });

    test('the best match for a distinctive phrase comes first, though it is the oldest article', async () => {
      const res = await s.search('"quarry flooding"');
      assert.deepEqual(res.hits.map((h) => h.articleId), [d.quarry], 'only the headline has the phrase');
      const words = await s.search('quarry flooding');
      assert.equal(words.total, d.passing.length + 1);
      assert.equal(words.hits[0]!.articleId, d.quarry, 'a headline match outranks passing mentions in newer bodies');
      assert.match(words.hits[0]!.snippet, /<mark>Quarry<\/mark> <mark>flooding<\/mark> reached/);
      // …also with the common word added, which alone matches more than one tier.
      const withCommon = await s.search('officials quarry flooding');
      assert.equal(withCommon.hits[0]!.articleId, d.quarry);
    });

    test('a common word: exact total, every match once across pages, newest tier first', async () => {
      const { total, ids, ranks } = await allPages(s, 'officials');
      assert.equal(total, COMMON);
      assert.equal(ids.length, COMMON);
      assert.deepEqual([...ids].sort((x, y) => x - y), [...d.common].sort((x, y) => x - y), 'no match is lost or repeated at page or tier edges');
      // Pages whose size does not divide the window give the same order.
      const odd = await allPages(s, 'officials', {}, 7);
      assert.deepEqual(odd.ids, ids);
      if (b.name === 'sqlite') {
        const firstTier = ids.slice(0, RANK_WINDOW);
        const newest = [...d.common].sort((x, y) => y - x).slice(0, RANK_WINDOW);
        assert.deepEqual([...firstTier].sort((x, y) => x - y), newest.sort((x, y) => x - y), 'the first tier is the newest matches');
        for (let i = 1; i < RANK_WINDOW; i++) assert.ok(ranks[i - 1]! >= ranks[i]!, `ranked within the tier (at ${i})`);
      } else {
        for (let i = 1; i < ranks.length; i++) assert.ok(ranks[i - 1]! >= ranks[i]!, `ranked (at ${i})`);
      }
      // Snippets are made for the page's hits, matched in the body.
      const page = await s.search('officials', { offset: RANK_WINDOW - 2, limit: 4 });
      assert.equal(page.hits.length, 4);
      for (const h of page.hits) assert.match(h.snippet, /<mark>Officials<\/mark> met on/);
    });

    test('filters across tiers: section, source, dates, and both section and source', async () => {
      const world = await allPages(s, 'officials', { section: 'World' });
      assert.equal(world.total, Math.ceil(COMMON / 2));
      assert.equal(new Set(world.ids).size, world.total);
      const bySource = await allPages(s, 'officials', { sourceId: d.sport });
      assert.equal(bySource.total, Math.floor(COMMON / 2));
      assert.equal((await s.search('officials', { section: 'World', sourceId: d.sport })).total, 0, 'no article is in both');
      assert.equal((await s.search('officials', { section: 'Sport', sourceId: d.sport })).total, bySource.total);
      // Published one an hour from 2024-01-01T01:00: the article saved n-th is at hour n.
      const since = new Date(Date.UTC(2024, 0, 1) + 101 * 3_600_000);
      const until = new Date(Date.UTC(2024, 0, 1) + 201 * 3_600_000);
      const window = await allPages(s, 'officials', { since, until });
      assert.equal(window.total, 100);
      assert.deepEqual([...window.ids].sort((x, y) => x - y), d.common.slice(100, 200));
      assert.equal((await s.search('officials', { since, until, section: 'World' })).total, 50);
    });

    test('hidden articles are left out of the count and every tier, few or many', async () => {
      const fewHidden = [d.common.at(-1)!, d.common.at(-2)!, d.common[5]!];
      for (const id of fewHidden) await s.setArticleHidden(id, true);
      const few = await allPages(s, 'officials');
      assert.equal(few.total, COMMON - fewHidden.length);
      assert.equal(few.ids.length, few.total);
      for (const id of fewHidden) assert.ok(!few.ids.includes(id));
      assert.equal((await s.search('officials', { includeHidden: true })).total, COMMON);
      assert.equal((await s.search('officials', { section: 'World' })).total, Math.ceil(COMMON / 2) - fewHidden.filter((id) => (d.common.indexOf(id) % 2 === 0)).length);

      const manyHidden = d.common.slice(1000, 1000 + MANY_HIDDEN);
      for (const id of manyHidden) await s.setArticleHidden(id, true);
      const many = await allPages(s, 'officials');
      assert.equal(many.total, COMMON - fewHidden.length - MANY_HIDDEN);
      assert.equal(many.ids.length, many.total);
      assert.equal(new Set([...many.ids, ...manyHidden, ...fewHidden]).size, COMMON);
      assert.equal((await s.search('"quarry flooding"')).hits[0]?.articleId, d.quarry);
      for (const id of [...fewHidden, ...manyHidden]) await s.setArticleHidden(id, false);
      assert.equal((await s.search('officials')).total, COMMON);
    });
  });
}

describe('the SQLite index of hidden articles', () => {
  test('holds only hidden articles, serves search, and is not taken for visible ones', async () => {
    const s = await backends[0]!.fresh();
    const indexes = await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master where type = 'index' and tbl_name = 'articles'`.execute(s.db);
    const names = indexes.rows.map((r) => r.name);
    assert.ok(names.includes('articles_hidden_only'));
    assert.ok(!names.includes('articles_hidden'), 'the full index on hidden is gone');
    const plan = async (q: RawBuilder<unknown>) => (await sql<{ detail: string }>`explain query plan ${q}`.execute(s.db)).rows.map((r) => r.detail).join(' / ');
    assert.match(await plan(sql`select id from articles where hidden = 1`), /articles_hidden_only/);
    // The shape of the site's "first article of a story": with an index on hidden it scanned
    // every visible article in id order.
    const first = await plan(sql`select a.id from articles a where a.hidden = ${0} and a.story_id in (${1}, ${2})
      and a.sort_at = (select min(b.sort_at) from articles b where b.story_id = a.story_id and b.hidden = ${0}) order by a.id`);
    assert.match(first, /articles_story/);
    assert.doesNotMatch(first, /hidden/);
  });
});
