// The admin's tables and moderation on both databases: sessions expire, revoked tokens stop
// working, failed logins are counted, and every moderation step does what it says and can
// be undone exactly — including across a re-fetch of the article and a story reassignment.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AdminStore } from '../../src/store/admin.ts';
import { applyEngineMerges, composeMerges, Moderation, OPERATOR_STORY_IDS_FROM } from '../../src/store/moderation.ts';
import type { Store } from '../../src/store/index.ts';
import { StoryAssigner } from '../../src/jobs/stories.ts';
import { adminArticles, adminStories, storyArticlesAll } from '../../src/web/admin/queries.ts';
import { createLogger } from '../../src/log.ts';
import { article, backends } from './helpers.ts';

const quiet = createLogger({ level: 'silent' });

async function seedStory(store: Store, n: number, storyId: number, prefix = 'a'): Promise<number[]> {
  const { source } = await store.addSource({ url: `https://${prefix}.example/feed.xml`, name: prefix });
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await store.saveArticle({
      sourceId: source.id,
      article: article({ url: `https://${prefix}.example/${i}`, title: `${prefix} headline ${i}`, articleBody: `Body of ${prefix} ${i}. `.repeat(20), wordCount: 80 }),
    });
    await store.setArticleStory(r.articleId, storyId);
    ids.push(r.articleId);
  }
  return ids;
}

const visible = async (store: Store, ids: number[]) => (await Promise.all(ids.map((id) => store.getArticle(id)))).filter((a) => a && !a.hidden).map((a) => a!.id);

for (const b of backends) {
  describe(`admin tables and moderation (${b.name})`, { skip: b.skip }, () => {
    it('keeps sessions until they expire, and a new password ends them', async () => {
      const store = await b.fresh();
      const admin = new AdminStore(store.db);
      await admin.setPasswordHash('admin', 'scrypt$1$1$1$x$y');
      const t0 = new Date('2026-05-01T10:00:00Z');
      await admin.createSession({ digest: 'd1', username: 'admin', csrf: 'c1', expiresAt: new Date(t0.getTime() + 3600_000), ip: '10.0.0.1', userAgent: 'test' }, t0);
      assert.equal((await admin.session('d1', new Date(t0.getTime() + 60_000)))?.username, 'admin');
      assert.equal(await admin.session('d1', new Date(t0.getTime() + 3601_000)), null, 'expired');
      assert.equal(await admin.session('nope', t0), null, 'unknown digest');
      // Sliding expiry: a request after two minutes pushes the end out.
      const later = new Date(t0.getTime() + 120_000);
      const s = await admin.session('d1', later, new Date(later.getTime() + 3600_000));
      assert.equal(s?.expiresAt, new Date(later.getTime() + 3600_000).toISOString());
      await admin.setPasswordHash('admin', 'scrypt$1$1$1$x$z');
      assert.equal(await admin.session('d1', later), null, 'a new password logs every session out');
      assert.equal(await admin.passwordHash('admin'), 'scrypt$1$1$1$x$z');
      assert.equal(await admin.accountCount(), 1);
    });

    it('finds live tokens only, and counts failed logins per account and address', async () => {
      const store = await b.fresh();
      const admin = new AdminStore(store.db);
      const t = await admin.createToken({ name: 'cms', digest: 'abc', hint: 'wxyz', createdBy: 'admin' });
      assert.equal((await admin.useToken('abc'))?.name, 'cms');
      assert.ok((await admin.listTokens())[0]!.lastUsedAt, 'use is noted');
      assert.equal(await admin.revokeToken(t.id), true);
      assert.equal(await admin.revokeToken(t.id), false, 'revoking twice');
      assert.equal(await admin.useToken('abc'), null);
      const now = new Date('2026-05-01T10:00:00Z');
      for (let i = 0; i < 3; i++) await admin.recordLoginFailure('admin', '10.0.0.9', now);
      await admin.recordLoginFailure('other', '10.0.0.9', now);
      assert.deepEqual(await admin.loginFailures('admin', '10.0.0.9', new Date(now.getTime() - 1000)), { byUser: 3, byIp: 4 });
      assert.deepEqual(await admin.loginFailures('admin', '10.0.0.9', new Date(now.getTime() + 1000)), { byUser: 0, byIp: 0 }, 'outside the window');
      await admin.clearLoginFailures('admin', '10.0.0.9');
      assert.equal((await admin.loginFailures('admin', '10.0.0.9', new Date(0))).byUser, 0);
    });

    it('hides and shows articles and whole stories, keeping one-by-one choices', async () => {
      const store = await b.fresh();
      const m = new Moderation(store.db);
      const ids = await seedStory(store, 3, 7);
      assert.deepEqual(await m.setArticleHidden(ids[0]!, true), { before: false });
      assert.equal((await m.setStoryHidden(7, true)).articles, 2, 'the two still shown');
      assert.deepEqual(await visible(store, ids), []);
      assert.equal((await m.setStoryHidden(7, false)).articles, 2);
      assert.deepEqual(await visible(store, ids), ids.slice(1), 'the article hidden on its own stays hidden');
      assert.equal(await m.setArticleHidden(999_999, true), null);
    });

    it('keeps a corrected headline when the source updates the article, and restores it', async () => {
      const store = await b.fresh();
      const m = new Moderation(store.db);
      const [id] = await seedStory(store, 1, 3);
      const r = await m.correctArticle(id!, { title: 'Corrected headline', section: 'Politics' });
      assert.equal(r?.before.title, 'a headline 0');
      // The source changes its text: a new revision, but the operator's headline stays.
      const src = (await store.listSources())[0]!;
      await store.saveArticle({ sourceId: src.id, article: article({ url: 'https://a.example/0', title: 'a headline 0 (updated)', articleBody: 'A new text. '.repeat(30), wordCount: 90 }) });
      const after = await store.getArticle(id!);
      assert.equal(after?.title, 'Corrected headline');
      assert.deepEqual([after?.section, after?.sectionReason], ['Politics', 'editor'], 'the section is the editor\'s, and says so');
      assert.equal(after?.revision, 2);
      assert.equal((await store.articleRevisions(id!)).at(-1)?.title, 'a headline 0 (updated)', 'the revision keeps the source’s headline');
      await m.restoreArticle(id!, r!.before);
      assert.equal((await store.getArticle(id!))?.title, 'a headline 0');
      assert.equal((await store.getArticle(id!))?.section, null);
      assert.equal((await store.getArticle(id!))?.sectionReason, null, 'the undo puts back where the section came from');
      // An undo record written before sections kept a reason: a corrected section was the editor's.
      const again = await m.correctArticle(id!, { section: 'Sports' });
      await m.correctArticle(id!, { section: 'World' });
      await m.restoreArticle(id!, { title: again!.before.title, section: 'Sports', titleOverridden: false, sectionOverridden: true });
      assert.deepEqual([(await store.getArticle(id!))?.section, (await store.getArticle(id!))?.sectionReason], ['Sports', 'editor']);
      await assert.rejects(m.correctArticle(id!, { title: '   ' }), /cannot be empty/);
    });

    it('merges stories with a redirect, splits with an operator id, and undoes both', async () => {
      const store = await b.fresh();
      const m = new Moderation(store.db);
      const a = await seedStory(store, 2, 10, 'a');
      const bIds = await seedStory(store, 2, 11, 'b');
      const merged = await m.mergeStories(11, 10);
      assert.deepEqual(merged.moved, bIds);
      assert.equal(await m.redirectOf(11), 10);
      assert.equal(await m.redirectOf(10), null);
      await assert.rejects(m.mergeStories(10, 11), /merge the other way round/);
      assert.deepEqual((await Promise.all([...a, ...bIds].map((id) => store.getArticle(id)))).map((x) => x?.storyId), [10, 10, 10, 10]);

      const split = await m.splitStory(10, [bIds[1]!]);
      assert.equal(split.newStoryId, OPERATOR_STORY_IDS_FROM);
      assert.equal((await store.getArticle(bIds[1]!))?.storyId, OPERATOR_STORY_IDS_FROM);
      await assert.rejects(m.splitStory(10, [...a, bIds[0]!]), /empty/);
      const o = await m.storyOverrides();
      assert.equal(o.placed.get(bIds[1]!), OPERATOR_STORY_IDS_FROM);
      assert.equal(o.redirects.get(11), 10);

      assert.equal(await m.unsplitStory(split.newStoryId, 10, split.moved), 1);
      assert.equal((await store.getArticle(bIds[1]!))?.storyId, 10);
      assert.equal((await m.storyOverrides()).placed.size, 0);
      assert.equal(await m.unmergeStories(11, 10, merged.moved), 2);
      assert.equal(await m.redirectOf(11), null);
      assert.deepEqual((await Promise.all(bIds.map((id) => store.getArticle(id)))).map((x) => x?.storyId), [11, 11]);
    });

    it('records the engine’s own merges as redirects, chained', async () => {
      const store = await b.fresh();
      const m = new Moderation(store.db);
      await applyEngineMerges(store.db, composeMerges([{ from: [3], into: 2 }]));
      await applyEngineMerges(store.db, composeMerges([{ from: [2, 1], into: 1 }]));
      assert.equal(await m.redirectOf(3), 1, 'an earlier redirect follows its target');
      assert.equal(await m.redirectOf(2), 1);
      assert.equal(await m.redirectOf(1), null, 'the survivor does not redirect to itself');
    });

    it('writes a batch of engine merges as if each were written in turn', async () => {
      const store = await b.fresh();
      const m = new Moderation(store.db);
      const s1 = await seedStory(store, 2, 1, 'one');
      const s2 = await seedStory(store, 2, 2, 'two');
      const s3 = await seedStory(store, 1, 3, 'three');
      const s4 = await seedStory(store, 1, 4, 'four');
      const s5 = await seedStory(store, 2, 5, 'five');
      // An operator merged story 9 into story 5 earlier; they placed one article in story 2.
      await store.db.insertInto('story_redirects').values({ from_id: 9, to_id: 5, by_operator: 1, created_at: new Date().toISOString() }).onConflict((oc) => oc.doNothing()).execute();
      // 1 and 2 become 2; then 2 and 3 become 3 (so 1 ends in 3 too); then 5 into 4.
      const moved = composeMerges([
        { from: [1, 2], into: 2 },
        { from: [2, 3], into: 3 },
        { from: [5], into: 4 },
      ]);
      assert.deepEqual([...moved].sort((x, y) => x[0] - y[0]), [[1, 3], [2, 3], [5, 4]]);
      await applyEngineMerges(store.db, moved, [s2[1]!]);
      const storyOf = async (ids: number[]) => Promise.all(ids.map(async (id) => (await store.getArticle(id))?.storyId));
      assert.deepEqual(await storyOf([...s1, ...s2, ...s3]), [3, 3, 3, 2, 3], 'the placed article stays where the operator put it');
      assert.deepEqual(await storyOf([...s4, ...s5]), [4, 4, 4]);
      assert.equal(await m.redirectOf(1), 3);
      assert.equal(await m.redirectOf(2), 3);
      assert.equal(await m.redirectOf(5), 4);
      assert.equal(await m.redirectOf(9), 4, 'a redirect into an absorbed story follows it');
      assert.equal(await m.redirectOf(3), null);
      assert.equal(composeMerges([{ from: [7], into: 7 }]).size, 0, 'a story merged into itself moves nothing');
    });

    it('an engine merge against an operator merge leaves no story redirecting to itself', async () => {
      const store = await b.fresh();
      const m = new Moderation(store.db);
      const a = await seedStory(store, 2, 1, 'aa');
      const bb = await seedStory(store, 1, 2, 'bb');
      // The operator merged story 1 into story 2; later the engine folds its story 2 into 1.
      await m.mergeStories(1, 2);
      await applyEngineMerges(store.db, composeMerges([{ from: [2], into: 1 }]));
      const storyOf = async (ids: number[]) => Promise.all(ids.map(async (id) => (await store.getArticle(id))?.storyId));
      assert.deepEqual(await storyOf([...a, ...bb]), [1, 1, 1], 'all together, in the survivor');
      assert.equal(await m.redirectOf(2), 1);
      assert.equal(await m.redirectOf(1), null);
      const loops = await store.db.selectFrom('story_redirects').select('from_id').whereRef('from_id', '=', 'to_id').execute();
      assert.deepEqual(loops, [], 'no redirect from a story to itself');
      assert.equal((await m.storyOverrides()).redirects.get(1), undefined);
    });

    it('lists articles and stories for the admin, hidden ones included', async () => {
      const store = await b.fresh();
      const m = new Moderation(store.db);
      const ids = await seedStory(store, 3, 21);
      await m.setArticleHidden(ids[1]!, true);
      const all = await adminArticles(store.db, { limit: 10 });
      assert.deepEqual(all.map((a) => a.id), [...ids].reverse(), 'newest first');
      assert.deepEqual((await adminArticles(store.db, { hidden: true })).map((a) => a.id), [ids[1]]);
      assert.equal((await adminArticles(store.db, { before: ids[2]!, limit: 1 }))[0]?.id, ids[1]);
      assert.deepEqual((await storyArticlesAll(store.db, 21)).map((a) => a.hidden), [false, true, false]);
      const [story] = await adminStories(store.db);
      assert.deepEqual({ id: story?.id, articles: story?.articles, visible: story?.visible, outlets: story?.outlets }, { id: 21, articles: 3, visible: 2, outlets: 1 });
      assert.equal(story?.title, 'a headline 0');
    });

    it('pins stories newest first and titles them', async () => {
      const store = await b.fresh();
      const m = new Moderation(store.db);
      await m.setStoryPinned(4, true, new Date('2026-05-01T10:00:00Z'));
      await m.setStoryPinned(5, true, new Date('2026-05-01T11:00:00Z'));
      assert.deepEqual(await m.pinnedStories(), [5, 4]);
      await m.setStoryPinned(5, false);
      assert.deepEqual(await m.pinnedStories(), [4]);
      assert.deepEqual(await m.setStoryTitle(4, 'Harbour strike'), { before: null });
      assert.equal((await m.storyFlags([4])).get(4)?.title, 'Harbour strike');
    });

    it('lets the story assigner keep the operator’s placements and hidden stories', async () => {
      const url = await b.newUrl();
      const store = await b.open(url);
      const m = new Moderation(store.db);
      const { source } = await store.addSource({ url: 'https://c.example/feed.xml', name: 'c' });
      const body = 'Harbour workers walked off the job on Monday over pay, leaving the cranes idle along the eastern quay. '.repeat(6);
      const ids: number[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push((await store.saveArticle({ sourceId: source.id, article: article({ url: `https://c.example/${i}`, title: `Harbour strike over pay, day ${i}`, articleBody: body + i, wordCount: 120 }) })).articleId);
      }
      // On PostgreSQL the assigner holds an advisory lock on a connection of its own.
      const assigner = new StoryAssigner(store, quiet, b.name === 'postgres' ? url : null);
      assert.equal(await assigner.assignNew(), 3);
      const story = (await store.getArticle(ids[0]!))!.storyId!;
      assert.deepEqual((await Promise.all(ids.map((id) => store.getArticle(id)))).map((a) => a?.storyId), [story, story, story], 'one story');
      const split = await m.splitStory(story, [ids[2]!]);
      await m.setStoryHidden(story, true);
      await m.setStoryPinned(story, true);
      await m.setStoryTitle(story, 'The harbour strike');
      // Flags on a story with no articles left must not land on whatever gets its number next.
      await m.setStoryPinned(story + 50, true);
      // A rebuild regroups everything from scratch: the operator's split survives it.
      await assigner.rebuild();
      assert.equal((await store.getArticle(ids[2]!))?.storyId, split.newStoryId);
      const renumbered = (await store.getArticle(ids[0]!))!.storyId!;
      assert.deepEqual(await m.pinnedStories(), [renumbered], 'the pin follows the story to its new number; the empty one is dropped');
      assert.equal((await m.storyFlags([renumbered])).get(renumbered)?.title, 'The harbour strike');
      // A new article joining the hidden story is hidden with it.
      const late = (await store.saveArticle({ sourceId: source.id, article: article({ url: 'https://c.example/3', title: 'Harbour strike over pay, day 3', articleBody: body + 3, wordCount: 120 }) })).articleId;
      await assigner.assignNew();
      const l = await store.getArticle(late);
      assert.equal(l?.storyId, renumbered);
      assert.equal(l?.hidden, true);
      await assigner.close();
    });
  });
}
