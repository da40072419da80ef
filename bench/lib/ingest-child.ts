// ingest-child: one ingest process for bench/ingest.ts. Opens the database given, runs
// `ingestOnce` (polling every due source, then the article jobs) and prints one JSON
// line: articles stored, wall time, peak RSS, time per stage, when the polls and the
// articles were done (the rest of the run is story assignment and waiting for other
// workers) and how long ready callbacks waited for the event loop.
//   node --import tsx bench/lib/ingest-child.ts DATABASE CONCURRENCY
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEFAULT_CONFIG, type Config } from '../../src/config.ts';
import { createFetcher } from '../../src/fetch/index.ts';
import { ingestOnce, pipelineDeps, type Stage } from '../../src/jobs/index.ts';
import { createLogger } from '../../src/log.ts';
import { openStore } from '../../src/store/index.ts';

const [database, concurrencyArg] = process.argv.slice(2);
if (!database) {
  console.error('usage: ingest-child.ts DATABASE [CONCURRENCY]');
  process.exit(2);
}
const config: Config = { ...structuredClone(DEFAULT_CONFIG), database };
const store = await openStore({ url: database });
const storedAt: number[] = [];
const polledAt: number[] = [];
const stages: Record<Stage, number> = { poll: 0, fetch: 0, extract: 0, store: 0 };
const deps = pipelineDeps(config, store, {
  // The newsroom lives on 127.0.0.x: allowed here, as an operator would for their own servers.
  fetcher: createFetcher({ allowPrivate: ['127.0.0.0/8'], perHostDelayMs: Number(process.env.BENCH_HOST_DELAY_MS ?? 1000) }),
  log: createLogger({ level: 'warn' }),
  onStage: (stage, ms) => {
    stages[stage] += ms;
    if (stage === 'store') storedAt.push(performance.now());
    if (stage === 'poll') polledAt.push(performance.now());
  },
});
// How long a ready callback waits for the event loop: on PostgreSQL each query's answer
// waits this long, holding its pooled connection, before the job goes on.
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const result = await ingestOnce(deps, { concurrency: Number(concurrencyArg) || config.ingest.concurrency });
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
loopDelay.disable();
await store.close();
process.stdout.write(
  JSON.stringify({
    ...result,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    stages,
    timeline: {
      lastPollMs: (polledAt.at(-1) ?? t0) - t0,
      firstStoredMs: (storedAt[0] ?? t0) - t0,
      tenthStoredMs: (storedAt[Math.floor(storedAt.length / 10)] ?? t0) - t0,
      halfStoredMs: (storedAt[Math.floor(storedAt.length / 2)] ?? t0) - t0,
      lastStoredMs: (storedAt.at(-1) ?? t0) - t0,
    },
    loopDelayMs: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
  }) + '\n',
);
