// feeds: `newsdesk discover URL` (the feeds a page offers) and `newsdesk feed URL|FILE`
// (a feed parsed into entries), both through the fetcher and its guard.
import { readFile } from 'node:fs/promises';
import { loadConfig } from '../config.ts';
import { createFetcher } from '../fetch/index.ts';
import { parseFeed } from '../feeds/index.ts';
import { discoverFeeds } from '../sources/index.ts';
import { parseArgs, UsageError } from './args.ts';

export const FEEDS_USAGE = `usage:
  newsdesk discover URL      the feeds a page offers (its <link rel=alternate>, then common paths), as JSON
  newsdesk feed URL|FILE     a feed (RSS, Atom, RDF, JSON Feed, sitemap) parsed into entries, as JSON`;

const isUrl = (s: string) => /^https?:\/\//i.test(s);

export async function discoverCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, []);
  const url = args.positionals[0];
  if (args.positionals.length !== 1 || !url || !isUrl(url)) throw new UsageError('give one http(s) URL');
  const fetcher = createFetcher(loadConfig().fetch);
  const feeds = await discoverFeeds(url, (u) => fetcher.fetch(u));
  process.stdout.write(JSON.stringify(feeds, null, 2) + '\n');
  if (feeds.length === 0) process.stderr.write(`no feeds found on ${url}\n`);
  return feeds.length ? 0 : 1;
}

export async function feedCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, []);
  const target = args.positionals[0];
  if (args.positionals.length !== 1 || !target) throw new UsageError('give one feed URL or FILE');
  let parsed;
  if (isUrl(target)) {
    const r = await createFetcher(loadConfig().fetch).fetch(target, { accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5' });
    if (r.status >= 400) throw new Error(`${target} answered HTTP ${r.status}`);
    parsed = parseFeed(r.bytes, { url: r.finalUrl, contentType: r.contentType });
  } else {
    const bytes = await readFile(target).catch((err: NodeJS.ErrnoException) => {
      throw new Error(`${target}: cannot read (${err.code ?? err.message})`);
    });
    parsed = parseFeed(new Uint8Array(bytes));
  }
  process.stdout.write(JSON.stringify(parsed, null, 2) + '\n');
  return 0;
}
