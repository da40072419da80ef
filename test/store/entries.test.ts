// Entries: new / changed / unchanged per source, keyed on the feed's id — on both databases.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, entry } from './helpers.ts';

for (const b of backends) {
  describe(`entries on ${b.name}`, { skip: b.skip }, () => {
    test('an entry is new once, unchanged when repeated, changed when its content changes', async () => {
      const s = await b.fresh();
      const src = (await s.addSource({ url: 'https://news.example.com/feed' })).source;
      const t0 = new Date('2024-06-01T12:00:00Z');
      const first = await s.upsertEntry(src.id, entry(), t0);
      assert.equal(first.outcome, 'new');
      assert.equal(first.key, 'guid-1');
      assert.equal(first.articleId, null);

      const same = await s.upsertEntry(src.id, entry(), new Date(t0.getTime() + 60_000));
      assert.deepEqual(same, { ...first, outcome: 'unchanged' });
      // A feed that re-stamps its dates on every request does not make the entry "changed".
      assert.equal((await s.upsertEntry(src.id, entry({ updatedAt: '2024-06-01T13:00:00Z' }))).outcome, 'unchanged');

      const edited = await s.upsertEntry(src.id, entry({ title: 'A corrected headline' }), new Date(t0.getTime() + 120_000));
      assert.equal(edited.outcome, 'changed');
      assert.equal(edited.entryId, first.entryId);
      const row = await s.getEntry(first.entryId);
      assert.equal(row?.title, 'A corrected headline');
      assert.equal(row?.entry.title, 'A corrected headline');
      assert.equal(row?.firstSeenAt, t0.toISOString());
      assert.equal(row?.changedAt, new Date(t0.getTime() + 120_000).toISOString());
      assert.equal(row?.publishedAt, '2024-05-01T08:00:00.000Z');
      assert.equal((await s.upsertEntry(src.id, entry({ title: 'A corrected headline', summary: 'New summary' }))).outcome, 'changed');
      assert.equal((await s.stats()).entries, 1);
    });

    test('entry ids are per source; an entry without an id is keyed on its URL', async () => {
      const s = await b.fresh();
      const a = (await s.addSource({ url: 'https://a.example/feed' })).source;
      const c = (await s.addSource({ url: 'https://c.example/feed' })).source;
      const ea = await s.upsertEntry(a.id, entry({ id: 'shared-guid' }));
      const ec = await s.upsertEntry(c.id, entry({ id: 'shared-guid' }));
      assert.equal(ea.outcome, 'new');
      assert.equal(ec.outcome, 'new');
      assert.notEqual(ea.entryId, ec.entryId);

      const noId = await s.upsertEntry(a.id, entry({ id: '', url: 'https://a.example/no-guid' }));
      assert.equal(noId.key, 'https://a.example/no-guid');
      assert.equal((await s.getEntryByKey(a.id, 'https://a.example/no-guid'))?.id, noId.entryId);
      await assert.rejects(s.upsertEntry(a.id, entry({ id: '', url: null })), /needs an id or a URL/);
      await assert.rejects(s.upsertEntry(9999, entry()), /source 9999 does not exist/);
      assert.equal((await s.stats()).entries, 3);
    });

    test('a whole poll is stored in one call, results in order; times and pending work are queryable', async () => {
      const s = await b.fresh();
      const src = (await s.addSource({ url: 'https://news.example.com/feed' })).source;
      const t0 = new Date('2024-06-01T12:00:00Z');
      const items = [1, 2, 3].map((i) => entry({ id: `g${i}`, url: `https://news.example.com/${i}`, publishedAt: `2024-06-0${i}T00:00:00Z` }));
      const res = await s.upsertEntries(src.id, items, t0);
      assert.deepEqual(res.map((r) => [r.key, r.outcome]), [['g1', 'new'], ['g2', 'new'], ['g3', 'new']]);
      const again = await s.upsertEntries(src.id, [...items, entry({ id: 'g4', url: 'https://news.example.com/4', publishedAt: null })], t0);
      assert.deepEqual(again.map((r) => r.outcome), ['unchanged', 'unchanged', 'unchanged', 'new']);

      const times = (await s.entryTimes(src.id, new Date(t0.getTime() - 1000))).map((d) => d.toISOString()).sort();
      assert.deepEqual(times, ['2024-06-01T00:00:00.000Z', '2024-06-01T12:00:00.000Z', '2024-06-02T00:00:00.000Z', '2024-06-03T00:00:00.000Z']);
      assert.equal((await s.entriesWithoutArticle({ sourceId: src.id })).length, 4);
      const saved = await s.saveArticle({
        article: {
          url: 'https://news.example.com/1', canonicalUrl: null, title: 'One', authors: [], publishedAt: null, modifiedAt: null,
          lang: null, siteName: null, description: null, leadImage: null, articleBody: 'One.', html: null, wordCount: 1,
        },
        sourceId: src.id,
        entryId: res[0]!.entryId,
      });
      const pending = await s.entriesWithoutArticle({ sourceId: src.id });
      assert.deepEqual(pending.map((p) => p.key).sort(), ['g2', 'g3', 'g4']);
      // The link shows up on the next upsert of that entry.
      assert.equal((await s.upsertEntry(src.id, items[0]!)).articleId, saved.articleId);
    });
  });
}
