// sources: `newsdesk sources …` — add (with feed autodiscovery), import/export OPML, list,
// pause, resume, remove.
import { readFile } from 'node:fs/promises';
import { createFetcher } from '../fetch/index.ts';
import { resolveSource } from '../jobs/preview.ts';
import { parseOpml, toOpml } from '../sources/index.ts';
import type { Source, SourceHealth, Store } from '../store/index.ts';
import { flag, parseArgs, UsageError } from './args.ts';
import { withContext } from './context.ts';

export const SOURCES_USAGE = `usage:
  newsdesk sources add URL [--name NAME] [--section SECTION] [--mode excerpt|full] [--pattern REGEX] [--feed-content]
      follow a feed, sitemap or page. A page that is not a feed is searched for its feeds
      (autodiscovery); with --pattern it is followed as a section page whose article links
      match REGEX. --mode full republishes whole articles (default excerpt);
      --feed-content takes articles from the feed instead of fetching pages.
  newsdesk sources import FILE.opml     add every feed of an OPML list (nested outlines become sections)
  newsdesk sources export               print all sources as OPML
  newsdesk sources list [--json]        every source with its state, schedule and last error
  newsdesk sources pause|resume|remove ID`;

export async function sourcesCommand(argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'add':
      return add(rest);
    case 'import':
      return importOpml(rest);
    case 'export':
      parseArgs(rest, []);
      return withContext(async ({ store }) => {
        const sources = await store.listSources();
        process.stdout.write(
          toOpml(sources.map((s) => ({ title: s.name ?? s.url, xmlUrl: s.url, section: s.section })), { title: 'Newsdesk sources' }),
        );
        return 0;
      });
    case 'list':
      return list(rest);
    case 'pause':
    case 'resume':
    case 'remove':
      return setState(sub, rest);
    default:
      throw new UsageError(sub ? `unknown sources command "${sub}"` : 'give a sources command');
  }
}

async function add(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['name', 'section', 'mode', 'pattern'], ['feed-content']);
  if (args.positionals.length !== 1) throw new UsageError('give one URL');
  const url = args.positionals[0]!;
  if (!/^https?:\/\//i.test(url)) throw new UsageError(`the URL must start with http:// or https://, got ${url}`);
  const mode = flag(args, 'mode') ?? 'excerpt';
  if (mode !== 'excerpt' && mode !== 'full') throw new UsageError(`--mode is excerpt or full, got ${mode}`);
  const pattern = flag(args, 'pattern');
  if (pattern !== undefined) {
    try {
      new RegExp(pattern);
    } catch (err) {
      throw new UsageError(`--pattern is not a valid regular expression: ${(err as Error).message}`);
    }
  }
  return withContext(async ({ store, config }) => {
    const fetcher = createFetcher(config.fetch);
    const found = await resolveSource(fetcher, url, pattern);
    if (found.via === 'link' || found.via === 'common-path') {
      process.stderr.write(`found ${found.alternatives.length + 1} feed(s) on the page; following ${found.url}${found.title ? ` (${found.title})` : ''}\n`);
    }
    const feedUrl = found.url;
    const kind = found.kind;
    const name = flag(args, 'name') ?? found.title;
    const { source, created } = await store.addSource({
      url: feedUrl,
      kind,
      name,
      section: flag(args, 'section') ?? null,
      displayMode: mode,
      urlPattern: pattern ?? null,
      useFeedContent: args.flags.has('feed-content'),
    });
    process.stdout.write(`${created ? 'added' : 'already followed'}: #${source.id} ${source.name ?? ''} ${source.url} (${source.kind})\n`);
    return 0;
  });
}

async function importOpml(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, []);
  if (args.positionals.length !== 1) throw new UsageError('give one OPML file');
  const file = args.positionals[0]!;
  const outlines = parseOpml(await readFile(file, 'utf8'));
  return withContext(async ({ store }) => {
    let added = 0;
    for (const o of outlines) {
      const { created } = await store.addSource({ url: o.xmlUrl, name: o.title, section: o.section });
      if (created) added++;
    }
    process.stdout.write(`${file}: ${outlines.length} feeds, ${added} added, ${outlines.length - added} already followed\n`);
    return 0;
  });
}

async function list(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, [], ['json']);
  return withContext(async ({ store }) => {
    const sources = await store.listSources();
    if (args.flags.has('json')) {
      process.stdout.write(JSON.stringify(sources, null, 2) + '\n');
      return 0;
    }
    if (sources.length === 0) {
      process.stdout.write('no sources yet; add one with: newsdesk sources add URL\n');
      return 0;
    }
    for (const s of sources) process.stdout.write(describeSource(s, new Date(), await store.sourceHealth(s.id, 1)) + '\n');
    return 0;
  });
}

/** One line per source: id, state, name, schedule, last outcome. */
export function describeSource(s: Source, now = new Date(), health?: SourceHealth): string {
  const state = s.state === 'active' ? (s.consecutiveErrors > 0 ? `failing ×${s.consecutiveErrors}` : 'ok') : s.state;
  const next = s.state === 'active' ? `next poll ${relative(new Date(s.nextPollAt), now)}` : 'not polled';
  const every = s.intervalSeconds ? ` (every ${duration(s.intervalSeconds)}, ${s.scheduleReason ?? 'frequency'})` : '';
  const last = s.lastPolledAt ? `last ${relative(new Date(s.lastPolledAt), now)}${s.lastStatus ? ` HTTP ${s.lastStatus}` : ''}` : 'never polled';
  const err = s.lastError ? `\n      error: ${s.lastError}` : '';
  // Article pages fail apart from the feed: say so, or a source looks fine while its
  // articles never arrive.
  const pages =
    health && health.errors > 0
      ? `\n      last 24 h: ${health.errors} of ${health.fetches} fetches failed${health.lastError ? ` (last: ${health.lastError})` : ''}`
      : '';
  return `#${String(s.id).padEnd(4)} ${state.padEnd(11)} ${s.name ?? s.url}\n      ${s.url}  [${s.kind}, ${s.displayMode}${s.section ? `, ${s.section}` : ''}]\n      ${last}; ${next}${every}${err}${pages}`;
}

async function setState(action: 'pause' | 'resume' | 'remove', argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, []);
  const id = Number(args.positionals[0]);
  if (args.positionals.length !== 1 || !Number.isInteger(id)) throw new UsageError(`give the source's numeric ID (see newsdesk sources list)`);
  return withContext(async ({ store }) => {
    const done = await applyState(store, action, id);
    if (!done) {
      process.stderr.write(`no source #${id}\n`);
      return 1;
    }
    process.stdout.write(`source #${id} ${action === 'pause' ? 'paused' : action === 'resume' ? 'resumed' : 'removed'}\n`);
    return 0;
  });
}

async function applyState(store: Store, action: 'pause' | 'resume' | 'remove', id: number): Promise<boolean> {
  if (action === 'remove') return store.removeSource(id);
  const s = await store.updateSource(id, action === 'pause' ? { state: 'paused' } : { state: 'active', nextPollAt: new Date() });
  return s !== null;
}

function duration(seconds: number): string {
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(seconds % 3600 ? 1 : 0)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

function relative(t: Date, now: Date): string {
  const s = Math.round((t.getTime() - now.getTime()) / 1000);
  if (Math.abs(s) < 60) return s >= 0 ? 'now' : 'just now';
  return s > 0 ? `in ${duration(s)}` : `${duration(-s)} ago`;
}
