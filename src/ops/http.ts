// ops/http: the web side of metrics, as Hono pieces the site mounts — a middleware that
// times every request by its route pattern, and the GET /metrics handler (optionally behind
// a bearer token). Route patterns, not paths, label the requests: one series per route
// instead of one per article.
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { EXPOSITION_CONTENT_TYPE } from './registry.ts';
import type { Store } from '../store/index.ts';
import { metrics as processMetrics, observeHttpRequest, readStoreGauges, type NewsdeskMetrics } from './metrics.ts';

/** The route label of a request no route answered (404s): raw paths would make a series per probe. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The route pattern that answered, e.g. "/article/:idslug", or UNMATCHED_ROUTE. */
export function routeOf(c: Context): string {
  const routes = matchedRoutes(c);
  // After the handlers ran, routeIndex points at the one that answered.
  const r = routes[c.req.routeIndex];
  if (!r || r.method === 'ALL' || r.path === '*' || r.path === '/*') return UNMATCHED_ROUTE;
  return r.path;
}

/** Times every request; mount it first (`app.use('*', httpMetrics())`) so it sees the whole request. */
export function httpMetrics(m: NewsdeskMetrics = processMetrics): MiddlewareHandler {
  return async (c, next) => {
    const t0 = performance.now();
    try {
      await next();
    } finally {
      // Hono turns thrown errors into responses before this runs, so c.res has the final status.
      observeHttpRequest(routeOf(c), c.req.method, c.res.status, (performance.now() - t0) / 1000, m);
    }
  };
}

export interface MetricsHandlerOptions {
  /** When set, requests need `Authorization: Bearer <token>` (config `metrics.token`). */
  token?: string | null;
  metrics?: NewsdeskMetrics;
  /** Read queue depth and source gauges from this store at each scrape (instead of `watchStore`). */
  store?: Store;
  /** Told when reading the store fails; the scrape still answers, with the last values. */
  onError?: (err: unknown) => void;
}

/** GET /metrics: the exposition text, never cached. */
export function metricsHandler(opts: MetricsHandlerOptions = {}): (c: Context) => Promise<Response> {
  const m = opts.metrics ?? processMetrics;
  const expected = opts.token ? Buffer.from(`Bearer ${opts.token}`) : null;
  return async (c) => {
    c.header('Cache-Control', 'no-store');
    if (expected) {
      const given = Buffer.from(c.req.header('authorization') ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"');
        return c.text('metrics need "Authorization: Bearer <token>" with the token from metrics.token (NEWSDESK_METRICS_TOKEN)\n', 401);
      }
    }
    if (opts.store) {
      try {
        await readStoreGauges(opts.store, m);
      } catch (err) {
        opts.onError?.(err);
      }
    }
    const text = await m.metricsText();
    return c.body(text, 200, { 'Content-Type': EXPOSITION_CONTENT_TYPE });
  };
}
