// Test helpers for the site: a real SQLite store on a temporary file, filled through the
// Store API (sources added, articles saved with store.saveArticle, stories set with
// setArticleStory), and the site started on 127.0.0.1 with a free port.
import { after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { openStore, type ArticleInput, type Store } from '../../src/store/index.ts';
import { startWebServer, type RunningWebServer } from '../../src/web/index.ts';
import type { WebAppOptions } from '../../src/web/index.ts';

const tmpRoot = mkdtempSync(join(tmpdir(), 'newsdesk-web-test-'));
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  rmSync(tmpRoot, { recursive: true, force: true });
});

let counter = 0;

/** An empty store on a fresh temporary SQLite file. */
export async function freshStore(): Promise<Store> {
  const store = await openStore({ url: join(tmpRoot, `site-${process.pid}-${++counter}.db`) });
  cleanups.push(() => store.close());
  return store;
}

export const quiet = createLogger({ level: 'silent' });

export function testConfig(): Config {
  return structuredClone(DEFAULT_CONFIG);
}

/** Starts the site on 127.0.0.1 with a free port; closed when the file's tests end. */
export async function startSite(store: Store, extra: Partial<WebAppOptions> = {}): Promise<RunningWebServer> {
  const server = await startWebServer({ store, config: testConfig(), log: quiet, port: 0, host: '127.0.0.1', cacheSeconds: 0, ...extra });
  cleanups.push(() => server.close());
  return server;
}

/** An extracted article with sensible defaults. */
export function article(over: Partial<ArticleInput> & { url: string }): ArticleInput {
  return {
    canonicalUrl: null,
    title: 'Untitled',
    authors: [],
    publishedAt: '2026-03-02T10:00:00.000Z',
    modifiedAt: null,
    lang: 'en',
    siteName: null,
    description: null,
    leadImage: null,
    articleBody: null,
    html: null,
    wordCount: 0,
    ...over,
  };
}

export async function get(base: string, path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(base + path, { redirect: 'manual', ...init });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** How many times `needle` occurs in `hay`. */
export function count(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}
