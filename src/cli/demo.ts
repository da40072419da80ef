// demo: `newsdesk demo` (what `npm start` runs). Serves the offline demo newsroom from
// loopback addresses (allowed explicitly, for those addresses only), follows its outlets,
// ingests them through the real pipeline into the embedded database, then serves the site
// and keeps polling. A restart keeps the data: the sources are already there and nothing
// already stored is fetched again.
import { isPostgres, type Config } from '../config.ts';
import { startNewsroom, type RunningNewsroom } from '../demo/index.ts';
import { createFetcher } from '../fetch/index.ts';
import { ingestOnce, pipelineDeps, runWorker } from '../jobs/index.ts';
import { previewSource } from '../jobs/preview.ts';
import type { Store } from '../store/index.ts';
import { flag, parseArgs, UsageError } from './args.ts';
import { withContext } from './context.ts';

export const DEMO_USAGE = `usage:
  newsdesk demo [--newsroom-port P]
      start the demo: a newsroom of fictional outlets on 127.0.0.x:P (default 8079), ingested
      into the configured database (default ./data/newsdesk.db), and the site on PORT
      (default 8080). This is what npm start runs. Ctrl-C stops.`;

/** The demo newsroom's fixed port: source URLs must not change between restarts. */
const DEFAULT_NEWSROOM_PORT = 8079;
const SEED = 1;

export async function demoCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['newsroom-port']);
  const port = Number(flag(args, 'newsroom-port') ?? process.env.NEWSDESK_DEMO_PORT ?? DEFAULT_NEWSROOM_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError('--newsroom-port is a port number');
  return withContext(async ({ config, store, log }) => {
    demoDatabaseCheck(config);
    const started = performance.now();
    const room = await openNewsroom(port);
    const say = (line: string) => process.stdout.write(line + '\n');
    say(`demo newsroom: ${room.outlets.length} fictional outlets on ${room.outlets[0]!.host} … ${room.outlets.at(-1)!.host}`);
    try {
      const added = await followNewsroom(store, room);
      if (added) say(`following ${added} outlets`);
      // The newsroom's addresses, and only those, may be fetched although they are loopback.
      const allow = [...new Set(room.outlets.map((o) => o.host.split(':')[0]!))];
      const demoConfig: Config = { ...config, fetch: { ...config.fetch, allowPrivate: [...config.fetch.allowPrivate, ...allow] } };
      const deps = pipelineDeps(demoConfig, store, { log, fetcher: createFetcher(demoConfig.fetch) });
      const tty = process.stderr.isTTY === true;
      const result = await ingestOnce(deps, {
        concurrency: config.ingest.concurrency,
        keepStories: true,
        onProgress: tty ? (p) => process.stderr.write(`\r  ingesting: ${p.polled} sources polled · ${p.jobsDone} articles stored · ${p.jobsPending} waiting\x1b[K`) : undefined,
      });
      if (tty) process.stderr.write('\r\x1b[K');
      const stats = await store.stats();
      say(`ingested ${result.jobsDone} new articles (${stats.articles} stored, in ${stats.stories} stories) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

      // The site reads the live story index of the worker that keeps ingesting.
      const { startWebServer } = await import('../web/index.ts');
      const site = await startWebServer({
        store,
        config,
        log,
        stories: deps.stories?.engine ?? undefined,
        siteName: 'Newsdesk demo',
        admin: { preview: (url, o) => previewSource(deps.fetcher, url, o) },
        imgSrc: allow.map((h) => `http://${h}:${port}`),
      });
      say(`\nNewsdesk is serving the demo at ${site.url.replace('127.0.0.1', 'localhost')}/  (Ctrl-C stops)`);
      say(`The admin is at ${site.url.replace('127.0.0.1', 'localhost')}/admin — set its password with: npx newsdesk admin set-password\n`);

      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await runWorker(deps, { concurrency: config.ingest.concurrency, signal: controller.signal });
      await site.close();
      return 0;
    } finally {
      await room.close();
    }
  });
}

/** The newsroom on one loopback address per outlet; on systems without 127/8 routing, one address. */
async function openNewsroom(port: number): Promise<RunningNewsroom> {
  try {
    return await startNewsroom({ seed: SEED, hosts: 'per-outlet', port });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${port} is taken: stop what uses it, or give the demo another with --newsroom-port (the sources are stored with their port, so keep using that one)`);
    }
    return startNewsroom({ seed: SEED, hosts: 'single', port });
  }
}

/** Adds the newsroom's outlets as sources (once: a restart finds them there). */
async function followNewsroom(store: Store, room: RunningNewsroom): Promise<number> {
  let added = 0;
  for (const o of room.outlets) {
    const source = o.feedUrls.length
      ? { url: o.feedUrls[0]!, name: o.name, section: null, displayMode: 'full' as const }
      : { url: o.sectionUrls[0]!, name: o.name, kind: 'section' as const, urlPattern: o.articlePattern, displayMode: 'full' as const };
    const { created } = await store.addSource(source);
    if (created) added++;
  }
  return added;
}

/** The demo refuses PostgreSQL: it is the embedded, zero-setup path. */
function demoDatabaseCheck(config: Config): void {
  if (isPostgres(config)) throw new Error('the demo runs on the embedded database; unset DATABASE_URL (or set NEWSDESK_DB) to try it');
}
