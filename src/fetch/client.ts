// fetch/client: the one HTTP client Newsdesk uses for feeds, pages, images and robots.txt.
// Per request, in order: the URL is checked (http/https only, no credentials); the host is
// resolved once and every address checked by the SSRF guard; robots.txt is consulted when
// asked (article pages); a per-host slot is awaited (concurrency and spacing); the request
// goes to the checked address with separate connect / headers / body timeouts; the body
// is decompressed as it streams and capped after decompression. Redirects repeat all of
// that for each hop. One connection per request (no keep-alive pool), so the per-host
// limit is also the number of open sockets to a host.
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { readBody } from './body.ts';
import { freshnessSeconds, retryAfterSeconds } from './cache.ts';
import { resolvePinned, systemResolver, type PinnedHost, type Resolver } from './dns.ts';
import { FetchError } from './errors.ts';
import { parseAllowList, splitAllowEnv, type AllowList } from './guard.ts';
import { HostLimiter } from './politeness.ts';
import { RobotsCache, ROBOTS_MAX_BYTES } from './robots.ts';
import { userAgent } from './version.ts';

/** Defaults: generous for a slow news site, small enough that a bad server cannot hurt. */
export const DEFAULTS = {
  maxBytes: 10 * 1024 * 1024,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 20_000,
  bodyTimeoutMs: 60_000,
  perHostConnections: 2,
  perHostDelayMs: 1000,
  maxRedirects: 5,
  /** A robots.txt crawl-delay above this is taken as this: a site asking for one request a
   * day cannot stall a polling queue, and we poll it rarely anyway. */
  maxCrawlDelayMs: 60_000,
} as const;

/** How the fetcher behaves; field names match `Config['fetch']` so that can be passed as is. */
export interface FetcherConfig {
  /** Where site owners can reach the operator; goes in the User-Agent. */
  contactUrl?: string | null;
  /** Hosts or CIDRs reachable although not public (`*` = all). Default: env NEWSDESK_ALLOW_PRIVATE. */
  allowPrivate?: readonly string[];
  maxBytes?: number;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  perHostConnections?: number;
  perHostDelayMs?: number;
  maxRedirects?: number;
  maxCrawlDelayMs?: number;
  /** How long robots.txt rules are cached (default 1 h). */
  robotsTtlMs?: number;
  /** How long an unreachable robots.txt keeps a site off limits (default 10 min). */
  robotsErrorTtlMs?: number;
  /** Name resolution (tests); default the system resolver. Its answers are still checked. */
  resolve?: Resolver;
}

/** Per-request timeouts in ms; each defaults to the fetcher's. */
export interface Timeouts {
  connectMs?: number;
  headersMs?: number;
  bodyMs?: number;
}

/** Options of one fetch. */
export interface FetchOpts {
  /** ETag from the last fetch: sent as If-None-Match. */
  etag?: string | null;
  /** Last-Modified from the last fetch: sent as If-Modified-Since. */
  lastModified?: string | null;
  /** Consult robots.txt first (article pages). Feeds are fetched without it, like feed readers do. */
  obeyRobots?: boolean;
  /** Accept header (default any type). */
  accept?: string;
  signal?: AbortSignal;
  maxBytes?: number;
  timeouts?: Timeouts;
  /** More request headers (lower-case names win over ours except Accept-Encoding). */
  headers?: Record<string, string>;
  maxRedirects?: number;
}

/** What one fetch brought back, for any final status (4xx and 5xx included). */
export interface FetchResult {
  status: number;
  /** 304: the copy the caller has (per etag/lastModified) is still current; bytes is empty. */
  notModified: boolean;
  /** The body after decompression. */
  bytes: Uint8Array;
  contentType: string | null;
  /** The URL after redirects. */
  finalUrl: string;
  etag: string | null;
  lastModified: string | null;
  /** Freshness: Cache-Control max-age (minus Age), else Expires; null with no-store/no-cache or neither. */
  maxAgeSeconds: number | null;
  /** Retry-After, in seconds from now. */
  retryAfterSeconds: number | null;
  /** Time on the network for all hops (waits for a per-host slot not counted). */
  durationMs: number;
  /** URLs that answered with a redirect, in order (empty when there was none). */
  redirects: string[];
}

/** The fetcher: one per process (it holds the per-host limits and the robots.txt cache). */
export interface Fetcher {
  fetch(url: string, opts?: FetchOpts): Promise<FetchResult>;
  /** The User-Agent it sends. */
  readonly userAgent: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Creates a fetcher. Throws on an unreadable allowPrivate entry. */
export function createFetcher(config: FetcherConfig = {}): Fetcher {
  return new Client(config);
}

class Client implements Fetcher {
  readonly userAgent: string;
  private readonly allow: AllowList;
  private readonly limiter: HostLimiter;
  private readonly robots: RobotsCache;
  private readonly resolve: Resolver;
  private readonly c: Required<Omit<FetcherConfig, 'contactUrl' | 'allowPrivate' | 'resolve' | 'robotsTtlMs' | 'robotsErrorTtlMs'>>;

  constructor(config: FetcherConfig) {
    this.userAgent = userAgent(config.contactUrl);
    this.allow = parseAllowList(config.allowPrivate ?? splitAllowEnv(process.env.NEWSDESK_ALLOW_PRIVATE));
    this.c = {
      maxBytes: config.maxBytes ?? DEFAULTS.maxBytes,
      connectTimeoutMs: config.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
      headersTimeoutMs: config.headersTimeoutMs ?? DEFAULTS.headersTimeoutMs,
      bodyTimeoutMs: config.bodyTimeoutMs ?? DEFAULTS.bodyTimeoutMs,
      perHostConnections: config.perHostConnections ?? DEFAULTS.perHostConnections,
      perHostDelayMs: config.perHostDelayMs ?? DEFAULTS.perHostDelayMs,
      maxRedirects: config.maxRedirects ?? DEFAULTS.maxRedirects,
      maxCrawlDelayMs: config.maxCrawlDelayMs ?? DEFAULTS.maxCrawlDelayMs,
    };
    this.limiter = new HostLimiter(this.c.perHostConnections);
    this.resolve = config.resolve ?? systemResolver;
    const robotsOpts = { ttlMs: config.robotsTtlMs, errorTtlMs: config.robotsErrorTtlMs };
    this.robots = new RobotsCache(async (robotsUrl) => {
      const r = await this.fetch(robotsUrl, { accept: 'text/plain', maxBytes: ROBOTS_MAX_BYTES, truncate: true } as InternalOpts);
      return { status: r.status, bytes: r.bytes };
    }, robotsOpts);
  }

  async fetch(url: string, opts: FetchOpts = {}): Promise<FetchResult> {
    const o = opts as InternalOpts;
    const maxRedirects = o.maxRedirects ?? this.c.maxRedirects;
    const headers = this.requestHeaders(o);
    const redirects: string[] = [];
    const visited = new Set<string>();
    let durationMs = 0;
    let current = parseHttpUrl(url, url);

    for (;;) {
      visited.add(withoutHash(current));
      const pinned = await resolvePinned(current, this.allow, this.resolve);
      if (o.obeyRobots) await this.robots.check(current);
      const release = await this.limiter.acquire(current.hostname, this.delayFor(current), current.href, o.signal);
      const started = performance.now();
      let res: IncomingMessage;
      try {
        res = await this.send(current, pinned, headers, o);
        const location = REDIRECT_STATUSES.has(res.statusCode ?? 0) ? res.headers.location : undefined;
        if (location !== undefined) {
          res.destroy(); // a redirect's body is never needed, and may be endless
          durationMs += performance.now() - started;
          redirects.push(current.href);
          const next = parseHttpUrl(resolveLocation(location, current), url, current.href);
          if (visited.has(withoutHash(next))) {
            throw new FetchError('redirect-loop', url, `${url}: redirect loop (${[...redirects, next.href].join(' → ')}); the site is misconfigured, open it in a browser to check`);
          }
          if (redirects.length > maxRedirects) {
            throw new FetchError('too-many-redirects', url, `${url}: more than ${maxRedirects} redirects (last to ${next.href}); open it in a browser to see where it leads`);
          }
          current = next;
          continue;
        }
        const status = res.statusCode ?? 0;
        const bytes = status === 304 ? (res.destroy(), new Uint8Array(0)) : await this.body(res, current.href, o);
        durationMs += performance.now() - started;
        const h = res.headers;
        return {
          status,
          notModified: status === 304,
          bytes,
          contentType: h['content-type'] ?? null,
          finalUrl: current.href,
          etag: h.etag ?? null,
          lastModified: h['last-modified'] ?? null,
          maxAgeSeconds: freshnessSeconds(h),
          retryAfterSeconds: retryAfterSeconds(h['retry-after']),
          durationMs: Math.round(durationMs),
          redirects,
        };
      } finally {
        release();
      }
    }
  }

  /** The pause before the next request to this URL's host: ours, or the site's crawl-delay. */
  private delayFor(u: URL): number {
    const crawl = this.robots.knownCrawlDelayMs(u.origin);
    return Math.max(this.c.perHostDelayMs, Math.min(crawl ?? 0, this.c.maxCrawlDelayMs));
  }

  private requestHeaders(o: InternalOpts): Record<string, string> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: o.accept ?? '*/*' };
    for (const [k, v] of Object.entries(o.headers ?? {})) headers[k.toLowerCase()] = v;
    // We decode exactly these; a caller's own value would let bodies through undecoded.
    headers['accept-encoding'] = ACCEPT_ENCODING;
    if (o.etag) headers['if-none-match'] = o.etag;
    if (o.lastModified) headers['if-modified-since'] = o.lastModified;
    return headers;
  }

  /** Sends one GET to the pinned address and resolves with the response head. */
  private send(u: URL, pinned: PinnedHost, headers: Record<string, string>, o: InternalOpts): Promise<IncomingMessage> {
    const connectMs = o.timeouts?.connectMs ?? this.c.connectTimeoutMs;
    const headersMs = o.timeouts?.headersMs ?? this.c.headersTimeoutMs;
    const secure = u.protocol === 'https:';
    return new Promise<IncomingMessage>((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | null = null;
      const arm = (ms: number, what: string): void => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => req.destroy(new FetchError('timeout', u.href, `${u.href}: ${what} within ${ms / 1000} s; the site is slow or down, try again later`)), ms);
      };
      const done = (fn: () => void): void => {
        if (timer) clearTimeout(timer);
        timer = null;
        o.signal?.removeEventListener('abort', onAbort);
        if (!settled) {
          settled = true;
          fn();
        }
      };
      const onAbort = (): void => {
        req.destroy(new FetchError('aborted', u.href, `${u.href}: fetch cancelled (${String(o.signal?.reason ?? 'aborted')})`, { cause: o.signal?.reason }));
      };
      const options: https.RequestOptions = {
        protocol: u.protocol,
        hostname: pinned.hostname,
        port: u.port || (secure ? 443 : 80),
        path: `${u.pathname}${u.search}`,
        method: 'GET',
        headers,
        agent: false,
        // Connections go to the checked addresses only; TLS still verifies the host name.
        lookup: pinned.lookup,
      };
      const req = (secure ? https : http).request(options);
      arm(connectMs, 'no connection');
      req.on('socket', (socket: Socket) => {
        const connected = (): void => {
          if (!settled) arm(headersMs, 'no response headers');
        };
        if (!socket.connecting && !secure) connected();
        else socket.once(secure ? 'secureConnect' : 'connect', connected);
      });
      req.on('response', (res) => done(() => resolve(res)));
      req.on('error', (err) => done(() => reject(requestError(err, u.href))));
      // After settling, a late socket error must not become an unhandled 'error' event.
      if (o.signal?.aborted) onAbort();
      else o.signal?.addEventListener('abort', onAbort, { once: true });
      req.end();
    });
  }

  /** Reads the body under the body timeout and the abort signal. */
  private async body(res: IncomingMessage, url: string, o: InternalOpts): Promise<Uint8Array> {
    const bodyMs = o.timeouts?.bodyMs ?? this.c.bodyTimeoutMs;
    const timer = setTimeout(
      () => res.destroy(new FetchError('timeout', url, `${url}: the body did not arrive within ${bodyMs / 1000} s; the site is slow or the response endless, try again later`)),
      bodyMs,
    );
    const onAbort = (): void => {
      res.destroy(new FetchError('aborted', url, `${url}: fetch cancelled (${String(o.signal?.reason ?? 'aborted')})`, { cause: o.signal?.reason }));
    };
    if (o.signal?.aborted) onAbort();
    else o.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await readBody(res, { url, maxBytes: o.maxBytes ?? this.c.maxBytes, truncate: o.truncate });
    } finally {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      if (!res.destroyed) res.destroy();
    }
  }
}

/** Options used inside the fetch module only. */
interface InternalOpts extends FetchOpts {
  /** Keep the first maxBytes instead of failing (robots.txt). */
  truncate?: boolean;
}

/** Parses and vets a URL: http(s) only, no credentials. `from` is the hop that led here. */
function parseHttpUrl(raw: string, original: string, from?: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new FetchError('bad-url', original, `not a URL: ${raw} (give an absolute http:// or https:// URL)`);
  }
  const where = from ? `${from} redirected to ${u.href}, which is refused` : `refusing ${u.href}`;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new FetchError('bad-url', original, `${where}: only http and https URLs are fetched (not ${u.protocol})`);
  }
  if (u.username || u.password) {
    throw new FetchError('bad-url', original, `${where}: it has credentials in it; remove the user:password@ part`);
  }
  return u;
}

function resolveLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location; // parseHttpUrl reports it
  }
}

function withoutHash(u: URL): string {
  return u.href.replace(/#.*$/, '');
}

/** A request-phase error as a FetchError that says what to check. */
function requestError(err: unknown, url: string): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as { code?: string; message?: string };
  const code = e.code ?? '';
  if (code === 'ECONNREFUSED') return new FetchError('network', url, `${url}: connection refused; the site is down or the port is wrong`, { cause: err });
  if (code === 'ECONNRESET') return new FetchError('network', url, `${url}: the server closed the connection without answering; try again later`, { cause: err });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new FetchError('dns', url, `${url}: cannot resolve the host (${code}); check the host name`, { cause: err });
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'EPROTO') {
    return new FetchError('network', url, `${url}: TLS failed (${code}: ${e.message ?? ''}); the site's certificate or TLS setup is broken`, { cause: err });
  }
  return new FetchError('network', url, `${url}: ${code || e.message || String(err)}; check the address and your network`, { cause: err });
}
