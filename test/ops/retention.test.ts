// Retention on both databases: old articles go in batches with their revisions, unused
// images, unlisted entries and search rows; protected articles (by id, story or predicate)
// and surviving stories' canonical articles stay; a dry run changes nothing; nothing dangles.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backends, article, entry } from '../store/helpers.ts';
import type { Store } from '../../src/store/index.ts';
import { applyRetention, type ArchivedArticle } from '../../src/ops/retention.ts';

const NOW = new Date('2024-06-01T00:00:00Z');
const OLD = '2024-01-10T08:00:00Z';
const OLDER = '2024-01-05T08:00:00Z';
const RECENT = '2024-05-30T08:00:00Z';

/** Saves one article through its own feed entry, as the pipeline does; returns its id. */
async function save(
  store: Store,
  sourceId: number,
  name: string,
  opts: { at: string; story?: number; image?: string; section?: string; seenAt?: string; word?: string },
): Promise<number> {
  const url = `https://news.example.com/${name}`;
  const seen = new Date(opts.seenAt ?? opts.at);
  const [e] = await store.upsertEntries(sourceId, [entry({ id: name, url, title: name })], seen);
  const saved = await store.saveArticle({
    article: article({
      url,
      canonicalUrl: url,
      title: `${name} headline`,
      publishedAt: opts.at,
      articleBody: `Body of ${name}. ${opts.word ?? ''}`,
      leadImage: opts.image ? { url: opts.image, caption: null, credit: null, alt: null, width: null, height: null } : null,
    }),
    sourceId,
    entryId: e!.entryId,
    section: opts.section ?? null,
    now: seen,
  });
  if (opts.story !== undefined) await store.setArticleStory(saved.articleId, opts.story);
  return saved.articleId;
}

async function ids(store: Store): Promise<number[]> {
  return (await store.db.selectFrom('articles').select('id').orderBy('id').execute()).map((r) => r.id);
}

async function count(store: Store, query: ReturnType<typeof sql<{ n: number | string }>>): Promise<number> {
  return Number((await query.execute(store.db)).rows[0]?.n ?? 0);
}

for (const backend of backends) {
  describe(`retention on ${backend.name}`, { skip: backend.skip }, () => {
    test('keeps protected and canonical articles, removes the rest without leaving dangling rows', async () => {
      const store = await backend.fresh();
      const { source } = await store.addSource({ url: 'https://news.example.com/rss.xml' });
      const s = source.id;
      // Story 1 lives on (a recent article): its earliest article stays, a later old one goes.
      const a1 = await save(store, s, 'a1', { at: OLDER, story: 1 });
      const a2 = await save(store, s, 'a2', { at: OLD, story: 1, seenAt: RECENT, word: 'zanzibarword' });
      const a3 = await save(store, s, 'a3', { at: RECENT, story: 1 });
      // A second revision of a2: both revisions must go with it.
      await store.saveArticle({
        article: article({ url: 'https://news.example.com/a2', canonicalUrl: 'https://news.example.com/a2', title: 'a2 corrected', publishedAt: OLD }),
        sourceId: s,
        now: new Date(RECENT),
      });
      // Story 2: all old, nothing protected — goes entirely.
      const b1 = await save(store, s, 'b1', { at: OLDER, story: 2 });
      const b2 = await save(store, s, 'b2', { at: OLD, story: 2 });
      // Story 3: all old, one article pinned — the pin keeps the story, so its first article stays too.
      const c0 = await save(store, s, 'c0', { at: OLDER, story: 3 });
      const c1 = await save(store, s, 'c1', { at: OLD, story: 3 });
      const c2 = await save(store, s, 'c2', { at: OLD, story: 3 });
      // Story 4: pinned as a story — every article stays.
      const d1 = await save(store, s, 'd1', { at: OLDER, story: 4 });
      const d2 = await save(store, s, 'd2', { at: OLD, story: 4 });
      // No story; e1 shares its image with a recent article, e2's image is its own.
      const e1 = await save(store, s, 'e1', { at: OLD, image: 'https://img.example.com/shared.jpg' });
      const f1 = await save(store, s, 'f1', { at: RECENT, image: 'https://img.example.com/shared.jpg' });
      const e2 = await save(store, s, 'e2', { at: OLD, image: 'https://img.example.com/own.jpg' });
      // Kept by the predicate (a section an operator archives for ever).
      const g1 = await save(store, s, 'g1', { at: OLD, section: 'keep' });

      const protect = { articleIds: [c1], storyIds: [4], predicate: (a: { section: string | null }) => a.section === 'keep' };
      const before = await ids(store);
      const dry = await applyRetention(store, { days: 30, now: NOW, dryRun: true, batchSize: 3, protect });
      assert.deepEqual(await ids(store), before, 'a dry run changes nothing');

      const archived: ArchivedArticle[] = [];
      const batches: number[] = [];
      const res = await applyRetention(store, {
        days: 30,
        now: NOW,
        batchSize: 3,
        protect,
        archive: async (batch) => void archived.push(...batch),
        onBatch: (r) => batches.push(r.examined),
      });
      const gone = [a2, b1, b2, c2, e1, e2].sort((x, y) => x - y);
      assert.deepEqual(await ids(store), [a1, a3, c0, c1, d1, d2, f1, g1].sort((x, y) => x - y));
      assert.equal(res.deleted, gone.length);
      assert.equal(dry.deleted, res.deleted, 'the dry run counted what the real run removed');
      assert.equal(dry.revisionsDeleted, res.revisionsDeleted);
      assert.equal(res.examined, 12);
      assert.equal(res.keptCanonical, 2, 'a1 and c0');
      assert.equal(res.keptProtected, 4, 'c1, d1, d2, g1');
      assert.equal(res.revisionsDeleted, gone.length + 1, 'a2 had two revisions');
      assert.equal(res.imagesDeleted, 1, "e2's own image; the shared one is still used");
      assert.equal(res.entriesUnlinked, 1, "a2's entry was seen recently: kept, unlinked");
      assert.equal(res.entriesDeleted, gone.length - 1);
      assert.ok(batches.length >= 4, `ran in batches (${batches.join(', ')})`);
      assert.deepEqual(archived.map((x) => x.article.id).sort((x, y) => x - y), gone);
      assert.equal(archived.find((x) => x.article.id === a2)?.revisions.length, 2);

      // Nothing dangles.
      assert.equal(await count(store, sql`select count(*) as n from article_revisions where article_id not in (select id from articles)`), 0);
      assert.equal(await count(store, sql`select count(*) as n from entries where article_id is not null and article_id not in (select id from articles)`), 0);
      assert.equal(await count(store, sql`select count(*) as n from articles where image_id is not null and image_id not in (select id from images)`), 0);
      assert.equal(await count(store, sql`select count(*) as n from images where url = 'https://img.example.com/own.jpg'`), 0);
      assert.equal(await count(store, sql`select count(*) as n from images where url = 'https://img.example.com/shared.jpg'`), 1);
      const entryOfA2 = await store.getEntryByKey(s, 'a2');
      assert.equal(entryOfA2?.articleId ?? null, null, 'the still-listed entry stays, without its article');
      assert.equal((await store.search('zanzibarword')).total, 0, 'the search index forgot the removed article');
      if (backend.name === 'sqlite') {
        await sql`insert into articles_fts (articles_fts) values ('integrity-check')`.execute(store.db);
        assert.equal((await sql`pragma foreign_key_check`.execute(store.db)).rows.length, 0);
      }
      // A second run finds nothing more to remove.
      const again = await applyRetention(store, { days: 30, now: NOW, protect });
      assert.equal(again.deleted, 0);
    });

    test('a day count below one is refused', async () => {
      const store = await backend.fresh();
      await assert.rejects(applyRetention(store, { days: 0 }), /whole number of days ≥ 1/);
    });
  });
}
