// ops/retention: removes articles older than N days (by `sort_at`: published, else first
// seen), in batches, on either database, so the store does not grow for ever. What it
// keeps, and why:
// - protected articles: whatever the caller protects — pinned articles or stories, legal
//   holds — as ids, story ids or a predicate (there is no pin column yet; moderation will
//   supply its pins through these options);
// - each surviving story's canonical article (its earliest: lowest sort_at, then id). A
//   story survives when it still has an article newer than the cutoff or a protected one;
//   its story page and related links need its first report. A story whose articles are all
//   old and unprotected goes entirely.
// What goes with a removed article, so nothing dangles: its revisions; its lead image
// unless another article still uses it; the full-text index rows (SQLite triggers, the
// generated column on PostgreSQL); its feed entries when the feed no longer lists them
// (not seen since the cutoff) — an entry still listed is kept and unlinked, because
// deleting it would make the next poll see a "new" entry and fetch the article again.
import type { Store } from '../store/index.ts';

/** Articles examined and removed per transaction (a short write lock each). */
export const DEFAULT_RETENTION_BATCH = 500;
const DAY_MS = 24 * 3600_000;

/** What a protection predicate sees of an old article. */
export interface RetentionCandidate {
  id: number;
  storyId: number | null;
  sourceId: number | null;
  section: string | null;
  sortAt: string;
  hidden: boolean;
}

/** Articles retention must never remove, however old. */
export interface RetentionProtection {
  /** Article ids (e.g. pinned articles). */
  articleIds?: Iterable<number>;
  /** Story ids whose every article is kept (e.g. a story pinned on the home page). */
  storyIds?: Iterable<number>;
  /** Called for each old article; true keeps it. */
  predicate?: (a: RetentionCandidate) => boolean | Promise<boolean>;
}

/** One removed article as archived: the stored article with its revisions and entry links. */
export interface ArchivedArticle {
  article: NonNullable<Awaited<ReturnType<Store['getArticle']>>>;
  revisions: Awaited<ReturnType<Store['articleRevisions']>>;
  entries: { sourceId: number; entryKey: string; url: string | null }[];
}

export interface RetentionOptions {
  /** Articles older than this many days (by sort_at) are removed. */
  days: number;
  /** The clock (tests). */
  now?: Date;
  /** Count what would go, change nothing. */
  dryRun?: boolean;
  batchSize?: number;
  protect?: RetentionProtection;
  /** Receives each batch before it is deleted (e.g. to write it to a file); a throw stops the run. */
  archive?: (batch: ArchivedArticle[]) => Promise<void>;
  /** Progress after each batch. */
  onBatch?: (r: RetentionResult) => void;
}

export interface RetentionResult {
  dryRun: boolean;
  /** Articles sorted before this instant were candidates. */
  cutoff: string;
  /** Old articles looked at. */
  examined: number;
  /** Removed (or, in a dry run, that would be). */
  deleted: number;
  /** Kept as their surviving story's canonical article. */
  keptCanonical: number;
  /** Kept because protected. */
  keptProtected: number;
  revisionsDeleted: number;
  imagesDeleted: number;
  entriesDeleted: number;
  entriesUnlinked: number;
  archived: number;
}

interface CandidateRow {
  id: number;
  story_id: number | null;
  source_id: number | null;
  section: string | null;
  sort_at: string;
  hidden: number | boolean;
}

/** Removes (or with dryRun counts) articles older than `days` days; see the module comment for what stays. */
export async function applyRetention(store: Store, opts: RetentionOptions): Promise<RetentionResult> {
  if (!Number.isInteger(opts.days) || opts.days < 1) {
    throw new Error(`retention needs a whole number of days ≥ 1, got ${String(opts.days)}`);
  }
  const batchSize = opts.batchSize ?? DEFAULT_RETENTION_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`retention batch size must be a whole number ≥ 1, got ${batchSize}`);
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - opts.days * DAY_MS).toISOString();
  const result: RetentionResult = {
    dryRun: Boolean(opts.dryRun),
    cutoff,
    examined: 0,
    deleted: 0,
    keptCanonical: 0,
    keptProtected: 0,
    revisionsDeleted: 0,
    imagesDeleted: 0,
    entriesDeleted: 0,
    entriesUnlinked: 0,
    archived: 0,
  };

  const protectedStories = new Set(opts.protect?.storyIds ?? []);
  const protectedIds = await protectedArticles(store, cutoff, batchSize, opts.protect);
  // A protected old article keeps its story alive (and so the story's canonical article).
  const survivingStories = new Set(protectedStories);
  for (const chunk of chunks([...protectedIds], batchSize)) {
    const rows = await store.db.selectFrom('articles').select('story_id').where('id', 'in', chunk).where('story_id', 'is not', null).execute();
    for (const r of rows) survivingStories.add(r.story_id!);
  }

  let lastId = 0;
  for (;;) {
    const batch = await oldArticles(store, cutoff, lastId, batchSize);
    if (batch.length === 0) break;
    lastId = batch[batch.length - 1]!.id;
    result.examined += batch.length;

    const pass = async (s: Store) => {
      const canonical = await canonicalOfSurvivors(s, batch, cutoff, survivingStories);
      const doomed: number[] = [];
      for (const a of batch) {
        if (protectedIds.has(a.id) || (a.story_id !== null && protectedStories.has(a.story_id))) result.keptProtected++;
        else if (canonical.has(a.id)) result.keptCanonical++;
        else doomed.push(a.id);
      }
      if (doomed.length === 0) return;
      if (opts.dryRun) {
        result.deleted += doomed.length;
        result.revisionsDeleted += await countWhere(s, 'article_revisions', doomed);
        const entries = await s.db
          .selectFrom('entries')
          .select(['last_seen_at'])
          .where('article_id', 'in', doomed)
          .execute();
        for (const e of entries) {
          if (e.last_seen_at < cutoff) result.entriesDeleted++;
          else result.entriesUnlinked++;
        }
        return;
      }
      if (opts.archive) {
        await opts.archive(await archiveRows(s, doomed));
        result.archived += doomed.length;
      }
      await removeArticles(s, doomed, cutoff, result);
    };
    // SQLite: the transaction holds the write lock from its start, so the keep decision and
    // the delete see the same data. A dry run only reads.
    if (opts.dryRun) await pass(store);
    else await store.transaction(pass);
    opts.onBatch?.({ ...result });
  }
  return result;
}

/** The ids of protected old articles: the listed ones, and those the predicate keeps. */
async function protectedArticles(store: Store, cutoff: string, batchSize: number, p: RetentionProtection | undefined): Promise<Set<number>> {
  const ids = new Set(p?.articleIds ?? []);
  if (!p?.predicate) return ids;
  let lastId = 0;
  for (;;) {
    const batch = await oldArticles(store, cutoff, lastId, batchSize);
    if (batch.length === 0) break;
    lastId = batch[batch.length - 1]!.id;
    for (const r of batch) {
      const candidate: RetentionCandidate = {
        id: r.id,
        storyId: r.story_id,
        sourceId: r.source_id,
        section: r.section,
        sortAt: r.sort_at,
        hidden: r.hidden === true || r.hidden === 1,
      };
      if (await p.predicate(candidate)) ids.add(r.id);
    }
  }
  return ids;
}

/** The next batch of old articles after `afterId`, in id order (keyset paging: stable while rows go). */
async function oldArticles(store: Store, cutoff: string, afterId: number, limit: number): Promise<CandidateRow[]> {
  const rows = await store.db
    .selectFrom('articles')
    .select(['id', 'story_id', 'source_id', 'section', 'sort_at', 'hidden'])
    .where('sort_at', '<', cutoff)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows as CandidateRow[];
}

/**
 * Of the stories in `batch`, those that survive (an article newer than the cutoff, or
 * protected), mapped to their canonical article id; returns the set of those ids.
 */
async function canonicalOfSurvivors(s: Store, batch: readonly CandidateRow[], cutoff: string, surviving: ReadonlySet<number>): Promise<Set<number>> {
  const stories = [...new Set(batch.map((a) => a.story_id).filter((id): id is number => id !== null))];
  const out = new Set<number>();
  if (stories.length === 0) return out;
  const alive = new Set(stories.filter((id) => surviving.has(id)));
  const recent = await s.db
    .selectFrom('articles')
    .select('story_id')
    .distinct()
    .where('story_id', 'in', stories)
    .where('sort_at', '>=', cutoff)
    .execute();
  for (const r of recent) alive.add(r.story_id!);
  if (alive.size === 0) return out;
  // The earliest article of each story: no article of the same story sorts before it.
  const firsts = await s.db
    .selectFrom('articles as a')
    .select('a.id')
    .where('a.story_id', 'in', [...alive])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('articles as b')
            .select('b.id')
            .whereRef('b.story_id', '=', 'a.story_id')
            .where((eb) =>
              eb.or([eb('b.sort_at', '<', eb.ref('a.sort_at')), eb.and([eb('b.sort_at', '=', eb.ref('a.sort_at')), eb('b.id', '<', eb.ref('a.id'))])]),
            ),
        ),
      ),
    )
    .execute();
  for (const r of firsts) out.add(r.id);
  return out;
}

async function countWhere(s: Store, table: 'article_revisions', ids: number[]): Promise<number> {
  const r = await s.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .where('article_id', 'in', ids)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

async function archiveRows(s: Store, ids: number[]): Promise<ArchivedArticle[]> {
  const out: ArchivedArticle[] = [];
  for (const id of ids) {
    const article = await s.getArticle(id);
    if (!article) continue;
    const revisions = await s.articleRevisions(id);
    const entries = await s.db.selectFrom('entries').select(['source_id', 'entry_key', 'url']).where('article_id', '=', id).execute();
    out.push({ article, revisions, entries: entries.map((e) => ({ sourceId: e.source_id, entryKey: e.entry_key, url: e.url })) });
  }
  return out;
}

/** Deletes the articles and what hangs on them (inside the caller's transaction). */
async function removeArticles(s: Store, ids: number[], cutoff: string, result: RetentionResult): Promise<void> {
  const images = await s.db.selectFrom('articles').select('image_id').distinct().where('id', 'in', ids).where('image_id', 'is not', null).execute();
  const gone = await s.db.deleteFrom('entries').where('article_id', 'in', ids).where('last_seen_at', '<', cutoff).executeTakeFirst();
  result.entriesDeleted += Number(gone.numDeletedRows);
  const unlinked = await s.db.updateTable('entries').set({ article_id: null }).where('article_id', 'in', ids).executeTakeFirst();
  result.entriesUnlinked += Number(unlinked.numUpdatedRows);
  const revs = await s.db.deleteFrom('article_revisions').where('article_id', 'in', ids).executeTakeFirst();
  result.revisionsDeleted += Number(revs.numDeletedRows);
  const arts = await s.db.deleteFrom('articles').where('id', 'in', ids).executeTakeFirst();
  result.deleted += Number(arts.numDeletedRows);
  const imageIds = images.map((r) => r.image_id!);
  if (imageIds.length) {
    const img = await s.db
      .deleteFrom('images')
      .where('id', 'in', imageIds)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('articles').select('articles.id').whereRef('articles.image_id', '=', 'images.id'))))
      .executeTakeFirst();
    result.imagesDeleted += Number(img.numDeletedRows);
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
