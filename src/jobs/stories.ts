// stories (jobs side): puts stored articles into stories as they arrive. The story engine
// (src/stories) is an in-memory index, so exactly one process assigns stories at a time:
// in embedded mode the only process; on PostgreSQL whichever worker holds a session-level
// advisory lock (if it dies, its session ends, the lock frees and another worker takes
// over, rebuilding the index from the stored articles first).
import pg from 'pg';
import { sql, type RawBuilder } from 'kysely';
import { StoryEngine, type SectionReason, type StoryDoc } from '../stories/index.ts';
import type { Store } from '../store/index.ts';
import { readJson } from '../store/rows.ts';
import { GIVEN_SECTION_REASONS, type SectionReason as StoredSectionReason } from '../store/schema.ts';
import { anchorStories, applyEngineMerges, composeMerges, Moderation, reanchorStories, type EngineMerge, type StoryOverrides } from '../store/moderation.ts';
import type { Logger } from '../log.ts';

/** The advisory lock key that elects the story assigner among PostgreSQL workers. */
const STORY_LOCK_KEY = 74_290_001;
const BATCH = 500;
/** The longest the engine keeps the event loop to itself while assigning. Long enough to
 * keep up with the articles arriving (in 10 ms slices, between a busy worker's jobs, it
 * fell behind: 500 articles took 3 s, and 4.9 s of backlog waited at the end of a
 * 9,000-article ingest), short enough not to stall the worker's own jobs for long. */
const YIELD_AFTER_MS = 50;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface ArticleRow {
  id: number;
  title: string | null;
  body_text: string | null;
  published_at: string | null;
  sort_at: string;
  site_name: string | null;
  section: string | null;
  section_reason: StoredSectionReason | null;
  categories: unknown;
  story_id: number | null;
}

/** True when the operator gave the section (the source's setting, an editor's correction): kept as it is. */
const isGiven = (reason: StoredSectionReason | null): boolean => reason !== null && GIVEN_SECTION_REASONS.includes(reason);

function toDoc(r: ArticleRow): StoryDoc {
  return {
    id: String(r.id),
    title: r.title,
    text: r.body_text,
    publishedAt: r.published_at ?? r.sort_at,
    source: r.site_name,
    // A section the stories stage chose before is chosen again, from what it was chosen from.
    sourceSection: isGiven(r.section_reason) ? r.section : null,
    categories: readJson<string[]>(r.categories, []),
  };
}

/** Where one new article goes. */
interface Assignment {
  storyId: number;
  /** The stories stage's section and why, for an article whose section the operator did not give (else absent). */
  section?: { name: string | null; reason: StoredSectionReason | null };
  hidden?: boolean;
}

/** The store's name for the stories stage's reason ("none" is no section, no reason). */
function storedReason(reason: SectionReason): StoredSectionReason | null {
  return reason === 'none' ? null : reason;
}

/** Writes a batch's assignments: one statement on PostgreSQL, one cheap in-process update per article on SQLite. */
async function writeAssignments(tx: Store, pending: Map<number, Assignment>): Promise<void> {
  if (pending.size === 0) return;
  if (tx.dialect === 'postgres') {
    const ids = [...pending.keys()];
    const list = [...pending.values()];
    // The section is written only where the operator gave none, checked in the statement:
    // an editor's correction made since the batch was read stays.
    await sql`update articles as a
      set story_id = v.s,
        section = case when v.setsec and ${chosenHere(sql.ref('a.section_reason'))} then v.sec else a.section end,
        section_reason = case when v.setsec and ${chosenHere(sql.ref('a.section_reason'))} then v.why else a.section_reason end,
        hidden = (a.hidden or v.h)
      from unnest(${ids}::int[], ${list.map((x) => x.storyId)}::int[], ${list.map((x) => x.section !== undefined)}::bool[],
        ${list.map((x) => x.section?.name ?? null)}::text[], ${list.map((x) => x.section?.reason ?? null)}::text[],
        ${list.map((x) => x.hidden === true)}::bool[]) as v(id, s, setsec, sec, why, h)
      where a.id = v.id`.execute(tx.db);
    return;
  }
  for (const [id, a] of pending) {
    const set: { story_id: number; section?: RawBuilder<string | null>; section_reason?: RawBuilder<StoredSectionReason | null>; hidden?: 1 } = { story_id: a.storyId };
    if (a.section) {
      const here = chosenHere(sql.ref('section_reason'));
      set.section = sql<string | null>`case when ${here} then ${a.section.name} else section end`;
      set.section_reason = sql<StoredSectionReason | null>`case when ${here} then ${a.section.reason} else section_reason end`;
    }
    if (a.hidden) set.hidden = 1;
    await tx.db.updateTable('articles').set(set).where('id', '=', id).execute();
  }
}

/** SQL: true when the section in the row is not one the operator gave (the stories stage may choose it). */
function chosenHere(reasonColumn: ReturnType<typeof sql.ref>) {
  return sql<boolean>`coalesce(${reasonColumn}, '') not in (${sql.join(GIVEN_SECTION_REASONS)})`;
}

/** The story an article belongs in: where the operator placed it, else the engine's story
 * followed through the operator's merges. */
function finalStory(o: StoryOverrides, articleId: number, engineStory: number): number {
  return o.placed.get(articleId) ?? o.redirects.get(engineStory) ?? engineStory;
}

export class StoryAssigner {
  #engine: StoryEngine | null = null;
  #lockClient: pg.Client | null = null;
  /** The session that asks for the lock until it gets it (then it becomes `#lockClient`). */
  #candidate: pg.Client | null = null;
  #electing: Promise<boolean> | null = null;
  readonly #store: Store;
  readonly #log: Logger;
  readonly #databaseUrl: string | null;

  /** `databaseUrl` is needed on PostgreSQL, for the lock's own session. */
  constructor(store: Store, log: Logger, databaseUrl: string | null = null) {
    this.#store = store;
    this.#log = log;
    this.#databaseUrl = databaseUrl;
  }

  /**
   * True when this process may assign stories: always on SQLite; on PostgreSQL once it holds
   * the advisory lock (tried again on each call until it gets it).
   */
  async elected(): Promise<boolean> {
    if (this.#store.dialect !== 'postgres') return true;
    if (this.#lockClient) return true;
    if (!this.#databaseUrl) return false;
    this.#electing ??= this.#tryLock().finally(() => {
      this.#electing = null;
    });
    return this.#electing;
  }

  /** One try for the lock, on a session kept between tries: a worker that is not elected asks
   * again every half second, and a new connection each time would start a server process each time. */
  async #tryLock(): Promise<boolean> {
    try {
      const client = this.#candidate ?? (await this.#connectCandidate());
      const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [STORY_LOCK_KEY]);
      if (!r.rows[0]?.ok) return false;
      this.#candidate = null;
      this.#lockClient = client;
      this.#log.info('this worker now assigns stories');
      return true;
    } catch (err) {
      this.#log.warn('could not take the story lock', { error: (err as Error).message });
      const c = this.#candidate;
      this.#candidate = null;
      await c?.end().catch(() => undefined);
      return false;
    }
  }

  async #connectCandidate(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.#databaseUrl! });
    // Listen from the start: a connection cut at any moment (even before the lock is
    // taken) must not end the process. A lost session loses the lock too: stop assigning
    // until elected again.
    client.on('error', (err) => {
      if (this.#candidate === client) {
        this.#candidate = null;
        void client.end().catch(() => undefined);
      }
      if (this.#lockClient === client) {
        this.#lockClient = null;
        this.#engine = null;
        this.#log.warn('lost the story lock with its connection; will try again', { error: err.message });
      }
    });
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.#candidate = client;
    return client;
  }

  /**
   * Assigns a story to every stored article without one, in the order they were stored.
   * Returns how many were assigned. Safe to call often; does nothing unless elected.
   */
  async assignNew(onProgress?: (done: number) => void): Promise<number> {
    if (!(await this.elected())) return 0;
    const engine = this.#engine ?? (await this.#load());
    let total = 0;
    for (;;) {
      const rows = (await this.#select().where('story_id', 'is', null).orderBy('id').limit(BATCH).execute()) as ArticleRow[];
      if (rows.length === 0) break;
      // The operator's merges, splits and hidden stories win over the engine's choices.
      const o = await new Moderation(this.#store.db).storyOverrides();
      // The batch is worked out in memory (a merge later in the batch also moves the batch's
      // earlier articles), then written in one transaction: the merges of stories stored by
      // earlier batches first, then every new article's story in one statement on PostgreSQL
      // (one round trip instead of one per article).
      const pending = new Map<number, Assignment>();
      const merges: EngineMerge[] = [];
      let slice = performance.now();
      for (const r of rows) {
        // A batch is up to a second of work: let the process's other work (a worker's article
        // jobs, waiting on answers from the database and the network) in between.
        if (performance.now() - slice > YIELD_AFTER_MS) {
          await yieldToEventLoop();
          slice = performance.now();
        }
        const res = engine.addArticle(toDoc(r));
        const storyId = finalStory(o, r.id, res.storyId);
        if (res.mergedStories.length) {
          const gone = new Set(res.mergedStories);
          for (const [id, a] of pending) if (gone.has(a.storyId) && !o.placed.has(id)) a.storyId = storyId;
          merges.push({ from: res.mergedStories, into: storyId });
        }
        // An article whose section the operator did not give gets the stories stage's choice
        // (feed categories, its story's, the classifier, then the keyword lexicon).
        pending.set(r.id, res.sectionReason === 'source' ? { storyId } : { storyId, section: { name: res.section, reason: storedReason(res.sectionReason) } });
      }
      // A story the operator hid keeps its new articles hidden too.
      for (const a of pending.values()) a.hidden = o.hiddenStories.has(a.storyId);
      // Stories this batch showed to be one: their stored articles move to the survivor
      // (except those the operator placed themselves), and their old addresses lead there,
      // also where the engine is not in the process. One statement each, not one per merge.
      const moved = composeMerges(merges);
      await this.#store.transaction(async (tx) => {
        await applyEngineMerges(tx.db, moved, o.placed.keys());
        await writeAssignments(tx, pending);
      });
      total += rows.length;
      onProgress?.(total);
    }
    if (total) this.#log.info('stories assigned', { articles: total });
    return total;
  }

  /**
   * Forgets every assignment and assigns all stored articles again (after a settings
   * change). Story ids may change.
   */
  async rebuild(onProgress?: (done: number) => void): Promise<number> {
    if (!(await this.elected())) throw new Error('another worker is assigning stories right now; stop the workers and try again');
    // The regrouping renumbers the engine's stories: the operator's pins, titles, hidden
    // stories and merge targets follow their earliest article to the new numbers.
    const { anchors, forgottenMerges } = await anchorStories(this.#store.db);
    await this.#store.db.updateTable('articles').set({ story_id: null }).execute();
    this.#engine = new StoryEngine();
    const n = await this.assignNew(onProgress);
    const moved = await reanchorStories(this.#store.db, anchors);
    if (anchors.size || forgottenMerges) this.#log.info('operator story settings carried over', { stories: moved, forgottenMerges });
    return n;
  }

  /** The story engine, for related posts (null until loaded). */
  get engine(): StoryEngine | null {
    return this.#engine;
  }

  /** Releases the lock (PostgreSQL) and drops the index: another process may assign next. */
  async close(): Promise<void> {
    await this.#electing?.catch(() => undefined);
    const clients = [this.#lockClient, this.#candidate];
    this.#lockClient = null;
    this.#candidate = null;
    this.#engine = null;
    for (const c of clients) await c?.end().catch(() => undefined);
  }

  #select() {
    return this.#store.db
      .selectFrom('articles')
      .select(['id', 'title', 'body_text', 'published_at', 'sort_at', 'site_name', 'section', 'section_reason', 'categories', 'story_id']);
  }

  /**
   * Rebuilds the index from every article that already has a story, replayed in the order
   * they were assigned (id order), so the replay reproduces the stored story ids; any that
   * still differ (after a settings change) are written back.
   */
  async #load(): Promise<StoryEngine> {
    const rows = (await this.#select().where('story_id', 'is not', null).orderBy('id').execute()) as ArticleRow[];
    const engine = new StoryEngine();
    let slice = performance.now();
    for (const r of rows) {
      if (performance.now() - slice > YIELD_AFTER_MS) {
        await yieldToEventLoop();
        slice = performance.now();
      }
      engine.addArticle(toDoc(r));
    }
    let changed = 0;
    const o = await new Moderation(this.#store.db).storyOverrides();
    for (const r of rows) {
      const engineStory = engine.storyOf(String(r.id));
      const now = engineStory === undefined ? undefined : finalStory(o, r.id, engineStory);
      if (now !== undefined && now !== r.story_id) {
        await this.#store.db.updateTable('articles').set({ story_id: now }).where('id', '=', r.id).execute();
        changed++;
      }
    }
    if (rows.length) this.#log.info('story index rebuilt', { articles: rows.length, moved: changed });
    this.#engine = engine;
    return engine;
  }
}
