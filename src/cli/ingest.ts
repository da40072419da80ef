// ingest: the running-system commands — `ingest --once`, `worker`, `stats`, `search`, and
// `serve` (the public site).
import { ingestOnce, pipelineDeps, runWorker, StoryAssigner } from '../jobs/index.ts';
import { previewSource } from '../jobs/preview.ts';
import { createFetcher } from '../fetch/index.ts';
import { ProgressBar } from './progress.ts';
import { flag, parseArgs, UsageError } from './args.ts';
import { withContext } from './context.ts';

export const INGEST_USAGE = `usage:
  newsdesk ingest --once [--all] [--concurrency N]
      poll every due source (--all: every active source) and wait until the articles they
      bring are fetched, extracted and stored; a progress line on a terminal
  newsdesk worker [--concurrency N]
      run for ever: poll sources when due, fetch articles as they come (Ctrl-C stops);
      on PostgreSQL start as many as you like, on any machines
  newsdesk stats [--json]          counts: sources, entries, articles, revisions, stories, errors, jobsPending
  newsdesk search QUERY [--limit N] [--json]
                                   full-text search over title, description, body and authors
  newsdesk serve                   the public site, feeds and JSON API on PORT (default 8080)
  newsdesk stories rebuild         put every stored article into stories again (after a settings change)`;

export async function storiesCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, []);
  if (args.positionals[0] !== 'rebuild' || args.positionals.length !== 1) throw new UsageError('the stories command is: newsdesk stories rebuild');
  return withContext(async ({ config, store, log }) => {
    const total = (await store.stats()).articles;
    const bar = new ProgressBar(total, 'articles');
    let last = 0;
    const assigner = new StoryAssigner(store, log, store.dialect === 'postgres' ? config.database : null);
    try {
      const n = await assigner.rebuild((done) => {
        bar.tick(done - last);
        last = done;
      });
      bar.finish();
      process.stdout.write(`stories: ${n} articles in ${(await store.stats()).stories} stories\n`);
      return 0;
    } finally {
      await assigner.close();
    }
  });
}

function concurrencyFlag(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--concurrency is a whole number from 1 to 256, got ${value}`);
  return n;
}

export async function ingestCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['concurrency'], ['once', 'all']);
  if (!args.flags.has('once')) throw new UsageError('ingest runs once (--once); to keep ingesting, run newsdesk worker');
  if (args.positionals.length) throw new UsageError(`unexpected ${args.positionals.join(' ')}`);
  return withContext(async ({ config, store, log }) => {
    const deps = pipelineDeps(config, store, { log });
    const tty = process.stderr.isTTY === true;
    const started = performance.now();
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    try {
      const result = await ingestOnce(deps, {
        concurrency: concurrencyFlag(flag(args, 'concurrency'), config.ingest.concurrency),
        all: args.flags.has('all'),
        signal: controller.signal,
        onProgress: tty
          ? (p) =>
              process.stderr.write(
                `\r  polled ${p.polled} sources (${p.pollErrors} failed) · ${p.newEntries} new entries · ${p.jobsDone} articles stored · ${p.jobsFailed} failed · ${p.jobsPending} waiting\x1b[K`,
              )
          : undefined,
      });
      if (tty) process.stderr.write('\r\x1b[K');
      const secs = (performance.now() - started) / 1000;
      process.stdout.write(
        `ingest: polled ${result.polled} sources (${result.pollErrors} failed), ${result.newEntries} new or changed entries, ` +
          `${result.jobsDone} articles stored, ${result.jobsFailed} failed, in ${secs.toFixed(1)} s\n`,
      );
      return result.pollErrors > 0 || result.jobsFailed > 0 ? 1 : 0;
    } finally {
      process.off('SIGINT', stop);
    }
  });
}

export async function workerCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['concurrency']);
  return withContext(async ({ config, store, log }) => {
    const deps = pipelineDeps(config, store, { log });
    const controller = new AbortController();
    const stop = () => {
      log.info('stopping: finishing the jobs in hand');
      controller.abort();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await runWorker(deps, { concurrency: concurrencyFlag(flag(args, 'concurrency'), config.ingest.concurrency), signal: controller.signal });
    return 0;
  });
}

export async function statsCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, [], ['json']);
  return withContext(async ({ config, store, log }) => {
    const stats = await store.stats();
    // On PostgreSQL the article jobs live in graphile-worker's queue, not the jobs table.
    if (store.dialect === 'postgres') stats.jobsPending = await pipelineDeps(config, store, { log }).queue.pending();
    if (args.flags.has('json')) process.stdout.write(JSON.stringify(stats) + '\n');
    else for (const [k, v] of Object.entries(stats)) process.stdout.write(`${k.padEnd(12)} ${v}\n`);
    return 0;
  });
}

export async function searchCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['limit'], ['json']);
  const query = args.positionals.join(' ').trim();
  if (!query) throw new UsageError('give a QUERY, e.g. newsdesk search "harbour strike"');
  const limit = Number(flag(args, 'limit') ?? 10);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError('--limit is a whole number from 1 to 100');
  return withContext(async ({ store }) => {
    const result = await store.search(query, { limit });
    if (args.flags.has('json')) {
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      return 0;
    }
    const bold = process.stdout.isTTY ? (s: string) => s.replace(/<mark>/g, '\x1b[1m').replace(/<\/mark>/g, '\x1b[22m') : (s: string) => s.replace(/<\/?mark>/g, '');
    const plain = (s: string) => bold(s).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    process.stdout.write(`${result.total} match${result.total === 1 ? '' : 'es'} for ${result.query || '(nothing searchable)'}\n`);
    for (const h of result.hits) {
      process.stdout.write(`\n#${h.articleId}  ${h.title ?? '(untitled)'}\n    ${h.url}  ${h.publishedAt?.slice(0, 10) ?? ''}\n    ${plain(h.snippet)}\n`);
    }
    return 0;
  });
}

export async function serveCommand(argv: readonly string[]): Promise<number> {
  parseArgs(argv, []);
  return withContext(async ({ config, store, log }) => {
    const { startWebServer } = await import('../web/index.ts');
    // The admin's add-source preview fetches through the same guarded client as the workers.
    const fetcher = createFetcher(config.fetch);
    const site = await startWebServer({
      store,
      config,
      log,
      publicUrl: process.env.NEWSDESK_PUBLIC_URL || undefined,
      admin: { preview: (url, o) => previewSource(fetcher, url, o) },
    });
    process.stdout.write(`Newsdesk is serving on ${site.url}/\n`);
    await new Promise<void>((resolve) => {
      const stop = () => void site.close().then(resolve, resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  });
}
