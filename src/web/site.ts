// site: what every page, feed and API handler shares — the options, the store, the optional
// story engine, paths for stable URLs, the hashed static assets, a short-lived cache for
// the few aggregates every page shows (sections, sources), and the rendered-page cache.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Source, Store } from '../store/index.ts';
import type { StoryEngine } from '../stories/index.ts';
import type { AdminServices } from './admin/index.ts';
import { Moderation } from '../store/moderation.ts';
import { articleCountsBySource, changeToken, ensureWebIndexes, listSections, type SectionRow } from './queries.ts';
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
  /** What the admin pages can do besides the database (the add-source preview). */
  admin?: AdminServices;
  /** Memory (MB) for rendered article pages, reused while nothing they show has changed.
   * Default 64; 0 disables. Not used when a story engine runs in the process. */
  pageCacheMB?: number;
}

/** Default memory for rendered article pages (MB): a few thousand pages. */
export const DEFAULT_PAGE_CACHE_MB = 64;

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

/**
 * A small time-boxed cache: one value per key, recomputed after `ttlMs`. An expired value
 * is still served while its replacement is computed (once, in the background), so readers
 * never queue behind the recomputation of an aggregate.
 */
export class TtlCache {
  #entries = new Map<string, { at: number; value: Promise<unknown>; refreshing: boolean }>();
  constructor(readonly ttlMs: number) {}

  get<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return make();
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value as Promise<T>;
    if (hit && !hit.refreshing) {
      hit.refreshing = true;
      const value = make();
      value.then(
        () => this.#entries.set(key, { at: Date.now(), value, refreshing: false }),
        // A failed refresh keeps the old value; the next request tries again.
        () => (hit.refreshing = false),
      );
      return hit.value as Promise<T>;
    }
    if (hit) return hit.value as Promise<T>;
    const value = make();
    this.#entries.set(key, { at: now, value, refreshing: false });
    // A failed computation is not kept: the next request tries again.
    value.catch(() => this.#entries.delete(key));
    return value;
  }
}

/** A rendered page kept for reuse. */
export interface CachedPage {
  body: string;
  /** Strong validator for conditional requests. */
  etag: string;
  /** The page's canonical path (a request for another path is redirected, not served). */
  path: string;
  /** What the page shows that can change (see queries.articleVersion) plus the page shell. */
  version: string;
  /** The database change token when the page was last known current (null: unknown). */
  token: string | null;
}

/**
 * Rendered pages, least recently used first out, bounded by the bytes of their bodies. A
 * page is reused while its version is unchanged; when the database's change token has not
 * moved since the page was last checked, not even the version is read.
 */
export class PageCache {
  #pages = new Map<string, CachedPage>();
  #bytes = 0;
  constructor(readonly maxBytes: number) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  get size(): number {
    return this.#pages.size;
  }

  /** The page if it was current at `token` (nothing can have changed since). */
  fresh(key: string, token: string | null, shell: string): CachedPage | undefined {
    if (token === null) return undefined;
    const p = this.#pages.get(key);
    if (!p || p.token !== token || !p.version.endsWith(shell)) return undefined;
    this.#touch(key, p);
    return p;
  }

  /** The page if its version is `version`; it is then marked current at `token`. */
  get(key: string, version: string, token: string | null): CachedPage | undefined {
    const p = this.#pages.get(key);
    if (!p || p.version !== version) return undefined;
    p.token = token;
    this.#touch(key, p);
    return p;
  }

  set(key: string, page: Omit<CachedPage, 'etag'>): CachedPage {
    const stored: CachedPage = { ...page, etag: `"${createHash('sha1').update(page.body).digest('base64url').slice(0, 20)}"` };
    const size = page.body.length;
    if (size > this.maxBytes / 8) return stored;
    this.#drop(key);
    this.#pages.set(key, stored);
    this.#bytes += size;
    for (const [k] of this.#pages) {
      if (this.#bytes <= this.maxBytes) break;
      this.#drop(k);
    }
    return stored;
  }

  #touch(key: string, p: CachedPage): void {
    // Map order is insertion order: re-inserting makes this the most recently used.
    this.#pages.delete(key);
    this.#pages.set(key, p);
  }

  #drop(key: string): void {
    const old = this.#pages.get(key);
    if (!old) return;
    this.#pages.delete(key);
    this.#bytes -= old.body.length;
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
  readonly pages: PageCache;
  /** The operator's story pins, titles and merges (read by the home and story pages). */
  readonly moderation: Moderation;
  /** Settles when the site's indexes exist (or could not be made). */
  readonly ready: Promise<void>;
  #shells = new WeakMap<Map<number, SourceInfo>, WeakMap<SectionRow[], string>>();

  constructor(o: WebAppOptions) {
    this.store = o.store;
    this.config = o.config;
    this.log = o.log;
    this.stories = o.stories;
    this.name = o.siteName?.trim() || 'Newsdesk';
    this.publicUrl = o.publicUrl ? o.publicUrl.replace(/\/+$/, '') : null;
    this.imgSrc = o.imgSrc ?? [];
    this.cache = new TtlCache((o.cacheSeconds ?? 5) * 1000);
    // The page cache's versions come from the database; an engine's picks are not in it.
    this.moderation = new Moderation(o.store.db);
    this.pages = new PageCache(o.stories ? 0 : Math.max(0, o.pageCacheMB ?? DEFAULT_PAGE_CACHE_MB) * 1024 * 1024);
    this.ready = ensureWebIndexes(this.db).then((error) => {
      if (error) this.log.warn('could not create the site\'s indexes; pages will be slower', { error, hint: 'is the database read-only?' });
    });
  }

  /** See queries.changeToken. */
  changeToken(): Promise<string | null> {
    return changeToken(this.db, this.store.dialect);
  }

  /**
   * What every page's shell shows from the aggregates (section names in the navigation,
   * outlets' names and display modes), as a string that changes when they do.
   */
  async shell(): Promise<string> {
    const [sections, sources] = await Promise.all([this.sections(), this.sources()]);
    let sig = this.#shells.get(sources)?.get(sections);
    if (sig === undefined) {
      const text = sections.map((s) => s.name).join('\u0001') + '\u0002' + [...sources.values()].map((s) => `${s.source.id}:${s.name}:${s.source.displayMode}`).join('\u0001');
      sig = createHash('sha1').update(text).digest('base64url').slice(0, 16);
      const inner = this.#shells.get(sources) ?? new WeakMap<SectionRow[], string>();
      inner.set(sections, sig);
      this.#shells.set(sources, inner);
    }
    return sig;
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
