// ops: running Newsdesk for months — Prometheus metrics (the registry, what the pipeline and
// the site count, /metrics), retention of old articles, and consistent SQLite backups.
// How to use them: docs/operations.md.
export { Registry, Counter, Gauge, Histogram, EXPOSITION_CONTENT_TYPE, type Labels, type Collector } from './registry.ts';
export {
  metrics,
  metricsText,
  createMetrics,
  countPoll,
  countFetch,
  countExtraction,
  countArticleStored,
  observeStage,
  observeHttpRequest,
  watchStore,
  readStoreGauges,
  queueDepth,
  HTTP_BUCKETS,
  INGEST_LATENCY_BUCKETS,
  STAGE_BUCKETS,
  type NewsdeskMetrics,
  type PollOutcome,
  type ExtractionOutcome,
} from './metrics.ts';
export { httpMetrics, metricsHandler, routeOf, UNMATCHED_ROUTE, type MetricsHandlerOptions } from './http.ts';
export {
  applyRetention,
  DEFAULT_RETENTION_BATCH,
  type RetentionOptions,
  type RetentionResult,
  type RetentionProtection,
  type RetentionCandidate,
  type ArchivedArticle,
} from './retention.ts';
export { backupSqlite, backupIntoDir, backupFileName, integrityProblem, BackupError, type BackupResult } from './backup.ts';
