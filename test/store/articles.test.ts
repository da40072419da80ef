// Articles: dedup on the canonical URL, revisions, images, concurrency and transactions —
// on both databases.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { backends, article, entry } from './helpers.ts';

const CHILD = new URL('./fixtures/save-articles.ts', import.meta.url).pathname;

for (const b of backends) {
  describe(`articles on ${b.name}`, { skip: b.skip }, () => {
    test('the same article behind tracking parameters, a fragment or another link is one article', async () => {
      const s = await b.fresh();
      const src = (await s.addSource({ url: 'https://news.example.com/feed', section: 'World' })).source;
      const first = await s.saveArticle({ article: article(), sourceId: src.id });
      assert.equal(first.outcome, 'new');
      assert.equal(first.revision, 1);
      assert.equal(first.canonicalUrl, 'https://news.example.com/world/story-1');

      // Fetched through a campaign link, the page declares the same canonical.
      const viaNewsletter = await s.saveArticle({
        article: article({ url: 'https://news.example.com/world/story-1?utm_source=nl&utm_medium=email&fbclid=abc#comments' }),
        sourceId: src.id,
      });
      assert.deepEqual(viaNewsletter, { ...first, outcome: 'unchanged' });
      // No canonical on the page: the URL itself, cleaned, is the key.
      const noCanonical = await s.saveArticle({
        article: article({ url: 'https://NEWS.example.com:443/world/story-1/?gclid=1&mc_cid=2&mc_eid=3&igshid=4&ref=tw&ref_src=twsrc', canonicalUrl: null }),
      });
      assert.equal(noCanonical.articleId, first.articleId);
      // A different query parameter that names another page is another article.
      const other = await s.saveArticle({ article: article({ url: 'https://news.example.com/world/story-1?page=2', canonicalUrl: null }) });
      assert.notEqual(other.articleId, first.articleId);

      const stored = await s.getArticle(first.articleId);
      assert.equal(stored?.section, 'World', 'section comes from the source');
      assert.equal(stored?.sourceId, src.id);
      assert.deepEqual(stored?.authors, ['Ana Lima']);
      assert.equal(stored?.publishedAt, '2024-05-01T08:00:00.000Z');
      assert.equal(stored?.sortAt, '2024-05-01T08:00:00.000Z');
      assert.equal(stored?.hidden, false);
      assert.equal((await s.findArticleByUrl('https://news.example.com/world/story-1?utm_campaign=x'))?.id, first.articleId);
      assert.equal((await s.stats()).articles, 2);
    });

    test('a syndicated copy at another site is its own article; a home-page canonical is ignored', async () => {
      const s = await b.fresh();
      const original = await s.saveArticle({ article: article() });
      const copy = await s.saveArticle({
        article: article({ url: 'https://portal.example.net/wire/floods-port', canonicalUrl: 'https://news.example.com/world/story-1' }),
      });
      assert.notEqual(copy.articleId, original.articleId);
      assert.equal(copy.outcome, 'new');
      assert.equal((await s.getArticle(copy.articleId))?.originalUrl, 'https://news.example.com/world/story-1');

      // A template bug: every page declares the home page canonical. Two pages stay two articles.
      const p1 = await s.saveArticle({ article: article({ url: 'https://blog.example.org/2024/a', canonicalUrl: 'https://blog.example.org/' }) });
      const p2 = await s.saveArticle({ article: article({ url: 'https://blog.example.org/2024/b', canonicalUrl: 'https://blog.example.org/' }) });
      assert.notEqual(p1.articleId, p2.articleId);
      assert.equal((await s.getArticle(p1.articleId))?.canonicalUrl, 'https://blog.example.org/2024/a');
      await assert.rejects(s.saveArticle({ article: article({ url: null, canonicalUrl: 'not a url' }) }), /without a usable URL/);
    });

    test('a changed headline or body is a new revision; an identical re-save is not; metadata changes update in place', async () => {
      const s = await b.fresh();
      const t0 = new Date('2024-06-01T12:00:00Z');
      const at = (min: number) => new Date(t0.getTime() + min * 60_000);
      const first = await s.saveArticle({ article: article(), now: t0 });
      assert.equal((await s.saveArticle({ article: article(), now: at(1) })).outcome, 'unchanged');
      // Whitespace differences in the text are not a change of the text.
      const reflowed = await s.saveArticle({ article: article({ title: '  Floods close   the river port ' }), now: at(2) });
      assert.equal(reflowed.outcome, 'unchanged');

      const newHeadline = await s.saveArticle({ article: article({ title: 'Floods close the river port for a week' }), now: at(3) });
      assert.deepEqual([newHeadline.articleId, newHeadline.outcome, newHeadline.revision], [first.articleId, 'updated', 2]);
      const newBody = await s.saveArticle({
        article: article({ title: 'Floods close the river port for a week', articleBody: 'Heavy rain flooded the port. It reopens Monday.' }),
        now: at(4),
      });
      assert.deepEqual([newBody.outcome, newBody.revision], ['updated', 3]);
      assert.equal((await s.saveArticle({ article: article({ title: 'Floods close the river port for a week', articleBody: 'Heavy rain flooded the port. It reopens Monday.' }), now: at(5) })).outcome, 'unchanged');

      // A new description or image is an update of the current revision, not a new one.
      const meta = await s.saveArticle({
        article: article({
          title: 'Floods close the river port for a week',
          articleBody: 'Heavy rain flooded the port. It reopens Monday.',
          description: 'Updated standfirst',
          leadImage: { url: 'https://img.example.com/port.jpg', caption: 'The flooded port', credit: 'Photo: AP', alt: null, width: 1200, height: 800 },
        }),
        now: at(6),
      });
      assert.deepEqual([meta.outcome, meta.revision], ['updated', 3]);

      const revs = await s.articleRevisions(first.articleId);
      assert.deepEqual(revs.map((r) => r.revision), [1, 2, 3]);
      assert.deepEqual(revs.map((r) => r.title), ['Floods close the river port', 'Floods close the river port for a week', 'Floods close the river port for a week']);
      assert.match(revs[0]!.bodyText ?? '', /Officials said/);
      assert.equal(revs[2]!.bodyText, 'Heavy rain flooded the port. It reopens Monday.');
      assert.deepEqual(revs.map((r) => r.changedAt), [t0.toISOString(), at(3).toISOString(), at(4).toISOString()]);

      const stored = await s.getArticle(first.articleId);
      assert.equal(stored?.revision, 3);
      assert.equal(stored?.description, 'Updated standfirst');
      assert.deepEqual(stored?.image && { ...stored.image, id: 0 }, {
        id: 0, url: 'https://img.example.com/port.jpg', caption: 'The flooded port', credit: 'Photo: AP', alt: null, width: 1200, height: 800,
      });
      assert.equal(stored?.createdAt, t0.toISOString());
      assert.equal(stored?.updatedAt, at(6).toISOString());
      const st = await s.stats();
      assert.deepEqual([st.articles, st.revisions], [1, 2]);
    });

    test('images are shared by URL and never lose what was known', async () => {
      const s = await b.fresh();
      const img = { url: 'https://img.example.com/a.jpg', caption: 'Caption', credit: null, alt: null, width: 640, height: null };
      const a1 = await s.saveArticle({ article: article({ leadImage: img }) });
      const a2 = await s.saveArticle({
        article: article({ url: 'https://news.example.com/other', canonicalUrl: null, leadImage: { ...img, caption: null, credit: 'Reuters', height: 480 } }),
      });
      const i1 = (await s.getArticle(a1.articleId))!.image!;
      const i2 = (await s.getArticle(a2.articleId))!.image!;
      assert.equal(i1.id, i2.id);
      assert.deepEqual([i2.caption, i2.credit, i2.width, i2.height], ['Caption', 'Reuters', 640, 480]);
      // A re-extraction that missed the image keeps the one found before.
      await s.saveArticle({ article: article({ description: 'changed', leadImage: null }) });
      assert.equal((await s.getArticle(a1.articleId))?.image?.id, i1.id);
      assert.equal(await s.saveImage({ url: 'https://img.example.com/a.jpg' }), i1.id);
      await assert.rejects(s.saveImage({ url: '/relative.jpg' }), /absolute/);
    });

    test('saving links the entry; hiding and stories are stored', async () => {
      const s = await b.fresh();
      const src = (await s.addSource({ url: 'https://news.example.com/feed' })).source;
      const e = await s.upsertEntry(src.id, entry());
      const saved = await s.saveArticle({ article: article(), sourceId: src.id, entryId: e.entryId, section: 'Front' });
      assert.equal((await s.getEntry(e.entryId))?.articleId, saved.articleId);
      assert.equal((await s.getArticle(saved.articleId))?.section, 'Front');
      assert.equal(await s.setArticleHidden(saved.articleId, true), true);
      assert.equal((await s.getArticle(saved.articleId))?.hidden, true);
      assert.equal((await s.listArticles()).length, 0);
      assert.equal((await s.listArticles({ includeHidden: true })).length, 1);
      assert.equal(await s.setArticleStory(saved.articleId, 42), true);
      assert.equal((await s.stats()).stories, 1);
      assert.equal(await s.setArticleHidden(9999, true), false);
    });

    test('a failed transaction leaves nothing behind, and the store keeps working', async () => {
      const s = await b.fresh();
      const src = (await s.addSource({ url: 'https://news.example.com/feed' })).source;
      const before = await s.stats();
      // The entry link fails after the image, article and revision rows were written.
      await assert.rejects(
        s.saveArticle({
          article: article({ leadImage: { url: 'https://img.example.com/x.jpg', caption: 'x', credit: null, alt: null, width: null, height: null } }),
          sourceId: src.id,
          entryId: 424242,
        }),
        /entry 424242 does not exist/,
      );
      // Several calls in one transaction, then a crash.
      await assert.rejects(
        s.transaction(async (tx) => {
          const e = await tx.upsertEntry(src.id, entry());
          await tx.saveArticle({ article: article(), sourceId: src.id, entryId: e.entryId });
          await tx.recordPoll(src.id, { ok: true, status: 200, nextPollAt: new Date('2030-01-01T00:00:00Z') });
          throw new Error('worker crashed');
        }),
        /worker crashed/,
      );
      assert.deepEqual(await s.stats(), before);
      assert.equal(await s.findArticleByUrl('https://news.example.com/world/story-1'), null);
      assert.equal((await s.getSource(src.id))?.lastPolledAt, null);
      assert.equal((await s.search('flooded')).total, 0, 'the search index was rolled back too');
      // The same work done again succeeds and is complete.
      const ok = await s.transaction(async (tx) => {
        const e = await tx.upsertEntry(src.id, entry());
        return tx.saveArticle({ article: article(), sourceId: src.id, entryId: e.entryId });
      });
      assert.equal(ok.outcome, 'new');
      const st = await s.stats();
      assert.deepEqual([st.entries, st.articles, st.revisions], [1, 1, 0]);
      assert.equal((await s.search('flooded')).total, 1);
    });

    test('parallel saves of the same article end with one row and one revision', async () => {
      const url = await b.newUrl();
      const s1 = await b.open(url);
      const s2 = await b.open(url);
      const variants = [article(), article({ url: 'https://news.example.com/world/story-1?utm_source=a' }), article({ canonicalUrl: null })];
      const results = await Promise.all([...variants.map((a) => s1.saveArticle({ article: a })), ...variants.map((a) => s2.saveArticle({ article: a }))]);
      assert.equal(new Set(results.map((r) => r.articleId)).size, 1);
      assert.equal(results.filter((r) => r.outcome === 'new').length, 1);
      const st = await s1.stats();
      assert.deepEqual([st.articles, st.revisions], [1, 0]);
      assert.equal((await s1.articleRevisions(results[0]!.articleId)).length, 1);
    });

    test('several processes saving the same articles at once store each exactly once', async () => {
      const url = await b.newUrl();
      const s = await b.open(url);
      const src = (await s.addSource({ url: 'https://news.example.com/feed' })).source;
      const run = () => promisify(execFile)(process.execPath, ['--import', 'tsx', CHILD, url, String(src.id), '40'], { timeout: 120_000 });
      const outs = await Promise.all([run(), run(), run()]);
      const outcomes = outs.map((o) => JSON.parse(o.stdout) as Record<string, number>);
      assert.equal(outcomes.reduce((n, o) => n + (o.new ?? 0), 0), 40, 'each article is new exactly once across processes');
      const st = await s.stats();
      assert.deepEqual([st.entries, st.articles, st.revisions], [40, 40, 0]);
      assert.equal((await s.entriesWithoutArticle()).length, 0);
    });
  });
}
