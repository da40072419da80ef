// sqlite: the embedded database (better-sqlite3). One connection per process, WAL so
// readers never wait for the writer, foreign keys on, a busy timeout so several processes
// (a worker and `newsdesk serve`) can share the file, and synchronous=NORMAL (in WAL mode
// a crash can lose the last commits but never corrupts the file). Transactions start with
// BEGIN IMMEDIATE: a read-then-write transaction that began deferred could be refused its
// write lock by another process without waiting; immediate ones queue on the busy timeout.
// Migrations run in one such transaction too (SQLite's DDL is transactional, though
// Kysely's adapter does not claim it), so a crash mid-migration leaves no half schema and
// processes opening a new database at once migrate it one after the other.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import type { ColumnTypes, RawHit, SearchFilters, StoreDialect } from '../dialect.ts';
import type { Database as Tables } from '../schema.ts';
import { toFts5, type SearchQuery } from '../search-query.ts';
import { ELLIPSIS, MARK_END, MARK_START } from '../highlight.ts';
import { searchMigration } from './search.ts';

/** How long a writer waits for another process's write lock before giving up. */
export const BUSY_TIMEOUT_MS = 10_000;
/** Ranking weights for bm25 over the FTS columns (title, byline, description, body):
 * a word in the headline says far more about the article than one deep in the body. */
const BM25_WEIGHTS = [10.0, 4.0, 3.0, 1.0] as const;
/** Words around a match in a snippet (FTS5 allows at most 64). */
const SNIPPET_TOKENS = 32;
/** Column numbers in articles_fts, for snippet(): the body, else (no body) the description. */
const DESCRIPTION_COLUMN = 2;
const BODY_COLUMN = 3;

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

const types: ColumnTypes = {
  // AUTOINCREMENT: ids are never reused after a delete, so a cached link never points at another article.
  id: (c) => c.primaryKey().autoIncrement(),
  timestamp: 'text',
  flag: 'integer',
  json: 'text',
  flagDefault: (v) => (v ? 1 : 0),
};

/**
 * Open files in this process. Two connections to one file in one process would deadlock:
 * better-sqlite3 waits for a lock synchronously, blocking the event loop that the lock
 * holder needs to finish. So every store on the same file in a process shares one
 * connection (its queries queue on Kysely's connection mutex); it closes with the last store.
 */
const shared = new Map<string, { db: Kysely<Tables>; refs: number }>();

/** Opens (creating if needed) the SQLite database at `path` (":memory:" for a throwaway one). */
export function openSqlite(path: string): StoreDialect {
  const memory = path === ':memory:' || path === '';
  const location = memory ? ':memory:' : resolve(path);
  let entry = memory ? undefined : shared.get(location);
  if (entry) entry.refs++;
  else {
    entry = { db: new Kysely<Tables>({ dialect: new ImmediateSqliteDialect({ database: connect(location, memory) }) }), refs: 1 };
    if (!memory) shared.set(location, entry);
  }
  const { db } = entry;
  const handle = entry;
  let closed = false;
  return {
    name: 'sqlite',
    db,
    types,
    location,
    migrations: {
      '0002_search': searchMigration,
      // Lets search exclude hidden articles without reading article rows. Kysely<any>: a
      // migration is written against the schema of its time, not today's types.
      '0003_articles_hidden': {
        up: async (db: Kysely<any>) => void (await sql`create index if not exists articles_hidden on articles (hidden)`.execute(db)),
      },
    },
    rowLocks: false,
    search,
    explainError: (err) => explainSqliteError(err, location),
    async close() {
      if (closed) return;
      closed = true;
      if (--handle.refs > 0) return;
      if (shared.get(location) === handle) shared.delete(location);
      await db.destroy();
    },
  };
}

function connect(location: string, memory: boolean): Database {
  try {
    if (!memory) mkdirSync(dirname(location), { recursive: true });
    const raw = new Database(location, { timeout: BUSY_TIMEOUT_MS });
    if (!memory) raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    raw.pragma('synchronous = NORMAL');
    return raw;
  } catch (err) {
    throw new Error(
      `cannot open the SQLite database at ${location}: ${(err as Error).message}. ` +
        'Check that the directory exists and is writable, or set NEWSDESK_DB to another path.',
      { cause: err },
    );
  }
}

async function search(db: Kysely<Tables>, q: SearchQuery, f: SearchFilters): Promise<{ total: number; hits: RawHit[] }> {
  if (f.section == null && f.sourceId == null && f.since == null && f.until == null) return searchIndexOnly(db, q, f);
  const conds = [sql`articles_fts match ${toFts5(q)}`];
  if (!f.includeHidden) conds.push(sql`a.hidden = 0`);
  if (f.section != null) conds.push(sql`a.section = ${f.section}`);
  if (f.sourceId != null) conds.push(sql`a.source_id = ${f.sourceId}`);
  if (f.since != null) conds.push(sql`a.sort_at >= ${f.since}`);
  if (f.until != null) conds.push(sql`a.sort_at < ${f.until}`);
  const where = sql.join(conds, sql` and `);
  const weights = sql.join(BM25_WEIGHTS.map((w) => sql.lit(w)));
  const count = await sql<{ n: number }>`
    select count(*) as n from articles_fts join articles a on a.id = articles_fts.rowid where ${where}`.execute(db);
  const total = Number(count.rows[0]?.n ?? 0);
  if (total === 0 || f.offset >= total) return { total, hits: [] };
  // bm25 is "lower is better"; negated so both dialects rank "higher is better".
  const rows = await sql<{ id: number; rank: number; snippet: string | null }>`
    select a.id as id, -bm25(articles_fts, ${weights}) as rank,
      case when coalesce(a.body_text, '') = ''
        then snippet(articles_fts, ${sql.lit(DESCRIPTION_COLUMN)}, ${MARK_START}, ${MARK_END}, ${ELLIPSIS}, ${sql.lit(SNIPPET_TOKENS)})
        else snippet(articles_fts, ${sql.lit(BODY_COLUMN)}, ${MARK_START}, ${MARK_END}, ${ELLIPSIS}, ${sql.lit(SNIPPET_TOKENS)})
      end as snippet
    from articles_fts join articles a on a.id = articles_fts.rowid
    where ${where}
    order by rank desc, a.sort_at desc, a.id desc
    limit ${f.limit} offset ${f.offset}`.execute(db);
  return { total, hits: rows.rows.map((r) => ({ id: r.id, rank: r.rank, snippet: r.snippet ?? '' })) };
}

/**
 * Search without filters, answered from the index alone. Joining every match to `articles`
 * just to test `hidden` reads each row's overflow pages (the body comes before it), which
 * made a common word cost ~35 ms at 100,000 articles; hidden articles are few and indexed,
 * so excluding them by id is cheap. Snippets read content for the returned rows only.
 */
async function searchIndexOnly(db: Kysely<Tables>, q: SearchQuery, f: SearchFilters): Promise<{ total: number; hits: RawHit[] }> {
  const visible = f.includeHidden ? sql`1` : sql`articles_fts.rowid not in (select id from articles where hidden = 1)`;
  const where = sql`articles_fts match ${toFts5(q)} and ${visible}`;
  const count = await sql<{ n: number }>`select count(*) as n from articles_fts where ${where}`.execute(db);
  const total = Number(count.rows[0]?.n ?? 0);
  if (total === 0 || f.offset >= total) return { total, hits: [] };
  const weights = sql.join(BM25_WEIGHTS.map((w) => sql.lit(w)));
  const rows = await sql<{ id: number; rank: number; snippet: string | null }>`
    select articles_fts.rowid as id, -bm25(articles_fts, ${weights}) as rank,
      coalesce(
        nullif(snippet(articles_fts, ${sql.lit(BODY_COLUMN)}, ${MARK_START}, ${MARK_END}, ${ELLIPSIS}, ${sql.lit(SNIPPET_TOKENS)}), ''),
        snippet(articles_fts, ${sql.lit(DESCRIPTION_COLUMN)}, ${MARK_START}, ${MARK_END}, ${ELLIPSIS}, ${sql.lit(SNIPPET_TOKENS)})
      ) as snippet
    from articles_fts
    where ${where}
    order by rank desc, articles_fts.rowid desc
    limit ${f.limit} offset ${f.offset}`.execute(db);
  return { total, hits: rows.rows.map((r) => ({ id: r.id, rank: r.rank, snippet: r.snippet ?? '' })) };
}

/** SQLite result codes that need the operator, with what to do about them. */
const SQLITE_ADVICE: Record<string, string> = {
  SQLITE_FULL: 'the disk is full: free space, then restart (queued work is kept in the database)',
  SQLITE_READONLY: 'the database file is read-only: fix its permissions or set NEWSDESK_DB to a writable path',
  SQLITE_CANTOPEN: 'the database file cannot be opened: check the path and permissions (NEWSDESK_DB)',
  SQLITE_BUSY: 'another process held the database lock too long: is a long-running command holding it?',
  SQLITE_CORRUPT: 'the database file is damaged: restore it from a backup (PRAGMA integrity_check says where)',
  SQLITE_IOERR: 'the disk reported an I/O error: check the disk, then restart',
};

function explainSqliteError(err: unknown, location: string): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return err;
  const advice = SQLITE_ADVICE[code] ?? SQLITE_ADVICE[code.split('_').slice(0, 2).join('_')];
  if (!advice) return err;
  const e = new Error(`SQLite database ${location}: ${(err as Error).message} — ${advice}`, { cause: err });
  (e as Error & { code?: string }).code = code;
  return e;
}
