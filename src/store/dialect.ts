// dialect: what a database folder (sqlite/, postgres/) provides to the shared store code.
// Everything that differs between the two databases goes through this interface: how to
// connect, the column types migrations use, full-text search, row locks, and closing.
import type { ColumnDataType, ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import type { Database } from './schema.ts';
import type { SearchQuery } from './search-query.ts';

export type DialectName = 'sqlite' | 'postgres';

/** Column types used by the shared migrations. */
export interface ColumnTypes {
  /** Turns an integer column into an auto-incrementing primary key. */
  id(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  timestamp: ColumnDataType;
  flag: ColumnDataType;
  json: ColumnDataType;
  /** Writes the default value of a flag column in DDL (`0` or `false`). */
  flagDefault(value: boolean): 0 | 1 | boolean;
}

/** Filters shared by search and listings. */
export interface SearchFilters {
  limit: number;
  offset: number;
  section?: string | null;
  sourceId?: number | null;
  /** Only articles published (else first seen) at or after this instant (ISO). */
  since?: string | null;
  /** … and before this instant (ISO). */
  until?: string | null;
  includeHidden?: boolean;
}

/** One hit as the dialect returns it: the article id, its rank and a marked snippet. */
export interface RawHit {
  id: number;
  /** Higher is better (the SQLite dialect flips bm25's sign). */
  rank: number;
  /** Raw text with MARK_START/MARK_END around matches; may be empty. */
  snippet: string;
}

export interface StoreDialect {
  readonly name: DialectName;
  readonly db: Kysely<Database>;
  readonly types: ColumnTypes;
  /** Where the data lives, for messages (a file path, or host/database without password). */
  readonly location: string;
  /** The dialect's own migrations, by name; merged with the shared ones and run in name order. */
  readonly migrations: Record<string, Migration>;
  /** Full-text search: ranked, filtered, paged hits with snippets, and the total count. */
  search(db: Kysely<Database>, query: SearchQuery, filters: SearchFilters): Promise<{ total: number; hits: RawHit[] }>;
  /** True when `SELECT … FOR UPDATE` is needed to lock a row inside a transaction (PostgreSQL);
   * false when the write transaction already excludes other writers (SQLite). */
  readonly rowLocks: boolean;
  /** Turns a driver error into one that tells the operator what to do, or returns it unchanged. */
  explainError(err: unknown): unknown;
  close(): Promise<void>;
}
