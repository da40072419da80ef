// ops/metrics: the metrics Newsdesk exposes at /metrics, with the functions the pipeline and
// the web server call to count. One registry per process (`metrics`); tests and embedders
// can build their own with `createMetrics()`. Names follow Prometheus conventions: a
// `newsdesk_` prefix, `_total` on counters, base units (seconds, bytes).
import { sql } from 'kysely';
import type { Store } from '../store/index.ts';
import { Registry, type Counter, type Gauge, type Histogram } from './registry.ts';

/** Web requests: from a cached page (a few ms) to a slow search (seconds). */
export const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** From a feed entry first seen to its article stored: seconds when all goes well, hours
 * when a host is slow or the queue is long, a day when retries back off. */
export const INGEST_LATENCY_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 12 * 3600, 24 * 3600];
/** Pipeline stages (poll, fetch, extract, store) in seconds. */
export const STAGE_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** How a poll ended. */
export type PollOutcome = 'ok' | 'not_modified' | 'error';

/** What the extractor found in one article. */
export interface ExtractionOutcome {
  body: boolean;
  image: boolean;
  date: boolean;
}

/** The Newsdesk metrics on one registry. */
export interface NewsdeskMetrics {
  registry: Registry;
  polls: Counter;
  fetches: Counter;
  extractions: Counter;
  articlesStored: Counter;
  ingestLatency: Histogram;
  stageDuration: Histogram;
  httpDuration: Histogram;
  queueDepth: Gauge;
  sources: Gauge;
  failingSources: Gauge;
  /** Renders everything (collectors first): the body of GET /metrics. */
  metricsText(): Promise<string>;
}

/** Builds a registry with every Newsdesk metric and the process metrics. */
export function createMetrics(): NewsdeskMetrics {
  const registry = new Registry();
  const m: NewsdeskMetrics = {
    registry,
    polls: registry.counter('newsdesk_polls_total', 'Source polls by outcome (ok, not_modified, error).', ['outcome']),
    fetches: registry.counter(
      'newsdesk_fetches_total',
      'HTTP fetches by kind (feed, page) and status code ("error" when no response came).',
      ['kind', 'status'],
    ),
    extractions: registry.counter(
      'newsdesk_extractions_total',
      'Articles extracted, by whether a body, a lead image and a publication date were found (found or missing).',
      ['body', 'image', 'date'],
    ),
    articlesStored: registry.counter('newsdesk_articles_stored_total', 'Articles saved, by outcome (new, updated, unchanged).', ['outcome']),
    ingestLatency: registry.histogram(
      'newsdesk_ingest_latency_seconds',
      'Time from a feed entry first seen to its article stored (new articles only).',
      [],
      INGEST_LATENCY_BUCKETS,
    ),
    stageDuration: registry.histogram('newsdesk_stage_duration_seconds', 'Time spent in each pipeline stage.', ['stage'], STAGE_BUCKETS),
    httpDuration: registry.histogram(
      'newsdesk_http_request_duration_seconds',
      'Web requests by route pattern, method and status code.',
      ['route', 'method', 'status'],
      HTTP_BUCKETS,
    ),
    queueDepth: registry.gauge('newsdesk_queue_depth', 'Article jobs waiting or running, read from the database at scrape time.'),
    sources: registry.gauge('newsdesk_sources', 'Sources by state (active, paused, gone), read at scrape time.', ['state']),
    failingSources: registry.gauge('newsdesk_sources_failing', 'Active sources whose last poll failed, read at scrape time.'),
    metricsText: () => registry.metricsText(),
  };
  addProcessMetrics(registry);
  return m;
}

/** The process's metrics: what /metrics serves unless a test built its own. */
export const metrics: NewsdeskMetrics = createMetrics();

/** The registry's `metricsText()` for the process-wide metrics. */
export function metricsText(): Promise<string> {
  return metrics.metricsText();
}

// ---------------------------------------------------------------- what the pipeline calls

/** Counts one poll. */
export function countPoll(outcome: PollOutcome, m: NewsdeskMetrics = metrics): void {
  m.polls.inc({ outcome });
}

/** Counts one fetch; `status` null means no response (timeout, refused, blocked …). */
export function countFetch(kind: string, status: number | null, m: NewsdeskMetrics = metrics): void {
  m.fetches.inc({ kind, status: status === null ? 'error' : String(status) });
}

/** Counts what one extraction found. */
export function countExtraction(o: ExtractionOutcome, m: NewsdeskMetrics = metrics): void {
  const word = (found: boolean) => (found ? 'found' : 'missing');
  m.extractions.inc({ body: word(o.body), image: word(o.image), date: word(o.date) });
}

/**
 * Counts a saved article; a new one also records the ingest latency from `firstSeenAt`
 * (the entry's first sighting) to `storedAt`.
 */
export function countArticleStored(
  outcome: 'new' | 'updated' | 'unchanged',
  firstSeenAt: string | Date | null,
  storedAt: Date = new Date(),
  m: NewsdeskMetrics = metrics,
): void {
  m.articlesStored.inc({ outcome });
  if (outcome !== 'new' || firstSeenAt === null) return;
  const seconds = (storedAt.getTime() - new Date(firstSeenAt).getTime()) / 1000;
  // A clock step backwards would give a negative time: not an observation worth keeping.
  if (Number.isFinite(seconds) && seconds >= 0) m.ingestLatency.observe(undefined, seconds);
}

/** Records a pipeline stage's duration: pass as `onStage` in PipelineDeps. */
export function observeStage(stage: string, ms: number, m: NewsdeskMetrics = metrics): void {
  m.stageDuration.observe({ stage }, ms / 1000);
}

/** Records one web request. `route` is the route pattern ("/article/:idslug"), never the raw path. */
export function observeHttpRequest(route: string, method: string, status: number, seconds: number, m: NewsdeskMetrics = metrics): void {
  m.httpDuration.observe({ route, method, status: String(status) }, seconds);
}

// ---------------------------------------------------------------- read at scrape time

/**
 * Reads queue depth and source counts from the store at each scrape, so any process (the
 * site as well as a worker) reports them. Returns a function that stops it.
 */
export function watchStore(store: Store, m: NewsdeskMetrics = metrics): () => void {
  return m.registry.collect('store', () => readStoreGauges(store, m));
}

/** Sets the queue-depth and source gauges from the store now. */
export async function readStoreGauges(store: Store, m: NewsdeskMetrics = metrics): Promise<void> {
  m.queueDepth.set(undefined, await queueDepth(store));
  const rows = await store.db
    .selectFrom('sources')
    .select(['state', (eb) => eb.fn.countAll().as('n')])
    .groupBy('state')
    .execute();
  m.sources.reset();
  for (const state of ['active', 'paused', 'gone']) m.sources.set({ state }, 0);
  for (const r of rows) m.sources.set({ state: r.state }, Number(r.n));
  const failing = await store.db
    .selectFrom('sources')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('state', '=', 'active')
    .where('consecutive_errors', '>', 0)
    .executeTakeFirst();
  m.failingSources.set(undefined, Number(failing?.n ?? 0));
}

/**
 * Jobs waiting or running: the jobs table on SQLite; graphile-worker's jobs on PostgreSQL
 * (0 before any worker has created its schema).
 */
export async function queueDepth(store: Store): Promise<number> {
  if (store.dialect === 'postgres') {
    const exists = await sql<{ t: string | null }>`select to_regclass('graphile_worker.jobs')::text as t`.execute(store.db);
    if (!exists.rows[0]?.t) return 0;
    const r = await sql<{ n: string | number }>`select count(*) as n from graphile_worker.jobs where attempts < max_attempts`.execute(store.db);
    return Number(r.rows[0]?.n ?? 0);
  }
  const r = await store.db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('state', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** CPU, memory, start time and event-loop delay of this process, read at scrape time. */
function addProcessMetrics(registry: Registry): void {
  const cpu = registry.counter('process_cpu_seconds_total', 'User and system CPU time spent, in seconds.');
  const rss = registry.gauge('process_resident_memory_bytes', 'Resident memory size in bytes.');
  const heap = registry.gauge('nodejs_heap_used_bytes', 'V8 heap in use, in bytes.');
  const start = registry.gauge('process_start_time_seconds', 'Start time of the process since the Unix epoch, in seconds.');
  const startedAt = Date.now() / 1000 - process.uptime();
  registry.collect('process', () => {
    const u = process.cpuUsage();
    cpu.setTotal(undefined, (u.user + u.system) / 1e6);
    const mem = process.memoryUsage();
    rss.set(undefined, mem.rss);
    heap.set(undefined, mem.heapUsed);
    start.set(undefined, Math.round(startedAt));
  });
}
