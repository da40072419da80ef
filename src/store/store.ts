// store: the Store API — everything the pipeline, the jobs and the site read and write,
// through one Kysely query layer that runs unchanged on SQLite and PostgreSQL (dialect
// differences live in sqlite/ and postgres/). Writes that belong together run in one
// transaction, and every write is keyed on a natural key (source URL, source + entry id,
// canonical URL, image URL), so repeating it — after a crash, or because a job was
// delivered twice — never duplicates or loses anything.
import { compile as compileSelector } from 'css-select';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { articleKey, canonicalizeUrl, tryCanonicalizeUrl, UrlError } from './canonical.ts';
import type { DialectName, SearchFilters, StoreDialect } from './dialect.ts';
import { excerptHtml, markedToHtml, withEllipses } from './highlight.ts';
import {
  StoreError,
  articleFromRow,
  cleanText,
  entryFromRow,
  flag,
  hash,
  imageFromRow,
  iso,
  isoOrNull,
  num,
  sourceFromRow,
} from './rows.ts';
import type { ArticlesTable, Database, SourcesTable } from './schema.ts';
import { describeQuery, parseSearchQuery } from './search-query.ts';
import { insertFetchLog, insertNewArticle, upsertEntryBatch, type ArticleFields, type EntryValues, type NewImageValues } from './postgres/writes.ts';
import type {
  ArticleSummary,
  DateInput,
  EntryOutcome,
  EntryRow,
  ExtractionRule,
  FetchLogInput,
  ImageInput,
  NewSource,
  PollRecord,
  Revision,
  RobotsRecord,
  SaveArticleInput,
  SaveArticleResult,
  SearchHit,
  SearchOptions,
  SearchResult,
  Source,
  SourceHealth,
  SourcePatch,
  SourceState,
  StoreStats,
  StoredArticle,
  StoredEntry,
  StoredImage,
  UpsertEntryResult,
} from './types.ts';

/** Search page size when none is asked for, and the most one page may hold. */
export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 100;
/** Deadlocks and serialization failures on PostgreSQL are resolved by running the transaction again. */
const RETRYABLE_PG_CODES = new Set(['40001', '40P01']);
const MAX_TRANSACTION_ATTEMPTS = 3;
/** Fetch-log lines per INSERT on SQLite (8 parameters each, well under its limit). */
const FETCH_LOG_ROWS_PER_INSERT = 500;
const SOURCE_STATES: readonly SourceState[] = ['active', 'paused', 'gone'];
const SOURCE_KINDS = ['feed', 'sitemap', 'section', 'json'] as const;
const DISPLAY_MODES = ['excerpt', 'full'] as const;

/** Every articles column (listed, so a column added for one dialect never leaks into the API). */
const ARTICLE_COLUMNS = [
  'id', 'url', 'canonical_url', 'original_url', 'title', 'authors', 'byline', 'published_at', 'modified_at',
  'sort_at', 'lang', 'site_name', 'description', 'image_id', 'body_text', 'html', 'word_count', 'content_hash',
  'record_hash', 'revision', 'source_id', 'section', 'section_reason', 'categories', 'story_id', 'hidden', 'created_at', 'updated_at',
] as const satisfies readonly (keyof ArticlesTable)[];

type Db = Kysely<Database>;

/**
 * The store. Get one from `openStore()`; call `close()` when done. Methods may be called
 * concurrently. `transaction(fn)` runs several calls atomically.
 */
export class Store {
  readonly #dialect: StoreDialect;
  readonly #db: Db;

  constructor(dialect: StoreDialect, db: Db = dialect.db) {
    this.#dialect = dialect;
    this.#db = db;
  }

  /** "sqlite" or "postgres". */
  get dialect(): DialectName {
    return this.#dialect.name;
  }

  /** Where the data lives (file path, or PostgreSQL URL without password). */
  get location(): string {
    return this.#dialect.location;
  }

  /**
   * The Kysely instance (or transaction) under this store, for queries the API does not
   * cover yet (e.g. the jobs queue). Table types are in `schema.ts`.
   */
  get db(): Db {
    return this.#db;
  }

  /**
   * Runs `fn` in one transaction with a store bound to it: everything `fn` writes is
   * committed together, or — if it throws — not at all. Nested calls join the outer
   * transaction. On SQLite the transaction holds the write lock from its start.
   */
  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.#db.isTransaction) return fn(this);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#db.transaction().execute((trx: Transaction<Database>) => fn(new Store(this.#dialect, trx)));
      } catch (err) {
        const code = (err as { code?: unknown } | null)?.code;
        if (attempt < MAX_TRANSACTION_ATTEMPTS && typeof code === 'string' && RETRYABLE_PG_CODES.has(code)) continue;
        throw this.#dialect.explainError(err);
      }
    }
  }

  /** Closes the database connection(s). The store cannot be used afterwards. */
  async close(): Promise<void> {
    await this.#dialect.close();
  }

  // ---------------------------------------------------------------- sources

  /**
   * Adds a source, or returns the existing one with the same URL (compared normalised, so
   * a tracking parameter or trailing slash does not make a second source). `created` says which.
   */
  async addSource(input: NewSource): Promise<{ source: Source; created: boolean }> {
    const urlKey = sourceUrlKey(input.url);
    const kind = input.kind ?? 'feed';
    const displayMode = input.displayMode ?? 'excerpt';
    checkOneOf('kind', kind, SOURCE_KINDS);
    checkOneOf('display mode', displayMode, DISPLAY_MODES);
    checkPattern(input.urlPattern);
    const bounds = checkIntervals(input.minIntervalSeconds ?? null, input.maxIntervalSeconds ?? null);
    const rule = input.extractionRule ? checkExtractionRule(input.extractionRule) : null;
    const now = iso(new Date());
    return this.transaction(async (tx) => {
      const inserted = await tx.#db
        .insertInto('sources')
        .values({
          url: input.url.trim(),
          url_key: urlKey,
          kind,
          name: cleanText(input.name),
          section: cleanText(input.section),
          display_mode: displayMode,
          url_pattern: input.urlPattern ?? null,
          use_feed_content: flag(input.useFeedContent),
          state: 'active',
          min_interval_seconds: bounds.min,
          max_interval_seconds: bounds.max,
          extraction_rule: rule ? JSON.stringify(rule) : null,
          next_poll_at: input.nextPollAt != null ? iso(input.nextPollAt) : now,
          consecutive_errors: 0,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('url_key').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { source: sourceFromRow(inserted), created: true };
      const existing = await tx.#db.selectFrom('sources').selectAll().where('url_key', '=', urlKey).executeTakeFirstOrThrow();
      return { source: sourceFromRow(existing), created: false };
    });
  }

  /** The source with this id, or null. */
  async getSource(id: number): Promise<Source | null> {
    const row = await this.#db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? sourceFromRow(row) : null;
  }

  /** The source with this URL (compared normalised), or null. */
  async getSourceByUrl(url: string): Promise<Source | null> {
    const key = tryCanonicalizeUrl(url);
    if (!key) return null;
    const row = await this.#db.selectFrom('sources').selectAll().where('url_key', '=', key).executeTakeFirst();
    return row ? sourceFromRow(row) : null;
  }

  /** All sources (optionally only those in one state or section), oldest first. */
  async listSources(filter: { state?: SourceState; section?: string } = {}): Promise<Source[]> {
    let q = this.#db.selectFrom('sources').selectAll();
    if (filter.state) q = q.where('state', '=', filter.state);
    if (filter.section != null) q = q.where('section', '=', filter.section);
    const rows = await q.orderBy('id').execute();
    return rows.map(sourceFromRow);
  }

  /** Changes a source's settings; null when there is no such source. Resuming (state
   * `active`) also clears the error count and makes the source due now. */
  async updateSource(id: number, patch: SourcePatch): Promise<Source | null> {
    const now = iso(new Date());
    const set: Partial<Record<keyof SourcesTable, unknown>> = { updated_at: now };
    if (patch.url !== undefined) {
      set.url = patch.url.trim();
      set.url_key = sourceUrlKey(patch.url);
    }
    if (patch.kind !== undefined) set.kind = checkOneOf('kind', patch.kind, SOURCE_KINDS);
    if (patch.name !== undefined) set.name = cleanText(patch.name);
    if (patch.section !== undefined) set.section = cleanText(patch.section);
    if (patch.displayMode !== undefined) set.display_mode = checkOneOf('display mode', patch.displayMode, DISPLAY_MODES);
    if (patch.urlPattern !== undefined) set.url_pattern = checkPattern(patch.urlPattern);
    if (patch.useFeedContent !== undefined) set.use_feed_content = flag(patch.useFeedContent);
    if (patch.state !== undefined) {
      set.state = checkOneOf('state', patch.state, SOURCE_STATES);
      if (patch.state === 'active') {
        set.consecutive_errors = 0;
        set.next_poll_at = now;
      }
    }
    if (patch.nextPollAt !== undefined) set.next_poll_at = iso(patch.nextPollAt);
    if (patch.minIntervalSeconds !== undefined || patch.maxIntervalSeconds !== undefined) {
      const current = await this.getSource(id);
      if (!current) return null;
      const b = checkIntervals(
        patch.minIntervalSeconds !== undefined ? patch.minIntervalSeconds : current.minIntervalSeconds,
        patch.maxIntervalSeconds !== undefined ? patch.maxIntervalSeconds : current.maxIntervalSeconds,
      );
      set.min_interval_seconds = b.min;
      set.max_interval_seconds = b.max;
    }
    if (patch.extractionRule !== undefined) set.extraction_rule = patch.extractionRule ? JSON.stringify(checkExtractionRule(patch.extractionRule)) : null;
    const row = await this.#db
      .updateTable('sources')
      .set(set as Partial<Record<keyof SourcesTable, never>>)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new StoreError(`another source already has the URL ${String(patch.url)}`);
        throw this.#dialect.explainError(err);
      });
    return row ? sourceFromRow(row) : null;
  }

  /** Removes a source with its entries and fetch log; its articles stay (without a source).
   * Returns false when there was no such source. */
  async removeSource(id: number): Promise<boolean> {
    const res = await this.#db.deleteFrom('sources').where('id', '=', id).executeTakeFirst();
    return num(res.numDeletedRows) > 0;
  }

  /** Active sources due for a poll at `now`, most overdue first. Read-only: see `claimDueSources`. */
  async dueSources(now: DateInput = new Date(), limit = 100): Promise<Source[]> {
    const rows = await this.#db
      .selectFrom('sources')
      .selectAll()
      .where('state', '=', 'active')
      .where('next_poll_at', '<=', iso(now))
      .orderBy('next_poll_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(sourceFromRow);
  }

  /**
   * Takes due sources for polling: returns them and moves their `nextPollAt` `leaseSeconds`
   * ahead in the same transaction, so another worker asking at the same time gets other
   * sources (PostgreSQL skips rows another worker has locked). If the poller dies, the
   * source simply comes due again when the lease runs out. `recordPoll` sets the real next time.
   */
  async claimDueSources(now: DateInput = new Date(), limit = 10, leaseSeconds = 300): Promise<Source[]> {
    const at = iso(now);
    const lease = iso(new Date(new Date(at).getTime() + leaseSeconds * 1000));
    return this.transaction(async (tx) => {
      let q = tx.#db
        .selectFrom('sources')
        .select('id')
        .where('state', '=', 'active')
        .where('next_poll_at', '<=', at)
        .orderBy('next_poll_at')
        .orderBy('id')
        .limit(limit);
      if (this.#dialect.rowLocks) q = q.forUpdate().skipLocked();
      const ids = (await q.execute()).map((r) => r.id);
      if (ids.length === 0) return [];
      const rows = await tx.#db
        .updateTable('sources')
        .set({ next_poll_at: lease })
        .where('id', 'in', ids)
        .returningAll()
        .execute();
      return rows.map(sourceFromRow).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
    });
  }

  /**
   * Records the outcome of a poll: error count and message, next poll time from the
   * scheduler, HTTP validators, `gone` state on 410 — and the fetch log line, in one
   * transaction. Returns the updated source (null if it was removed meanwhile).
   */
  async recordPoll(sourceId: number, poll: PollRecord): Promise<Source | null> {
    const at = iso(poll.at ?? new Date());
    return this.transaction(async (tx) => {
      const current = await tx.#lockSource(sourceId);
      if (!current) return null;
      const set: Partial<Record<keyof SourcesTable, unknown>> = {
        last_polled_at: at,
        last_status: poll.status ?? null,
        next_poll_at: iso(poll.nextPollAt),
        interval_seconds: poll.intervalSeconds == null ? null : Math.round(poll.intervalSeconds),
        schedule_reason: poll.reason ?? null,
        updated_at: at,
      };
      if (poll.ok) {
        set.consecutive_errors = 0;
        set.last_error = null;
        set.last_success_at = at;
        if (poll.etag !== undefined) set.etag = poll.etag;
        if (poll.lastModified !== undefined) set.last_modified = poll.lastModified;
      } else {
        set.consecutive_errors = num(current.consecutive_errors) + 1;
        set.last_error = poll.error ?? (poll.status != null ? `HTTP ${poll.status}` : 'unknown error');
      }
      // A paused source stays paused even if a poll that started before the pause finishes now.
      if (poll.pause === 'gone' && current.state === 'active') set.state = 'gone';
      const row = await tx.#db
        .updateTable('sources')
        .set(set as Partial<Record<keyof SourcesTable, never>>)
        .where('id', '=', sourceId)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (poll.fetch) await tx.logFetch({ ...poll.fetch, sourceId, at: poll.fetch.at ?? at });
      return sourceFromRow(row);
    });
  }

  async #lockSource(id: number): Promise<Selectable<SourcesTable> | undefined> {
    let q = this.#db.selectFrom('sources').selectAll().where('id', '=', id);
    if (this.#dialect.rowLocks) q = q.forUpdate();
    return q.executeTakeFirst();
  }

  // ---------------------------------------------------------------- entries

  /**
   * Records a feed entry for a source: `new` the first time its key (id, else URL) is
   * seen, `changed` when its title, link, summary or content differ from last time (the
   * page should be fetched again), `unchanged` otherwise (nothing is written).
   */
  async upsertEntry(sourceId: number, entry: StoredEntry, now?: DateInput): Promise<UpsertEntryResult> {
    const [result] = await this.upsertEntries(sourceId, [entry], now);
    return result!;
  }

  /** `upsertEntry` for a whole poll's entries, in one transaction. Results are in input order. */
  async upsertEntries(sourceId: number, entries: readonly StoredEntry[], now?: DateInput): Promise<UpsertEntryResult[]> {
    const at = iso(now ?? new Date());
    const prepared = entries.map((e) => prepareEntry(e));
    // PostgreSQL: one statement for the poll (a key given twice takes the row-by-row path,
    // which compares each repeat with the one before it).
    if (this.#dialect.name === 'postgres' && prepared.length > 0 && new Set(prepared.map((p) => p.key)).size === prepared.length) {
      return this.#upsertEntryBatch(sourceId, prepared, at);
    }
    return this.transaction(async (tx) => {
      const out: UpsertEntryResult[] = [];
      for (const p of prepared) out.push(await tx.#upsertOneEntry(sourceId, p, at));
      return out;
    });
  }

  async #upsertEntryBatch(sourceId: number, prepared: readonly PreparedEntry[], at: string): Promise<UpsertEntryResult[]> {
    const rows = await upsertEntryBatch(this.#db, sourceId, prepared, at).catch((err: unknown) => {
      if (isForeignKeyViolation(err)) throw new StoreError(`source ${sourceId} does not exist (was it removed?)`);
      throw err;
    });
    const out: UpsertEntryResult[] = [];
    for (const [i, r] of rows.entries()) {
      if (r.id === null) {
        // Inserted by another worker after this statement began, with the same content: seen.
        const row = await this.getEntryByKey(sourceId, r.key);
        if (!row) throw new StoreError(`entry ${r.key} of source ${sourceId} vanished while being saved`);
        out.push({ entryId: row.id, outcome: 'unchanged', articleId: row.articleId, key: prepared[i]!.key });
        continue;
      }
      const outcome: EntryOutcome = !r.written ? 'unchanged' : r.existed ? 'changed' : 'new';
      out.push({ entryId: r.id, outcome, articleId: r.articleId, key: r.key });
    }
    return out;
  }

  async #upsertOneEntry(sourceId: number, p: PreparedEntry, at: string): Promise<UpsertEntryResult> {
    const find = async () => {
      let q = this.#db
        .selectFrom('entries')
        .select(['id', 'content_hash', 'article_id'])
        .where('source_id', '=', sourceId)
        .where('entry_key', '=', p.key);
      if (this.#dialect.rowLocks) q = q.forUpdate();
      return q.executeTakeFirst();
    };
    let existing = await find();
    if (!existing) {
      const inserted = await this.#db
        .insertInto('entries')
        .values({
          source_id: sourceId,
          entry_key: p.key,
          url: p.url,
          title: p.title,
          published_at: p.publishedAt,
          updated_at: p.updatedAt,
          content_hash: p.contentHash,
          data: p.data,
          first_seen_at: at,
          last_seen_at: at,
          changed_at: at,
        })
        .onConflict((oc) => oc.columns(['source_id', 'entry_key']).doNothing())
        .returning('id')
        .executeTakeFirst()
        .catch((err: unknown) => {
          if (isForeignKeyViolation(err)) throw new StoreError(`source ${sourceId} does not exist (was it removed?)`);
          throw err;
        });
      if (inserted) return { entryId: inserted.id, outcome: 'new', articleId: null, key: p.key };
      // Another worker inserted it between our look and our insert: treat it as seen.
      existing = await find();
      if (!existing) throw new StoreError(`entry ${p.key} of source ${sourceId} vanished while being saved`);
    }
    let outcome: EntryOutcome = 'unchanged';
    if (existing.content_hash !== p.contentHash) {
      outcome = 'changed';
      await this.#db
        .updateTable('entries')
        .set({
          url: p.url,
          title: p.title,
          published_at: p.publishedAt,
          updated_at: p.updatedAt,
          content_hash: p.contentHash,
          data: p.data,
          last_seen_at: at,
          changed_at: at,
        })
        .where('id', '=', existing.id)
        .execute();
    }
    return { entryId: existing.id, outcome, articleId: existing.article_id, key: p.key };
  }

  /** An entry by row id, with the entry as last seen in its feed. */
  async getEntry(entryId: number): Promise<EntryRow | null> {
    const row = await this.#db.selectFrom('entries').selectAll().where('id', '=', entryId).executeTakeFirst();
    return row ? entryFromRow(row) : null;
  }

  /** An entry by its source and key (the feed's id, else its URL). */
  async getEntryByKey(sourceId: number, key: string): Promise<EntryRow | null> {
    const row = await this.#db
      .selectFrom('entries')
      .selectAll()
      .where('source_id', '=', sourceId)
      .where('entry_key', '=', key)
      .executeTakeFirst();
    return row ? entryFromRow(row) : null;
  }

  /** Entries that have no article yet (newest first): after a crash, the work still to do. */
  async entriesWithoutArticle(opts: { sourceId?: number; limit?: number } = {}): Promise<EntryRow[]> {
    let q = this.#db.selectFrom('entries').selectAll().where('article_id', 'is', null);
    if (opts.sourceId != null) q = q.where('source_id', '=', opts.sourceId);
    const rows = await q
      .orderBy('first_seen_at', 'desc')
      .orderBy('id', 'desc')
      .limit(opts.limit ?? 100)
      .execute();
    return rows.map(entryFromRow);
  }

  /** When a source's entries were published (else first seen) since `since`: the
   * scheduler's measure of how often the source publishes. */
  async entryTimes(sourceId: number, since: DateInput): Promise<Date[]> {
    const rows = await this.#db
      .selectFrom('entries')
      .select(['published_at', 'first_seen_at'])
      .where('source_id', '=', sourceId)
      .where('first_seen_at', '>=', iso(since))
      .execute();
    return rows.map((r) => new Date(r.published_at ?? r.first_seen_at));
  }

  // ---------------------------------------------------------------- articles

  /**
   * Saves an extracted article, deduplicated on its canonical URL (see `articleKey`):
   * - first save: `new`, revision 1;
   * - a changed headline or body text: `updated`, with a new revision kept as history;
   * - other changed fields (image, dates, description, HTML…): `updated` in place;
   * - an identical re-save: `unchanged`, nothing written.
   * The lead image and the link from `entryId` are written in the same transaction.
   * Concurrent saves of the same article (many workers) end with one row.
   */
  async saveArticle(input: SaveArticleInput): Promise<SaveArticleResult> {
    const a = input.article;
    const key = articleKey(a.url, a.canonicalUrl);
    if (!key) {
      throw new StoreError(
        `cannot save an article without a usable URL (url ${JSON.stringify(a.url)}, canonical ${JSON.stringify(a.canonicalUrl)})`,
      );
    }
    const now = iso(input.now ?? new Date());
    const title = cleanText(a.title);
    const body = a.articleBody?.trim() ? a.articleBody.trim() : null;
    const authors = (a.authors ?? []).map((n) => cleanText(n)).filter((n): n is string => n !== null);
    const image = a.leadImage?.url ? prepareImage(a.leadImage) : null;
    const fields = {
      // The page's own URL without tracking parameters: a re-fetch via another campaign link is no change.
      url: tryCanonicalizeUrl(a.url) ?? key.key,
      original_url: key.originalUrl,
      title,
      authors: JSON.stringify(authors),
      byline: authors.length > 0 ? authors.join(', ') : null,
      published_at: isoOrNull(a.publishedAt),
      modified_at: isoOrNull(a.modifiedAt),
      lang: cleanText(a.lang),
      site_name: cleanText(a.siteName),
      description: cleanText(a.description),
      body_text: body,
      html: a.html ?? null,
      word_count: Number.isFinite(a.wordCount) ? Math.max(0, Math.round(a.wordCount)) : 0,
      categories: categoriesJson(input.categories),
    };
    // What makes a revision: the headline and the text, compared with whitespace collapsed.
    const contentHash = hash(title ?? '', cleanText(body) ?? '');
    const recordHash = hash(fields, image);
    if (this.#dialect.name === 'postgres') {
      const first = await this.#insertNewArticle(key.key, fields, image, contentHash, recordHash, input, now);
      if (first) return first;
    }
    return this.transaction(async (tx) => {
      const imageId = image ? await tx.#saveImage(image, now) : null;
      const result = await tx.#saveArticleRow(key.key, fields, imageId, contentHash, recordHash, input, now);
      if (input.entryId != null) await tx.#linkEntry(input.entryId, result.articleId);
      return result;
    });
  }

  /** PostgreSQL: a first save (the common case) as one statement; null when the article
   * exists already, for the full path to compare and update it. */
  async #insertNewArticle(
    canonicalUrl: string,
    fields: ArticleFields,
    image: PreparedImage | null,
    contentHash: string,
    recordHash: string,
    input: SaveArticleInput,
    now: string,
  ): Promise<SaveArticleResult | null> {
    const entryId = input.entryId ?? null;
    const r = await insertNewArticle(this.#db, {
      article: {
        ...fields,
        canonical_url: canonicalUrl,
        sort_at: fields.published_at ?? now,
        content_hash: contentHash,
        record_hash: recordHash,
        source_id: input.sourceId ?? null,
        created_at: now,
      },
      section: input.section === undefined && input.sourceId == null ? null : input.section,
      image,
      entryId,
    }).catch((err: unknown) => {
      if (isForeignKeyViolation(err)) throw new StoreError(`source ${String(input.sourceId)} does not exist (was it removed?)`);
      throw this.#dialect.explainError(err);
    });
    if (r.kind === 'no-entry') throw new StoreError(`entry ${String(entryId)} does not exist (its source may have been removed); the article was not saved`);
    return r.kind === 'inserted' ? { articleId: r.articleId, outcome: 'new', revision: 1, canonicalUrl } : null;
  }

  async #saveArticleRow(
    canonicalUrl: string,
    fields: ArticleFields,
    imageId: number | null,
    contentHash: string,
    recordHash: string,
    input: SaveArticleInput,
    now: string,
  ): Promise<SaveArticleResult> {
    const find = async () => {
      let q = this.#db
        .selectFrom('articles')
        .select(['id', 'content_hash', 'record_hash', 'revision', 'created_at', 'image_id'])
        .where('canonical_url', '=', canonicalUrl);
      if (this.#dialect.rowLocks) q = q.forUpdate();
      return q.executeTakeFirst();
    };
    let existing = await find();
    if (!existing) {
      let section = input.section ?? null;
      if (input.section === undefined && input.sourceId != null) {
        const src = await this.#db.selectFrom('sources').select('section').where('id', '=', input.sourceId).executeTakeFirst();
        section = src?.section ?? null;
      }
      // Without a section from its source, the stories stage chooses one (and says why).
      const inserted = await this.#db
        .insertInto('articles')
        .values({
          ...fields,
          canonical_url: canonicalUrl,
          image_id: imageId,
          sort_at: fields.published_at ?? now,
          content_hash: contentHash,
          record_hash: recordHash,
          revision: 1,
          source_id: input.sourceId ?? null,
          section,
          section_reason: section === null ? null : 'source',
          story_id: null,
          hidden: 0,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('canonical_url').doNothing())
        .returning('id')
        .executeTakeFirst()
        .catch((err: unknown) => {
          if (isForeignKeyViolation(err)) throw new StoreError(`source ${String(input.sourceId)} does not exist (was it removed?)`);
          throw err;
        });
      if (inserted) {
        await this.#db
          .insertInto('article_revisions')
          .values({
            article_id: inserted.id,
            revision: 1,
            title: fields.title,
            body_text: fields.body_text,
            content_hash: contentHash,
            changed_at: now,
          })
          .execute();
        return { articleId: inserted.id, outcome: 'new', revision: 1, canonicalUrl };
      }
      // Saved by another worker between our look and our insert: continue as a re-save.
      existing = await find();
      if (!existing) throw new StoreError(`article ${canonicalUrl} vanished while being saved`);
    }
    const revision = num(existing.revision);
    if (existing.record_hash === recordHash) {
      return { articleId: existing.id, outcome: 'unchanged', revision, canonicalUrl };
    }
    const changed = existing.content_hash !== contentHash;
    const next = changed ? revision + 1 : revision;
    // A headline the operator corrected stays; the revision below keeps the source's own.
    const override = await this.#db.selectFrom('article_overrides').select('title').where('article_id', '=', existing.id).executeTakeFirst();
    await this.#db
      .updateTable('articles')
      .set({
        ...fields,
        title: override?.title ?? fields.title,
        // A re-extraction that misses the lead image more likely failed than saw it removed.
        image_id: imageId ?? existing.image_id,
        sort_at: fields.published_at ?? existing.created_at,
        content_hash: contentHash,
        record_hash: recordHash,
        revision: next,
        updated_at: now,
      })
      .where('id', '=', existing.id)
      .execute();
    if (changed) {
      await this.#db
        .insertInto('article_revisions')
        .values({
          article_id: existing.id,
          revision: next,
          title: fields.title,
          body_text: fields.body_text,
          content_hash: contentHash,
          changed_at: now,
        })
        .execute();
    }
    return { articleId: existing.id, outcome: 'updated', revision: next, canonicalUrl };
  }

  async #linkEntry(entryId: number, articleId: number): Promise<void> {
    const res = await this.#db
      .updateTable('entries')
      .set({ article_id: articleId })
      .where('id', '=', entryId)
      .executeTakeFirst();
    if (num(res.numUpdatedRows) === 0) {
      // Throwing rolls the article back too: an entry that vanished (its source was
      // removed) should not leave an orphan behind, and a wrong id is a bug to surface.
      throw new StoreError(`entry ${entryId} does not exist (its source may have been removed); the article was not saved`);
    }
  }

  /** An article by id, with its image, or null. */
  async getArticle(id: number): Promise<StoredArticle | null> {
    const row = await this.#db.selectFrom('articles').select(ARTICLE_COLUMNS).where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const image = row.image_id != null ? await this.getImage(row.image_id) : null;
    return articleFromRow(row, image);
  }

  /** The article stored for a URL — its canonical form, or the URL it was fetched from. */
  async findArticleByUrl(url: string): Promise<StoredArticle | null> {
    const key = tryCanonicalizeUrl(url);
    if (!key) return null;
    const row =
      (await this.#db.selectFrom('articles').select('id').where('canonical_url', '=', key).executeTakeFirst()) ??
      (await this.#db.selectFrom('articles').select('id').where('url', '=', url.trim()).executeTakeFirst());
    return row ? this.getArticle(row.id) : null;
  }

  /** Articles newest first (published, else first seen), for listings and feeds out. */
  async listArticles(opts: Omit<SearchOptions, 'limit'> & { limit?: number } = {}): Promise<ArticleSummary[]> {
    const f = searchFilters(opts);
    let q = this.#db
      .selectFrom('articles')
      .select(['id', 'url', 'title', 'description', 'sort_at', 'published_at', 'source_id', 'section', 'story_id']);
    if (!f.includeHidden) q = q.where('hidden', '=', 0);
    if (f.section != null) q = q.where('section', '=', f.section);
    if (f.sourceId != null) q = q.where('source_id', '=', f.sourceId);
    if (f.since != null) q = q.where('sort_at', '>=', f.since);
    if (f.until != null) q = q.where('sort_at', '<', f.until);
    const rows = await q.orderBy('sort_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
    return rows.map((r) => ({
      id: r.id,
      url: r.url,
      title: r.title,
      description: r.description,
      sortAt: r.sort_at,
      publishedAt: r.published_at,
      sourceId: r.source_id,
      section: r.section,
      storyId: r.story_id,
    }));
  }

  /** An article's history, oldest first (revision 1 is the first version saved). */
  async articleRevisions(articleId: number): Promise<Revision[]> {
    const rows = await this.#db
      .selectFrom('article_revisions')
      .select(['revision', 'title', 'body_text', 'content_hash', 'changed_at'])
      .where('article_id', '=', articleId)
      .orderBy('revision')
      .execute();
    return rows.map((r) => ({
      revision: num(r.revision),
      title: r.title,
      bodyText: r.body_text,
      contentHash: r.content_hash,
      changedAt: r.changed_at,
    }));
  }

  /** Hides or shows an article (moderation). Returns false when there is no such article. */
  async setArticleHidden(articleId: number, hidden: boolean): Promise<boolean> {
    const res = await this.#db.updateTable('articles').set({ hidden: flag(hidden) }).where('id', '=', articleId).executeTakeFirst();
    return num(res.numUpdatedRows) > 0;
  }

  /** Puts an article in a story (or none): for the stories stage. */
  async setArticleStory(articleId: number, storyId: number | null): Promise<boolean> {
    const res = await this.#db.updateTable('articles').set({ story_id: storyId }).where('id', '=', articleId).executeTakeFirst();
    return num(res.numUpdatedRows) > 0;
  }

  // ---------------------------------------------------------------- images

  /** Saves an image by URL (idempotent); known values are not replaced by missing ones. Returns its id. */
  async saveImage(image: ImageInput, now?: DateInput): Promise<number> {
    const p = prepareImage(image);
    return this.transaction((tx) => tx.#saveImage(p, iso(now ?? new Date())));
  }

  async #saveImage(img: PreparedImage, now: string): Promise<number> {
    const find = async () => {
      let q = this.#db.selectFrom('images').selectAll().where('url', '=', img.url);
      if (this.#dialect.rowLocks) q = q.forUpdate();
      return q.executeTakeFirst();
    };
    let row = await find();
    if (!row) {
      const inserted = await this.#db
        .insertInto('images')
        .values({ ...img, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('url').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return inserted.id;
      row = await find();
      if (!row) throw new StoreError(`image ${img.url} vanished while being saved`);
    }
    // A later page may know the caption or size an earlier one lacked; it never erases them.
    const merged = {
      caption: img.caption ?? row.caption,
      credit: img.credit ?? row.credit,
      alt: img.alt ?? row.alt,
      width: img.width ?? row.width,
      height: img.height ?? row.height,
    };
    const same = (Object.keys(merged) as (keyof typeof merged)[]).every((k) => merged[k] === row[k]);
    if (!same) await this.#db.updateTable('images').set({ ...merged, updated_at: now }).where('id', '=', row.id).execute();
    return row.id;
  }

  /** An image by id, or null. */
  async getImage(id: number): Promise<StoredImage | null> {
    const row = await this.#db.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? imageFromRow(row) : null;
  }

  // ---------------------------------------------------------------- fetch log and health

  /** Appends a line (or several, in one statement) to the fetch log. */
  async logFetch(e: FetchLogInput | readonly FetchLogInput[]): Promise<void> {
    const list: readonly FetchLogInput[] = Array.isArray(e) ? e : [e as FetchLogInput];
    if (list.length === 0) return;
    const rows = list.map((l) => ({
      source_id: l.sourceId ?? null,
      url: l.url,
      kind: l.kind,
      status: l.status ?? null,
      bytes: l.bytes ?? null,
      duration_ms: l.durationMs == null ? null : Math.round(l.durationMs),
      error: l.error ?? null,
      at: iso(l.at ?? new Date()),
    }));
    // PostgreSQL: one statement with the lines as arrays, however many.
    if (this.#dialect.name === 'postgres') await insertFetchLog(this.#db, rows);
    else for (let i = 0; i < rows.length; i += FETCH_LOG_ROWS_PER_INSERT) await this.#db.insertInto('fetch_log').values(rows.slice(i, i + FETCH_LOG_ROWS_PER_INSERT)).execute();
  }

  /** How a source's fetches went over the last `days` days. */
  async sourceHealth(sourceId: number, days = 7, now: DateInput = new Date()): Promise<SourceHealth> {
    const since = iso(new Date(new Date(iso(now)).getTime() - days * 86_400_000));
    const base = this.#db.selectFrom('fetch_log').where('source_id', '=', sourceId).where('at', '>=', since);
    const byStatusRows = await base
      .select((eb) => [
        'status',
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('error').as('with_error'),
        eb.fn.sum<number>('bytes').as('bytes'),
        eb.fn.sum<number>('duration_ms').as('duration'),
        eb.fn.count<number>('duration_ms').as('timed'),
      ])
      .groupBy('status')
      .execute();
    const last = await base
      .select(['at', 'status', 'error'])
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    let fetches = 0;
    let errors = 0;
    let bytes = 0;
    let duration = 0;
    let timed = 0;
    const byStatus: Record<string, number> = {};
    for (const r of byStatusRows) {
      const n = num(r.n);
      fetches += n;
      // A failed fetch: any line with an error, and every line with a 4xx/5xx status.
      errors += r.status != null && r.status >= 400 ? n : num(r.with_error);
      bytes += num(r.bytes);
      duration += num(r.duration);
      timed += num(r.timed);
      byStatus[r.status == null ? 'none' : String(r.status)] = n;
    }
    return {
      sourceId,
      days,
      fetches,
      errors,
      errorRate: fetches === 0 ? 0 : errors / fetches,
      avgDurationMs: timed === 0 ? null : Math.round(duration / timed),
      bytes,
      byStatus,
      lastFetchAt: last?.at ?? null,
      lastStatus: last?.status ?? null,
      lastError: last?.error ?? null,
    };
  }

  /** Deletes fetch log lines older than `before`; returns how many. */
  async pruneFetchLog(before: DateInput): Promise<number> {
    const res = await this.#db.deleteFrom('fetch_log').where('at', '<', iso(before)).executeTakeFirst();
    return num(res.numDeletedRows);
  }

  // ---------------------------------------------------------------- robots.txt cache

  /** The cached robots.txt for a host, if it has not expired at `now`. */
  async getRobots(host: string, now: DateInput = new Date()): Promise<RobotsRecord | null> {
    const row = await this.#db
      .selectFrom('robots')
      .selectAll()
      .where('host', '=', host.toLowerCase())
      .where('expires_at', '>', iso(now))
      .executeTakeFirst();
    return row ? { host: row.host, status: row.status, body: row.body, fetchedAt: row.fetched_at, expiresAt: row.expires_at } : null;
  }

  /** Caches a host's robots.txt (replacing the previous copy). */
  async putRobots(r: { host: string; status: number | null; body: string | null; fetchedAt: DateInput; expiresAt: DateInput }): Promise<void> {
    const row = { host: r.host.toLowerCase(), status: r.status, body: r.body, fetched_at: iso(r.fetchedAt), expires_at: iso(r.expiresAt) };
    await this.#db
      .insertInto('robots')
      .values(row)
      .onConflict((oc) =>
        oc.column('host').doUpdateSet({ status: row.status, body: row.body, fetched_at: row.fetched_at, expires_at: row.expires_at }),
      )
      .execute();
  }

  // ---------------------------------------------------------------- stats and search

  /** Counts for the operator (`newsdesk stats --json`), as numbers on both databases. */
  async stats(): Promise<StoreStats> {
    const row = await this.#db
      .selectNoFrom((eb) => [
        eb.selectFrom('sources').select((e) => e.fn.countAll().as('n')).as('sources'),
        eb.selectFrom('entries').select((e) => e.fn.countAll().as('n')).as('entries'),
        eb.selectFrom('articles').select((e) => e.fn.countAll().as('n')).as('articles'),
        eb.selectFrom('article_revisions').select((e) => e.fn.countAll().as('n')).where('revision', '>', 1).as('revisions'),
        eb.selectFrom('articles').select((e) => e.fn.count('story_id').distinct().as('n')).as('stories'),
        eb.selectFrom('sources').select((e) => e.fn.countAll().as('n')).where('consecutive_errors', '>', 0).as('errors'),
        eb.selectFrom('jobs').select((e) => e.fn.countAll().as('n')).where('state', 'in', ['queued', 'running']).as('jobs_pending'),
      ])
      .executeTakeFirstOrThrow();
    return {
      sources: num(row.sources),
      entries: num(row.entries),
      articles: num(row.articles),
      revisions: num(row.revisions),
      stories: num(row.stories),
      errors: num(row.errors),
      jobsPending: num(row.jobs_pending),
    };
  }

  /**
   * Full-text search over headline, byline, description and body: ranked hits (headline
   * matches weigh most) with an HTML-safe snippet. Any string is accepted: quotes, FTS
   * operators and stray punctuation are cleaned up, and an empty query finds nothing.
   */
  async search(query: string, opts: SearchOptions = {}): Promise<SearchResult> {
    const parsed = parseSearchQuery(query);
    if (!parsed) return { query: '', total: 0, hits: [] };
    const filters = searchFilters(opts);
    const { total, hits } = await this.#dialect.search(this.#db, parsed, filters).catch((err: unknown) => {
      throw this.#dialect.explainError(err);
    });
    if (hits.length === 0) return { query: describeQuery(parsed), total, hits: [] };
    const ids = hits.map((h) => h.id);
    const rows = await this.#db
      .selectFrom('articles')
      .select(['id', 'url', 'title', 'description', 'byline', 'source_id', 'section', 'published_at', 'sort_at', 'body_text'])
      .where('id', 'in', ids)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const out: SearchHit[] = [];
    for (const h of hits) {
      const r = byId.get(h.id);
      if (!r) continue;
      const marked = h.snippet.trim();
      out.push({
        articleId: r.id,
        url: r.url,
        title: r.title,
        description: r.description,
        byline: r.byline,
        sourceId: r.source_id,
        section: r.section,
        publishedAt: r.published_at,
        sortAt: r.sort_at,
        rank: h.rank,
        snippet: marked ? markedToHtml(withEllipses(marked, r.body_text || r.description)) : excerptHtml(r.description ?? r.body_text),
      });
    }
    return { query: describeQuery(parsed), total, hits: out };
  }
}

// ---------------------------------------------------------------- helpers

/** A feed entry ready to write (the PostgreSQL batch writer takes the same shape). */
type PreparedEntry = EntryValues;

function prepareEntry(e: StoredEntry): PreparedEntry {
  const key = (e.id ?? '').trim() || (e.url ?? '').trim();
  if (!key) throw new StoreError('a feed entry needs an id or a URL to be stored (the feed gave neither)');
  return {
    key,
    url: e.url ?? null,
    title: e.title ?? null,
    publishedAt: isoOrNull(e.publishedAt),
    updatedAt: isoOrNull(e.updatedAt),
    // Dates are left out on purpose: some feeds stamp every item with the time of the request.
    contentHash: hash(e.title ?? null, e.url ?? null, e.summary ?? null, e.contentHtml ?? null),
    data: JSON.stringify(e),
  };
}

/** An image ready to write: the extractor's lead image, cleaned. */
type PreparedImage = NewImageValues;

/** Categories kept per article, and their longest length: enough for any section mapping,
 * bounded against a feed that tags an item with its whole vocabulary. */
const MAX_CATEGORIES = 20;
const MAX_CATEGORY_LENGTH = 100;

/** The categories as stored: cleaned, without repeats (ignoring case), as JSON; null when none. */
function categoriesJson(list: readonly string[] | undefined): string | null {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of list ?? []) {
    const t = cleanText(c)?.slice(0, MAX_CATEGORY_LENGTH);
    if (!t || seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
    if (out.length === MAX_CATEGORIES) break;
  }
  return out.length ? JSON.stringify(out) : null;
}

function prepareImage(i: ImageInput): PreparedImage {
  const url = i.url.trim();
  if (!/^https?:\/\//i.test(url)) throw new StoreError(`image URL must be absolute http(s): ${JSON.stringify(url.slice(0, 200))}`);
  const size = (n: number | null | undefined) => (n != null && Number.isFinite(n) && n > 0 ? Math.round(n) : null);
  return {
    url,
    caption: cleanText(i.caption),
    credit: cleanText(i.credit),
    alt: cleanText(i.alt),
    width: size(i.width),
    height: size(i.height),
  };
}

function searchFilters(o: SearchOptions): SearchFilters {
  const limit = Math.min(MAX_SEARCH_LIMIT, Math.max(1, Math.floor(o.limit ?? DEFAULT_SEARCH_LIMIT)));
  return {
    limit,
    offset: Math.max(0, Math.floor(o.offset ?? 0)),
    section: o.section ?? null,
    sourceId: o.sourceId ?? null,
    since: o.since != null ? iso(o.since) : null,
    until: o.until != null ? iso(o.until) : null,
    includeHidden: o.includeHidden ?? false,
  };
}

function sourceUrlKey(url: string): string {
  try {
    return canonicalizeUrl(url);
  } catch (err) {
    if (err instanceof UrlError) throw new StoreError(`a source needs a full http(s) URL: ${err.message}`);
    throw err;
  }
}

function checkOneOf<T extends string>(what: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) throw new StoreError(`unknown ${what} ${JSON.stringify(value)}: use one of ${allowed.join(', ')}`);
  return value;
}

function checkPattern(pattern: string | null | undefined): string | null {
  if (pattern == null || pattern === '') return null;
  try {
    new RegExp(pattern);
  } catch (err) {
    throw new StoreError(`the URL pattern is not a valid regular expression: ${(err as Error).message}`);
  }
  return pattern;
}

/** Longest polling interval an operator may set: a week (seconds). */
const MAX_OPERATOR_INTERVAL = 7 * 24 * 3600;
/** Shortest: one minute; anything faster is impolite to the source. */
const MIN_OPERATOR_INTERVAL = 60;

function checkIntervals(min: number | null, max: number | null): { min: number | null; max: number | null } {
  for (const [name, v] of [['minimum', min], ['maximum', max]] as const) {
    if (v == null) continue;
    if (!Number.isInteger(v) || v < MIN_OPERATOR_INTERVAL || v > MAX_OPERATOR_INTERVAL) {
      throw new StoreError(`the ${name} polling interval must be a whole number of seconds between ${MIN_OPERATOR_INTERVAL} and ${MAX_OPERATOR_INTERVAL} (got ${String(v)})`);
    }
  }
  if (min != null && max != null && min > max) throw new StoreError(`the minimum polling interval (${min} s) is longer than the maximum (${max} s)`);
  return { min, max };
}

/** Most selectors a rule may list; a rule is a short list of places to look. */
const MAX_RULE_SELECTORS = 10;

function checkExtractionRule(rule: ExtractionRule): ExtractionRule {
  const list = (name: string, v: unknown, required: boolean): string[] => {
    if (v == null && !required) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new StoreError(`the extraction rule's ${name} must be a list of CSS selectors`);
    const items = (v as string[]).map((x) => x.trim()).filter(Boolean);
    if (required && items.length === 0) throw new StoreError(`the extraction rule needs at least one ${name} selector`);
    if (items.length > MAX_RULE_SELECTORS) throw new StoreError(`the extraction rule's ${name} lists more than ${MAX_RULE_SELECTORS} selectors`);
    for (const sel of items) {
      try {
        compileSelector(sel);
      } catch (err) {
        throw new StoreError(`"${sel}" is not a CSS selector: ${(err as Error).message}`);
      }
    }
    return items;
  };
  const body = list('body', rule.body, true);
  const remove = list('remove', rule.remove, false);
  return remove.length ? { body, remove } : { body };
}

/** A unique-key violation: SQLite's SQLITE_CONSTRAINT_UNIQUE or PostgreSQL's 23505. */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A foreign-key violation: SQLite's SQLITE_CONSTRAINT_FOREIGNKEY or PostgreSQL's 23503. */
function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
