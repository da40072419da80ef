// Bad input for the ingest (issue 4), on both databases: among healthy outlets, one feed is
// binary garbage, one an HTML page, one answers 500, one outlet's article pages never
// answer, and one floods 10,000 new items at once. Each failing source backs off
// exponentially and says what is wrong in words; the flood is cut to
// ingest.maxEntriesPerPoll; the healthy sources keep their schedule and are ingested in
// full; nothing is duplicated and no job is left running. On PostgreSQL, the worker's
// connections are terminated while it runs: it says so and finishes every article.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEFAULT_CONFIG, type Config } from '../../src/config.ts';
import { startNewsroom, type OutletFault } from '../../src/demo/index.ts';
import { createFetcher } from '../../src/fetch/index.ts';
import { createLogger } from '../../src/log.ts';
import { ingestOnce, pipelineDeps } from '../../src/jobs/index.ts';
import { describeSource } from '../../src/cli/sources.ts';
import type { Source, Store } from '../../src/store/index.ts';
import { backends } from '../store/helpers.ts';
import { addOutlets, duplicates, integrity, LOOPBACK, newsdesk, newsroomProcess, queueState, sleep, snapshot, writeConfig } from './fixtures/harness.ts';

const NOW = new Date('2026-11-20T12:00:00Z');
/** Outlet indexes and what is wrong with each (the rest are healthy). */
const GARBAGE = 1;
const FLOOD = 2;
const PAGE_TIMEOUT = 3;
const HTML = 4;
const ERROR_500 = 6;
const FAULTS: Record<number, OutletFault> = {
  [GARBAGE]: { feed: 'garbage' },
  [FLOOD]: { flood: true },
  [PAGE_TIMEOUT]: { pages: 'timeout' },
  [HTML]: { feed: 'html' },
  [ERROR_500]: { feed: 'error500' },
};
const OUTLETS = 10;
const ITEMS = 8;
const HEALTHY = [0, 5, 7, 8, 9];
const FEED_FAILURES = [GARBAGE, HTML, ERROR_500];
/** One poll of the flooding source keeps this many of its 10,000 new items. */
const MAX_ENTRIES_PER_POLL = 40;
/** Small fetch timeouts, so a page that never answers fails within the test (yet longer than
 * this process may be busy parsing the 10 MB flood feed on a loaded machine). */
const TIMEOUT_MS = 4000;
/** How the fetcher words a page that never answers. */
const TIMED_OUT = /no response|timed out|slow or down/i;
const FIRST_BACKOFF_MS = 5 * 60_000;
const JITTER = 0.1;
/** The second round's clock: past the first back-off, before any healthy source is due. */
const LATER_MS = 6 * 60_000;

const tmp = mkdtempSync(join(tmpdir(), 'newsdesk-badinput-test-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function depsFor(store: Store, url: string, lines: string[], now?: () => Date) {
  const config: Config = structuredClone(DEFAULT_CONFIG);
  config.database = url;
  config.ingest.maxEntriesPerPoll = MAX_ENTRIES_PER_POLL;
  const fetcher = createFetcher({
    allowPrivate: [LOOPBACK],
    perHostDelayMs: 0,
    perHostConnections: ITEMS,
    connectTimeoutMs: TIMEOUT_MS,
    headersTimeoutMs: TIMEOUT_MS,
    bodyTimeoutMs: TIMEOUT_MS,
  });
  const log = createLogger({ level: 'info', pretty: false, write: (l) => lines.push(l) });
  return pipelineDeps(config, store, { fetcher, log, now });
}

for (const backend of backends) {
  describe(`bad input on ${backend.name}`, { skip: backend.skip }, () => {
    test('garbage, HTML, 500s, hanging pages and a flood: each bad source backs off and says why; the others are ingested', async (t) => {
      // In its own process: writing the 10,000-item flood feed takes seconds of CPU, which must
      // not hold up this process's fetch timers.
      const room = await newsroomProcess({ seed: 5, outlets: OUTLETS, itemsPerFeed: ITEMS, hosts: 'per-outlet', crawlDelay: 0, now: NOW, faults: FAULTS });
      try {
        const url = await backend.newUrl();
        const store = await backend.open(url);
        await addOutlets(store, room, Array.from({ length: OUTLETS }, (_, i) => i));
        const sources = await store.listSources();
        const sourceOf = (outlet: number): Source => sources[outlet]!;
        const lines: string[] = [];
        const started = Date.now();
        const first = await ingestOnce(depsFor(store, url, lines), { concurrency: 8 });
        assert.equal(first.polled, OUTLETS);
        const errorsSeen = (await store.listSources()).filter((x) => x.lastError).map((x) => `${x.url}: ${x.lastError}`);
        assert.equal(first.pollErrors, FEED_FAILURES.length, `garbage, HTML and 500 fail; the flood and the hanging pages do not fail the poll:\n${errorsSeen.join('\n')}`);

        // Failing feeds: backed off, the error in words, visible in `sources list`.
        const after1 = new Map((await store.listSources()).map((s) => [s.id, s]));
        for (const k of FEED_FAILURES) {
          const s = after1.get(sourceOf(k).id)!;
          assert.equal(s.consecutiveErrors, 1, `${s.url}: one error counted`);
          assert.equal(s.scheduleReason, 'backoff');
          assert.ok(new Date(s.nextPollAt).getTime() >= started + FIRST_BACKOFF_MS * (1 - JITTER) - 1000, `${s.url}: backed off (${s.nextPollAt})`);
          assert.ok(s.lastError && s.lastError.length > 10 && !/\n\s+at /.test(s.lastError), `${s.url}: an error in words, not a stack: ${s.lastError}`);
          const listed = describeSource(s);
          assert.match(listed, /failing ×1/);
          assert.match(listed, /error: /);
        }
        assert.match(after1.get(sourceOf(ERROR_500).id)!.lastError!, /HTTP 500/);
        assert.notEqual(after1.get(sourceOf(GARBAGE).id)!.lastError, after1.get(sourceOf(HTML).id)!.lastError, 'garbage and HTML are told apart');

        // Healthy sources: on their own schedule, every entry an article.
        for (const k of HEALTHY) {
          const s = after1.get(sourceOf(k).id)!;
          assert.equal(s.consecutiveErrors, 0, `${s.url}: no error`);
          assert.notEqual(s.scheduleReason, 'backoff');
          assert.ok(new Date(s.nextPollAt).getTime() > started + LATER_MS, `${s.url}: next poll after the second round`);
          assert.deepEqual((await store.entriesWithoutArticle({ sourceId: s.id })).map((e) => e.entry.url), [], `${s.url}: every entry has its article`);
        }

        // The flood: one poll keeps the newest MAX_ENTRIES_PER_POLL items, says so, and they are ingested.
        const flood = after1.get(sourceOf(FLOOD).id)!;
        assert.equal(flood.consecutiveErrors, 0);
        const floodEntries = await store.db.selectFrom('entries').select('id').where('source_id', '=', flood.id).execute();
        assert.equal(floodEntries.length, MAX_ENTRIES_PER_POLL, 'the flood is cut to maxEntriesPerPoll');
        assert.deepEqual(await store.entriesWithoutArticle({ sourceId: flood.id }), []);
        assert.ok(lines.some((l) => /source flooded/.test(l) && l.includes(`"sourceId":${flood.id}`)), 'the flood is reported');

        // Pages that never answer: the poll is fine, the articles wait for a retry, the error is recorded in words.
        const hanging = after1.get(sourceOf(PAGE_TIMEOUT).id)!;
        assert.equal(hanging.consecutiveErrors, 0);
        const waiting = await store.entriesWithoutArticle({ sourceId: hanging.id });
        assert.equal(waiting.length, ITEMS, 'no article from pages that time out');
        const health = await store.sourceHealth(hanging.id);
        assert.ok(health.errors >= ITEMS, `page fetch errors logged: ${JSON.stringify(health)}`);
        assert.match(health.lastError ?? '', TIMED_OUT, 'the page error says it timed out');
        const listedHanging = describeSource(hanging, new Date(), health);
        assert.match(listedHanging, /fetches failed \(last: /, `sources list shows the failing pages: ${listedHanging}`);
        assert.ok(lines.some((l) => /article failed; will retry/.test(l) && TIMED_OUT.test(l)), 'the retry is logged with its reason');

        const q1 = await queueState(store);
        assert.equal(q1.running, 0, 'no job left running');
        assert.equal(q1.waiting, ITEMS, 'only the hanging pages wait, for a retry');
        assert.equal(q1.failed, 0);

        // Second round, six minutes later: only the failing feeds are due; their back-off doubles.
        const later = new Date(Date.now() + LATER_MS);
        const second = await ingestOnce(depsFor(store, url, lines, () => later), { concurrency: 8 });
        assert.equal(second.polled, FEED_FAILURES.length, 'only the backed-off sources were due');
        assert.equal(second.pollErrors, FEED_FAILURES.length);
        for (const s of await store.listSources()) {
          const before = after1.get(s.id)!;
          if (FEED_FAILURES.some((k) => sourceOf(k).id === s.id)) {
            assert.equal(s.consecutiveErrors, 2);
            assert.ok(new Date(s.nextPollAt).getTime() >= later.getTime() + 2 * FIRST_BACKOFF_MS * (1 - JITTER) - 1000, `${s.url}: back-off doubled`);
          } else {
            assert.equal(s.lastPolledAt, before.lastPolledAt, `${s.url}: kept its schedule`);
            assert.equal(s.nextPollAt, before.nextPollAt);
          }
        }

        // The database stays consistent.
        const snap = await snapshot(store);
        assert.deepEqual(duplicates(snap.articles), []);
        assert.deepEqual(duplicates(snap.entries), []);
        const stats = await store.stats();
        assert.equal(stats.articles, snap.articles.length);
        assert.equal((await queueState(store)).running, 0, 'no job left running');
        assert.equal(await integrity(store), store.dialect === 'sqlite' ? 'ok' : 'n/a');
        t.diagnostic(`${backend.name}: ${stats.articles} articles, ${stats.entries} entries, ${first.pollErrors}+${second.pollErrors} failed polls, ${waiting.length} articles waiting on hanging pages`);
      } finally {
        await room.close();
      }
    });

    if (backend.name === 'postgres') {
      // A client the pool has handed out (e.g. inside a transaction) has no 'error' listener,
      // so a terminated connection there crashes the process: src/store/postgres must give
      // every client one (see the report). Until then this test is expected to fail.
      test('a worker whose PostgreSQL connections are terminated says so, reconnects and stores every article', async (t) => {
        const room = await startNewsroom({ seed: 6, outlets: 8, itemsPerFeed: 12, hosts: 'per-outlet', crawlDelay: 0, now: NOW });
        const url = await backend.newUrl();
        const store = await backend.open(url);
        await addOutlets(store, room, Array.from({ length: 8 }, (_, i) => i));
        const dbName = new URL(url).pathname.slice(1);
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        const worker = newsdesk(['worker', '--concurrency', '4'], url, writeConfig(tmp));
        const t0 = performance.now();
        /** Reads through a connection that may itself have been cut: a failed read is retried. */
        const read = async <T>(fn: () => Promise<T>): Promise<T | null> => fn().catch(() => null);
        let cuts = 0;
        let terminated = 0;
        try {
          for (;;) {
            const stats = await read(() => store.stats());
            const pending = await read(() => store.entriesWithoutArticle({ limit: 1 }));
            const polled = await read(async () => (await store.listSources()).every((s) => s.lastPolledAt));
            const q = await read(() => queueState(store));
            if (stats && pending && q && polled && cuts === 2 && stats.entries > 0 && pending.length === 0 && q.waiting === 0 && q.running === 0) break;
            // Cut every connection of the worker twice while articles flow (after the polls: a poll
            // cut half-way leaves its source leased or backed off for 5 minutes, by design).
            if (stats && polled && ((cuts === 0 && stats.articles >= 5) || (cuts === 1 && stats.articles >= stats.entries / 2))) {
              const r = await admin.query('select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);
              terminated += Number(r.rows[0].n);
              cuts++;
            }
            assert.ok(worker.proc.exitCode === null, `the worker exited:\n${worker.stderr().slice(-3000)}`);
            assert.ok(performance.now() - t0 < 60_000, `stuck after ${cuts} cuts: ${JSON.stringify({ stats, q })}\n${worker.stderr().slice(-3000)}`);
            await sleep(100);
          }
          const log = worker.stderr();
          assert.match(log, /terminat|connection/i, 'the lost connection is reported');
          worker.proc.kill('SIGTERM');
          const end = await worker.exited;
          assert.equal(end.code, 0, `the worker stops cleanly:\n${worker.stderr().slice(-2000)}`);
          const stats = await store.stats();
          assert.ok(stats.articles >= 80, `articles: ${stats.articles}`);
          const snap = await snapshot(store);
          assert.deepEqual(duplicates(snap.articles), []);
          const reports = log.split('\n').filter((l) => /terminat|connection/i.test(l));
          t.diagnostic(`postgres: ${terminated} backends terminated in ${cuts} cuts; ${stats.articles} articles stored in ${((performance.now() - t0) / 1000).toFixed(1)} s; the worker said: ${reports.slice(0, 2).map((l) => l.slice(0, 200)).join(' || ')}`);
        } finally {
          if (worker.proc.exitCode === null && worker.proc.signalCode === null) worker.proc.kill('SIGKILL');
          await admin.end().catch(() => undefined);
          await room.close();
        }
      });
    }
  });
}
