// jobs: scheduling and running the pipeline. `ingestOnce` polls what is due and waits for
// the resulting article jobs (the CLI's `ingest --once`); `runWorker` does the same for
// ever (`newsdesk worker`). On SQLite the queue is the store's jobs table and one process
// does everything; on PostgreSQL the queue is graphile-worker and any number of workers
// share it — due sources are leased with row locks, so two workers never poll one source.
import type { Config } from '../config.ts';
import { createFetcher, type Fetcher } from '../fetch/index.ts';
import { createLogger, type Logger } from '../log.ts';
import type { Store } from '../store/index.ts';
import { flushFetchLog, jobHandler, pollSource, type PipelineDeps, type PollSummary } from './pipeline.ts';
import { GraphileQueue, sleepMs, TableQueue, type Queue, type RunningJob } from './queue.ts';
import { DEFAULT_POLICY, type SchedulePolicy } from './schedule.ts';
import { StoryAssigner } from './stories.ts';
import { observeStage } from '../ops/index.ts';

export { pollSource, fetchArticle, flushFetchLog, jobHandler, articleJob, type PipelineDeps, type PollSummary, type Stage } from './pipeline.ts';
export { TableQueue, GraphileQueue, PermanentJobError, type Queue, type JobSpec, type RunningJob } from './queue.ts';
export { StoryAssigner } from './stories.ts';
export { afterFailure, afterSuccess, frequencyInterval, DEFAULT_POLICY, type SchedulePolicy, type NextPoll } from './schedule.ts';

/** Sources leased per round; a poll that dies keeps its lease this long (then the source is due again). */
const POLL_BATCH = 20;
const POLL_LEASE_SECONDS = 300;
/** How often a worker looks for due sources. */
const TICK_MS = 5_000;
/** On PostgreSQL, how often `ingestOnce` puts the articles stored meanwhile into stories
 * while jobs run: each assignment is a round trip to the server, cheap spread over the run
 * but seconds of waiting when thousands are left for the end (at 2 s, the assignment under
 * way when the jobs ended still had ~0.8 s to go in bench:ingest). */
const STORY_TICK_MS = 500;
/** How long the worker that assigns stories waits, after its own jobs, for other workers'
 * running jobs to finish (so it assigns their articles too, and no other worker has to
 * rebuild the story index for the last few). Only a saving: it never waits for a retry. */
const STORY_TAIL_WAIT_MS = 30_000;
const STORY_TAIL_POLL_MS = 200;
/** How often a progress report counts the jobs still waiting. */
const PROGRESS_COUNT_MS = 250;

/** Builds what the pipeline needs from the configuration and an open store. */
export function pipelineDeps(
  config: Config,
  store: Store,
  opts: { fetcher?: Fetcher; log?: Logger; queue?: Queue; policy?: SchedulePolicy; now?: () => Date; onStage?: PipelineDeps['onStage'] } = {},
): PipelineDeps {
  const log = opts.log ?? createLogger();
  const queue =
    opts.queue ??
    (store.dialect === 'postgres' ? new GraphileQueue(store, config.database, { warn: (m) => log.warn(m) }) : new TableQueue(store));
  return {
    store,
    fetcher: opts.fetcher ?? createFetcher(config.fetch),
    queue,
    log,
    maxEntriesPerPoll: config.ingest.maxEntriesPerPoll,
    policy: opts.policy ?? {
      ...DEFAULT_POLICY,
      minIntervalSeconds: config.ingest.minIntervalSeconds,
      maxIntervalSeconds: config.ingest.maxIntervalSeconds,
    },
    now: opts.now,
    onStage: opts.onStage ?? observeStage,
    stories: new StoryAssigner(store, log, store.dialect === 'postgres' ? config.database : null),
  };
}

export interface IngestProgress {
  polled: number;
  pollErrors: number;
  newEntries: number;
  jobsDone: number;
  jobsFailed: number;
}

export interface IngestOptions {
  concurrency: number;
  /** Poll every active source, due or not. */
  all?: boolean;
  /** Keep the story index (and, on PostgreSQL, the assigner's lock) afterwards, for a
   * process that goes on serving or ingesting (the demo); default: release them. */
  keepStories?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: IngestProgress & { jobsPending: number }) => void;
}

/**
 * Polls every due source (or every active one with `all`), then runs the article jobs
 * until none is due. Returns what happened.
 */
export async function ingestOnce(deps: PipelineDeps, opts: IngestOptions): Promise<IngestProgress> {
  const progress: IngestProgress = { polled: 0, pollErrors: 0, newEntries: 0, jobsDone: 0, jobsFailed: 0 };
  // The waiting count is a query: asked at most every PROGRESS_COUNT_MS, not once per article.
  const counted = { at: -Infinity, n: 0 };
  const report = async (final = false) => {
    if (!opts.onProgress) return;
    const now = performance.now();
    if (final || now - counted.at >= PROGRESS_COUNT_MS) {
      // Marked before the query, so the reports made while it runs do not ask again.
      counted.at = now;
      counted.n = await deps.queue.pending();
    }
    opts.onProgress({ ...progress, jobsPending: counted.n });
  };
  if (opts.all) {
    const active = await deps.store.listSources({ state: 'active' });
    const now = deps.now?.() ?? new Date();
    for (const s of active) if (new Date(s.nextPollAt) > now) await deps.store.updateSource(s.id, { nextPollAt: now });
  }
  await pollDue(deps, {
    concurrency: opts.concurrency,
    signal: opts.signal,
    onPolled: (s) => {
      progress.polled++;
      if (!s.ok) progress.pollErrors++;
      progress.newEntries += s.newEntries + s.changedEntries;
      void report();
    },
  });
  const storyLoop = deps.queue instanceof GraphileQueue && deps.stories ? storiesWhileRunning(deps, deps.stories) : null;
  try {
    await deps.queue.run(jobHandler(deps), {
      concurrency: opts.concurrency,
      once: true,
      signal: opts.signal,
      onJobDone: (job, err) => {
        if (err) {
          progress.jobsFailed++;
          logJobError(deps.log, job, err);
        } else progress.jobsDone++;
        void report();
      },
    });
  } finally {
    await storyLoop?.stop();
    await flushFetchLog(deps);
  }
  try {
    // The worker holding the story index (it has an engine) waits for the others' last jobs.
    if (deps.queue instanceof GraphileQueue && deps.stories?.engine) await waitForRunningJobs(deps.queue, opts.signal);
    await deps.stories?.assignNew();
  } finally {
    if (!opts.keepStories) await deps.stories?.close();
  }
  await report(true);
  return progress;
}

/** Assigns stories every STORY_TICK_MS until stopped (one assignment at a time: `stop`
 * waits for the one under way, so the caller's next `assignNew` never overlaps it). */
function storiesWhileRunning(deps: PipelineDeps, stories: StoryAssigner): { stop(): Promise<void> } {
  const ctl = new AbortController();
  const loop = (async () => {
    while (!ctl.signal.aborted) {
      await sleepMs(STORY_TICK_MS, ctl.signal);
      if (ctl.signal.aborted) break;
      try {
        await stories.assignNew();
      } catch (err) {
        deps.log.warn('story assignment failed; retrying at the end of the run', { error: err instanceof Error ? err.message : String(err) });
      }
    }
  })();
  return {
    async stop() {
      ctl.abort();
      await loop;
    },
  };
}

/** Waits (at most STORY_TAIL_WAIT_MS) until no worker runs a job of this queue. */
async function waitForRunningJobs(queue: GraphileQueue, signal?: AbortSignal): Promise<void> {
  const until = Date.now() + STORY_TAIL_WAIT_MS;
  while (Date.now() < until && !signal?.aborted && (await queue.running()) > 0) await sleepMs(STORY_TAIL_POLL_MS, signal);
}

/** Polls due sources in leased batches until none is due, `concurrency` at a time. */
export async function pollDue(
  deps: PipelineDeps,
  opts: { concurrency: number; signal?: AbortSignal; onPolled?: (s: PollSummary) => void },
): Promise<number> {
  let polled = 0;
  while (!opts.signal?.aborted) {
    const due = await deps.store.claimDueSources(deps.now?.() ?? new Date(), POLL_BATCH, POLL_LEASE_SECONDS);
    if (due.length === 0) break;
    let next = 0;
    const lane = async () => {
      while (next < due.length && !opts.signal?.aborted) {
        const source = due[next++]!;
        const summary = await pollSource(deps, source);
        polled++;
        opts.onPolled?.(summary);
      }
    };
    await Promise.all(Array.from({ length: Math.min(opts.concurrency, due.length) }, lane));
  }
  return polled;
}

/**
 * Runs until `signal` aborts: looks for due sources every few seconds and runs article
 * jobs as they come. Many workers may run against one PostgreSQL database.
 */
export async function runWorker(deps: PipelineDeps, opts: { concurrency: number; signal: AbortSignal }): Promise<void> {
  deps.log.info('worker started', { queue: deps.queue.kind, concurrency: opts.concurrency });
  // graphile-worker lets some promises reject unhandled when the database drops a connection
  // it is using (e.g. while recording a failed job); Node would end the worker for that. A lost
  // connection is said in words and survived: the job runner restarts and the jobs of its old
  // pool are put back by the liveness check. Anything else still ends the process.
  const onUnhandled = (reason: unknown) => {
    if (!isLostConnection(reason)) throw reason;
    deps.log.error('lost the connection to the database; work resumes when it is back', { error: reason instanceof Error ? reason.message : String(reason) });
  };
  process.on('unhandledRejection', onUnhandled);
  try {
    await runWorkerLoops(deps, opts);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
}

/** PostgreSQL's codes for a connection that was cut (admin or crash shutdown, connection class
 * 08) and the socket errors and pg messages that mean the same. */
const LOST_CONNECTION_CODES = /^(57P0[123]|08\w{3}|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EHOSTUNREACH)$/;
const LOST_CONNECTION_MESSAGES = /Connection terminated|not queryable|terminating connection/i;

function isLostConnection(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && LOST_CONNECTION_CODES.test(code)) return true;
  return err instanceof Error && LOST_CONNECTION_MESSAGES.test(err.message);
}

async function runWorkerLoops(deps: PipelineDeps, opts: { concurrency: number; signal: AbortSignal }): Promise<void> {
  const ticker = (async () => {
    while (!opts.signal.aborted) {
      try {
        await pollDue(deps, { concurrency: Math.max(1, Math.ceil(opts.concurrency / 2)), signal: opts.signal });
        await deps.stories?.assignNew();
      } catch (err) {
        // A lost database connection: say so, and try again on the next tick.
        deps.log.error('polling failed; retrying shortly', { error: err instanceof Error ? err.message : String(err) });
      }
      await sleepMs(TICK_MS, opts.signal);
    }
  })();
  for (;;) {
    try {
      await deps.queue.run(jobHandler(deps), {
        concurrency: opts.concurrency,
        signal: opts.signal,
        onJobDone: (job, err) => err && logJobError(deps.log, job, err),
      });
      break;
    } catch (err) {
      if (opts.signal.aborted) break;
      deps.log.error('job runner stopped; restarting in 5 s', { error: err instanceof Error ? err.message : String(err) });
      await sleepMs(TICK_MS, opts.signal);
    }
  }
  await ticker;
  await flushFetchLog(deps);
  await deps.stories?.close();
  deps.log.info('worker stopped');
}

function logJobError(log: Logger, job: RunningJob, err: unknown): void {
  const final = job.attempt >= job.maxAttempts || (err instanceof Error && err.name === 'PermanentJobError');
  log[final ? 'warn' : 'info'](final ? 'article failed' : 'article failed; will retry', {
    job: job.name,
    ...job.payload,
    attempt: job.attempt,
    error: err instanceof Error ? err.message : String(err),
  });
}
