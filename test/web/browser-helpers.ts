// Helpers for the browser tests: a realistic site built the way `newsdesk demo` builds it
// (the demo newsroom on loopback addresses, ingested through the real pipeline into a
// temporary SQLite store, stories assigned, the site started with the live story engine),
// and finding Debian's chromium for playwright-core.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type Config } from '../../src/config.ts';
import { startNewsroom, type RunningNewsroom } from '../../src/demo/index.ts';
import { createFetcher } from '../../src/fetch/index.ts';
import { ingestOnce, pipelineDeps } from '../../src/jobs/index.ts';
import { createLogger } from '../../src/log.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { startWebServer, type RunningWebServer, type StartWebServerOptions } from '../../src/web/index.ts';

/** Where chromium is usually installed by Debian's package, tried when `which` finds nothing. */
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Launch flags for headless chromium in a container (no sandbox, no background traffic). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The chromium executable — `CHROMIUM_PATH` when set, else `chromium` on the PATH — or null
 * when there is none (`apt-get install -y chromium`). */
export function findChromium(): string | null {
  const given = process.env.CHROMIUM_PATH;
  if (given) return existsSync(given) ? given : null;
  try {
    const found = execFileSync('which', ['chromium'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (found) return found;
  } catch {
    // `which` exits non-zero when there is none: try the usual paths.
  }
  return CHROMIUM_PATHS.find((p) => existsSync(p)) ?? null;
}

/** A demo site ready for a browser. */
export interface DemoSite {
  /** The site's base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  store: Store;
  room: RunningNewsroom;
  server: RunningWebServer;
  /** Articles stored by the ingest. */
  articles: number;
  close(): Promise<void>;
}

/** The newsroom's clock: fixed, so the pages look the same from run to run. */
const DEMO_NOW = new Date('2026-03-10T12:00:00Z');

/**
 * Builds the demo as `newsdesk demo` does, on ephemeral ports and a temporary database:
 * the newsroom with one loopback address per outlet, its outlets followed in full mode,
 * one ingest pass through the pipeline, stories assigned, then the site on 127.0.0.1.
 */
export async function startDemoSite(opts: { outlets?: number; itemsPerFeed?: number } = {}): Promise<DemoSite> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-browser-'));
  const log = createLogger({ level: 'silent' });
  const room = await startNewsroom({ seed: 1, hosts: 'per-outlet', crawlDelay: 0, now: DEMO_NOW, outlets: opts.outlets, itemsPerFeed: opts.itemsPerFeed });
  let store: Store | null = null;
  let server: RunningWebServer | null = null;
  const close = async () => {
    await server?.close().catch(() => undefined);
    await store?.close().catch(() => undefined);
    await room.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    store = await openStore({ url: join(dir, 'newsdesk.db') });
    for (const o of room.outlets) {
      const source = o.feedUrls.length
        ? { url: o.feedUrls[0]!, name: o.name, section: null, displayMode: 'full' as const }
        : { url: o.sectionUrls[0]!, name: o.name, kind: 'section' as const, urlPattern: o.articlePattern, displayMode: 'full' as const };
      await store.addSource(source);
    }
    // The newsroom's addresses, and only those, may be fetched although they are loopback.
    const hosts = [...new Set(room.outlets.map((o) => o.host.split(':')[0]!))];
    const config: Config = structuredClone(DEFAULT_CONFIG);
    config.fetch = { ...config.fetch, allowPrivate: hosts };
    // No politeness delay: the newsroom is ours and the test should be quick.
    const fetcher = createFetcher({ ...config.fetch, perHostDelayMs: 0, perHostConnections: 4 });
    const deps = pipelineDeps(config, store, { log, fetcher });
    const result = await ingestOnce(deps, { concurrency: 4 });
    if (result.jobsFailed > 0 || result.pollErrors > 0) {
      throw new Error(`the demo ingest failed for ${result.pollErrors} sources and ${result.jobsFailed} articles: run \`npm start\` to see the errors`);
    }
    await deps.stories?.assignNew();
    server = await startDemoServer({ store, config, log, deps, room, hosts });
    const stats = await store.stats();
    return { url: server.url, store, room, server, articles: stats.articles, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * The site over a demo newsroom's store, as `newsdesk demo` serves it: on a free port, with
 * the ingest's live story engine, the newsroom's image hosts allowed, no page reuse.
 */
export function startDemoServer(o: {
  store: Store;
  config: Config;
  log: ReturnType<typeof createLogger>;
  deps: ReturnType<typeof pipelineDeps>;
  room: RunningNewsroom;
  hosts: readonly string[];
  admin?: StartWebServerOptions['admin'];
}): Promise<RunningWebServer> {
  const port = Number(o.room.outlets[0]!.host.split(':')[1]);
  return startWebServer({
    store: o.store,
    config: o.config,
    log: o.log,
    port: 0,
    host: '127.0.0.1',
    stories: o.deps.stories?.engine ?? undefined,
    siteName: 'Newsdesk demo',
    imgSrc: o.hosts.map((h) => `http://${h}:${port}`),
    cacheSeconds: 0,
    ...(o.admin ? { admin: o.admin } : {}),
  });
}

/** Where the browser tests put their screenshots for review (gitignored). */
export const SHOT_DIR = join(process.cwd(), '.bench', 'screenshots');
export const MOBILE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };
/** A request the browser itself abandons when a page is left is not an error of the page. */
export const ABORTED_RE = /ERR_ABORTED/;
/** Words in a row taken from a body for a search check: enough to be specific … */
export const PHRASE_WORDS = 6;
/** … shared by at most this many articles, so all of them are on the first page of hits. */
export const MAX_PHRASE_HITS = 5;

/** axe impacts that fail a test; moderate and minor ones are only reported. */
export const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's source, injected into pages (the context must bypass the site's CSP to run it). */
export function readAxeSource(): string {
  return readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
}

/** axe's findings over several pages: serious and critical ones fail, the others are reported. */
export class AxeTally {
  readonly blocking: string[] = [];
  readonly other = new Map<string, string[]>();

  /** Runs axe on the page as it is now and files what it finds under `name`. */
  async check(page: { addScriptTag(o: { content: string }): Promise<unknown>; evaluate(js: string): Promise<unknown> }, source: string, name: string, colorScheme: string): Promise<void> {
    await page.addScriptTag({ content: source });
    const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
      r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`)) as AxeViolation[];
    for (const v of violations) {
      const line = `${name} (${colorScheme}): ${v.impact} ${v.id} — ${v.help} — ${v.nodes.join(' | ')}`;
      if (v.impact && BLOCKING_IMPACTS.has(v.impact)) this.blocking.push(line);
      else this.other.set(`${v.impact} ${v.id}`, [...(this.other.get(`${v.impact} ${v.id}`) ?? []), `${name}/${colorScheme}: ${v.nodes.join(' | ')}`]);
    }
  }

  /** The test's diagnostic lines: a summary, then where each non-blocking finding is. */
  report(t: { diagnostic(line: string): void }): void {
    t.diagnostic(`axe: ${this.blocking.length} serious/critical; others: ${[...this.other].map(([k, where]) => `${k} ×${where.length}`).join(', ') || 'none'}`);
    for (const [k, where] of this.other) t.diagnostic(`  ${k}: ${where.join('; ')}`);
  }
}
