// Metrics: the exposition text parses strictly, counters and histograms move with what the
// pipeline and web report, gauges are read from a real store at scrape time, and /metrics
// (on a real Hono app) times requests by route pattern and honours its token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { openStore } from '../../src/store/index.ts';
import {
  countArticleStored,
  countExtraction,
  countFetch,
  countPoll,
  createMetrics,
  observeStage,
  queueDepth,
  watchStore,
} from '../../src/ops/metrics.ts';
import { backends } from '../store/helpers.ts';
import { Registry } from '../../src/ops/registry.ts';
import { httpMetrics, metricsHandler, UNMATCHED_ROUTE } from '../../src/ops/http.ts';
import { parseExposition, valueOf } from './exposition.ts';

test('counters, gauges and histograms render as valid exposition text; counters only go up', async () => {
  const m = createMetrics();
  countPoll('ok', m);
  countPoll('ok', m);
  countPoll('error', m);
  countFetch('feed', 200, m);
  countFetch('page', null, m);
  countExtraction({ body: true, image: false, date: true }, m);
  observeStage('fetch', 120, m);
  const first = parseExposition(await m.metricsText());
  assert.equal(valueOf(first, 'newsdesk_polls_total', { outcome: 'ok' }), 2);
  assert.equal(valueOf(first, 'newsdesk_polls_total', { outcome: 'error' }), 1);
  assert.equal(valueOf(first, 'newsdesk_fetches_total', { kind: 'page', status: 'error' }), 1);
  assert.equal(valueOf(first, 'newsdesk_extractions_total', { body: 'found', image: 'missing', date: 'found' }), 1);
  assert.equal(valueOf(first, 'newsdesk_stage_duration_seconds_count', { stage: 'fetch' }), 1);
  assert.equal(valueOf(first, 'newsdesk_stage_duration_seconds_bucket', { stage: 'fetch', le: '0.1' }), 0);
  assert.equal(valueOf(first, 'newsdesk_stage_duration_seconds_bucket', { stage: 'fetch', le: '0.25' }), 1);
  assert.equal(first.get('newsdesk_polls_total')?.type, 'counter');
  assert.ok((valueOf(first, 'process_resident_memory_bytes') ?? 0) > 0, 'process metrics are collected');

  countPoll('ok', m);
  countFetch('feed', 200, m);
  const second = parseExposition(await m.metricsText());
  assert.equal(valueOf(second, 'newsdesk_polls_total', { outcome: 'ok' }), 3);
  assert.equal(valueOf(second, 'newsdesk_fetches_total', { kind: 'feed', status: '200' }), 2);
  assert.throws(() => m.polls.inc({ outcome: 'ok' }, -1), /cannot go down/);
  assert.throws(() => m.polls.inc({ result: 'ok' }), /takes labels \[outcome\]/);
});

test('ingest latency counts new articles only, from first sighting to storage', async () => {
  const m = createMetrics();
  const stored = new Date('2024-05-01T10:02:00Z');
  countArticleStored('new', '2024-05-01T10:00:00Z', stored, m);
  countArticleStored('updated', '2024-05-01T09:00:00Z', stored, m);
  countArticleStored('new', '2024-05-01T10:05:00Z', stored, m); // clock stepped back: dropped
  const f = parseExposition(await m.metricsText());
  assert.equal(valueOf(f, 'newsdesk_ingest_latency_seconds_count'), 1);
  assert.equal(valueOf(f, 'newsdesk_ingest_latency_seconds_sum'), 120);
  assert.equal(valueOf(f, 'newsdesk_ingest_latency_seconds_bucket', { le: '60' }), 0);
  assert.equal(valueOf(f, 'newsdesk_ingest_latency_seconds_bucket', { le: '120' }), 1);
  assert.equal(valueOf(f, 'newsdesk_articles_stored_total', { outcome: 'new' }), 2);
  assert.equal(valueOf(f, 'newsdesk_articles_stored_total', { outcome: 'updated' }), 1);
});

test('label values and help text are escaped', async () => {
  const r = new Registry();
  r.counter('x_total', 'a \\ backslash\nand a newline', ['v']).inc({ v: 'quote " slash \\ line\nend' });
  const text = await r.metricsText();
  assert.ok(text.includes('# HELP x_total a \\\\ backslash\\nand a newline'));
  const f = parseExposition(text);
  assert.equal(f.get('x_total')?.samples[0]?.labels.v, 'quote " slash \\ line\nend');
  assert.throws(() => r.counter('x_total', 'again'), /registered twice/);
  assert.throws(() => r.counter('bad-name', 'x'), /not a valid Prometheus name/);
});

test('a failing collector does not break the scrape', async () => {
  const r = new Registry();
  const g = r.gauge('ok_gauge', 'fine');
  const errors: string[] = [];
  r.onCollectError = (name) => errors.push(name);
  r.collect('broken', () => {
    throw new Error('db down');
  });
  r.collect('fine', () => g.set(undefined, 7));
  const f = parseExposition(await r.metricsText());
  assert.equal(valueOf(f, 'ok_gauge'), 7);
  assert.deepEqual(errors, ['broken']);
});

test('queue depth and sources are read from a real store at scrape time', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-metrics-'));
  const store = await openStore({ url: join(dir, 'm.db') });
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const m = createMetrics();
  const stop = watchStore(store, m);
  let f = parseExposition(await m.metricsText());
  assert.equal(valueOf(f, 'newsdesk_queue_depth'), 0);
  assert.equal(valueOf(f, 'newsdesk_sources', { state: 'active' }), 0);

  const { source } = await store.addSource({ url: 'https://news.example.com/rss.xml' });
  await store.addSource({ url: 'https://other.example.com/rss.xml' });
  await store.updateSource(source.id, { state: 'paused' });
  const now = new Date().toISOString();
  await store.db
    .insertInto('jobs')
    .values([
      { name: 'fetch-article', key: 'a:1', payload: '{}', run_at: now, created_at: now, updated_at: now, state: 'queued' },
      { name: 'fetch-article', key: 'a:2', payload: '{}', run_at: now, created_at: now, updated_at: now, state: 'done' },
    ])
    .execute();
  f = parseExposition(await m.metricsText());
  assert.equal(valueOf(f, 'newsdesk_queue_depth'), 1, 'a done job is not waiting');
  assert.equal(valueOf(f, 'newsdesk_sources', { state: 'active' }), 1);
  assert.equal(valueOf(f, 'newsdesk_sources', { state: 'paused' }), 1);
  assert.equal(valueOf(f, 'newsdesk_sources_failing'), 0);
  stop();

  // The /metrics handler can read the same gauges itself, without a registered collector.
  const m2 = createMetrics();
  const app = new Hono();
  app.get('/metrics', metricsHandler({ metrics: m2, store }));
  f = parseExposition(await (await app.request('/metrics')).text());
  assert.equal(valueOf(f, 'newsdesk_queue_depth'), 1);
  assert.equal(valueOf(f, 'newsdesk_sources', { state: 'paused' }), 1);
});

test('/metrics on a Hono app: requests timed by route pattern; token required when set', async () => {
  const m = createMetrics();
  const app = new Hono();
  app.use('*', httpMetrics(m));
  app.get('/metrics', metricsHandler({ metrics: m, token: 'a-long-enough-secret-token' }));
  app.get('/article/:idslug', (c) => c.text('article'));
  app.get('/boom', () => {
    throw new Error('boom');
  });
  app.onError((_err, c) => c.text('failed', 500));

  for (const id of ['1-a', '2-b', '3-c']) assert.equal((await app.request(`/article/${id}`)).status, 200);
  assert.equal((await app.request('/nowhere')).status, 404);
  assert.equal((await app.request('/boom')).status, 500);

  const refused = await app.request('/metrics');
  assert.equal(refused.status, 401);
  assert.match(await refused.text(), /NEWSDESK_METRICS_TOKEN/);
  assert.equal((await app.request('/metrics', { headers: { Authorization: 'Bearer wrong-token-of-another-length' } })).status, 401);

  const res = await app.request('/metrics', { headers: { Authorization: 'Bearer a-long-enough-secret-token' } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const f = parseExposition(await res.text());
  const count = (route: string, status: string) =>
    valueOf(f, 'newsdesk_http_request_duration_seconds_count', { route, method: 'GET', status });
  assert.equal(count('/article/:idslug', '200'), 3, 'one series for every article, by its route');
  assert.equal(count(UNMATCHED_ROUTE, '404'), 1);
  assert.equal(count('/boom', '500'), 1);
  assert.equal(count('/metrics', '401'), 2);
  const samples = f.get('newsdesk_http_request_duration_seconds')!.samples;
  assert.ok(!samples.some((s) => s.labels.route?.includes('1-a')), 'raw paths never become labels');
});

test('queue depth on PostgreSQL: 0 before any worker made graphile-worker\'s schema', { skip: backends[1]!.skip }, async () => {
  const store = await backends[1]!.fresh();
  assert.equal(await queueDepth(store), 0);
  const m = createMetrics();
  watchStore(store, m);
  const f = parseExposition(await m.metricsText());
  assert.equal(valueOf(f, 'newsdesk_queue_depth'), 0);
  assert.equal(valueOf(f, 'newsdesk_sources', { state: 'gone' }), 0);
});
