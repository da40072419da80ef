// fetch/cache: reads what a server says about freshness and about coming back later —
// Cache-Control max-age, Expires, Retry-After — into plain seconds for the scheduler
// (src/jobs/schedule.ts treats them as lower bounds on the next poll). Pure functions.

/** Longest hint accepted: a year. A larger value is a misconfiguration, not a plan. */
const MAX_HINT_SECONDS = 365 * 24 * 3600;

type HeaderValue = string | string[] | undefined;

function one(v: HeaderValue): string | null {
  if (v === undefined) return null;
  return Array.isArray(v) ? v.join(', ') : v;
}

/** An HTTP date (IMF-fixdate, RFC 850 or asctime, all of which Date.parse reads) in ms. */
function httpDate(text: string): number | null {
  const t = Date.parse(text.trim());
  return Number.isFinite(t) ? t : null;
}

function clamp(seconds: number): number {
  return Math.min(MAX_HINT_SECONDS, Math.max(0, Math.round(seconds)));
}

/**
 * Seconds the response stays fresh: `Cache-Control: max-age` (minus `Age`) when given,
 * else `Expires` minus the server's `Date` (or now). `no-store` and `no-cache` mean "ask
 * every time" and give null, as does a response without either header. An unreadable
 * Expires (often "0" or "-1") means already expired: 0.
 */
export function freshnessSeconds(headers: { 'cache-control'?: HeaderValue; expires?: HeaderValue; date?: HeaderValue; age?: HeaderValue }, now = Date.now()): number | null {
  const cc = (one(headers['cache-control']) ?? '').toLowerCase();
  const directives = new Map<string, string | null>();
  for (const part of cc.split(',')) {
    const [name, value] = part.split('=', 2) as [string, string | undefined];
    const key = name.trim();
    if (key) directives.set(key, value === undefined ? null : value.trim().replace(/^"|"$/g, ''));
  }
  if (directives.has('no-store') || directives.has('no-cache')) return null;
  const ageText = one(headers.age);
  const age = ageText && /^\s*\d+\s*$/.test(ageText) ? Number(ageText) : 0;
  const maxAge = directives.get('max-age');
  if (maxAge !== undefined && maxAge !== null && /^\d+$/.test(maxAge)) return clamp(Number(maxAge) - age);
  const expires = one(headers.expires);
  if (expires === null) return null;
  const at = httpDate(expires);
  if (at === null) return 0;
  const dateText = one(headers.date);
  const serverDate = dateText ? httpDate(dateText) : null;
  return clamp((at - (serverDate ?? now)) / 1000 - age);
}

/** `Retry-After` in seconds from now: delay-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterSeconds(value: HeaderValue, now = Date.now()): number | null {
  const text = one(value)?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return clamp(Number(text));
  // An HTTP date always names its month; Date.parse would also take '-5' as a year.
  const at = /[a-z]/i.test(text) ? httpDate(text) : null;
  return at === null ? null : clamp((at - now) / 1000);
}
