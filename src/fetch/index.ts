// fetch: the only way out to the network. This is the minimal version the CLI needs to
// extract one URL: Node's fetch with a total timeout, a byte cap counted while streaming
// (after decompression), redirects followed by hand (each hop re-checked), an identifying
// User-Agent, and an SSRF guard that refuses private, loopback and other non-public
// addresses.
//
// Not yet here (they come with the full polite fetcher): DNS pinning — we resolve and
// check the host, then let fetch resolve it again, so a rebinding DNS server could still
// swap the address in between; robots.txt; per-host politeness; conditional GET.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { readFileSync } from 'node:fs';

/** Newsdesk's version, from package.json. */
export const VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
})();

/** How Newsdesk introduces itself to the sites it fetches. */
export const USER_AGENT = `Newsdesk/${VERSION} (self-hosted news aggregator; +https://github.com/newsdesk)`;

/** Defaults: generous for one news page, small enough that a bad server cannot hurt. */
export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

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
  /** Hosts/CIDRs allowed even though private; defaults to env NEWSDESK_ALLOW_PRIVATE. */
  allowPrivate?: string;
  /** DNS resolver (tests); defaults to dns.lookup with all addresses. */
  lookup?: (host: string) => Promise<{ address: string; family: number }[]>;
}

/** A fetched page: the raw body bytes and what is needed to decode them. */
export interface FetchedPage {
  bytes: Uint8Array;
  contentType: string | null;
  /** The URL after redirects. */
  finalUrl: string;
  status: number;
}

/** Why a fetch failed, for callers that act on it. */
export type FetchErrorCode =
  | 'bad-url'
  | 'blocked-address'
  | 'dns'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'http-status'
  | 'network';

/** A failed fetch; the message says what happened and what to do. */
export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches one page with a timeout, a byte cap, at most `maxRedirects` redirects and the
 * SSRF guard on every hop. Resolves for any final status (4xx/5xx included: an error page
 * is still a page); rejects with a `FetchError` otherwise.
 */
export async function fetchPage(url: string, opts: FetchOptions = {}): Promise<FetchedPage> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const allow = parseAllowList(opts.allowPrivate ?? process.env.NEWSDESK_ALLOW_PRIVATE ?? '');
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
    ...lowerKeys(opts.headers ?? {}),
  };

  let current = parseHttpUrl(url);
  for (let hop = 0; ; hop++) {
    await assertPublicHost(current, allow, opts.lookup);
    let res: Response;
    try {
      res = await fetch(current, { redirect: 'manual', headers, signal });
    } catch (err) {
      throw networkError(err, current.href, timeout, timeoutMs);
    }
    if (REDIRECT_STATUSES.has(res.status)) {
      const location = res.headers.get('location');
      await res.body?.cancel().catch(() => undefined);
      if (!location) {
        throw new FetchError('http-status', current.href, `${current.href} answered ${res.status} without a Location header`);
      }
      if (hop >= maxRedirects) {
        throw new FetchError('too-many-redirects', url, `${url}: more than ${maxRedirects} redirects (last to ${location}); open it in a browser to see the loop`);
      }
      current = parseHttpUrl(new URL(location, current).href);
      continue;
    }
    const bytes = await readCapped(res, current.href, maxBytes, timeout, timeoutMs);
    return { bytes, contentType: res.headers.get('content-type'), finalUrl: current.href, status: res.status };
  }
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

function parseHttpUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new FetchError('bad-url', raw, `not a URL: ${raw} (give an absolute http:// or https:// URL)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new FetchError('bad-url', raw, `refusing ${u.protocol} URL ${raw}: only http and https are fetched`);
  }
  if (u.username || u.password) {
    throw new FetchError('bad-url', raw, `refusing ${u.host} URL with credentials in it: remove the user:password@ part`);
  }
  return u;
}

/** Reads the body, counting bytes as they arrive and stopping at `maxBytes`. */
async function readCapped(res: Response, url: string, maxBytes: number, timeout: AbortSignal, timeoutMs: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes && !res.headers.get('content-encoding')) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(url, maxBytes);
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(url, maxBytes);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    throw networkError(err, url, timeout, timeoutMs);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function tooLarge(url: string, maxBytes: number): FetchError {
  return new FetchError('too-large', url, `${url}: body larger than ${Math.round(maxBytes / 1024 / 1024)} MiB, not fetched (not an article page)`);
}

function networkError(err: unknown, url: string, timeout: AbortSignal, timeoutMs: number): FetchError {
  if (timeout.aborted) return new FetchError('timeout', url, `${url}: no complete answer within ${timeoutMs / 1000} s`);
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  const detail = e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
  return new FetchError('network', url, `${url}: ${detail} (check the address and your network)`);
}

// ---------- SSRF guard ----------

/** An allow-list from NEWSDESK_ALLOW_PRIVATE: `*`, host names, addresses and CIDRs. */
interface AllowList {
  any: boolean;
  hosts: Set<string>;
  cidrs: { bytes: number[]; prefix: number }[];
}

function parseAllowList(spec: string): AllowList {
  const list: AllowList = { any: false, hosts: new Set(), cidrs: [] };
  for (const raw of spec.split(',')) {
    const item = raw.trim().toLowerCase();
    if (!item) continue;
    if (item === '*') {
      list.any = true;
      continue;
    }
    const [addr, bits] = item.split('/');
    const bytes = addr ? ipBytes(addr.replace(/^\[|\]$/g, '')) : null;
    if (bytes) {
      const prefix = bits === undefined ? bytes.length * 8 : Number(bits);
      if (Number.isInteger(prefix) && prefix >= 0 && prefix <= bytes.length * 8) list.cidrs.push({ bytes, prefix });
    } else {
      list.hosts.add(item);
    }
  }
  return list;
}

function allowed(list: AllowList, host: string, address: string): boolean {
  if (list.any || list.hosts.has(host.toLowerCase())) return true;
  const bytes = ipBytes(address);
  return !!bytes && list.cidrs.some((c) => c.bytes.length === bytes.length && inPrefix(bytes, c.bytes, c.prefix));
}

/** Resolves the URL's host (all addresses) and refuses it if any address is not public,
 * unless the allow-list permits it. */
async function assertPublicHost(u: URL, allow: AllowList, lookup: FetchOptions['lookup']): Promise<void> {
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      const found = lookup ? await lookup(host) : await dnsLookup(host, { all: true, verbatim: true });
      addresses = found.map((a) => a.address);
    } catch (err) {
      const code = (err as { code?: string }).code ?? String(err);
      throw new FetchError('dns', u.href, `cannot resolve ${host} (${code}): check the host name`);
    }
    if (!addresses.length) throw new FetchError('dns', u.href, `cannot resolve ${host}: no addresses`);
  }
  for (const address of addresses) {
    const reason = nonPublicReason(address);
    if (reason && !allowed(allow, host, address)) {
      throw new FetchError(
        'blocked-address',
        u.href,
        `refusing to fetch ${u.href}: ${host === address ? 'it' : host} is ${address}, a ${reason} address. ` +
          `To allow it (e.g. a test server), set NEWSDESK_ALLOW_PRIVATE=${host} (hosts or CIDRs, comma-separated, or *).`,
      );
    }
  }
}

/** Non-public IPv4 ranges, with the reason shown to the operator. */
const V4_RANGES: [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private (RFC 1918)'],
  ['100.64.0.0', 10, 'carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private (RFC 1918)'],
  ['192.0.0.0', 24, 'reserved (IETF protocol assignments)'],
  ['192.0.2.0', 24, 'documentation (TEST-NET-1)'],
  ['192.168.0.0', 16, 'private (RFC 1918)'],
  ['198.18.0.0', 15, 'benchmarking (RFC 2544)'],
  ['198.51.100.0', 24, 'documentation (TEST-NET-2)'],
  ['203.0.113.0', 24, 'documentation (TEST-NET-3)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved (incl. broadcast)'],
];

/** Non-public IPv6 ranges. IPv4-mapped/-compatible and NAT64/6to4 forms are handled apart. */
const V6_RANGES: [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['100::', 64, 'discard-only (RFC 6666)'],
  ['2001:db8::', 32, 'documentation'],
  ['fc00::', 7, 'unique-local (private)'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local (deprecated, private)'],
  ['ff00::', 8, 'multicast'],
];

const V4_PARSED = V4_RANGES.map(([a, p, r]) => ({ bytes: ipBytes(a)!, prefix: p, reason: r }));
const V6_PARSED = V6_RANGES.map(([a, p, r]) => ({ bytes: ipBytes(a)!, prefix: p, reason: r }));

/** Why an address is not a public unicast address, or null when it is public. */
export function nonPublicReason(address: string): string | null {
  const bytes = ipBytes(address);
  if (!bytes) return 'unparseable';
  if (bytes.length === 4) return V4_PARSED.find((r) => inPrefix(bytes, r.bytes, r.prefix))?.reason ?? null;
  const first10Zero = bytes.slice(0, 10).every((b) => b === 0);
  if (first10Zero && bytes[10] === 0xff && bytes[11] === 0xff) return `IPv4-mapped IPv6 (${bytes.slice(12).join('.')})`;
  const v6 = V6_PARSED.find((r) => inPrefix(bytes, r.bytes, r.prefix));
  if (v6) return v6.reason;
  if (first10Zero && bytes[10] === 0 && bytes[11] === 0) return 'IPv4-compatible IPv6 (deprecated)';
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address: judge that one.
  const nat64 = ipBytes('64:ff9b::')!;
  if (inPrefix(bytes, nat64, 96)) return embedded(bytes.slice(12, 16), 'NAT64');
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return embedded(bytes.slice(2, 6), '6to4');
  return null;
}

function embedded(v4: number[], kind: string): string | null {
  const r = nonPublicReason(v4.join('.'));
  return r ? `${kind} form of a ${r}` : null;
}

function inPrefix(addr: number[], net: number[], prefix: number): boolean {
  if (addr.length !== net.length) return false;
  for (let bit = 0; bit < prefix; bit += 8) {
    const take = Math.min(8, prefix - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    const i = bit / 8;
    if (((addr[i] ?? 0) & mask) !== ((net[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** An IP address as 4 or 16 bytes, or null. Accepts IPv6 with an embedded dotted IPv4
 * tail and a zone id. */
function ipBytes(address: string): number[] | null {
  const a = address.split('%')[0] ?? '';
  const kind = isIP(a);
  if (kind === 4) return a.split('.').map(Number);
  if (kind !== 6) return null;
  let text = a.toLowerCase();
  let tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    tail = dotted[1]!.split('.').map(Number);
    text = text.slice(0, -dotted[1]!.length) + '0:0'; // two placeholder groups, replaced below
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const groups = (s: string | undefined): string[] => (s ? s.split(':').filter((g) => g !== '') : []);
  const h = groups(head);
  const r = groups(rest);
  const fill = rest === undefined ? [] : new Array<string>(8 - h.length - r.length).fill('0');
  const all = [...h, ...fill, ...r];
  if (all.length !== 8) return null;
  const out: number[] = [];
  for (const g of all) {
    const n = parseInt(g, 16);
    out.push(n >> 8, n & 0xff);
  }
  if (tail.length) out.splice(12, 4, ...tail);
  return out;
}
