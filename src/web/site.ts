// site: what every page, feed and API handler shares — the options, the store, the optional
// story engine, paths for stable URLs, the hashed static assets, and a short-lived cache
// for the few aggregates every page shows (sections, sources).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Source, Store } from '../store/index.ts';
import type { StoryEngine } from '../stories/index.ts';
import { articleCountsBySource, listSections, type SectionRow } from './queries.ts';
import { slugify } from './text.ts';

/** What `createWebApp` takes. */
export interface WebAppOptions {
  /** The open store the site reads (it never writes). */
  store: Store;
  /** The configuration (`server.port`/`server.host` are used by `startWebServer`). */
  config: Config;
  log: Logger;
  /** The stories stage, when running in the same process: related posts, duplicate folding,
   * story leads and merged-story redirects come from it. Without it the site uses what the
   * database holds (articles' story ids and content hashes). */
  stories?: StoryEngine;
  /** The public address of the site (e.g. "https://news.example.org"), used in feeds,
   * sitemaps, share links and canonical URLs. Default: the request's own origin. */
  publicUrl?: string;
  /** The site's name in titles, feeds and the header. Default "Newsdesk". */
  siteName?: string;
  /** Extra image sources allowed by the Content-Security-Policy besides 'self', https: and
   * data: (e.g. "http://127.0.0.1:*" for a demo newsroom serving images over plain HTTP). */
  imgSrc?: string[];
  /** How long (seconds) the home page and the section/source lists are reused. Default 5; 0 disables. */
  cacheSeconds?: number;
}

export interface Asset {
  path: string;
  body: string;
  type: string;
}

function asset(file: string, name: string, ext: string, type: string): Asset {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url), 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/assets/${name}.${hash}.${ext}`, body, type };
}

/** The stylesheet and the optional script, named by their content hash (cached for a year). */
export const ASSETS = {
  css: asset('site.css', 'site', 'css', 'text/css; charset=utf-8'),
  js: asset('site.js', 'site', 'js', 'text/javascript; charset=utf-8'),
};

export const paths = {
  article: (id: number, title: string | null) => {
    const slug = slugify(title);
    return slug ? `/article/${id}-${slug}` : `/article/${id}`;
  },
  story: (id: number, title: string | null) => {
    const slug = slugify(title);
    return slug ? `/story/${id}-${slug}` : `/story/${id}`;
  },
  section: (name: string) => `/section/${encodeURIComponent(name)}`,
  source: (id: number) => `/source/${id}`,
  search: (q: string) => `/search?q=${encodeURIComponent(q)}`,
};

/** A small time-boxed cache: one value per key, recomputed after `ttlMs`. */
export class TtlCache {
  #entries = new Map<string, { at: number; value: Promise<unknown> }>();
  constructor(readonly ttlMs: number) {}

  get<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return make();
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = make();
    this.#entries.set(key, { at: now, value });
    // A failed computation is not kept: the next request tries again.
    value.catch(() => this.#entries.delete(key));
    return value;
  }
}

export interface SourceInfo {
  source: Source;
  name: string;
  articles: number;
}

/** The shared context of one web app. */
export class Site {
  readonly store: Store;
  readonly config: Config;
  readonly log: Logger;
  readonly stories: StoryEngine | undefined;
  readonly name: string;
  readonly publicUrl: string | null;
  readonly imgSrc: string[];
  readonly cache: TtlCache;

  constructor(o: WebAppOptions) {
    this.store = o.store;
    this.config = o.config;
    this.log = o.log;
    this.stories = o.stories;
    this.name = o.siteName?.trim() || 'Newsdesk';
    this.publicUrl = o.publicUrl ? o.publicUrl.replace(/\/+$/, '') : null;
    this.imgSrc = o.imgSrc ?? [];
    this.cache = new TtlCache((o.cacheSeconds ?? 5) * 1000);
  }

  get db() {
    return this.store.db;
  }

  /** The site's origin for absolute URLs: the configured public URL, else the request's. */
  origin(requestUrl: string): string {
    if (this.publicUrl) return this.publicUrl;
    return new URL(requestUrl).origin;
  }

  sections(): Promise<SectionRow[]> {
    return this.cache.get('sections', () => listSections(this.db));
  }

  /** Every source with its display name and visible article count, by id. */
  sources(): Promise<Map<number, SourceInfo>> {
    return this.cache.get('sources', async () => {
      const [list, counts] = await Promise.all([this.store.listSources(), articleCountsBySource(this.db)]);
      return new Map(list.map((s) => [s.id, { source: s, name: sourceName(s), articles: counts.get(s.id) ?? 0 }]));
    });
  }
}

/** A source's display name: its configured name, else its host. */
export function sourceName(s: Source): string {
  if (s.name) return s.name;
  try {
    return new URL(s.url).hostname.replace(/^www\./, '');
  } catch {
    return s.url;
  }
}
