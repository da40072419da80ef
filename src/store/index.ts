// store: Newsdesk's database — sources, feed entries, articles with their revisions,
// images, the fetch log, the jobs table and full-text search, on SQLite (embedded, the
// default) or PostgreSQL (scale-out). `openStore()` picks the database, brings the schema
// up to date and returns the typed `Store` API. Schema and rules: docs/store.md.
import { migrateToLatest } from './migrations.ts';
import { openPostgres } from './postgres/index.ts';
import { openSqlite } from './sqlite/index.ts';
import { Store } from './store.ts';

export { Store, DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT } from './store.ts';
export { StoreError } from './rows.ts';
export { canonicalizeUrl, tryCanonicalizeUrl, articleKey, TRACKING_PARAMS, UrlError, type ArticleKey } from './canonical.ts';
export { parseSearchQuery, type SearchQuery } from './search-query.ts';
export { escapeHtml } from './highlight.ts';
export { migrateToLatest } from './migrations.ts';
export type { DialectName } from './dialect.ts';
export type { Database, JobState, JobsTable } from './schema.ts';
export type * from './types.ts';

/** Where the embedded database lives unless NEWSDESK_DB or DATABASE_URL says otherwise. */
export const DEFAULT_SQLITE_PATH = './data/newsdesk.db';
const POSTGRES_URL = /^postgres(ql)?:\/\//i;

export interface OpenStoreOptions {
  /**
   * A postgres:// (or postgresql://) URL, or a SQLite file path (":memory:" for a
   * throwaway database; a "sqlite:" prefix is accepted). Default: DATABASE_URL when it is
   * a PostgreSQL URL, else NEWSDESK_DB, else ./data/newsdesk.db.
   */
  url?: string;
  /** Run migrations on open (default true). Safe with many processes starting at once. */
  migrate?: boolean;
  /** PostgreSQL pool size per process (default 10). */
  poolSize?: number;
}

/** Which database `openStore` would use, given options and the environment. */
export function resolveDatabase(opts: OpenStoreOptions = {}, env: NodeJS.ProcessEnv = process.env): { kind: 'sqlite' | 'postgres'; url: string } {
  const explicit = opts.url?.trim();
  if (explicit) {
    if (POSTGRES_URL.test(explicit)) return { kind: 'postgres', url: explicit };
    return { kind: 'sqlite', url: explicit.replace(/^sqlite:(\/\/)?/i, '') };
  }
  const dbUrl = env.DATABASE_URL?.trim();
  if (dbUrl && POSTGRES_URL.test(dbUrl)) return { kind: 'postgres', url: dbUrl };
  const path = env.NEWSDESK_DB?.trim();
  return { kind: 'sqlite', url: path || DEFAULT_SQLITE_PATH };
}

/**
 * Opens the store: SQLite by default, PostgreSQL when given (or DATABASE_URL holds) a
 * postgres:// URL. Migrates the schema to the latest version unless `migrate: false`.
 * Errors say what to fix (path not writable, server unreachable, database missing…).
 */
export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  const target = resolveDatabase(opts);
  const dialect = target.kind === 'postgres' ? await openPostgres(target.url, opts.poolSize) : openSqlite(target.url);
  try {
    if (opts.migrate !== false) await migrateToLatest(dialect);
  } catch (err) {
    await dialect.close().catch(() => undefined);
    throw err;
  }
  return new Store(dialect);
}
