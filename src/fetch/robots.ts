// fetch/robots: robots.txt, fetched through the fetcher itself (so it is guarded, capped
// and polite like any request), cached per origin and consulted before article pages.
// What an answer means follows Google's published handling:
//   2xx → the rules apply (first 500 KiB only);
//   4xx (but 429) → no rules: everything is allowed;
//   429, 5xx, timeouts, network errors → the whole site is off limits for a while, since
//   the site may be struggling and its rules are unknown.
import robotsModule from 'robots-parser';
import { FetchError } from './errors.ts';
import { ROBOTS_TOKEN } from './version.ts';

/** Google reads at most 500 KiB of a robots.txt; the rest is ignored. */
export const ROBOTS_MAX_BYTES = 500 * 1024;
/** How long fetched rules (or a 4xx "no rules") are trusted. */
export const DEFAULT_ROBOTS_TTL_MS = 60 * 60 * 1000;
/** How long an unreachable robots.txt keeps the site off limits before we ask again. */
export const DEFAULT_ROBOTS_ERROR_TTL_MS = 10 * 60 * 1000;
/** Origins remembered at once; the oldest are forgotten first. */
const MAX_ORIGINS = 5_000;

/** How the fetcher gets robots.txt: through itself, without a robots check of its own. */
export type RobotsGet = (robotsUrl: string) => Promise<{ status: number; bytes: Uint8Array }>;

/** The parts of robots-parser's Robot we use. */
interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getMatchingLineNumber(url: string, ua?: string): number;
  getCrawlDelay(ua?: string): number | undefined;
}

// robots-parser is CommonJS and its typings claim an ES default export; under Node's ESM the
// default import is the parser function itself, under some loaders its `.default`.
const robotsParser = ((robotsModule as unknown as { default?: unknown }).default ?? robotsModule) as (url: string, text: string) => Robot;

interface Entry {
  expiresAt: number;
  /** Parsed rules, or null for "no rules" (allow all) / "unreachable" (disallow all). */
  robot: Robot | null;
  unreachable: string | null;
}

/** The answer for one URL. */
export interface RobotsVerdict {
  allowed: boolean;
  /** Crawl-delay for Newsdesk (or `*`) in ms, when the site sets one. */
  crawlDelayMs: number | null;
}

export interface RobotsOptions {
  ttlMs?: number;
  errorTtlMs?: number;
}

/** robots.txt rules per origin, fetched on first need and shared by concurrent callers. */
export class RobotsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry>>();
  private readonly ttlMs: number;
  private readonly errorTtlMs: number;

  constructor(
    private readonly get: RobotsGet,
    opts: RobotsOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? DEFAULT_ROBOTS_TTL_MS;
    this.errorTtlMs = opts.errorTtlMs ?? DEFAULT_ROBOTS_ERROR_TTL_MS;
  }

  /**
   * Throws FetchError 'robots-disallowed' when the site's robots.txt forbids `url` to
   * Newsdesk, or when robots.txt is unreachable. Returns the crawl-delay otherwise.
   */
  async check(url: URL): Promise<RobotsVerdict> {
    const entry = await this.entry(url.origin);
    const crawlDelayMs = delayOf(entry);
    if (entry.unreachable) {
      throw new FetchError(
        'robots-disallowed',
        url.href,
        `${url.href}: not fetched because ${url.origin}/robots.txt ${entry.unreachable}; the site is treated as off limits until ` +
          `${new Date(entry.expiresAt).toISOString()} (Google does the same). Try again later.`,
      );
    }
    if (entry.robot && entry.robot.isAllowed(url.href, ROBOTS_TOKEN) === false) {
      const line = entry.robot.getMatchingLineNumber(url.href, ROBOTS_TOKEN);
      throw new FetchError(
        'robots-disallowed',
        url.href,
        `${url.href}: disallowed by ${url.origin}/robots.txt${line > 0 ? ` (line ${line})` : ''} for ${ROBOTS_TOKEN}; ` +
          `Newsdesk does not fetch pages a site asks robots to leave alone. Use the feed's own text for this source instead.`,
      );
    }
    return { allowed: true, crawlDelayMs };
  }

  /** The crawl-delay already known for an origin (no fetch), or null. */
  knownCrawlDelayMs(origin: string): number | null {
    const entry = this.entries.get(origin);
    return entry && entry.expiresAt > Date.now() ? delayOf(entry) : null;
  }

  private entry(origin: string): Promise<Entry> {
    const cached = this.entries.get(origin);
    if (cached && cached.expiresAt > Date.now()) return Promise.resolve(cached);
    let pending = this.inflight.get(origin);
    if (!pending) {
      pending = this.load(origin).finally(() => this.inflight.delete(origin));
      this.inflight.set(origin, pending);
    }
    return pending;
  }

  private async load(origin: string): Promise<Entry> {
    const robotsUrl = `${origin}/robots.txt`;
    let entry: Entry;
    try {
      const { status, bytes } = await this.get(robotsUrl);
      if (status >= 200 && status < 300) {
        const text = new TextDecoder('utf-8').decode(bytes);
        entry = { expiresAt: Date.now() + this.ttlMs, robot: robotsParser(robotsUrl, text), unreachable: null };
      } else if (status >= 400 && status < 500 && status !== 429) {
        entry = { expiresAt: Date.now() + this.ttlMs, robot: null, unreachable: null };
      } else {
        entry = { expiresAt: Date.now() + this.errorTtlMs, robot: null, unreachable: `answered HTTP ${status}` };
      }
    } catch (err) {
      // Errors that are about the URL or the caller, not the site's health, go straight up.
      if (err instanceof FetchError && ['blocked-address', 'bad-url', 'aborted', 'dns'].includes(err.code)) throw err;
      const why = err instanceof FetchError ? err.code : 'network';
      entry = { expiresAt: Date.now() + this.errorTtlMs, robot: null, unreachable: `could not be fetched (${why})` };
    }
    this.entries.delete(origin);
    this.entries.set(origin, entry);
    if (this.entries.size > MAX_ORIGINS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return entry;
  }
}

function delayOf(entry: Entry): number | null {
  const seconds = entry.robot?.getCrawlDelay(ROBOTS_TOKEN);
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
}
