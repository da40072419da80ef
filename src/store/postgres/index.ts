// postgres: the scale-out database, through a pg Pool. Many worker processes share it;
// row locks (SELECT … FOR UPDATE) and unique keys keep their writes from colliding. The
// pool's type parsers make PostgreSQL's values look like SQLite's to the shared code:
// timestamptz as ISO strings, bigint counts as numbers.
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { ColumnTypes, RawHit, SearchFilters, StoreDialect } from '../dialect.ts';
import type { Database as Tables } from '../schema.ts';
import { toWebsearch, type SearchQuery } from '../search-query.ts';
import { ELLIPSIS, MARK_END, MARK_START } from '../highlight.ts';
import { TS_CONFIG, searchMigration, searchTableMigration } from './search.ts';
import { prepareRepeated, StatementNames } from './prepared.ts';

/** Connections per process: a worker runs a few fetches at once and each write is short. */
export const POOL_SIZE = 10;
/** ts_headline options: about 35 words around the best two matches. */
const HEADLINE_OPTIONS =
  `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, ShortWord=0, ` +
  `MaxFragments=2, FragmentDelimiter=" ${ELLIPSIS} "`;

const OID = { int8: 20, numeric: 1700, timestamptz: 1184, timestamp: 1114 } as const;

const types: ColumnTypes = {
  id: (c) => c.primaryKey().generatedByDefaultAsIdentity(),
  timestamp: 'timestamptz',
  flag: 'boolean',
  json: 'jsonb',
  flagDefault: (v) => v,
};

/** The pool's parsers: see the module comment. Everything else keeps pg's defaults. */
function typeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === OID.int8 || oid === OID.numeric) return (v) => Number(v);
  if (oid === OID.timestamptz || oid === OID.timestamp) {
    const base = pg.types.getTypeParser(oid) as (value: string) => unknown;
    return (v) => {
      const d = base(v);
      return d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : v;
    };
  }
  // @types/pg overloads getTypeParser per format; the text format is all the pool uses.
  return pg.types.getTypeParser(oid, (format ?? 'text') as 'text') as (value: string) => unknown;
}

/** "postgres://user@host:port/db" without the password, for messages. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'PostgreSQL (unparseable DATABASE_URL)';
  }
}

/** Connects to PostgreSQL at `url` (checking the connection at once, so a wrong URL fails here). */
export async function openPostgres(url: string, poolSize = POOL_SIZE): Promise<StoreDialect> {
  const location = describePostgresUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // @types/pg types getTypeParser as an overloaded function; ours handles every overload's input.
    types: { getTypeParser: typeParser as unknown as typeof pg.types.getTypeParser },
  });
  // An idle client losing its connection (server restart) must not crash the process; the
  // pool replaces it and the next query reports any lasting problem.
  pool.on('error', (err) => {
    process.emitWarning(`PostgreSQL ${location}: idle connection lost (${err.message}); it will be replaced`);
  });
  // A client the pool has handed out (inside a transaction, between queries) has no 'error'
  // listener of its own; without one, a connection cut there would end the process. The
  // query in flight fails with the error; the work is retried when the server is back.
  const names = new StatementNames();
  pool.on('connect', (client) => {
    prepareRepeated(client as pg.PoolClient, names);
    client.on('error', (err) => process.emitWarning(`PostgreSQL ${location}: connection lost (${err.message}); work resumes when it is back`));
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw explainPostgresError(err, location);
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    name: 'postgres',
    db,
    types,
    location,
    migrations: {
      '0002_search': searchMigration,
      '0006_search_table': searchTableMigration,
      // The categories of each stored article's first entry that has some (see the shared 0007).
      '0008_article_categories': {
        up: async (db: Kysely<any>) => {
          await sql`update articles a set categories = (
              select e.data->'categories' from entries e
              where e.article_id = a.id
                and (case when jsonb_typeof(e.data->'categories') = 'array' then jsonb_array_length(e.data->'categories') else 0 end) > 0
              order by e.id limit 1)
            where a.categories is null`.execute(db);
        },
      },
    },
    rowLocks: true,
    search,
    explainError: (err) => explainPostgresError(err, location),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

async function search(db: Kysely<Tables>, q: SearchQuery, f: SearchFilters): Promise<{ total: number; hits: RawHit[] }> {
  const tsq = sql`websearch_to_tsquery(${sql.lit(TS_CONFIG)}::regconfig, ${toWebsearch(q)})`;
  const conds = [sql`s.search_vector @@ q.q`];
  if (!f.includeHidden) conds.push(sql`a.hidden = false`);
  if (f.section != null) conds.push(sql`a.section = ${f.section}`);
  if (f.sourceId != null) conds.push(sql`a.source_id = ${f.sourceId}`);
  if (f.since != null) conds.push(sql`a.sort_at >= ${f.since}`);
  if (f.until != null) conds.push(sql`a.sort_at < ${f.until}`);
  const where = sql.join(conds, sql` and `);
  const count = await sql<{ n: number }>`
    with q as (select ${tsq} as q)
    select count(*) as n from article_search s join articles a on a.id = s.article_id, q where ${where}`.execute(db);
  const total = Number(count.rows[0]?.n ?? 0);
  if (total === 0 || f.offset >= total) return { total, hits: [] };
  // Rank the page first, then build headlines for those rows only: ts_headline re-parses
  // the whole text, which is too slow to do for every match.
  const rows = await sql<{ id: number; rank: number; snippet: string | null }>`
    with q as (select ${tsq} as q),
    page as (
      select a.id, a.sort_at, ts_rank_cd(s.search_vector, q.q) as rank
      from article_search s join articles a on a.id = s.article_id, q where ${where}
      order by rank desc, a.sort_at desc, a.id desc
      limit ${f.limit} offset ${f.offset}
    )
    select page.id, page.rank,
      ts_headline(${sql.lit(TS_CONFIG)}::regconfig, coalesce(a.body_text, a.description, ''), q.q, ${HEADLINE_OPTIONS}) as snippet
    from page join articles a on a.id = page.id, q
    order by page.rank desc, page.sort_at desc, page.id desc`.execute(db);
  return { total, hits: rows.rows.map((r) => ({ id: r.id, rank: Number(r.rank), snippet: r.snippet ?? '' })) };
}

/** PostgreSQL error codes (and connection errors) that need the operator, with what to do. */
const PG_ADVICE: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening there: start PostgreSQL or fix DATABASE_URL',
  ENOTFOUND: 'the host name does not resolve: fix DATABASE_URL',
  ETIMEDOUT: 'the server did not answer: check the network and DATABASE_URL',
  ECONNRESET: 'the connection was cut: the server restarted or the network failed; work resumes when it is back',
  '3D000': 'the database does not exist: create it (createdb) or fix DATABASE_URL',
  '28P01': 'the password was refused: fix DATABASE_URL',
  '28000': 'the server refused this user: check pg_hba.conf and DATABASE_URL',
  '53100': 'the server is out of disk space: free space; queued work is kept',
  '53300': 'the server has no free connections: raise max_connections or run fewer workers',
  '57P01': 'the server is shutting down: work resumes when it is back',
  '57P03': 'the server is starting up: retry in a moment',
};

function explainPostgresError(err: unknown, location: string): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !PG_ADVICE[code]) return err;
  const e = new Error(`PostgreSQL ${location}: ${(err as Error).message} — ${PG_ADVICE[code]}`, { cause: err });
  (e as Error & { code?: string }).code = code;
  return e;
}
