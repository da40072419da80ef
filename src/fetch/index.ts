// fetch: the only way out to the network. `createFetcher(config)` gives the one client
// everything goes through — feeds, pages, images, robots.txt — with the SSRF guard on the
// address actually connected to, DNS pinning, robots.txt for article pages, per-host
// politeness, conditional GET, separate connect/headers/body timeouts and a byte cap counted
// after decompression. `fetchPage` is the one-shot form the CLI uses. See docs/fetch.md.
import { createFetcher, DEFAULTS, type Fetcher, type FetchResult } from './client.ts';
import { FetchError } from './errors.ts';
import { splitAllowEnv } from './guard.ts';
import type { Resolver } from './dns.ts';

export { createFetcher, DEFAULTS } from './client.ts';
export type { Fetcher, FetcherConfig, FetchOpts, FetchResult, Timeouts } from './client.ts';
export { FetchError, type FetchErrorCode } from './errors.ts';
export { nonPublicReason, parseHostAddress } from './guard.ts';
export { freshnessSeconds, retryAfterSeconds } from './cache.ts';
export type { Resolver } from './dns.ts';
export { VERSION, USER_AGENT, userAgent } from './version.ts';

/** fetchPage defaults: one whole-fetch deadline on top of the fetcher's own timeouts. */
export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = DEFAULTS.maxBytes;
export const DEFAULT_MAX_REDIRECTS = DEFAULTS.maxRedirects;

/** What `fetchPage` accepts. */
export interface FetchOptions {
  /** Total time for all hops and the body, in ms (default 20 s). */
  timeoutMs?: number;
  /** Largest body accepted, counted after decompression (default 10 MiB). */
  maxBytes?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** Extra request headers (the User-Agent is set unless given here). */
  headers?: Record<string, string>;
  /** Cancels the request. */
  signal?: AbortSignal;
  /** Hosts/CIDRs allowed even though private (comma-separated or a list); defaults to env NEWSDESK_ALLOW_PRIVATE. */
  allowPrivate?: string | readonly string[];
  /** DNS resolver (tests); defaults to the system resolver with all addresses. */
  lookup?: Resolver;
  /** Consult robots.txt first (default false: the operator asked for this one page). */
  obeyRobots?: boolean;
}

/** A fetched page: the raw body bytes and what is needed to decode them. */
export interface FetchedPage {
  bytes: Uint8Array;
  contentType: string | null;
  /** The URL after redirects. */
  finalUrl: string;
  status: number;
}

let shared: Fetcher | null = null;

/**
 * Fetches one page through the fetcher (a shared one configured from the environment,
 * unless `allowPrivate` or `lookup` ask for another), with a whole-fetch deadline.
 * Resolves for any final status (an error page is still a page); rejects with FetchError.
 */
export async function fetchPage(url: string, opts: FetchOptions = {}): Promise<FetchedPage> {
  const own = opts.allowPrivate !== undefined || opts.lookup !== undefined;
  const fetcher = own
    ? createFetcher({
        allowPrivate: typeof opts.allowPrivate === 'string' ? splitAllowEnv(opts.allowPrivate) : opts.allowPrivate,
        resolve: opts.lookup,
        contactUrl: process.env.NEWSDESK_CONTACT_URL ?? null,
      })
    : (shared ??= createFetcher({ contactUrl: process.env.NEWSDESK_CONTACT_URL ?? null }));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
  let r: FetchResult;
  try {
    r = await fetcher.fetch(url, {
      signal,
      maxBytes: opts.maxBytes,
      maxRedirects: opts.maxRedirects,
      headers: opts.headers,
      obeyRobots: opts.obeyRobots ?? false,
      accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
    });
  } catch (err) {
    if (err instanceof FetchError && err.code === 'aborted' && deadline.aborted && !opts.signal?.aborted) {
      throw new FetchError('timeout', url, `${url}: no complete answer within ${timeoutMs / 1000} s; the site is slow or down, try again later`, { cause: err });
    }
    throw err;
  }
  return { bytes: r.bytes, contentType: r.contentType, finalUrl: r.finalUrl, status: r.status };
}
