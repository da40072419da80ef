// fetch/guard: the SSRF guard's pure half. Classifies IP addresses (is this a public unicast
// address, and if not, why), parses the numeric host forms browsers and inet_aton accept
// (`2130706433`, `0x7f.1`, `0177.0.0.1`, `[::ffff:7f00:1]` …) so none of them slips past as
// a "name", and holds the operator's allow-list of hosts and CIDRs. No I/O here: `dns.ts`
// resolves names and applies these checks to the addresses the connection will use.
import { isIP } from 'node:net';
import { FetchError } from './errors.ts';

/** Non-public IPv4 ranges, most specific first, with the reason shown to the operator. */
const V4_RANGES: [string, number, string][] = [
  ['255.255.255.255', 32, 'reserved (limited broadcast)'],
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private (RFC 1918)'],
  ['100.64.0.0', 10, 'carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private (RFC 1918)'],
  ['192.0.0.0', 24, 'reserved (IETF protocol assignments)'],
  ['192.0.2.0', 24, 'documentation (TEST-NET-1)'],
  ['192.88.99.0', 24, 'reserved (6to4 relay anycast)'],
  ['192.168.0.0', 16, 'private (RFC 1918)'],
  ['198.18.0.0', 15, 'benchmarking (RFC 2544)'],
  ['198.51.100.0', 24, 'documentation (TEST-NET-2)'],
  ['203.0.113.0', 24, 'documentation (TEST-NET-3)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved (240/4)'],
];

/** Non-public IPv6 ranges. Forms that carry an IPv4 address (mapped, compatible, NAT64,
 * 6to4) are judged apart, by the IPv4 address they carry. */
const V6_RANGES: [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['64:ff9b:1::', 48, 'local-use NAT64 (private)'],
  // Everything else in ::/8 (e.g. SIIT's ::ffff:0:a.b.c.d) is IETF-reserved, never a site.
  ['::', 8, 'reserved (::/8)'],
  ['100::', 64, 'discard-only (RFC 6666)'],
  ['2001:2::', 48, 'benchmarking'],
  ['2001:10::', 28, 'reserved (ORCHID)'],
  // Teredo tunnels wrap an (obfuscated) IPv4 address we would have to trust; nothing a news
  // site serves from, so refused as a whole.
  ['2001::', 32, 'Teredo tunnel'],
  ['2001:db8::', 32, 'documentation'],
  ['3fff::', 20, 'documentation'],
  ['fc00::', 7, 'unique-local (private)'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local (deprecated, private)'],
  ['ff00::', 8, 'multicast'],
];

interface Range {
  bytes: number[];
  prefix: number;
  reason: string;
}

const V4_PARSED: Range[] = V4_RANGES.map(([a, p, r]) => ({ bytes: ipBytes(a)!, prefix: p, reason: r }));
const V6_PARSED: Range[] = V6_RANGES.map(([a, p, r]) => ({ bytes: ipBytes(a)!, prefix: p, reason: r }));
const NAT64_PREFIX = ipBytes('64:ff9b::')!;

/**
 * Why an address is not a public unicast address, or null when it is public. Accepts
 * canonical IPv4 and IPv6 text (with an optional `%zone`); anything else is 'unparseable'.
 * Reasons are adjectives: "loopback", "private (RFC 1918)", "link-local" …
 */
export function nonPublicReason(address: string): string | null {
  const bytes = ipBytes(address);
  if (!bytes) return 'unparseable';
  if (bytes.length === 4) return V4_PARSED.find((r) => inPrefix(bytes, r.bytes, r.prefix))?.reason ?? null;
  const first10Zero = bytes.slice(0, 10).every((b) => b === 0);
  // ::ffff:a.b.c.d reaches a.b.c.d on a dual-stack socket. No public DNS answer is ever a
  // mapped address, so every one is refused, naming the IPv4 address it hides.
  if (first10Zero && bytes[10] === 0xff && bytes[11] === 0xff) return carried('IPv4-mapped IPv6', bytes.slice(12), true);
  const exact = V6_PARSED.find((r) => r.prefix === 128 && inPrefix(bytes, r.bytes, 128));
  if (exact) return exact.reason;
  // ::a.b.c.d (deprecated IPv4-compatible) — refused whatever it carries, like mapped ones.
  if (first10Zero && bytes[10] === 0 && bytes[11] === 0) return carried('IPv4-compatible IPv6 (deprecated)', bytes.slice(12), true);
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) are routed to the IPv4 address they carry:
  // judge that one, so they are refused exactly when it would be.
  if (inPrefix(bytes, NAT64_PREFIX, 96)) return carried('NAT64', bytes.slice(12, 16), false);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return carried('6to4', bytes.slice(2, 6), false);
  return V6_PARSED.find((r) => inPrefix(bytes, r.bytes, r.prefix))?.reason ?? null;
}

function carried(kind: string, v4: number[], alwaysRefused: boolean): string | null {
  const inner = v4.join('.');
  const reason = nonPublicReason(inner);
  if (alwaysRefused) return reason ? `${kind} (${inner}) form of a ${reason}` : `${kind} (${inner})`;
  return reason ? `${kind} form of a ${reason}, carrying ${inner}` : null;
}

/** True when `addr` lies in the network `net`/`prefix` (both 4 or both 16 bytes). */
export function inPrefix(addr: readonly number[], net: readonly number[], prefix: number): boolean {
  if (addr.length !== net.length) return false;
  for (let bit = 0; bit < prefix; bit += 8) {
    const take = Math.min(8, prefix - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    const i = bit / 8;
    if (((addr[i] ?? 0) & mask) !== ((net[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** A canonical IPv4/IPv6 address as 4 or 16 bytes, or null. Accepts IPv6 with an embedded
 * dotted IPv4 tail and a zone id. Loose numeric IPv4 forms are `parseHostAddress`'s job. */
export function ipBytes(address: string): number[] | null {
  const a = (address.split('%')[0] ?? '').replace(/^\[|\]$/g, '');
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

/** One part of a loose IPv4 host: `0x…` is hex, a leading `0` octal, else decimal. */
const V4_PART = /^(?:0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*)$/;

/**
 * The IP address a URL host denotes, or null when it is a name. Reads the numeric forms
 * the WHATWG URL parser and inet_aton accept — one to four parts, each decimal, octal
 * (leading 0) or hex (0x), the last filling the remaining bytes: `2130706433`, `0x7f.1`,
 * `017700000001`, `127.1`, `0` — and bracketed IPv6 (`[::ffff:7f00:1]`). Returns
 * canonical text (`127.0.0.1`, `::ffff:7f00:1`). A host that looks numeric but overflows
 * (`256.1.1.1`) is reported as 'invalid' rather than passed on as a name.
 */
export function parseHostAddress(host: string): string | 'invalid' | null {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  const [v6, zone] = h.split('%') as [string, string | undefined];
  if (isIP(v6) === 6) {
    // The URL parser's serialisation is the canonical text (RFC 5952); a zone id is kept.
    return new URL(`http://[${v6}]/`).hostname.slice(1, -1) + (zone === undefined ? '' : `%${zone}`);
  }
  if (h.endsWith('.')) h = h.slice(0, -1); // a trailing dot is the DNS root, same host
  const parts = h.split('.');
  if (parts.length > 4 || !parts.every((p) => V4_PART.test(p))) {
    // WHATWG: a host whose last label is numeric must be a valid IPv4 address.
    const last = parts[parts.length - 1] ?? '';
    return /^(?:0[xX][0-9a-fA-F]*|[0-9]+)$/.test(last) && parts.length > 0 ? 'invalid' : null;
  }
  const nums = parts.map((p) => (/^0[xX]/.test(p) ? parseInt(p.slice(2) || '0', 16) : p.length > 1 && p.startsWith('0') ? parseInt(p, 8) : Number(p)));
  const lastIndex = nums.length - 1;
  let value = 0;
  for (let i = 0; i < lastIndex; i++) {
    const n = nums[i]!;
    if (n > 255) return 'invalid';
    value += n * 256 ** (3 - i);
  }
  const last = nums[lastIndex]!;
  if (last >= 256 ** (4 - lastIndex)) return 'invalid';
  value += last;
  return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join('.');
}

// ---------- the operator's allow-list ----------

/** Hosts and networks the operator lets Newsdesk reach although they are not public. */
export interface AllowList {
  /** `*`: every address (a test rig, or a Newsdesk behind its own egress filter). */
  any: boolean;
  hosts: Set<string>;
  cidrs: { bytes: number[]; prefix: number; text: string }[];
}

/**
 * Reads allow-list entries: `*`, host names, addresses and CIDRs (`127.0.0.1`,
 * `10.0.0.0/8`, `[fd00::]/8`). Throws on a CIDR that cannot be read, naming it, so a typo
 * does not silently leave a test server unreachable.
 */
export function parseAllowList(entries: readonly string[]): AllowList {
  const list: AllowList = { any: false, hosts: new Set(), cidrs: [] };
  for (const raw of entries) {
    const item = raw.trim().toLowerCase();
    if (!item) continue;
    if (item === '*') {
      list.any = true;
      continue;
    }
    const slash = item.indexOf('/');
    const addrText = slash < 0 ? item : item.slice(0, slash);
    const literal = parseHostAddress(addrText);
    const bytes = literal && literal !== 'invalid' ? ipBytes(literal) : null;
    if (bytes) {
      const bitsText = slash < 0 ? String(bytes.length * 8) : item.slice(slash + 1);
      const prefix = Number(bitsText);
      if (!/^\d+$/.test(bitsText) || prefix > bytes.length * 8) {
        throw new Error(`allowPrivate entry "${raw}": the prefix length must be 0–${bytes.length * 8}`);
      }
      list.cidrs.push({ bytes, prefix, text: item });
    } else if (slash >= 0 || literal === 'invalid') {
      throw new Error(`allowPrivate entry "${raw}" is neither a host name nor an address/CIDR such as 10.0.0.0/8`);
    } else {
      list.hosts.add(item.replace(/\.$/, ''));
    }
  }
  return list;
}

/** Splits NEWSDESK_ALLOW_PRIVATE (comma-separated) into entries. */
export function splitAllowEnv(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** True when the allow-list lets `host` (as written in the URL) reach `address`. */
export function isAllowed(list: AllowList, host: string, address: string): boolean {
  if (list.any || list.hosts.has(host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, ''))) return true;
  const bytes = ipBytes(address);
  if (!bytes) return false;
  // An IPv4-mapped address is also allowed by a rule for the IPv4 address it carries.
  const mapped = bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  const v4 = mapped ? bytes.slice(12) : null;
  return list.cidrs.some((c) => inPrefix(bytes, c.bytes, c.prefix) || (v4 !== null && inPrefix(v4, c.bytes, c.prefix)));
}

/**
 * Refuses `address` (reached for `url`, whose host is `host`) when it is not public and not
 * allowed. The message names the host, the address, the reason and how to allow it.
 */
export function assertAddressAllowed(url: string, host: string, address: string, allow: AllowList): void {
  const reason = nonPublicReason(address);
  if (!reason || isAllowed(allow, host, address)) return;
  const bare = host.replace(/^\[|\]$/g, '');
  const who = bare === address ? 'it' : bare;
  throw new FetchError(
    'blocked-address',
    url,
    `refusing to fetch ${url}: ${who} is ${address}, a ${reason} address. ` +
      `If this is meant (a test server, a feed on your own network), allow it with ` +
      `NEWSDESK_ALLOW_PRIVATE=${bare} or fetch.allowPrivate (hosts or CIDRs, comma-separated, or *).`,
  );
}
