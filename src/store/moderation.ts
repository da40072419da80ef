// moderation: what an operator changes by hand — hiding an article or a whole story,
// pinning a story on the home page, correcting a headline, a section or a story's title,
// merging two stories or splitting articles off into a new one. Every operation returns
// what it changed, so the caller can log it and undo it exactly. Operator choices are kept
// apart from what ingest writes (article_overrides, story_moderation, story_redirects), so
// a re-fetched article or a story-index rebuild does not silently undo them.
import { sql, type Kysely, type Transaction } from 'kysely';
import { flag, iso, num, readFlag, StoreError } from './rows.ts';
import type { Database, SectionReason } from './schema.ts';
import type { DateInput } from './types.ts';

type Db = Kysely<Database>;

/** Stories the operator makes (splits) take ids from here up, so the story engine, which
 * counts up from 1, never hands out the same id. */
export const OPERATOR_STORY_IDS_FROM = 1_000_000_000;
/** Longest chain of merged-story redirects followed (merges of merges). */
const MAX_REDIRECT_HOPS = 20;

export interface StoryFlags {
  pinnedAt: string | null;
  hidden: boolean;
  title: string | null;
}

/** What the story assigner must respect when it (re)writes story ids. */
export interface StoryOverrides {
  /** Merged-away story → the story it lives on in (already followed to the end). */
  redirects: Map<number, number>;
  /** Articles the operator placed in a story themselves. */
  placed: Map<number, number>;
  /** Stories the operator hid: articles joining them are hidden too. */
  hiddenStories: Set<number>;
}

/** An article's headline and section as they were before a correction (what an undo puts back). */
export interface ArticleCorrectionState {
  title: string | null;
  section: string | null;
  /** Absent in undo records older than section reasons. */
  sectionReason?: SectionReason | null;
  titleOverridden: boolean;
  sectionOverridden: boolean;
}

export class Moderation {
  constructor(private readonly db: Db) {}

  /** Hides or shows one article. `before` is its visibility before. Null: no such article. */
  async setArticleHidden(articleId: number, hidden: boolean, now: DateInput = new Date()): Promise<{ before: boolean } | null> {
    return this.db.transaction().execute(async (tx) => {
      const a = await tx.selectFrom('articles').select(['hidden']).where('id', '=', articleId).executeTakeFirst();
      if (!a) return null;
      const at = iso(now);
      await tx.updateTable('articles').set({ hidden: flag(hidden), updated_at: at }).where('id', '=', articleId).execute();
      await upsertOverride(tx, articleId, { hidden: flag(hidden) }, at);
      return { before: readFlag(a.hidden) };
    });
  }

  /**
   * Corrects an article's headline and/or section (null restores what the source says, when
   * `restore` gives it). Returns the values before. Null: no such article.
   */
  async correctArticle(
    articleId: number,
    patch: { title?: string | null; section?: string | null },
    now: DateInput = new Date(),
  ): Promise<{ before: ArticleCorrectionState } | null> {
    return this.db.transaction().execute(async (tx) => {
      const a = await tx.selectFrom('articles').select(['title', 'section', 'section_reason']).where('id', '=', articleId).executeTakeFirst();
      if (!a) return null;
      const o = await tx.selectFrom('article_overrides').select(['title', 'section']).where('article_id', '=', articleId).executeTakeFirst();
      const at = iso(now);
      const set: { title?: string | null; section?: string | null; section_reason?: SectionReason; updated_at: string } = { updated_at: at };
      const over: { title?: string | null; section?: string | null } = {};
      if (patch.title !== undefined) {
        const t = patch.title == null ? null : cleanLine(patch.title, 'headline', 300);
        if (t !== null) set.title = t;
        over.title = t;
      }
      if (patch.section !== undefined) {
        const s = patch.section == null ? null : cleanLine(patch.section, 'section', 60);
        if (s !== null) {
          set.section = s;
          set.section_reason = 'editor';
        }
        over.section = s;
      }
      await tx.updateTable('articles').set(set).where('id', '=', articleId).execute();
      await upsertOverride(tx, articleId, over, at);
      return { before: { title: a.title, section: a.section, sectionReason: a.section_reason, titleOverridden: o?.title != null, sectionOverridden: o?.section != null } };
    });
  }

  /** Puts back an article's headline/section as they were (an undo of `correctArticle`). */
  async restoreArticle(articleId: number, before: ArticleCorrectionState, now: DateInput = new Date()): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const at = iso(now);
      // Undo records written before sections kept their reason: an overridden section was the editor's; any other is
      // left for the next regrouping to choose again.
      const reason = before.sectionReason !== undefined ? before.sectionReason : before.section === null ? null : before.sectionOverridden ? 'editor' : 'lexicon';
      await tx.updateTable('articles').set({ title: before.title, section: before.section, section_reason: reason, updated_at: at }).where('id', '=', articleId).execute();
      await upsertOverride(tx, articleId, { title: before.titleOverridden ? before.title : null, section: before.sectionOverridden ? before.section : null }, at);
    });
  }

  /** The operator's flags for these stories (absent: none set). */
  async storyFlags(storyIds: readonly number[]): Promise<Map<number, StoryFlags>> {
    const out = new Map<number, StoryFlags>();
    if (storyIds.length === 0) return out;
    const rows = await this.db.selectFrom('story_moderation').selectAll().where('story_id', 'in', [...storyIds]).execute();
    for (const r of rows) out.set(r.story_id, { pinnedAt: r.pinned_at, hidden: readFlag(r.hidden), title: r.title });
    return out;
  }

  /** Pinned stories, most recently pinned first. */
  async pinnedStories(): Promise<number[]> {
    const rows = await this.db.selectFrom('story_moderation').select('story_id').where('pinned_at', 'is not', null).orderBy('pinned_at', 'desc').execute();
    return rows.map((r) => r.story_id);
  }

  async setStoryPinned(storyId: number, pinned: boolean, now: DateInput = new Date()): Promise<{ before: boolean }> {
    return this.db.transaction().execute(async (tx) => {
      const at = iso(now);
      const m = await tx.selectFrom('story_moderation').select('pinned_at').where('story_id', '=', storyId).executeTakeFirst();
      await upsertStory(tx, storyId, { pinned_at: pinned ? at : null }, at);
      await touchStory(tx, storyId, at);
      return { before: m?.pinned_at != null };
    });
  }

  /** Sets (or with null clears) the title shown for a story. */
  async setStoryTitle(storyId: number, title: string | null, now: DateInput = new Date()): Promise<{ before: string | null }> {
    return this.db.transaction().execute(async (tx) => {
      const at = iso(now);
      const m = await tx.selectFrom('story_moderation').select('title').where('story_id', '=', storyId).executeTakeFirst();
      await upsertStory(tx, storyId, { title: title == null ? null : cleanLine(title, 'story title', 300) }, at);
      await touchStory(tx, storyId, at);
      return { before: m?.title ?? null };
    });
  }

  /**
   * Hides or shows a whole story: its articles go with it, except that showing it again
   * leaves the articles the operator hid one by one hidden. Returns how many articles changed.
   */
  async setStoryHidden(storyId: number, hidden: boolean, now: DateInput = new Date()): Promise<{ articles: number; before: boolean }> {
    return this.db.transaction().execute(async (tx) => {
      const at = iso(now);
      const m = await tx.selectFrom('story_moderation').select('hidden').where('story_id', '=', storyId).executeTakeFirst();
      await upsertStory(tx, storyId, { hidden: flag(hidden) }, at);
      let q = tx.updateTable('articles').set({ hidden: flag(hidden), updated_at: at }).where('story_id', '=', storyId).where('hidden', '=', flag(!hidden));
      if (!hidden) {
        q = q.where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('article_overrides as o').select('o.article_id').whereRef('o.article_id', '=', 'articles.id').where('o.hidden', '=', 1))),
        );
      }
      const r = await q.executeTakeFirst();
      return { articles: num(r.numUpdatedRows), before: m ? readFlag(m.hidden) : false };
    });
  }

  /** Where a merged-away story lives on (following merges of merges), or null. */
  redirectOf(storyId: number): Promise<number | null> {
    return followRedirects(this.db, storyId);
  }

  /**
   * Merges story `fromId` into `intoId`: its articles move, and its URL redirects. Returns the
   * articles moved (for the undo). Refuses a merge into itself or into a story it redirects to already.
   */
  async mergeStories(fromId: number, intoId: number, now: DateInput = new Date()): Promise<{ moved: number[] }> {
    if (fromId === intoId) throw new StoreError('a story cannot be merged into itself');
    return this.db.transaction().execute(async (tx) => {
      const target = (await followRedirects(tx, intoId)) ?? intoId;
      if (target === fromId) throw new StoreError(`story ${intoId} was merged into story ${fromId}: merge the other way round`);
      const at = iso(now);
      const moved = (await tx.selectFrom('articles').select('id').where('story_id', '=', fromId).orderBy('id').execute()).map((r) => r.id);
      if (moved.length === 0) throw new StoreError(`story ${fromId} has no articles`);
      await tx.updateTable('articles').set({ story_id: target, updated_at: at }).where('story_id', '=', fromId).execute();
      await tx.updateTable('article_overrides').set({ story_id: target, updated_at: at }).where('story_id', '=', fromId).execute();
      // Earlier merges into the merged-away story now point at the survivor directly.
      await tx.updateTable('story_redirects').set({ to_id: target }).where('to_id', '=', fromId).execute();
      await tx.deleteFrom('story_redirects').where('from_id', '=', fromId).execute();
      await tx.insertInto('story_redirects').values({ from_id: fromId, to_id: target, created_at: at }).execute();
      await touchStory(tx, target, at);
      return { moved };
    });
  }

  /** Undoes a merge: the articles it moved go back (those still in the survivor), the redirect goes. */
  async unmergeStories(fromId: number, intoId: number, articleIds: readonly number[], now: DateInput = new Date()): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const at = iso(now);
      await tx.deleteFrom('story_redirects').where('from_id', '=', fromId).execute();
      if (articleIds.length === 0) return 0;
      const r = await tx.updateTable('articles').set({ story_id: fromId, updated_at: at }).where('id', 'in', [...articleIds]).where('story_id', '=', intoId).executeTakeFirst();
      await tx.updateTable('article_overrides').set({ story_id: fromId, updated_at: at }).where('article_id', 'in', [...articleIds]).where('story_id', '=', intoId).execute();
      await touchStory(tx, intoId, at);
      return num(r.numUpdatedRows);
    });
  }

  /**
   * Moves articles of a story into a new story of their own (kept there: the story engine
   * will not move them back). Returns the new story's id.
   */
  async splitStory(storyId: number, articleIds: readonly number[], now: DateInput = new Date()): Promise<{ newStoryId: number; moved: number[] }> {
    if (articleIds.length === 0) throw new StoreError('choose the articles to split off');
    return this.db.transaction().execute(async (tx) => {
      const rows = await tx.selectFrom('articles').select('id').where('story_id', '=', storyId).execute();
      const inStory = new Set(rows.map((r) => r.id));
      const moved = [...new Set(articleIds)].filter((id) => inStory.has(id)).sort((a, b) => a - b);
      if (moved.length === 0) throw new StoreError(`none of those articles is in story ${storyId}`);
      if (moved.length === inStory.size) throw new StoreError('splitting off every article would leave the story empty: choose fewer');
      const newStoryId = await nextOperatorStoryId(tx);
      const at = iso(now);
      await tx.updateTable('articles').set({ story_id: newStoryId, updated_at: at }).where('id', 'in', moved).execute();
      for (const id of moved) await upsertOverride(tx, id, { story_id: newStoryId }, at);
      await touchStory(tx, storyId, at);
      return { newStoryId, moved };
    });
  }

  /** Undoes a split: the articles still in the new story go back, and no longer stay put. */
  async unsplitStory(newStoryId: number, originalId: number, articleIds: readonly number[], now: DateInput = new Date()): Promise<number> {
    if (articleIds.length === 0) return 0;
    return this.db.transaction().execute(async (tx) => {
      const at = iso(now);
      const r = await tx.updateTable('articles').set({ story_id: originalId, updated_at: at }).where('id', 'in', [...articleIds]).where('story_id', '=', newStoryId).executeTakeFirst();
      await tx.updateTable('article_overrides').set({ story_id: null, updated_at: at }).where('article_id', 'in', [...articleIds]).where('story_id', '=', newStoryId).execute();
      await touchStory(tx, originalId, at);
      return num(r.numUpdatedRows);
    });
  }

  /** Everything the story assigner must respect, read in three small queries. */
  async storyOverrides(): Promise<StoryOverrides> {
    const [redirectRows, placedRows, hiddenRows] = await Promise.all([
      this.db.selectFrom('story_redirects').select(['from_id', 'to_id']).execute(),
      this.db.selectFrom('article_overrides').select(['article_id', 'story_id']).where('story_id', 'is not', null).execute(),
      this.db.selectFrom('story_moderation').select('story_id').where('hidden', '=', 1).execute(),
    ]);
    const direct = new Map(redirectRows.map((r) => [r.from_id, r.to_id]));
    const redirects = new Map<number, number>();
    for (const from of direct.keys()) {
      let to = from;
      for (let hop = 0; hop < MAX_REDIRECT_HOPS && direct.has(to); hop++) to = direct.get(to)!;
      redirects.set(from, to);
    }
    return {
      redirects,
      placed: new Map(placedRows.map((r) => [r.article_id, r.story_id!])),
      hiddenStories: new Set(hiddenRows.map((r) => r.story_id)),
    };
  }
}

/** Stories the engine found to be one: `from` are absorbed by `into`. */
export interface EngineMerge {
  from: readonly number[];
  into: number;
}

/**
 * A run of the engine's merges, applied in order, as one map: each absorbed story → the
 * story its articles end up in (a story absorbed into one that is absorbed later ends up in
 * the later survivor). Writing that map once equals writing each merge in turn.
 */
export function composeMerges(merges: readonly EngineMerge[]): Map<number, number> {
  const to = new Map<number, number>();
  for (const m of merges) {
    const gone = new Set(m.from.filter((id) => id !== m.into));
    if (gone.size === 0) continue;
    for (const [k, v] of to) if (gone.has(v)) to.set(k, m.into);
    // A story already absorbed has no articles left for a later merge to move.
    for (const g of gone) if (!to.has(g)) to.set(g, m.into);
  }
  for (const [k, v] of to) if (k === v) to.delete(k);
  return to;
}

/** `case <column> when from then to … end`, for one statement that moves many stories. */
function storyCase(column: 'story_id' | 'to_id', moved: ReadonlyMap<number, number>) {
  // The cast types the parameters for PostgreSQL (an untyped CASE result would be text).
  const arms = [...moved].map(([from, to]) => sql`when cast(${from} as integer) then cast(${to} as integer)`);
  return sql<number>`case ${sql.ref(column)} ${sql.join(arms, sql` `)} end`;
}

/**
 * Writes the engine's merges (see composeMerges), in the caller's transaction: the absorbed
 * stories' articles move to their survivor, except those in `placed` (articles the operator
 * put in a story themselves), and the absorbed ids redirect there — earlier redirects into
 * them follow. Four statements however many merges.
 */
export async function applyEngineMerges(db: Kysely<Database>, moved: ReadonlyMap<number, number>, placed: Iterable<number> = [], now: DateInput = new Date()): Promise<void> {
  if (moved.size === 0) return;
  const gone = [...moved.keys()];
  const keep = [...placed];
  let articles = db.updateTable('articles').set({ story_id: storyCase('story_id', moved) }).where('story_id', 'in', gone);
  if (keep.length) articles = articles.where('id', 'not in', keep);
  await articles.execute();
  await db.updateTable('story_redirects').set({ to_id: storyCase('to_id', moved) }).where('to_id', 'in', gone).execute();
  // An operator's merge the other way round (A into B, then the engine folds B into A) would
  // now lead A to itself: both stories are in A, so that redirect has nothing left to do.
  await db.deleteFrom('story_redirects').where('from_id', 'in', [...new Set(moved.values())]).whereRef('from_id', '=', 'to_id').execute();
  const at = iso(now);
  await db
    .insertInto('story_redirects')
    .values([...moved].map(([from, to]) => ({ from_id: from, to_id: to, by_operator: 0, created_at: at })))
    .onConflict((oc) =>
      oc.column('from_id').doUpdateSet((eb) => ({ to_id: eb.ref('excluded.to_id'), by_operator: 0, created_at: eb.ref('excluded.created_at') })),
    )
    .execute();
}

/**
 * Before a regrouping (which renumbers the engine's stories): the earliest article of every
 * engine-numbered story the operator pinned, titled, hid or merged into, to find it again
 * afterwards. Redirects from engine-numbered stories are forgotten: those numbers will mean
 * other stories. Returns the anchors and how many of the operator's merges were forgotten.
 */
export async function anchorStories(db: Kysely<Database>): Promise<{ anchors: Map<number, number>; forgottenMerges: number }> {
  const ids = new Set<number>();
  for (const r of await db.selectFrom('story_moderation').select('story_id').where('story_id', '<', OPERATOR_STORY_IDS_FROM).execute()) ids.add(r.story_id);
  for (const r of await db.selectFrom('story_redirects').select('to_id').where('to_id', '<', OPERATOR_STORY_IDS_FROM).execute()) ids.add(r.to_id);
  const anchors = new Map<number, number>();
  if (ids.size) {
    const rows = await db
      .selectFrom('articles')
      .select((eb) => ['story_id', eb.fn.min('id').as('first')])
      .where('story_id', 'in', [...ids])
      .groupBy('story_id')
      .execute();
    for (const r of rows) anchors.set(r.story_id!, num(r.first));
  }
  // Flags on engine-numbered stories that have no article left would land on a stranger.
  let stale = db.deleteFrom('story_moderation').where('story_id', '<', OPERATOR_STORY_IDS_FROM);
  if (anchors.size) stale = stale.where('story_id', 'not in', [...anchors.keys()]);
  await stale.execute();
  const forgotten = await db.deleteFrom('story_redirects').where('from_id', '<', OPERATOR_STORY_IDS_FROM).where('by_operator', '=', 1).executeTakeFirst();
  await db.deleteFrom('story_redirects').where('by_operator', '=', 0).execute();
  return { anchors, forgottenMerges: num(forgotten.numDeletedRows) };
}

/** After a regrouping: the operator's flags and redirects follow each story's anchor article to its new number. */
export async function reanchorStories(db: Kysely<Database>, anchors: Map<number, number>): Promise<number> {
  if (anchors.size === 0) return 0;
  const now = new Map<number, number>();
  const rows = await db.selectFrom('articles').select(['id', 'story_id']).where('id', 'in', [...anchors.values()]).execute();
  const storyOfArticle = new Map(rows.map((r) => [r.id, r.story_id]));
  for (const [old, article] of anchors) {
    const n = storyOfArticle.get(article);
    if (n != null && n !== old) now.set(old, n);
  }
  // Two passes through a free range, so that renumbering 3→5 and 5→3 cannot collide.
  const TEMP = -1_000_000_000;
  let moved = 0;
  for (const [old] of now) {
    await db.updateTable('story_moderation').set({ story_id: TEMP - old }).where('story_id', '=', old).execute();
    await db.updateTable('story_redirects').set({ to_id: TEMP - old }).where('to_id', '=', old).execute();
  }
  for (const [old, n] of now) {
    // A story that absorbed another flagged one keeps its own flags.
    const taken = await db.selectFrom('story_moderation').select('story_id').where('story_id', '=', n).executeTakeFirst();
    if (taken) await db.deleteFrom('story_moderation').where('story_id', '=', TEMP - old).execute();
    else await db.updateTable('story_moderation').set({ story_id: n }).where('story_id', '=', TEMP - old).execute();
    await db.updateTable('story_redirects').set({ to_id: n }).where('to_id', '=', TEMP - old).execute();
    moved++;
  }
  return moved;
}

/** Where a story's merges lead (null: it was not merged away); inside a transaction or not. */
async function followRedirects(tx: Kysely<Database>, storyId: number): Promise<number | null> {
  let id = storyId;
  for (let hop = 0; hop < MAX_REDIRECT_HOPS; hop++) {
    const r = await tx.selectFrom('story_redirects').select('to_id').where('from_id', '=', id).executeTakeFirst();
    if (!r) break;
    id = r.to_id;
  }
  return id === storyId ? null : id;
}

async function nextOperatorStoryId(tx: Transaction<Database>): Promise<number> {
  const a = await tx.selectFrom('articles').select((eb) => eb.fn.max('story_id').as('m')).where('story_id', '>=', OPERATOR_STORY_IDS_FROM).executeTakeFirst();
  const r = await tx.selectFrom('story_redirects').select((eb) => eb.fn.max('from_id').as('m')).where('from_id', '>=', OPERATOR_STORY_IDS_FROM).executeTakeFirst();
  return Math.max(OPERATOR_STORY_IDS_FROM - 1, num(a?.m), num(r?.m)) + 1;
}

type OverridePatch = Partial<{ title: string | null; section: string | null; story_id: number | null; hidden: 0 | 1 }>;

async function upsertOverride(tx: Transaction<Database>, articleId: number, patch: OverridePatch, at: string): Promise<void> {
  await tx
    .insertInto('article_overrides')
    .values({ article_id: articleId, title: null, section: null, story_id: null, hidden: 0, ...patch, updated_at: at })
    .onConflict((oc) => oc.column('article_id').doUpdateSet({ ...patch, updated_at: at }))
    .execute();
}

type StoryPatch = Partial<{ pinned_at: string | null; hidden: 0 | 1; title: string | null }>;

async function upsertStory(tx: Transaction<Database>, storyId: number, patch: StoryPatch, at: string): Promise<void> {
  await tx
    .insertInto('story_moderation')
    .values({ story_id: storyId, pinned_at: null, hidden: 0, title: null, ...patch, updated_at: at })
    .onConflict((oc) => oc.column('story_id').doUpdateSet({ ...patch, updated_at: at }))
    .execute();
}

/** Marks a story's articles changed, so cached pages that show the story are rendered again. */
async function touchStory(tx: Transaction<Database>, storyId: number, at: string): Promise<void> {
  await tx.updateTable('articles').set({ updated_at: at }).where('story_id', '=', storyId).execute();
}

function cleanLine(text: string, what: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) throw new StoreError(`the ${what} cannot be empty`);
  if (t.length > max) throw new StoreError(`the ${what} is longer than ${max} characters`);
  return t;
}
