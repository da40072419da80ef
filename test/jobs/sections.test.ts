// Sections end to end, on both databases: what an outlet files an article under (its feed's
// categories, else the page's own section label) decides the article's section when the
// operator gave its source none; a source's section and an editor's correction are kept
// through a regrouping, and a section the stories stage chose is chosen again.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startNewsroom, type RunningNewsroom, type Section } from '../../src/demo/index.ts';
import { ingestOnce } from '../../src/jobs/index.ts';
import { loopbackDeps as depsFor } from './fixtures/deps.ts';
import { Moderation } from '../../src/store/moderation.ts';
import { tryCanonicalizeUrl } from '../../src/store/index.ts';
import { backends } from '../store/helpers.ts';

/** The demo's sections as the site's standard sections call them. */
const SITE_SECTION: Record<Section, string> = {
  world: 'World', politics: 'Politics', business: 'Business', science: 'Science', technology: 'Technology',
  sport: 'Sports', culture: 'Entertainment', health: 'Health',
};

/** Every published item's true section, by its canonical URL. */
function truth(room: RunningNewsroom): Map<string, string> {
  const out = new Map<string, string>();
  room.outlets.forEach((_, o) => {
    for (const i of room.newsroom.feedIndexes(o)) out.set(tryCanonicalizeUrl(room.articleUrl(o, i))!, SITE_SECTION[room.article(o, i).section]);
  });
  return out;
}

for (const backend of backends) {
  describe(`sections on ${backend.name}`, { skip: backend.skip }, () => {
    test("an article is filed where its outlet files it: the feed's categories, else the page's section label", async () => {
      const room = await startNewsroom({ seed: 5, outlets: 12, itemsPerFeed: 4, hosts: 'per-outlet', crawlDelay: 0, now: new Date('2026-11-20T12:00:00Z') });
      try {
        const url = await backend.newUrl();
        const store = await backend.open(url);
        // Every outlet by its main feed; the outlets without one by their section page (no
        // categories in a section page: the article page's own label decides).
        let bySectionPage = 0;
        for (const o of room.outlets) {
          if (o.feedUrls.length) await store.addSource({ url: o.feedUrls[0]!, name: o.name });
          else {
            await store.addSource({ url: o.sectionUrls[0]!, name: o.name, kind: 'section', urlPattern: o.articlePattern });
            bySectionPage++;
          }
        }
        assert.ok(bySectionPage >= 1, 'the newsroom has an outlet without a feed');
        const deps = depsFor(store, url);
        await ingestOnce(deps, { concurrency: 4 });
        const expected = truth(room);
        let checked = 0;
        const wrong: string[] = [];
        for (const s of await store.listArticles({ limit: 500 })) {
          const a = (await store.getArticle(s.id))!;
          const want = expected.get(a.canonicalUrl);
          assert.ok(want, `the newsroom published ${a.url}`);
          checked++;
          if (a.section !== want || a.sectionReason !== 'feed-category') wrong.push(`${a.title}: ${a.section} (${a.sectionReason}), not ${want}`);
        }
        assert.ok(checked >= 40, `articles checked: ${checked}`);
        assert.deepEqual(wrong, [], 'every article is in its event\'s section, from what its outlet said');
        await deps.stories?.close();
      } finally {
        await room.close();
      }
    });

    test("a regrouping keeps the source's and the editor's sections and chooses the others again", async () => {
      const room = await startNewsroom({ seed: 9, outlets: 4, itemsPerFeed: 5, hosts: 'per-outlet', crawlDelay: 0, now: new Date('2026-11-20T12:00:00Z') });
      try {
        const url = await backend.newUrl();
        const store = await backend.open(url);
        const feeds = room.outlets.filter((o) => o.feedUrls.length);
        const local = (await store.addSource({ url: feeds[0]!.feedUrls[0]!, name: feeds[0]!.name, section: 'Local' })).source;
        await store.addSource({ url: feeds[1]!.feedUrls[0]!, name: feeds[1]!.name });
        const deps = depsFor(store, url);
        await ingestOnce(deps, { concurrency: 4, keepStories: true });
        const all = await store.listArticles({ limit: 500 });
        const fromLocal = all.filter((a) => a.sourceId === local.id);
        const others = all.filter((a) => a.sourceId !== local.id);
        assert.ok(fromLocal.length >= 3 && others.length >= 3, `${fromLocal.length} + ${others.length} articles`);
        for (const s of fromLocal) {
          const a = (await store.getArticle(s.id))!;
          assert.deepEqual([a.section, a.sectionReason], ['Local', 'source'], 'the source\'s section wins over its categories');
          assert.ok(a.categories.length > 0, 'its categories are kept all the same');
        }
        const [edited, guessed] = others;
        const right = (await store.getArticle(guessed!.id))!.section;
        await new Moderation(store.db).correctArticle(edited!.id, { section: 'Opinion' });
        // As a section left from before this kept its reason would be: a guess to choose again.
        await store.db.updateTable('articles').set({ section: 'Weather', section_reason: 'lexicon' }).where('id', '=', guessed!.id).execute();

        await deps.stories!.rebuild();
        const e = (await store.getArticle(edited!.id))!;
        assert.deepEqual([e.section, e.sectionReason], ['Opinion', 'editor']);
        const g = (await store.getArticle(guessed!.id))!;
        assert.deepEqual([g.section, g.sectionReason], [right, 'feed-category']);
        for (const s of fromLocal) assert.equal((await store.getArticle(s.id))!.section, 'Local');
        await deps.stories?.close();
      } finally {
        await room.close();
      }
    });
  });
}
