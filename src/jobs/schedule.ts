// When to poll a source next. Pure functions: the pipeline hands in what it saw (how often
// the source publishes, what the server said about caching, how many errors in a row) and
// gets back a time. Kept free of I/O so the policy can be read and tested on its own.

/** Bounds and shape of the adaptive interval. */
export interface SchedulePolicy {
  /** Never poll more often than this, whatever the source says (seconds). */
  minIntervalSeconds: number;
  /** Never wait longer than this between polls of a healthy source (seconds). */
  maxIntervalSeconds: number;
  /** How far back publishing frequency is measured (seconds). */
  windowSeconds: number;
  /** Spread of the random jitter, as a fraction of the interval (0.1 = ±10%). */
  jitter: number;
  /** First retry delay after an error; doubles with each further error (seconds). */
  errorBaseSeconds: number;
  /** Longest back-off after errors (seconds). */
  maxBackoffSeconds: number;
}

export const DEFAULT_POLICY: SchedulePolicy = {
  minIntervalSeconds: 5 * 60,
  maxIntervalSeconds: 24 * 3600,
  windowSeconds: 7 * 24 * 3600,
  jitter: 0.1,
  errorBaseSeconds: 5 * 60,
  maxBackoffSeconds: 24 * 3600,
};

/** What the last successful poll told us. */
export interface PollSuccess {
  /** Publication (or first-seen) times of the source's recent entries. */
  recentEntryTimes: readonly Date[];
  /** `Cache-Control: max-age` or `Expires`, in seconds from now. */
  maxAgeSeconds?: number | null;
  /** RSS `<ttl>` (in seconds; the feed states minutes). */
  ttlSeconds?: number | null;
  /** `Retry-After` on a successful response, rare but honoured. */
  retryAfterSeconds?: number | null;
}

/** What the last failed poll told us. */
export interface PollFailure {
  /** Errors in a row, including this one (1 for the first). */
  consecutiveErrors: number;
  /** HTTP status, when the server answered. */
  status?: number | null;
  retryAfterSeconds?: number | null;
}

/** The scheduler's answer. */
export interface NextPoll {
  nextPollAt: Date;
  /** The interval chosen before jitter (seconds), for display in `sources list`. */
  intervalSeconds: number;
  /** Set when the source should stop being polled until an operator resumes it. */
  pause?: 'gone';
  /** Which rule set the interval, for operators ("frequency", "cache", "ttl", "retry-after", "backoff"). */
  reason: string;
}

/**
 * The interval that matches how often a source publishes: if it published k entries in
 * the window, expect the next one in window/k, and poll at that pace. A source that posts
 * every few minutes is polled every 5 minutes; one that posts weekly, once a day.
 */
export function frequencyInterval(times: readonly Date[], now: Date, policy: SchedulePolicy = DEFAULT_POLICY): number {
  const since = now.getTime() - policy.windowSeconds * 1000;
  let count = 0;
  for (const t of times) {
    const ms = t.getTime();
    // Future-dated entries are the feed's mistake; they say nothing about frequency.
    if (ms >= since && ms <= now.getTime()) count++;
  }
  if (count === 0) return policy.maxIntervalSeconds;
  return clamp(policy.windowSeconds / count, policy.minIntervalSeconds, policy.maxIntervalSeconds);
}

/** When to poll again after a successful poll. `random` is injectable for tests. */
export function afterSuccess(
  now: Date,
  seen: PollSuccess,
  policy: SchedulePolicy = DEFAULT_POLICY,
  random: () => number = Math.random,
): NextPoll {
  let interval = frequencyInterval(seen.recentEntryTimes, now, policy);
  let reason = 'frequency';
  // The server's own hints are lower bounds: polling sooner would only fetch the cache.
  for (const [hint, name] of [
    [seen.maxAgeSeconds, 'cache'],
    [seen.ttlSeconds, 'ttl'],
    [seen.retryAfterSeconds, 'retry-after'],
  ] as const) {
    if (hint != null && Number.isFinite(hint) && hint > interval) {
      interval = Math.min(hint, policy.maxIntervalSeconds);
      reason = name;
    }
  }
  const wait = jittered(interval, policy, random, reason !== 'frequency');
  return { nextPollAt: at(now, wait), intervalSeconds: Math.round(interval), reason };
}

/**
 * When to poll again after a failed poll: exponential back-off (5 min, 10, 20 … up to
 * 24 h), never sooner than the server's Retry-After. `410 Gone` pauses the source: the
 * publisher has said the feed will not come back.
 */
export function afterFailure(
  now: Date,
  failed: PollFailure,
  policy: SchedulePolicy = DEFAULT_POLICY,
  random: () => number = Math.random,
): NextPoll {
  const errors = Math.max(1, Math.floor(failed.consecutiveErrors));
  // 2^(errors-1) overflows to Infinity long before it matters; clamp handles that.
  let interval = clamp(policy.errorBaseSeconds * 2 ** (errors - 1), policy.errorBaseSeconds, policy.maxBackoffSeconds);
  let reason = 'backoff';
  const retryAfter = failed.retryAfterSeconds;
  if (retryAfter != null && Number.isFinite(retryAfter) && retryAfter > interval) {
    interval = Math.min(retryAfter, policy.maxBackoffSeconds);
    reason = 'retry-after';
  }
  const wait = jittered(interval, policy, random, reason === 'retry-after');
  const next: NextPoll = { nextPollAt: at(now, wait), intervalSeconds: Math.round(interval), reason };
  if (failed.status === 410) {
    next.pause = 'gone';
    next.reason = 'gone';
  }
  return next;
}

/**
 * Jitter spreads sources that were added together. When the interval is a server's hint
 * (a lower bound), it only ever adds time; and it never goes below the policy's floor.
 */
function jittered(seconds: number, policy: SchedulePolicy, random: () => number, upwardOnly: boolean): number {
  const spread = seconds * policy.jitter;
  const r = upwardOnly ? random() : random() * 2 - 1;
  return Math.max(policy.minIntervalSeconds, seconds + r * spread);
}

function at(now: Date, seconds: number): Date {
  return new Date(now.getTime() + Math.round(seconds * 1000));
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
