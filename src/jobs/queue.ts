// queue: the work queue the pipeline runs on. Two implementations behind one interface:
// `TableQueue` over the store's `jobs` table (embedded mode on SQLite: one process, jobs
// survive restarts) and `GraphileQueue` over graphile-worker (scale-out on PostgreSQL: any
// number of worker processes, LISTEN/NOTIFY, row locks). Jobs carry an idempotence key, so
// queueing the same work twice runs it once, and a job whose worker died is run again.
import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import pg from 'pg';
import { run as graphileRun, runOnce as graphileRunOnce, Logger, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import type { Store } from '../store/index.ts';

/** The kinds of job the pipeline queues. */
export type JobName = 'fetch-article';

/** One piece of work to queue. */
export interface JobSpec {
  name: JobName;
  payload: Record<string, unknown>;
  /** Idempotence key: while a job with this key is waiting, adding it again only updates it. */
  key?: string;
  runAt?: Date;
  /** Lower runs first. The pipeline uses the entry's position in its poll, so every source's
   * newest entries go before any source's backlog. */
  priority?: number;
  maxAttempts?: number;
}

/** A job handed to a handler. */
export interface RunningJob {
  name: JobName;
  payload: Record<string, unknown>;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

/** Thrown by a handler when retrying cannot help (e.g. 404): the job ends as failed now. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export type JobHandler = (job: RunningJob) => Promise<void>;

export interface RunOptions {
  concurrency: number;
  /** Stop when nothing is due (rather than waiting for more work). */
  once?: boolean;
  signal?: AbortSignal;
  /** Called after each job, for progress bars and metrics. */
  onJobDone?: (job: RunningJob, error: unknown) => void;
}

export interface Queue {
  readonly kind: 'table' | 'graphile';
  /** Queues jobs; with `tx`, inside that store transaction (so they commit with the data). */
  add(jobs: readonly JobSpec[], tx?: Store): Promise<void>;
  /** Jobs waiting or running. */
  pending(): Promise<number>;
  /** Runs jobs with `handler` until `signal` aborts, or (with `once`) until nothing is due. */
  run(handler: JobHandler, opts: RunOptions): Promise<void>;
}

export const DEFAULT_MAX_ATTEMPTS = 4;

/** Delay before retry n (1-based): 30 s, 1 min, 2 min … at most 1 h. */
/** A job that failed because the database could not write (disk full, I/O error) runs again after this. */
export const STORAGE_RETRY_MS = 10_000;
/** SQLite's codes for a full or failing disk (the store's explained errors keep the code). */
const STORAGE_CODES = /^SQLITE_(FULL|IOERR)/;

/** True when an error says the database could not write for lack of space or a disk fault. */
export function isStorageProblem(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && STORAGE_CODES.test(code)) return true;
  }
  return false;
}

export function retryDelayMs(attempt: number): number {
  return Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempt - 1));
}

// ---------------------------------------------------------------- the jobs table

/** How long a running job may go without finishing before another worker may take it. */
const LEASE_MS = 10 * 60_000;
const IDLE_POLL_MS = 200;

/** The embedded queue: rows in the store's `jobs` table. */
export class TableQueue implements Queue {
  readonly kind = 'table' as const;
  readonly #store: Store;
  readonly #workerId: string;
  /** Finished jobs whose rows are deleted with the next claim (one commit for many). A crash
   * before that re-runs them, which the pipeline's upserts make harmless. */
  #finished: number[] = [];

  constructor(store: Store, workerId = `pid-${process.pid}`) {
    this.#store = store;
    this.#workerId = workerId;
  }

  async add(jobs: readonly JobSpec[], tx?: Store): Promise<void> {
    if (jobs.length === 0) return;
    const now = new Date().toISOString();
    const write = async (s: Store) => {
      for (const job of jobs) {
        const row = {
          name: job.name,
          key: job.key ?? null,
          payload: JSON.stringify(job.payload),
          state: 'queued' as const,
          priority: job.priority ?? 0,
          run_at: (job.runAt ?? new Date()).toISOString(),
          attempts: 0,
          max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          locked_by: null,
          locked_at: null,
          last_error: null,
          created_at: now,
          updated_at: now,
        };
        // A job already waiting under this key is refreshed; one that is running is left to
        // finish (the work it does reads the latest data anyway); a finished one is queued again.
        await s.db
          .insertInto('jobs')
          .values(row)
          .onConflict((oc) =>
            oc
              .column('key')
              .doUpdateSet({
                payload: row.payload,
                state: 'queued',
                priority: row.priority,
                run_at: row.run_at,
                attempts: 0,
                max_attempts: row.max_attempts,
                last_error: null,
                updated_at: now,
              })
              .where('jobs.state', '!=', 'running'),
          )
          .execute();
      }
    };
    await (tx ? write(tx) : this.#store.transaction(write));
  }

  async pending(): Promise<number> {
    const r = await this.#store.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('state', 'in', ['queued', 'running'])
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /**
   * Puts jobs whose worker is gone back in the queue: those running under another worker id
   * (embedded mode has one worker process, so they belong to a process that died), and
   * any whose lease ran out.
   */
  async recover(opts: { idle?: boolean } = {}): Promise<number> {
    const stale = new Date(Date.now() - LEASE_MS).toISOString();
    let q = this.#store.db.updateTable('jobs').set({ state: 'queued', locked_by: null, locked_at: null }).where('state', '=', 'running');
    // Between two runs nothing of ours is running either: a job still marked running under our
    // id is one whose end could not be recorded (the disk was full).
    if (!opts.idle) q = q.where((eb) => eb.or([eb('locked_by', '!=', this.#workerId), eb('locked_at', '<', stale)]));
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async run(handler: JobHandler, opts: RunOptions): Promise<void> {
    await this.recover({ idle: true });
    const inflight = new Set<Promise<void>>();
    let wake: (() => void) | null = null;
    const abort = () => wake?.();
    opts.signal?.addEventListener('abort', abort);
    try {
      while (!opts.signal?.aborted) {
        const room = opts.concurrency - inflight.size;
        // Claim in batches (a quarter of the slots at least) rather than one job per
        // finished job: each claim is a write transaction.
        const batch = Math.max(1, Math.floor(opts.concurrency / 4));
        const claimed = room >= batch || (room > 0 && inflight.size === 0) ? await this.#claim(room) : [];
        for (const job of claimed) {
          const p = this.#runOne(job, handler, opts).finally(() => {
            inflight.delete(p);
            wake?.();
          });
          inflight.add(p);
        }
        // Whatever was claimed, the next claim waits for a job to finish (or a short while):
        // claiming again at once would mostly find nothing and cost a transaction.
        if (claimed.length === 0 && inflight.size === 0 && opts.once && !(await this.#dueSoon())) break;
        // Wait for a job to finish or a short while for new work.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, IDLE_POLL_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
      await Promise.allSettled([...inflight]);
      await this.#flushFinished();
    } finally {
      opts.signal?.removeEventListener('abort', abort);
    }
  }

  /** True when a queued job is due now: `once` must not stop while work is waiting. */
  async #dueSoon(): Promise<boolean> {
    const r = await this.#store.db
      .selectFrom('jobs')
      .select('id')
      .where('state', '=', 'queued')
      .where('run_at', '<=', new Date().toISOString())
      .limit(1)
      .executeTakeFirst();
    return r !== undefined;
  }

  async #flushFinished(): Promise<void> {
    if (this.#finished.length === 0) return;
    const ids = this.#finished;
    this.#finished = [];
    await this.#store.db.deleteFrom('jobs').where('id', 'in', ids).where('locked_by', '=', this.#workerId).execute();
  }

  async #claim(limit: number): Promise<Array<RunningJob & { id: number }>> {
    const now = new Date().toISOString();
    const finished = this.#finished;
    this.#finished = [];
    return this.#store.transaction(async (tx) => {
      if (finished.length) await tx.db.deleteFrom('jobs').where('id', 'in', finished).where('locked_by', '=', this.#workerId).execute();
      let q = tx.db
        .selectFrom('jobs')
        .select('id')
        .where('state', '=', 'queued')
        .where('run_at', '<=', now)
        .orderBy('priority')
        .orderBy('run_at')
        .orderBy('id')
        .limit(limit);
      if (tx.dialect === 'postgres') q = q.forUpdate().skipLocked();
      const ids = (await q.execute()).map((r) => r.id);
      if (ids.length === 0) return [];
      const rows = await tx.db
        .updateTable('jobs')
        .set((eb) => ({ state: 'running', locked_by: this.#workerId, locked_at: now, attempts: eb('attempts', '+', 1), updated_at: now }))
        .where('id', 'in', ids)
        .returning(['id', 'name', 'payload', 'attempts', 'max_attempts'])
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name as JobName,
        payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
        attempt: Number(r.attempts),
        maxAttempts: Number(r.max_attempts),
      }));
    });
  }

  async #runOne(job: RunningJob & { id: number }, handler: JobHandler, opts: RunOptions): Promise<void> {
    let error: unknown = null;
    try {
      await handler(job);
    } catch (err) {
      error = err ?? new Error('job failed');
    }
    const now = new Date();
    try {
      if (error === null) {
        // Finished work leaves no row behind (deleted with the next claim); the key is then
        // free for the next change.
        this.#finished.push(job.id);
      } else {
        // A full or failing disk is not the job's fault: it goes back with its attempt given
        // back, to run again shortly, however long the disk stays full.
        const storage = isStorageProblem(error);
        const final = !storage && (error instanceof PermanentJobError || job.attempt >= job.maxAttempts);
        const delay = final ? 0 : storage ? STORAGE_RETRY_MS : retryDelayMs(job.attempt);
        await this.#store.db
          .updateTable('jobs')
          .set((eb) => ({
            state: final ? 'failed' : 'queued',
            run_at: new Date(now.getTime() + delay).toISOString(),
            attempts: storage ? eb('attempts', '-', 1) : eb.ref('attempts'),
            locked_by: null,
            locked_at: null,
            last_error: describe(error),
            updated_at: now.toISOString(),
          }))
          .where('id', '=', job.id)
          .execute()
          // Recording the failure can fail for the same reason (the disk is still full): the
          // job then stays running under this worker and goes back to the queue when its lease
          // runs out or the next run recovers it.
          .catch(() => undefined);
      }
    } finally {
      opts.onJobDone?.(job, error);
    }
  }
}

// ---------------------------------------------------------------- graphile-worker

/**
 * Liveness of graphile-worker pools, so a job whose worker died is run again within
 * seconds rather than after graphile-worker's own 4-hour lock timeout.
 *
 * A job taken by a pool carries the pool's id in `locked_by`. While a pool runs, its
 * process holds a session advisory lock on (POOL_LOCK_CLASS, hashtext(pool id)) on a
 * connection of its own. PostgreSQL drops that lock the moment the session ends: at once
 * when the process dies (kill -9, crash — the kernel closes the socket), and within about
 * a minute when its machine vanishes (the server-side TCP keepalives set below). Any
 * worker on any machine can then test a pool with pg_try_advisory_xact_lock: if it gets
 * the lock, nobody holds it, the pool is dead, and its jobs are unlocked
 * (graphile_worker.force_unlock_workers). No clocks or heartbeats are compared, so it is
 * correct with many workers on many machines. A hash collision can only make a dead pool
 * look alive (its jobs then wait for graphile-worker's own timeout), never the reverse.
 */
const POOL_LOCK_CLASS = 0x4e445750; // "NDWP"
/** A pool takes jobs a moment before its liveness lock is held; younger locks are left alone. */
const REAP_GRACE_SECONDS = 5;
/** How often a running worker looks for jobs of dead pools. */
const REAP_INTERVAL_MS = 5_000;
/** A job lost with its worker gets that attempt back, at most this many times (a job that
 * kills every worker that runs it must not run for ever). */
const MAX_LOST_ATTEMPTS_GIVEN_BACK = 3;
const LOST_MARK = 'lost with its worker';
/** Server-side keepalives for the liveness session: a vanished machine's lock goes in ~60 s. */
const KEEPALIVE_SETTINGS = ['tcp_keepalives_idle = 30', 'tcp_keepalives_interval = 10', 'tcp_keepalives_count = 3'];
const RECONNECT_MS = 2_000;

/** Holds the liveness locks of this process's pools on a dedicated session; reconnects when cut. */
class PoolLiveness {
  readonly #connectionString: string;
  readonly #warn: (message: string) => void;
  readonly #held = new Set<string>();
  #client: pg.Client | null = null;
  #connecting: Promise<pg.Client> | null = null;
  #closed = false;

  constructor(connectionString: string, warn: (message: string) => void) {
    this.#connectionString = connectionString;
    this.#warn = warn;
  }

  /** Holds the lock for `poolId` (now, and again after any reconnect). */
  async hold(poolId: string): Promise<void> {
    this.#held.add(poolId);
    const client = await this.#connect();
    await client.query('select pg_advisory_lock($1, hashtext($2))', [POOL_LOCK_CLASS, poolId]);
  }

  async release(poolId: string): Promise<void> {
    if (!this.#held.delete(poolId)) return;
    const client = this.#client;
    if (client) await client.query('select pg_advisory_unlock($1, hashtext($2))', [POOL_LOCK_CLASS, poolId]).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#held.clear();
    const client = this.#client ?? (await this.#connecting?.catch(() => null)) ?? null;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }

  #connect(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.#connectionString, keepAlive: true, application_name: 'newsdesk-worker-liveness' });
      client.on('error', (err) => this.#lost(client, err));
      try {
        await client.connect();
        for (const setting of KEEPALIVE_SETTINGS) await client.query(`set ${setting}`).catch(() => undefined);
      } catch (err) {
        await client.end().catch(() => undefined);
        throw err;
      }
      this.#client = client;
      return client;
    })().finally(() => {
      this.#connecting = null;
    });
    return this.#connecting;
  }

  /** The session is gone, and our locks with it: other workers may now run our jobs (they are
   * idempotent). Reconnect and take the locks again as soon as the server answers. */
  #lost(client: pg.Client, err: Error): void {
    if (this.#client !== client) return;
    this.#client = null;
    void client.end().catch(() => undefined);
    if (this.#closed) return;
    this.#warn(`lost the worker liveness connection to PostgreSQL (${err.message}); reconnecting`);
    const retry = async (): Promise<void> => {
      if (this.#closed) return;
      try {
        const c = await this.#connect();
        for (const id of this.#held) await c.query('select pg_advisory_lock($1, hashtext($2))', [POOL_LOCK_CLASS, id]);
        this.#warn('worker liveness connection restored');
      } catch {
        setTimeout(() => void retry(), RECONNECT_MS).unref();
      }
    };
    setTimeout(() => void retry(), RECONNECT_MS).unref();
  }
}

/** graphile-worker's priority column is a smallint. */
const MAX_GRAPHILE_PRIORITY = 32_767;

/** The scale-out queue: graphile-worker on the same PostgreSQL database. */
export class GraphileQueue implements Queue {
  readonly kind = 'graphile' as const;
  readonly #store: Store;
  readonly #connectionString: string;
  readonly #warn: (message: string) => void;
  /** One migration per process: the first caller runs it, the rest (a poll's 20 lanes at
   * once) wait for that run instead of each starting their own. */
  #migrated: Promise<void> | null = null;

  constructor(store: Store, connectionString: string, opts: { warn?: (message: string) => void } = {}) {
    this.#store = store;
    this.#connectionString = connectionString;
    this.#warn = opts.warn ?? ((m) => void process.stderr.write(`newsdesk worker: ${m}\n`));
  }

  /** Creates graphile-worker's schema (idempotent; safe from many processes at once). */
  async migrate(): Promise<void> {
    this.#migrated ??= (async () => {
      const { runMigrations } = await import('graphile-worker');
      await runMigrations({ connectionString: this.#connectionString, logger: quietLogger });
    })().catch((err: unknown) => {
      // A failed run (server down) is tried again by the next caller.
      this.#migrated = null;
      throw err;
    });
    return this.#migrated;
  }

  async add(jobs: readonly JobSpec[], tx?: Store): Promise<void> {
    if (jobs.length === 0) return;
    await this.migrate();
    // One add_jobs call for the whole list (a poll's jobs: one round trip, not one each),
    // in SQL so the jobs commit (or not) with the caller's transaction. add_jobs treats job
    // keys as add_job does by default ('replace'); a key given twice keeps its last spec, as
    // two add_job calls would, since one insert cannot touch a row twice.
    const byKey = new Map<string, JobSpec>();
    const unkeyed: JobSpec[] = [];
    for (const job of jobs) {
      if (job.key == null) unkeyed.push(job);
      else {
        byKey.delete(job.key);
        byKey.set(job.key, job);
      }
    }
    const specs = [...unkeyed, ...byKey.values()].map((job) => ({
      identifier: job.name,
      payload: job.payload,
      run_at: (job.runAt ?? new Date()).toISOString(),
      max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      job_key: job.key ?? null,
      // graphile-worker keeps priorities as smallint.
      priority: Math.max(-MAX_GRAPHILE_PRIORITY, Math.min(MAX_GRAPHILE_PRIORITY, job.priority ?? 0)),
    }));
    const write = (s: Store) =>
      sql`select count(*) from graphile_worker.add_jobs(array(
            select r from json_populate_recordset(null::graphile_worker.job_spec, ${JSON.stringify(specs)}::json) r))`.execute(s.db);
    await (tx ? write(tx) : this.#store.transaction(write));
  }

  async pending(): Promise<number> {
    await this.migrate();
    const r = await sql<{ n: string | number }>`select count(*) as n from graphile_worker.jobs where attempts < max_attempts`.execute(this.#store.db);
    return Number(r.rows[0]?.n ?? 0);
  }

  /** Jobs some worker holds right now (running them, or about to). */
  async running(): Promise<number> {
    await this.migrate();
    const r = await sql<{ n: string | number }>`select count(*) as n from graphile_worker._private_jobs where locked_at is not null`.execute(this.#store.db);
    return Number(r.rows[0]?.n ?? 0);
  }

  /**
   * Unlocks the jobs of pools that are no longer alive (see PoolLiveness), giving back the
   * attempt they were on. With `grace` false, locks younger than REAP_GRACE_SECONDS count
   * too (only for asking whether any remain). Returns the number of jobs unlocked, or found.
   */
  async recover(opts: { dryRun?: boolean; grace?: boolean } = {}): Promise<number> {
    await this.migrate();
    const grace = opts.grace === false ? 0 : REAP_GRACE_SECONDS;
    return this.#store.transaction(async (tx) => {
      const lockers = await sql<{ locked_by: string }>`
        select distinct locked_by from graphile_worker._private_jobs
        where locked_by is not null and locked_at < now() - make_interval(secs => ${grace})`.execute(tx.db);
      const dead: string[] = [];
      for (const { locked_by } of lockers.rows) {
        // Released at commit; fails while the pool's own session holds the lock.
        const r = await sql<{ free: boolean }>`select pg_try_advisory_xact_lock(${POOL_LOCK_CLASS}, hashtext(${locked_by})) as free`.execute(tx.db);
        if (r.rows[0]?.free) dead.push(locked_by);
      }
      if (dead.length === 0) return 0;
      const lostCount = sql`coalesce((regexp_match(last_error, ${`^${LOST_MARK} \((\d+)\)`}))[1]::int, 0)`;
      if (opts.dryRun) {
        const r = await sql<{ n: number | string }>`select count(*) as n from graphile_worker._private_jobs where locked_by = any(${dead}::text[])`.execute(tx.db);
        return Number(r.rows[0]?.n ?? 0);
      }
      const r = await sql`
        update graphile_worker._private_jobs set
          attempts = case when ${lostCount} < ${MAX_LOST_ATTEMPTS_GIVEN_BACK} then greatest(attempts - 1, 0) else attempts end,
          last_error = ${LOST_MARK} || ' (' || (${lostCount} + 1) || '): worker pool ' || locked_by || ' died while running it',
          run_at = greatest(run_at, now())
        where locked_by = any(${dead}::text[])`.execute(tx.db);
      await sql`select graphile_worker.force_unlock_workers(${dead}::text[])`.execute(tx.db);
      const n = Number(r.numAffectedRows ?? 0);
      if (n > 0) this.#warn(`put back ${n} job(s) of ${dead.length} worker pool(s) that died (${dead.join(', ')})`);
      return n;
    });
  }

  /** Unlocks jobs our own live pools hold but no task of ours runs (see `run`). */
  async #releaseDropped(pools: ReadonlySet<string>, inFlight: ReadonlySet<string>): Promise<void> {
    if (pools.size === 0) return;
    const running = [...inFlight];
    const r = await sql`
      update graphile_worker._private_jobs set locked_at = null, locked_by = null, run_at = greatest(run_at, now())
      where locked_by = any(${[...pools]}::text[])
        and locked_at < now() - make_interval(secs => ${REAP_GRACE_SECONDS})
        and not (id = any(${running}::bigint[]))`.execute(this.#store.db);
    const n = Number(r.numAffectedRows ?? 0);
    if (n > 0) this.#warn(`put back ${n} job(s) this worker had lost track of after a database error`);
  }

  async run(handler: JobHandler, opts: RunOptions): Promise<void> {
    await this.migrate();
    // Jobs this process is running, and its pools: a job locked by one of our pools that we
    // are not running was dropped by graphile-worker (it could not record the outcome when
    // the database connection went), and would stay locked while this process lives.
    const inFlight = new Set<string>();
    const ownPools = new Set<string>();
    const task = (name: JobName) => async (payload: unknown, helpers: { job: { id: string; attempts: number; max_attempts: number } }) => {
      const jobId = String(helpers.job.id);
      inFlight.add(jobId);
      const job: RunningJob = {
        name,
        payload: (payload ?? {}) as Record<string, unknown>,
        attempt: helpers.job.attempts,
        maxAttempts: helpers.job.max_attempts,
      };
      let error: unknown = null;
      try {
        await handler(job);
      } catch (err) {
        error = err ?? new Error('job failed');
        // graphile-worker retries any thrown job; a permanent failure is recorded and dropped.
        if (!(err instanceof PermanentJobError)) throw err;
      } finally {
        inFlight.delete(jobId);
        opts.onJobDone?.(job, error);
      }
    };
    const taskList: TaskList = { 'fetch-article': task('fetch-article') as TaskList[string] };
    const liveness = new PoolLiveness(this.#connectionString, this.#warn);
    const events = new EventEmitter() as WorkerEvents;
    events.on('pool:create', ({ workerPool }) => {
      ownPools.add(workerPool.id);
      liveness.hold(workerPool.id).catch((err: unknown) => this.#warn(`could not register worker pool ${workerPool.id} as alive: ${describe(err)}`));
    });
    events.on('pool:release', ({ workerPool }) => void liveness.release(workerPool.id));
    const options = {
      connectionString: this.#connectionString,
      concurrency: opts.concurrency,
      noHandleSignals: true,
      pollInterval: 1000,
      logger: quietLogger,
      taskList,
      events,
    };
    try {
      if (opts.once) {
        // Jobs of a process that died just before this one started may still be inside the
        // grace period: wait for them rather than leave them behind.
        for (;;) {
          await this.recover();
          await graphileRunOnce(options);
          if (opts.signal?.aborted || (await this.recover({ dryRun: true, grace: false })) === 0) break;
          await sleepMs(1000, opts.signal);
        }
        return;
      }
      await this.recover().catch((err: unknown) => this.#warn(`could not look for jobs of dead workers: ${describe(err)}`));
      const runner: Runner = await graphileRun(options);
      const reaper = setInterval(() => {
        this.#releaseDropped(ownPools, inFlight).catch(() => undefined);
        this.recover().catch((err: unknown) => this.#warn(`could not look for jobs of dead workers (retrying): ${describe(err)}`));
      }, REAP_INTERVAL_MS);
      const stop = () => void runner.stop().catch(() => undefined);
      if (opts.signal?.aborted) stop();
      opts.signal?.addEventListener('abort', stop, { once: true });
      try {
        await runner.promise;
      } finally {
        clearInterval(reaper);
        opts.signal?.removeEventListener('abort', stop);
      }
    } finally {
      await liveness.close();
    }
  }
}

/** Waits `ms`, or less if `signal` aborts first (never rejects). */
export function sleepMs(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** graphile-worker logs every job at info level; Newsdesk logs what matters itself —
 * including each failed job (with its retry), which graphile-worker reports as an error
 * with a stack trace. Its advice to give its pool as many connections as jobs run at once
 * does not fit here: that pool only takes and completes jobs (short statements), while the
 * article work runs on the store's own pool. (In bench:ingest, 64 jobs per worker, pools of
 * 20 instead of 10 cost the server 2.3–2.4 instead of 2.1 ms of CPU per article and did not
 * make the ingest faster.) */
const OWN_JOB_FAILURE = /^Failed task /;
const POOL_SIZE_ADVICE = /^WARNING: having maxPoolSize \(\d+\) smaller than concurrency/;
const quietLogger = new Logger(() => (level, message) => {
  if ((level === 'error' || level === 'warning') && !OWN_JOB_FAILURE.test(message) && !POOL_SIZE_ADVICE.test(message)) {
    process.stderr.write(`graphile-worker ${level}: ${message}\n`);
  }
});

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
