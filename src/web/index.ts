// web: the public site — server-rendered pages that work without JavaScript, feeds out
// (RSS, Atom, JSON Feed), sitemaps and robots.txt, the JSON API with its OpenAPI document,
// health checks and the static assets, on Hono. It only reads from the store.
// Public surface: `createWebApp` (the app, for embedding or tests) and `startWebServer`
// (listens on config.server.port/host). Pages, URLs and options: docs/web.md.
import { httpMetrics, metricsHandler } from '../ops/index.ts';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { sql } from 'kysely';
import { api, apiNotFound, apiRoute, openApiDocument } from './api.ts';
import { feedHandler, newsSitemap, robotsTxt, sitemapArticles, sitemapIndex, sitemapPages } from './feeds.ts';
import { articlePage, homePage, notFoundPage, parseIdSlug, searchPage, sectionPage, serverErrorPage, sourcePage, sourcesPage, storyPage } from './pages.ts';
import { articleVersion } from './queries.ts';
import { ADMIN_ASSETS, adminApp } from './admin/index.ts';
import { ASSETS, paths, Site, type CachedPage, type WebAppOptions } from './site.ts';

export type { WebAppOptions } from './site.ts';

/** Sources the Content-Security-Policy allows for images besides our own origin. */
const DEFAULT_IMG_SRC = ["'self'", 'https:', 'data:'];
/** Static assets are named by their content hash, so they can be cached for a year. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';

/** The Content-Security-Policy: no inline or third-party scripts, no framing, forms only to us. */
export function contentSecurityPolicy(extraImgSrc: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${[...DEFAULT_IMG_SRC, ...extraImgSrc].join(' ')}`,
    // Allowed video embeds in sanitized bodies are https iframes, sandboxed by the sanitizer.
    'frame-src https:',
    "media-src 'self' https:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-site',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  };
}

const isApi = (path: string) => path.startsWith('/api/');

/** The article page's Cache-Control (as pages.ts sends it). */
const ARTICLE_CACHE_CONTROL = 'public, max-age=60';

function cachedResponse(c: Context, p: CachedPage): Response {
  c.header('Cache-Control', ARTICLE_CACHE_CONTROL);
  c.header('ETag', p.etag);
  const inm = c.req.header('If-None-Match');
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === p.etag)) return c.body(null, 304);
  return c.html(p.body);
}

/**
 * The article page through the page cache: served from memory while nothing it shows has
 * changed (checked by the database's change token, else by the article's version), else
 * rendered by pages.articlePage and kept. Redirects and 404s are decided on current data.
 */
async function cachedArticlePage(site: Site, c: Context): Promise<Response> {
  const id = parseIdSlug(c.req.param('idslug'));
  if (!site.pages.enabled || id === null) return articlePage(site, c);
  // Pages carry absolute URLs (canonical, share links), so the origin is part of the key.
  const key = `${id} ${site.origin(c.req.url)}`;
  const [token, shell] = await Promise.all([site.changeToken(), site.shell()]);
  const fresh = site.pages.fresh(key, token, shell);
  if (fresh && fresh.path === c.req.path) return cachedResponse(c, fresh);
  const v = await articleVersion(site.db, id);
  if (!v || v.hidden) return articlePage(site, c);
  const path = paths.article(id, v.title);
  if (c.req.path !== path) return articlePage(site, c);
  const version = `${v.version}|${shell}`;
  const hit = site.pages.get(key, version, token);
  if (hit) return cachedResponse(c, hit);
  const res = await articlePage(site, c);
  if (res.status !== 200) return res;
  // The version was read before rendering: a change meanwhile only makes the next request render again.
  const page = site.pages.set(key, { body: await res.text(), path, version, token });
  return cachedResponse(c, page);
}

/**
 * Builds the site on an open store. Nothing listens yet: serve `app.fetch` yourself, call
 * `app.request(path)` in tests, or use `startWebServer`.
 */
export function createWebApp(opts: WebAppOptions): Hono {
  const site = new Site(opts);
  const headers = securityHeaders(contentSecurityPolicy(site.imgSrc));
  const app = new Hono();

  // Request durations by route and status, for /metrics.
  app.use('*', httpMetrics());
  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
  });

  // Health: /healthz says the process answers; /readyz that the database does too.
  app.get('/healthz', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok' });
  });
  app.get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      await sql`select 1`.execute(site.db);
      return c.json({ status: 'ready', database: site.store.dialect });
    } catch (err) {
      site.log.warn('readiness check failed', { error: err instanceof Error ? err.message : String(err) });
      return c.json({ status: 'unavailable', message: 'the database does not answer; check that it is running and reachable' }, 503);
    }
  });

  // Prometheus metrics (this process's; every worker is scraped on its own).
  if (opts.config.metrics.enabled) {
    app.get(
      '/metrics',
      metricsHandler({
        token: opts.config.metrics.token,
        store: site.store,
        onError: (err) => site.log.warn('metrics: reading the database failed', { error: err instanceof Error ? err.message : String(err) }),
      }),
    );
  }

  for (const a of [ASSETS.css, ASSETS.js, ADMIN_ASSETS.css, ADMIN_ASSETS.js]) {
    app.get(a.path, (c) => {
      c.header('Content-Type', a.type);
      c.header('Cache-Control', ASSET_CACHE);
      return c.body(a.body);
    });
  }

  // The operator's pages and the write API: nothing there answers without a session or a token.
  const admin = adminApp(site, opts.admin);
  app.route('/admin', admin.pages);
  app.route('/api/v1', admin.api);

  app.get('/', (c) => homePage(site, c));
  app.get('/article/:idslug', (c) => cachedArticlePage(site, c));
  app.get('/story/:idslug', (c) => storyPage(site, c));
  app.get('/section/:name', (c) => sectionPage(site, c));
  app.get('/source/:id', (c) => sourcePage(site, c));
  app.get('/sources', (c) => sourcesPage(site, c));
  app.get('/search', (c) => searchPage(site, c));

  for (const file of ['rss.xml', 'atom.xml', 'feed.json']) {
    app.get(`/${file}`, (c) => feedHandler(site, c, 'home', file));
    app.get(`/search/${file}`, (c) => feedHandler(site, c, 'search', file));
    app.get(`/section/:name/${file}`, (c) => feedHandler(site, c, 'section', file));
    app.get(`/story/:idslug/${file}`, (c) => feedHandler(site, c, 'story', file));
    app.get(`/source/:id/${file}`, (c) => feedHandler(site, c, 'source', file));
  }
  app.get('/sitemap.xml', (c) => sitemapIndex(site, c));
  app.get('/sitemaps/pages.xml', (c) => sitemapPages(site, c));
  app.get('/sitemaps/:file', (c) => sitemapArticles(site, c));
  app.get('/news-sitemap.xml', (c) => newsSitemap(site, c));
  app.get('/robots.txt', (c) => robotsTxt(site, c));

  app.get('/api/openapi.json', (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(openApiDocument(site.origin(c.req.url)));
  });
  app.get('/api/v1/articles', (c) => apiRoute(c, () => api.articles(site, c)));
  app.get('/api/v1/articles/:id', (c) => apiRoute(c, () => api.article(site, c)));
  app.get('/api/v1/stories', (c) => apiRoute(c, () => api.stories(site, c)));
  app.get('/api/v1/stories/:id', (c) => apiRoute(c, () => api.story(site, c)));
  app.get('/api/v1/sources', (c) => apiRoute(c, () => api.sources(site, c)));
  app.get('/api/v1/sources/:id', (c) => apiRoute(c, () => api.source(site, c)));
  app.get('/api/v1/sections', (c) => apiRoute(c, () => api.sections(site, c)));
  app.get('/api/v1/search', (c) => apiRoute(c, () => api.search(site, c)));

  app.notFound((c) => (isApi(c.req.path) ? apiNotFound(c) : notFoundPage(site, c)));
  app.onError((err, c: Context) => {
    const ref = randomUUID().slice(0, 8);
    site.log.error('page failed', { ref, path: c.req.path, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    c.header('Cache-Control', 'no-store');
    if (isApi(c.req.path)) return c.json({ error: { status: 500, message: `internal error (reference ${ref}); the operator can find it in the logs` } }, 500);
    return c.html(serverErrorPage(site, ref), 500);
  });
  return app;
}

export interface StartWebServerOptions extends WebAppOptions {
  /** Default: config.server.port (PORT). 0 picks a free port. */
  port?: number;
  /** Default: config.server.host (HOST). */
  host?: string;
}

export interface RunningWebServer {
  /** Where the site answers, e.g. "http://127.0.0.1:8080". */
  url: string;
  app: Hono;
  /** Stops accepting connections and waits for open ones to finish (idle keep-alive ones are closed). */
  close(): Promise<void>;
}

/** Builds the site and listens. Rejects with a message saying what to do when the port is taken. */
export async function startWebServer(opts: StartWebServerOptions): Promise<RunningWebServer> {
  const app = createWebApp(opts);
  const port = opts.port ?? opts.config.server.port;
  const host = opts.host ?? opts.config.server.host;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new Error(`port ${port} on ${host} is already in use: stop the other server or choose another port with PORT`));
      else if (err.code === 'EACCES') reject(new Error(`not allowed to listen on port ${port}: choose a port above 1023 with PORT`));
      else reject(err);
    });
  });
  const addr = server.address() as AddressInfo;
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${shownHost}:${addr.port}`;
  opts.log.info('site listening', { url, database: opts.store.location });
  return {
    url,
    app,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive connections would hold close() open until they time out.
        (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      }),
  };
}
