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
  type SqliteDatabase,
  type SqliteDialectConfig,
  type SqliteStatement,
} from 'kysely';
import type { ColumnTypes, StoreDialect } from '../dialect.ts';
import type { Database as Tables } from '../schema.ts';
import { search, searchMigration } from './search.ts';

/** How long a writer waits for another process's write lock before giving up. */
export const BUSY_TIMEOUT_MS = 10_000;

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /**
   * SQLite rolls a transaction back by itself on some errors (a full disk, an I/O error);
   * Kysely's ROLLBACK after that fails with "no transaction is active", and that message
   * would replace the one that says what went wrong. Nothing is left to roll back then.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch (err) {
      if (!/no transaction is active/i.test((err as Error).message ?? '')) throw err;
    }
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
    entry = { db: new Kysely<Tables>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(connect(location, memory)) }) }), refs: 1 };
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
      // 0003's index on `hidden` served search's "which articles are hidden", but without
      // statistics SQLite also picked it for `hidden = 0` (every visible article) over a
      // story or section index whenever that saved a sort: the site's first article of a
      // story took 230 ms instead of 0.1 ms. A partial index holds the hidden ones only, and
      // serves only queries that say `hidden = 1`.
      '0005_search_hidden_only': {
        up: async (db: Kysely<any>) => {
          await sql`drop index if exists articles_hidden`.execute(db);
          await sql`create index if not exists articles_hidden_only on articles (hidden) where hidden = 1`.execute(db);
        },
      },
      // The categories of each stored article's first entry that has some (see 0007).
      '0008_article_categories': {
        up: async (db: Kysely<any>) => {
          await sql`update articles set categories = (
              select json_extract(e.data, '$.categories') from entries e
              where e.article_id = articles.id and json_type(e.data, '$.categories') = 'array' and json_array_length(e.data, '$.categories') > 0
              order by e.id limit 1)
            where categories is null`.execute(db);
        },
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

/** Prepared statements kept per connection (the store issues a few dozen distinct ones;
 * lists of ids of varying length make more, and those are dropped oldest first). */
const STATEMENT_CACHE_SIZE = 256;

/**
 * The connection as Kysely sees it, with its statements prepared once per SQL text:
 * Kysely's SQLite driver prepares every query anew, and in an ingest that was 6% of the
 * process's CPU. Safe to reuse: queries run one at a time on the connection (Kysely's
 * mutex), and SQLite re-prepares a statement by itself after a schema change.
 */
function withStatementCache(raw: Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => void raw.close(),
    prepare(sqlText: string): SqliteStatement {
      let stmt = cache.get(sqlText);
      if (stmt) {
        // Most recently used last: the oldest is dropped first.
        cache.delete(sqlText);
      } else {
        stmt = raw.prepare(sqlText);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, stmt);
      return stmt as SqliteStatement;
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

/** SQLite result codes that need the operator, with what to do about them. */
const SQLITE_ADVICE: Record<string, string> = {
  SQLITE_FULL: 'the disk is full: free space; queued work is kept in the database and resumes by itself when there is room',
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
