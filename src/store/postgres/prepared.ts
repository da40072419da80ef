// postgres/prepared: repeated statements become named prepared statements. Kysely sends
// each query as text, which the server parses, analyses and plans again every time; an
// ingest runs a handful of statements thousands of times (save an article, read an entry,
// write fetch-log lines), and on a busy server that repeated work is a measurable share of
// its CPU. A text seen PREPARE_AFTER times in this process gets a name; pg then prepares it
// once per connection and afterwards sends only the name and the values, and the server
// reuses the parsed statement (and, once it has seen it is as good, a generic plan).
import type pg from 'pg';

/** A text seen this often is worth a name (one-off statements stay unnamed). */
const PREPARE_AFTER = 3;
/** Distinct texts counted or named: `in (…)` lists of every length would grow it without bound. */
const MAX_TEXTS = 2_000;
const MAX_NAMED = 200;

/** PostgreSQL's "cached plan must not change result type" (SQLSTATE 0A000, which other
 * errors share, hence the message too): a `select *` prepared before another process's
 * migration changed the table. */
const STALE_PLAN_CODE = '0A000';
const STALE_PLAN_MESSAGE = /cached plan must not change result type/;

function isStalePlan(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === STALE_PLAN_CODE && STALE_PLAN_MESSAGE.test(String(e.message));
}

/** Which statement texts have a name, shared by the connections of one pool. */
export class StatementNames {
  readonly #seen = new Map<string, number>();
  readonly #names = new Map<string, string>();
  readonly #unnamed = new Set<string>();
  #next = 0;

  /** The name to run `text` under, or undefined to run it unnamed. */
  nameOf(text: string): string | undefined {
    const name = this.#names.get(text);
    if (name !== undefined || this.#unnamed.has(text)) return name;
    const n = (this.#seen.get(text) ?? 0) + 1;
    if (n < PREPARE_AFTER) {
      if (this.#seen.size < MAX_TEXTS) this.#seen.set(text, n);
      return undefined;
    }
    this.#seen.delete(text);
    if (this.#names.size >= MAX_NAMED) return undefined;
    const fresh = `newsdesk_${++this.#next}`;
    this.#names.set(text, fresh);
    return fresh;
  }

  /** Runs `text` unnamed from now on (its prepared form went stale). */
  forget(text: string): void {
    this.#names.delete(text);
    this.#unnamed.add(text);
  }
}

type QueryFn = (text: string, values?: unknown[]) => Promise<pg.QueryResult>;

/**
 * Makes `client` run repeated texts as named statements. Only the form Kysely uses —
 * `query(text, values)` returning a promise — is changed; every other call goes through as is.
 */
export function prepareRepeated(client: pg.PoolClient, names: StatementNames): void {
  const original = client.query.bind(client) as unknown as (...args: unknown[]) => unknown;
  const named = (async (text: string, values?: unknown[]) => {
    const name = names.nameOf(text);
    if (name === undefined) return original(text, values) as Promise<pg.QueryResult>;
    try {
      return await (original({ name, text, values }) as Promise<pg.QueryResult>);
    } catch (err) {
      if (!isStalePlan(err)) throw err;
      // The statement is still prepared on this connection under the old name; the text
      // goes unnamed from now on. Inside a transaction the retry fails as the transaction
      // has failed, and the caller's own retry runs it afresh.
      names.forget(text);
      return original(text, values) as Promise<pg.QueryResult>;
    }
  }) satisfies QueryFn;
  client.query = ((...args: unknown[]) => {
    if (typeof args[0] === 'string' && args.length <= 2 && (args[1] === undefined || Array.isArray(args[1]))) {
      return named(args[0], args[1] as unknown[] | undefined);
    }
    return original(...args);
  }) as unknown as typeof client.query;
}
