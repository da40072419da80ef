// health: how each source is doing, for the admin pages — per-day series over the last
// weeks (polls, fetches, failed fetches, fetch time, articles stored, and how often the
// extractor found a body, a lead image and a date), the last errors explained in words an
// operator can act on, and a flag when a source's extraction suddenly got worse (its site's
// layout changed). Reads through Kysely only, so it runs unchanged on SQLite and PostgreSQL:
// timestamps are compared as ISO strings (PostgreSQL casts the parameters to timestamptz),
// days are bucketed with a CASE over the day boundaries instead of a date function (the two
// databases share none), and every aggregate goes through `num` (PostgreSQL may return
// strings). The list page's overview is three grouped queries whatever the number of sources.
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { iso, num } from './rows.ts';
import type { Database, SourceKind, SourceState } from './schema.ts';
import type { DateInput } from './types.ts';

type Db = Kysely<Database>;

const DAY_MS = 86_400_000;

/** Days a report covers unless asked otherwise, and the most it may cover. */
export const DEFAULT_HEALTH_DAYS = 30;
export const MAX_HEALTH_DAYS = 180;
/** "Articles per day" is the average over this many days (today included). */
export const ARTICLES_PER_DAY_WINDOW = 7;
/** Errors listed in a report, newest first. */
export const LAST_ERRORS = 10;
/**
 * An article counts as "body found" from this many words. Below it the stored text is a
 * teaser or the feed's summary standing in for a page the extractor could not read.
 */
export const BODY_MIN_WORDS = 50;

// Degradation: a source's newest articles against its own baseline. A drop must be large
// (MAX_RECENT_SHARE, MIN_RATE_DROP) and unlikely to be chance (MAX_CHANCE, a binomial tail
// on the baseline's rate), so that small samples do not make the flag flap.
/**
 * The recent sample is at least the newest this-many articles … (taken by whole hours over
 * the last RECENT_DAYS days, by whole days before: ranking every article per source with a
 * window function cost more than everything else together on PostgreSQL) …
 */
export const RECENT_MIN_ARTICLES = 10;
/** … plus the other hours of the last RECENT_DAYS days while the sample stays within RECENT_MAX_ARTICLES. */
export const RECENT_DAYS = 2;
export const RECENT_MAX_ARTICLES = 50;
const RECENT_HOURS = RECENT_DAYS * 24;
const HOUR_MS = 3_600_000;
/** Articles looked at for the baseline: those before the recent sample, within this many days. */
export const DEGRADATION_WINDOW_DAYS = 30;
/** No verdict below these sample sizes (a new or quiet source is never flagged). */
export const MIN_RECENT_ARTICLES = RECENT_MIN_ARTICLES;
export const MIN_BASELINE_ARTICLES = 20;
/** A measure is only watched when the source normally gets it at least this often. */
export const MIN_BASELINE_RATE = 0.6;
/** Flagged when the recent rate is at most this share of the baseline's … */
export const MAX_RECENT_SHARE = 0.5;
/** … and at least this many points (0–1) below it … */
export const MIN_RATE_DROP = 0.3;
/**
 * … and so few successes would happen by chance, at the baseline's rate, less often than
 * this. Without it a source that finds an image 60% of the time would be flagged for 3 of
 * 10 about once in 18 looks.
 */
export const MAX_CHANCE = 0.001;
/** Average words: flagged when recent articles are below this share of the baseline's … */
export const MAX_RECENT_WORDS_SHARE = 0.35;
/** … for sources whose articles normally run at least this long. */
export const MIN_BASELINE_WORDS = 150;

// ---------------------------------------------------------------- types

/** One UTC day of a source's activity. */
export interface HealthDay {
  /** "YYYY-MM-DD" (UTC). */
  date: string;
  /** Feed (or sitemap, section page) fetches. */
  polls: number;
  /** Every fetch for the source: polls and article pages. */
  fetches: number;
  /** Fetches that failed: an error, or an HTTP status of 400 or more. */
  fetchErrors: number;
  /** Mean fetch time of the fetches that were timed, or null. */
  avgFetchMs: number | null;
  /** Articles first stored that day. */
  articles: number;
  bodyFound: number;
  imageFound: number;
  dateFound: number;
}

/** Counts of extraction outcomes over a set of articles. */
export interface ExtractionCounts {
  articles: number;
  bodyFound: number;
  imageFound: number;
  dateFound: number;
  /** Sum of word counts, for the average. */
  words: number;
}

export type Severity = 'action' | 'transient' | 'info';

/** What an error means for an operator. */
export interface ErrorExplanation {
  /** A few words: "Feed not found (HTTP 404)". */
  label: string;
  /** What happened and what to do, in plain words. */
  text: string;
  /** `action`: someone should look; `transient`: usually clears by itself; `info`: expected. */
  severity: Severity;
}

/** One failed fetch from the fetch log. */
export interface HealthError {
  at: string;
  url: string;
  /** "feed", "page", … */
  kind: string;
  status: number | null;
  /** The message as logged (null when only the status says it failed). */
  error: string | null;
  explanation: ErrorExplanation;
}

/** Whether the source's extraction suddenly got worse, and why. */
export interface Degradation {
  degraded: boolean;
  /** One sentence per measure that dropped, e.g. "body found in 2 of the last 10 articles, against 97% before: …". */
  reasons: string[];
  /** Why no verdict could be reached (too few articles), or null when one was. */
  insufficient: string | null;
  recent: ExtractionCounts;
  baseline: ExtractionCounts;
}

export interface HealthSource {
  id: number;
  name: string | null;
  url: string;
  kind: SourceKind;
  state: SourceState;
  section: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string;
  lastStatus: number | null;
  intervalSeconds: number | null;
  scheduleReason: string | null;
  consecutiveErrors: number;
  lastError: string | null;
  /** `lastError` explained, or null when the last poll went well. */
  lastErrorExplanation: ErrorExplanation | null;
}

export interface HealthTotals {
  polls: number;
  fetches: number;
  fetchErrors: number;
  /** fetchErrors / fetches (0 without fetches). */
  errorRate: number;
  avgFetchMs: number | null;
  articles: number;
  bodyFound: number;
  imageFound: number;
  dateFound: number;
  /** Shares of articles (null without articles). */
  bodyRate: number | null;
  imageRate: number | null;
  dateRate: number | null;
}

export interface SourceHealthReport {
  source: HealthSource;
  /** When the report was made (the `now` it was asked for). */
  generatedAt: string;
  days: number;
  /** One entry per UTC day, oldest first, `days` long, today last (partial). */
  series: HealthDay[];
  totals: HealthTotals;
  /** Average over the last ARTICLES_PER_DAY_WINDOW days. */
  articlesPerDay: number;
  /** The last LAST_ERRORS failed fetches, newest first. */
  lastErrors: HealthError[];
  degradation: Degradation;
}

export interface SourceHealthOverviewRow {
  id: number;
  name: string | null;
  url: string;
  kind: SourceKind;
  state: SourceState;
  lastPolledAt: string | null;
  lastStatus: number | null;
  consecutiveErrors: number;
  lastError: string | null;
  /** Average over the last ARTICLES_PER_DAY_WINDOW days. */
  articlesPerDay: number;
  /** Articles per UTC day, oldest first, `days` long (for a sparkline). */
  dailyArticles: number[];
  /** Fetches and failed fetches over the last ARTICLES_PER_DAY_WINDOW days. */
  fetches: number;
  fetchErrors: number;
  errorRate: number;
  /** Extraction outcomes over the last ARTICLES_PER_DAY_WINDOW days. */
  extraction: ExtractionCounts;
  /** Share of those articles with a body found (null without articles). */
  extractionRate: number | null;
  degraded: boolean;
  /** The first degradation reason, when degraded. */
  degradedReason: string | null;
}

// ---------------------------------------------------------------- day buckets

/** Midnight UTC of the day `t` falls in. */
function dayStart(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

interface Window {
  /** Start of each day, oldest first, as ISO strings; then the end of the last day. */
  bounds: string[];
  dates: string[];
}

/** `days` UTC days ending with today's. */
function windowOf(now: number, days: number): Window {
  const first = dayStart(now) - (days - 1) * DAY_MS;
  const bounds: string[] = [];
  const dates: string[] = [];
  for (let i = 0; i <= days; i++) {
    const d = new Date(first + i * DAY_MS).toISOString();
    bounds.push(d);
    if (i < days) dates.push(d.slice(0, 10));
  }
  return { bounds, dates };
}

/**
 * The bucket (0 = oldest) of a timestamp column given ascending bucket starts, as nested
 * CASEs that halve the range at each level: portable where date functions are not, and
 * five comparisons per row for 30 days (a flat CASE took twice as long on 100k articles).
 * Rows must already be limited to the range.
 */
function bucketIndex(column: RawBuilder<unknown>, starts: readonly string[]): RawBuilder<number> {
  const split = (lo: number, hi: number): RawBuilder<number> => {
    if (hi - lo <= 1) return sql<number>`${sql.lit(lo)}`;
    const mid = (lo + hi) >> 1;
    return sql<number>`case when ${column} >= ${starts[mid]} then ${split(mid, hi)} else ${split(lo, mid)} end`;
  };
  return split(0, starts.length);
}

/** The UTC day (0 = oldest) of a timestamp inside a window. */
function dayIndex(column: RawBuilder<unknown>, w: Window): RawBuilder<number> {
  return bucketIndex(column, w.bounds.slice(0, w.dates.length));
}

/** 1 when the condition holds, else 0, for SUM. */
function oneIf(cond: RawBuilder<unknown> | Expression<SqlBool>): RawBuilder<number> {
  return sql<number>`case when ${cond} then 1 else 0 end`;
}

/** A failed fetch: an error message, or a 4xx/5xx status. */
const FAILED_FETCH = sql`(error is not null or status >= 400)`;

// ---------------------------------------------------------------- grouped queries

interface FetchBucket {
  sourceId: number;
  day: number;
  fetches: number;
  polls: number;
  errors: number;
  durationSum: number;
  timed: number;
}

/**
 * Fetch-log lines in the window grouped by source and day (one source, or all); with
 * `byDay` false everything lands in day 0 (the list page needs only the totals).
 */
async function fetchBuckets(db: Db, w: Window, sourceId: number | null, byDay = true): Promise<FetchBucket[]> {
  let inner = db
    .selectFrom('fetch_log')
    .select([
      'source_id',
      (byDay ? dayIndex(sql.ref('at'), w) : sql<number>`0`).as('day'),
      oneIf(sql`kind = 'feed'`).as('is_poll'),
      oneIf(FAILED_FETCH).as('failed'),
      'duration_ms',
    ])
    .where('at', '>=', w.bounds[0]!)
    .where('at', '<', w.bounds[w.bounds.length - 1]!);
  // Lines without a source group under null and are ignored by the callers (see articleBuckets).
  if (sourceId != null) inner = inner.where('source_id', '=', sourceId);
  const rows = await db
    .selectFrom(inner.as('f'))
    .select((eb) => [
      'f.source_id',
      'f.day',
      eb.fn.countAll().as('fetches'),
      eb.fn.sum('f.is_poll').as('polls'),
      eb.fn.sum('f.failed').as('errors'),
      eb.fn.sum('f.duration_ms').as('duration'),
      eb.fn.count('f.duration_ms').as('timed'),
    ])
    .groupBy(['f.source_id', 'f.day'])
    .execute();
  return rows.map((r) => ({
    sourceId: num(r.source_id),
    day: num(r.day),
    fetches: num(r.fetches),
    polls: num(r.polls),
    errors: num(r.errors),
    durationSum: num(r.duration),
    timed: num(r.timed),
  }));
}

interface ArticleBucket extends ExtractionCounts {
  sourceId: number;
  day: number;
  /** Hours ago (0 = the last hour) for articles of the last RECENT_DAYS days, else -1. */
  hour: number;
}

/**
 * Articles stored in the window grouped by source, UTC day and — for the last RECENT_DAYS
 * days — hour: one scan and a plain grouping serve the daily series and the degradation
 * check (see `splitRecent`).
 */
async function articleBuckets(db: Db, w: Window, now: number, sourceId: number | null): Promise<ArticleBucket[]> {
  const hourStarts: string[] = [];
  for (let h = RECENT_HOURS; h >= 1; h--) hourStarts.push(iso(new Date(now - h * HOUR_MS)));
  const created = sql.ref('created_at');
  let marked = db
    .selectFrom('articles')
    .select([
      'source_id',
      dayIndex(created, w).as('day'),
      // Ascending bucket i covers the hour that ended (RECENT_HOURS - 1 - i) hours ago.
      sql<number>`case when ${created} >= ${hourStarts[0]} then ${sql.lit(RECENT_HOURS - 1)} - ${bucketIndex(created, hourStarts)} else -1 end`.as('hour'),
      oneIf(sql`word_count >= ${sql.lit(BODY_MIN_WORDS)}`).as('body'),
      oneIf(sql`image_id is not null`).as('image'),
      oneIf(sql`published_at is not null`).as('dated'),
      'word_count',
    ])
    .where('created_at', '>=', w.bounds[0]!)
    .where('created_at', '<', w.bounds[w.bounds.length - 1]!);
  // No "source_id is not null" for all sources: SQLite (without ANALYZE statistics) would then
  // pick the (source_id, sort_at) index and read every row, 20 times slower than a scan of a
  // covering index on (source_id, created_at, …). Articles without a source group under null.
  if (sourceId != null) marked = marked.where('source_id', '=', sourceId);
  const rows = await db
    .selectFrom(marked.as('m'))
    .select((eb) => [
      'm.source_id',
      'm.day',
      'm.hour',
      eb.fn.countAll().as('n'),
      eb.fn.sum('m.body').as('body'),
      eb.fn.sum('m.image').as('image'),
      eb.fn.sum('m.dated').as('dated'),
      eb.fn.sum('m.word_count').as('words'),
    ])
    .groupBy(['m.source_id', 'm.day', 'm.hour'])
    .execute();
  return rows.map((r) => ({
    sourceId: num(r.source_id),
    day: num(r.day),
    hour: num(r.hour),
    articles: num(r.n),
    bodyFound: num(r.body),
    imageFound: num(r.image),
    dateFound: num(r.dated),
    words: num(r.words),
  }));
}

/**
 * One source's buckets split into its recent sample and its baseline: newest first, a
 * bucket joins the sample while the sample is under RECENT_MIN_ARTICLES, or while it is
 * one of the last RECENT_DAYS days' hours and the sample stays within RECENT_MAX_ARTICLES;
 * the first bucket that does not join closes the sample.
 */
function splitRecent(buckets: readonly ArticleBucket[]): { recent: ExtractionCounts; baseline: ExtractionCounts } {
  const recent = emptyCounts();
  const baseline = emptyCounts();
  // Hour buckets (newest first), then older days (newest first).
  const ordered = [...buckets].sort((a, b) => {
    if ((a.hour >= 0) !== (b.hour >= 0)) return a.hour >= 0 ? -1 : 1;
    return a.hour >= 0 ? a.hour - b.hour : b.day - a.day;
  });
  let closed = false;
  for (const b of ordered) {
    if (!closed && (recent.articles < RECENT_MIN_ARTICLES || (b.hour >= 0 && recent.articles + b.articles <= RECENT_MAX_ARTICLES))) {
      addCounts(recent, b);
    } else {
      closed = true;
      addCounts(baseline, b);
    }
  }
  return { recent, baseline };
}

// ---------------------------------------------------------------- degradation

function emptyCounts(): ExtractionCounts {
  return { articles: 0, bodyFound: 0, imageFound: 0, dateFound: 0, words: 0 };
}

function addCounts(into: ExtractionCounts, c: ExtractionCounts): void {
  into.articles += c.articles;
  into.bodyFound += c.bodyFound;
  into.imageFound += c.imageFound;
  into.dateFound += c.dateFound;
  into.words += c.words;
}

const pct = (r: number): string => `${Math.round(r * 100)}%`;

const MEASURES = [
  { key: 'bodyFound', what: 'body found', why: "the site's layout probably changed, so the extractor no longer finds the article text" },
  { key: 'imageFound', what: 'lead image found', why: 'the site may have changed how it marks its pictures' },
  { key: 'dateFound', what: 'publication date found', why: 'the site may have changed how it marks its dates' },
] as const;

/** P(X ≤ k) for X ~ Binomial(n, p), summed in log space (no underflow for large n). */
export function binomialAtMost(k: number, n: number, p: number): number {
  if (k >= n || p <= 0) return 1;
  if (p >= 1) return 0;
  const logQ = Math.log(1 - p);
  const ratio = Math.log(p) - logQ;
  let logTerm = n * logQ; // log P(X = 0)
  let sum = Math.exp(logTerm);
  for (let i = 0; i < k; i++) {
    logTerm += Math.log((n - i) / (i + 1)) + ratio;
    sum += Math.exp(logTerm);
  }
  return Math.min(sum, 1);
}

/**
 * Compares a source's recent sample with its baseline. Pure, so the list page and the
 * source page reach the same verdict from the same counts.
 */
export function assessDegradation(recent: ExtractionCounts, baseline: ExtractionCounts): Degradation {
  const base = { recent, baseline, reasons: [] as string[] };
  if (recent.articles < MIN_RECENT_ARTICLES || baseline.articles < MIN_BASELINE_ARTICLES) {
    return {
      ...base,
      degraded: false,
      insufficient:
        `too few articles to judge: ${recent.articles} recent and ${baseline.articles} before them ` +
        `(needs ${MIN_RECENT_ARTICLES} and ${MIN_BASELINE_ARTICLES} within ${DEGRADATION_WINDOW_DAYS} days)`,
    };
  }
  const reasons: string[] = [];
  const last = `the last ${recent.articles} articles`;
  for (const m of MEASURES) {
    const before = baseline[m.key] / baseline.articles;
    const now = recent[m.key] / recent.articles;
    // The baseline's rate with one success and one failure added: 20 of 20 is not certainty.
    const expected = (baseline[m.key] + 1) / (baseline.articles + 2);
    if (
      before >= MIN_BASELINE_RATE &&
      now <= before * MAX_RECENT_SHARE &&
      before - now >= MIN_RATE_DROP &&
      binomialAtMost(recent[m.key], recent.articles, expected) < MAX_CHANCE
    ) {
      reasons.push(`${m.what} in ${recent[m.key]} of ${last}, against ${pct(before)} before: ${m.why}`);
    }
  }
  const wordsBefore = baseline.words / baseline.articles;
  const wordsNow = recent.words / recent.articles;
  if (wordsBefore >= MIN_BASELINE_WORDS && wordsNow <= wordsBefore * MAX_RECENT_WORDS_SHARE) {
    reasons.push(
      `${last} average ${Math.round(wordsNow)} words, against ${Math.round(wordsBefore)} before: ` +
        'the extractor probably picks up only part of the page (a teaser or a caption) since a layout change',
    );
  }
  return { ...base, reasons, degraded: reasons.length > 0, insufficient: null };
}

// ---------------------------------------------------------------- error explanations

interface Rule {
  test: RegExp;
  explain: (m: RegExpMatchArray, kind: string) => Omit<ErrorExplanation, 'severity'> & { severity?: Severity };
  severity: Severity;
}

/** What was fetched, for sentences: "the feed", "the article page". */
function thing(kind: string): string {
  if (kind === 'feed') return 'the feed';
  if (kind === 'page') return 'the article page';
  if (kind === 'robots') return 'robots.txt';
  if (kind === 'image') return 'the image';
  return 'the address';
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Messages as the fetcher (src/fetch), the feed parser (src/feeds) and the pipeline
 * (src/jobs/pipeline.ts) write them into fetch_log.error and sources.last_error, most
 * specific first. Status-only failures are explained by `explainStatus`.
 */
const RULES: Rule[] = [
  {
    // fetch/guard.ts: "refusing to fetch URL: HOST is ADDR, a REASON address. If this is meant …"
    test: /^refusing to fetch \S+: (.+?) is (\S+), an? (.+?) address\./,
    severity: 'action',
    explain: (m) => {
      const host = m[1] === 'it' ? m[2]! : m[1]!;
      return {
        label: 'Private address refused',
        text:
          `${host} points to ${m[2]}, a ${m[3]} address. Newsdesk refuses those so that a feed cannot make it reach ` +
          `machines inside your network. If this source really lives on your own network, allow it with ` +
          `NEWSDESK_ALLOW_PRIVATE=${host} (or fetch.allowPrivate in newsdesk.config.json); if not, the site's DNS ` +
          'now points somewhere it should not: remove or pause the source.',
      };
    },
  },
  {
    test: /disallowed by \S*robots\.txt/,
    severity: 'info',
    explain: () => ({
      label: 'Blocked by robots.txt',
      text:
        "The site's robots.txt asks crawlers to leave these pages alone, so Newsdesk does not fetch them. Its articles " +
        "are made from the feed's own text when there is some; set the source to use the feed's content, or ask the " +
        'publisher to allow Newsdesk.',
    }),
  },
  {
    test: /robots\.txt (answered HTTP \d+|could not be fetched[^;]*)/,
    severity: 'transient',
    explain: (m) => ({
      label: 'robots.txt unreadable',
      text:
        `The site's robots.txt ${m[1]}, and until it can be read Newsdesk treats the whole site as off limits for a ` +
        'while, as search engines do. This usually clears by itself; if it lasts for days, the site is misconfigured.',
    }),
  },
  {
    test: /no complete answer within|did not arrive within|(no connection|no response headers) within/,
    severity: 'transient',
    explain: (_m, kind) => ({
      label: 'Timed out',
      text:
        `${capital(thing(kind))} did not answer in time: the site is slow or down. Newsdesk tries again later, waiting ` +
        'longer after each failure. If every fetch times out for days, open the address in a browser from this server.',
    }),
  },
  {
    test: /cannot resolve|resolved to .* which is not an IP address/,
    severity: 'action',
    explain: () => ({
      label: 'Host name not found',
      text:
        "The site's name could not be looked up (DNS). The domain may have expired, been mistyped or moved, or this " +
        "server's DNS is failing. Check the address in a browser; if the site moved, change the source's URL.",
    }),
  },
  {
    test: /connection refused/,
    severity: 'transient',
    explain: () => ({
      label: 'Connection refused',
      text:
        "Nothing answers at this address: the site's server is down, or the port in the URL is wrong. Usually " +
        'temporary; if it lasts, check the URL.',
    }),
  },
  {
    test: /closed the connection/,
    severity: 'transient',
    explain: () => ({
      label: 'Connection dropped',
      text: 'The server hung up before sending a whole answer, usually a brief hiccup or an overloaded site. Newsdesk retries.',
    }),
  },
  {
    test: /TLS failed/,
    severity: 'action',
    explain: () => ({
      label: 'Secure connection failed',
      text:
        "The site's HTTPS certificate or setup is broken (expired, self-signed, or for another name), so Newsdesk does " +
        'not trust the answer. Only the site can fix it; open it in a browser to see what is wrong.',
    }),
  },
  {
    test: /body larger than|^feed refused: \d+ characters/,
    severity: 'action',
    explain: (_m, kind) => ({
      label: 'Too large',
      text:
        `${capital(thing(kind))} is bigger than Newsdesk accepts (fetch.maxBytes). A feed that large is usually a whole ` +
        'archive: look for a smaller feed of the site, or raise fetch.maxBytes if this source really is that big.',
    }),
  },
  {
    test: /^feed refused:/,
    severity: 'action',
    explain: () => ({
      label: 'Feed refused as unsafe',
      text:
        'The feed was refused to protect the server: its XML declares entities the way "XML bomb" attacks do. Look for ' +
        'another feed of the site, or tell the publisher.',
    }),
  },
  {
    test: /Content-Encoding|compressed body is corrupt/,
    severity: 'action',
    explain: () => ({
      label: 'Unreadable compression',
      text: 'The site sent its answer compressed in a way Newsdesk cannot read, or corrupted. Only the site can fix this.',
    }),
  },
  {
    test: /redirect loop|more than \d+ redirects/,
    severity: 'action',
    explain: () => ({
      label: 'Redirect loop',
      text:
        'The site keeps redirecting and never answers. It is misconfigured, or it moved: open the address in a ' +
        "browser and, if it lands somewhere sensible, change the source's URL to that.",
    }),
  },
  {
    test: /^not a URL|only http and https URLs|has credentials in it|is not a valid IP address/,
    severity: 'action',
    explain: () => ({
      label: 'Unusable address',
      text: 'The address (or where it redirects) is not an http(s) URL Newsdesk may fetch. Correct the source\'s URL.',
    }),
  },
  {
    test: /fetch cancelled/,
    severity: 'info',
    explain: () => ({
      label: 'Cancelled',
      text: 'The fetch was stopped because Newsdesk was shutting down or the job ran out of time. Nothing to do: it is tried again.',
    }),
  },
  {
    test: /^not a feed: this is an HTML page/,
    severity: 'action',
    explain: () => ({
      label: 'A web page, not a feed',
      text:
        'The address now returns a web page instead of a feed: the site moved or dropped its feed. Run ' +
        '`newsdesk discover` on the site\'s home page to find its feeds, or follow the page as a section source with a URL pattern.',
    }),
  },
  {
    test: /^not a feed: (.*)$/,
    severity: 'action',
    explain: (m) => ({
      label: 'Not a feed',
      text:
        `What came back is not a feed Newsdesk can read (${m[1]!.replace(/;.*$/, '')}). The site may have moved its feed ` +
        'or be returning an error page: open the address in a browser and check.',
    }),
  },
  {
    test: /needs a URL pattern/,
    severity: 'action',
    explain: () => ({
      label: 'URL pattern missing',
      text: 'A section-page source needs a URL pattern that matches its article links. Edit the source and add one.',
    }),
  },
  {
    test: /no article at \S+ and no content in the feed|neither a link nor content|no article body/,
    severity: 'action',
    explain: () => ({
      label: 'No article body found',
      text:
        'The page was fetched but the extractor found no article text in it, and the feed has none either. If this ' +
        "happens to every article, the site's layout probably changed: try one with `newsdesk extract URL`.",
    }),
  },
];

/** An HTTP failure in words; null for statuses below 400. */
export function explainStatus(status: number, kind = 'feed'): ErrorExplanation | null {
  if (status < 400) return null;
  const what = thing(kind);
  const What = capital(what);
  const page = kind === 'page';
  switch (status) {
    case 401:
    case 407:
      return {
        label: `Login required (HTTP ${status})`,
        text: `${What} needs a login, which Newsdesk does not have. Find a public feed of the site, or remove the source.`,
        severity: 'action',
      };
    case 403:
      return {
        label: 'Access denied (HTTP 403)',
        text:
          `The site refuses to serve ${what} to Newsdesk. It may block crawlers or this server's address, or sit behind a ` +
          'bot check. Try the address in a browser from this server; ask the publisher if it works elsewhere.',
        severity: 'action',
      };
    case 404:
      return page
        ? {
            label: 'Page not found (HTTP 404)',
            text: 'The article was removed or moved after the feed listed it. Nothing to do unless it happens to every article.',
            severity: 'info',
          }
        : {
            label: 'Not found (HTTP 404)',
            text:
              `${What} is no longer at this address. The site probably moved it: run \`newsdesk discover\` on its home page ` +
              "and change the source's URL.",
            severity: 'action',
          };
    case 410:
      return page
        ? { label: 'Page gone (HTTP 410)', text: 'The site removed this article for good. Nothing to do.', severity: 'info' }
        : {
            label: 'Gone (HTTP 410)',
            text:
              `The site says ${what} was removed for good, so Newsdesk paused the source. Remove it, or find its ` +
              'replacement and resume.',
            severity: 'action',
          };
    case 429:
      return {
        label: 'Rate-limited (HTTP 429)',
        text:
          'The site says Newsdesk asks too often. Newsdesk backs off and honours Retry-After; if it keeps happening, ' +
          'raise the minimum polling interval of this source.',
        severity: 'transient',
      };
    case 451:
      return {
        label: 'Unavailable for legal reasons (HTTP 451)',
        text: `The site will not serve ${what} to this server's location. Only the publisher can change that.`,
        severity: 'action',
      };
  }
  if (status >= 500) {
    return {
      label: `Server error (HTTP ${status})`,
      text:
        `The site's server failed${status === 503 ? ' or is down for maintenance' : ''}. This is usually temporary and ` +
        'Newsdesk retries, waiting longer each time. If it lasts for days, tell the publisher or pause the source.',
      severity: 'transient',
    };
  }
  return {
    label: `Request refused (HTTP ${status})`,
    text: `The site refused the request for ${what}. Open the address in a browser; if it fails there too, the URL is wrong or outdated.`,
    severity: 'action',
  };
}

/**
 * A failed fetch in words an operator understands, with what to do: from the logged
 * message when it is one Newsdesk writes, else from the HTTP status, else the message
 * itself with where to look.
 */
export function explainFetchError(error: string | null, status: number | null = null, kind = 'feed'): ErrorExplanation {
  const message = error?.trim() ?? '';
  for (const rule of RULES) {
    const m = rule.test.exec(message);
    if (m) {
      const e = rule.explain(m, kind);
      return { label: e.label, text: e.text, severity: e.severity ?? rule.severity };
    }
  }
  // "the server answered HTTP 404", "the article page answered HTTP 503", "HTTP 500".
  const fromText = /\bHTTP (\d{3})\b/.exec(message);
  const code = status != null && status >= 400 ? status : fromText ? Number(fromText[1]) : null;
  const byStatus = code != null ? explainStatus(code, kind) : null;
  if (byStatus) return byStatus;
  if (/check the address and your network$/.test(message)) {
    return {
      label: 'Network error',
      text: `${capital(thing(kind))} could not be reached (${message.replace(/^\S+: /, '').replace(/;.*$/, '')}). Usually temporary; if it lasts, check this server's network and the address.`,
      severity: 'transient',
    };
  }
  return {
    label: 'Unexpected error',
    text: message
      ? `Newsdesk has no explanation for this one: "${message}". If it repeats, the worker's log around that time has the details.`
      : "The fetch failed without a message. If it repeats, the worker's log around that time has the details.",
    severity: 'action',
  };
}

// ---------------------------------------------------------------- reports

export interface HealthReportOptions {
  /** UTC days covered, today included (default 30). */
  days?: number;
  /** The clock (default the current time). */
  now?: DateInput;
}

function clampDays(days: number | undefined): number {
  const d = Math.round(days ?? DEFAULT_HEALTH_DAYS);
  return Number.isFinite(d) ? Math.min(Math.max(d, 1), MAX_HEALTH_DAYS) : DEFAULT_HEALTH_DAYS;
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The health of one source over the last `days` UTC days (zero-filled), or null when there
 * is no such source. Five queries, each bounded by the source's indexed rows in the window.
 */
export async function sourceHealthReport(db: Db, sourceId: number, opts: HealthReportOptions = {}): Promise<SourceHealthReport | null> {
  const nowIso = iso(opts.now ?? new Date());
  const now = Date.parse(nowIso);
  const days = clampDays(opts.days);
  const row = await db
    .selectFrom('sources')
    .select([
      'id', 'name', 'url', 'kind', 'state', 'section', 'last_polled_at', 'last_success_at', 'next_poll_at', 'last_status',
      'interval_seconds', 'schedule_reason', 'consecutive_errors', 'last_error',
    ])
    .where('id', '=', sourceId)
    .executeTakeFirst();
  if (!row) return null;

  // The articles query spans the degradation window too, so one scan serves both.
  const shown = windowOf(now, days);
  const scanned = windowOf(now, Math.max(days, DEGRADATION_WINDOW_DAYS));
  const offset = scanned.dates.length - days;
  const [fetches, articles, errors] = await Promise.all([
    fetchBuckets(db, shown, sourceId),
    articleBuckets(db, scanned, now, sourceId),
    lastErrors(db, sourceId),
  ]);

  const series: HealthDay[] = shown.dates.map((date) => ({
    date, polls: 0, fetches: 0, fetchErrors: 0, avgFetchMs: null, articles: 0, bodyFound: 0, imageFound: 0, dateFound: 0,
  }));
  const timing = shown.dates.map(() => ({ sum: 0, n: 0 }));
  for (const b of fetches) {
    const d = series[b.day];
    if (!d) continue;
    d.polls += b.polls;
    d.fetches += b.fetches;
    d.fetchErrors += b.errors;
    timing[b.day]!.sum += b.durationSum;
    timing[b.day]!.n += b.timed;
  }
  timing.forEach((t, i) => {
    if (t.n > 0) series[i]!.avgFetchMs = Math.round(t.sum / t.n);
  });
  for (const b of articles) {
    const d = series[b.day - offset];
    if (!d) continue;
    d.articles += b.articles;
    d.bodyFound += b.bodyFound;
    d.imageFound += b.imageFound;
    d.dateFound += b.dateFound;
  }

  const totals = sumSeries(series, timing);
  const sample = splitRecent(articles);
  const perDayWindow = Math.min(ARTICLES_PER_DAY_WINDOW, days);
  const lastWeek = series.slice(-perDayWindow).reduce((s, d) => s + d.articles, 0);
  return {
    source: {
      id: row.id,
      name: row.name,
      url: row.url,
      kind: row.kind,
      state: row.state,
      section: row.section,
      lastPolledAt: row.last_polled_at,
      lastSuccessAt: row.last_success_at,
      nextPollAt: row.next_poll_at,
      lastStatus: row.last_status,
      intervalSeconds: row.interval_seconds,
      scheduleReason: row.schedule_reason,
      consecutiveErrors: num(row.consecutive_errors),
      lastError: row.last_error,
      lastErrorExplanation: row.last_error ? explainFetchError(row.last_error, row.last_status, 'feed') : null,
    },
    generatedAt: nowIso,
    days,
    series,
    totals,
    articlesPerDay: round1(lastWeek / perDayWindow),
    lastErrors: errors,
    degradation: assessDegradation(sample.recent, sample.baseline),
  };
}

function sumSeries(series: readonly HealthDay[], timing: readonly { sum: number; n: number }[]): HealthTotals {
  const t = { polls: 0, fetches: 0, fetchErrors: 0, articles: 0, bodyFound: 0, imageFound: 0, dateFound: 0 };
  for (const d of series) {
    t.polls += d.polls;
    t.fetches += d.fetches;
    t.fetchErrors += d.fetchErrors;
    t.articles += d.articles;
    t.bodyFound += d.bodyFound;
    t.imageFound += d.imageFound;
    t.dateFound += d.dateFound;
  }
  const timed = timing.reduce((a, x) => ({ sum: a.sum + x.sum, n: a.n + x.n }), { sum: 0, n: 0 });
  return {
    ...t,
    errorRate: t.fetches === 0 ? 0 : t.fetchErrors / t.fetches,
    avgFetchMs: timed.n === 0 ? null : Math.round(timed.sum / timed.n),
    bodyRate: rate(t.bodyFound, t.articles),
    imageRate: rate(t.imageFound, t.articles),
    dateRate: rate(t.dateFound, t.articles),
  };
}

async function lastErrors(db: Db, sourceId: number): Promise<HealthError[]> {
  const rows = await db
    .selectFrom('fetch_log')
    .select(['at', 'url', 'kind', 'status', 'error'])
    .where('source_id', '=', sourceId)
    .where((eb) => eb.or([eb('error', 'is not', null), eb('status', '>=', 400)]))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(LAST_ERRORS)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    url: r.url,
    kind: r.kind,
    status: r.status == null ? null : num(r.status),
    error: r.error,
    explanation: explainFetchError(r.error, r.status == null ? null : num(r.status), r.kind),
  }));
}

export interface HealthOverviewOptions {
  /** Days of the sparkline series (default 30). */
  days?: number;
  now?: DateInput;
}

/**
 * One row per source for the sources list, in id order: three grouped queries (sources,
 * fetch log, articles) whatever the number of sources.
 */
export async function sourcesHealthOverview(db: Db, opts: HealthOverviewOptions = {}): Promise<SourceHealthOverviewRow[]> {
  const now = Date.parse(iso(opts.now ?? new Date()));
  const days = clampDays(opts.days ?? DEFAULT_HEALTH_DAYS);
  const scanned = windowOf(now, Math.max(days, DEGRADATION_WINDOW_DAYS, ARTICLES_PER_DAY_WINDOW));
  const week = windowOf(now, ARTICLES_PER_DAY_WINDOW);
  const sparkFrom = scanned.dates.length - days;
  const weekFrom = scanned.dates.length - ARTICLES_PER_DAY_WINDOW;
  const [sources, fetches, articles] = await Promise.all([
    db
      .selectFrom('sources')
      .select(['id', 'name', 'url', 'kind', 'state', 'last_polled_at', 'last_status', 'consecutive_errors', 'last_error'])
      .orderBy('id')
      .execute(),
    fetchBuckets(db, week, null, false),
    articleBuckets(db, scanned, now, null),
  ]);
  const rows = new Map<number, SourceHealthOverviewRow & { buckets: ArticleBucket[] }>();
  for (const s of sources) {
    rows.set(s.id, {
      id: s.id,
      name: s.name,
      url: s.url,
      kind: s.kind,
      state: s.state,
      lastPolledAt: s.last_polled_at,
      lastStatus: s.last_status,
      consecutiveErrors: num(s.consecutive_errors),
      lastError: s.last_error,
      articlesPerDay: 0,
      dailyArticles: new Array<number>(days).fill(0),
      fetches: 0,
      fetchErrors: 0,
      errorRate: 0,
      extraction: emptyCounts(),
      extractionRate: null,
      degraded: false,
      degradedReason: null,
      buckets: [],
    });
  }
  for (const b of fetches) {
    const r = rows.get(b.sourceId);
    if (!r) continue;
    r.fetches += b.fetches;
    r.fetchErrors += b.errors;
  }
  for (const b of articles) {
    const r = rows.get(b.sourceId);
    if (!r) continue;
    r.buckets.push(b);
    if (b.day >= sparkFrom) r.dailyArticles[b.day - sparkFrom]! += b.articles;
    if (b.day >= weekFrom) addCounts(r.extraction, b);
  }
  return [...rows.values()].map(({ buckets, ...r }) => {
    const { recent, baseline } = splitRecent(buckets);
    const verdict = assessDegradation(recent, baseline);
    return {
      ...r,
      articlesPerDay: round1(r.extraction.articles / ARTICLES_PER_DAY_WINDOW),
      errorRate: r.fetches === 0 ? 0 : r.fetchErrors / r.fetches,
      extractionRate: rate(r.extraction.bodyFound, r.extraction.articles),
      degraded: verdict.degraded,
      degradedReason: verdict.reasons[0] ?? null,
    };
  });
}
