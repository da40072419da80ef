// fetch/dns: the SSRF guard's network half. A host is resolved once, every address it
// resolves to is checked, and the connection is then made through a `lookup` function that
// hands back exactly those checked addresses — so a DNS server that answers "public" to the
// check and "127.0.0.1" to the connect (DNS rebinding) gains nothing.
import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { FetchError } from './errors.ts';
import { assertAddressAllowed, parseHostAddress, type AllowList } from './guard.ts';

/** Resolves a host name to all its addresses (tests pass their own). */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), every address, in its order. */
export const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/** A host whose addresses have been checked, and the lookup that pins connections to them. */
export interface PinnedHost {
  /** The host name without brackets, as given to http.request. */
  hostname: string;
  /** The checked addresses, in resolver order. */
  addresses: LookupAddress[];
  /** For http.request: answers only with the checked addresses (undefined for IP literals,
   * where Node does not look anything up). */
  lookup: LookupFunction | undefined;
}

/**
 * Resolves the host of `u` once and checks every address against the guard (all must be
 * public or allowed: a name that resolves to one public and one private address is
 * refused, since the connection could use either). Throws FetchError 'blocked-address',
 * 'dns' or 'bad-url'.
 */
export async function resolvePinned(u: URL, allow: AllowList, resolve: Resolver): Promise<PinnedHost> {
  const hostname = u.hostname.replace(/^\[|\]$/g, '');
  const literal = parseHostAddress(hostname);
  if (literal === 'invalid') throw new FetchError('bad-url', u.href, `${u.href}: the host ${hostname} is not a valid IP address`);
  if (literal) {
    assertAddressAllowed(u.href, u.hostname, literal, allow);
    // Connect to the canonical form, never to a text the OS might read differently.
    return { hostname: literal, addresses: [{ address: literal, family: literal.includes(':') ? 6 : 4 }], lookup: undefined };
  }
  let found: { address: string; family: number }[];
  try {
    found = await resolve(hostname);
  } catch (err) {
    const code = (err as { code?: string }).code ?? (err instanceof Error ? err.message : String(err));
    throw new FetchError('dns', u.href, `cannot resolve ${hostname} (${code}): check the host name and the machine's DNS`, { cause: err });
  }
  if (!found.length) throw new FetchError('dns', u.href, `cannot resolve ${hostname}: no addresses`);
  const addresses: LookupAddress[] = [];
  for (const a of found) {
    // A resolver must answer with canonical addresses; anything else is not trusted.
    const canonical = parseHostAddress(a.address);
    if (!canonical || canonical === 'invalid') {
      throw new FetchError('dns', u.href, `${hostname} resolved to ${JSON.stringify(a.address)}, which is not an IP address`);
    }
    assertAddressAllowed(u.href, hostname, canonical, allow);
    addresses.push({ address: canonical, family: canonical.includes(':') ? 6 : 4 });
  }
  return { hostname, addresses, lookup: pinnedLookup(hostname, addresses) };
}

/** A `lookup` for net.connect that answers `hostname` with the given addresses only. */
export function pinnedLookup(hostname: string, addresses: readonly LookupAddress[]): LookupFunction {
  return (name: string, options: LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : [...addresses];
    if (name !== hostname || !wanted.length) {
      const err: NodeJS.ErrnoException = new Error(`pinned lookup: no checked address for ${name}`);
      err.code = 'ENOTFOUND';
      process.nextTick(callback, err, '', 0);
      return;
    }
    // Node 20 asks for all addresses when it races IPv4 and IPv6 (autoSelectFamily).
    if (options.all) process.nextTick(callback, null, wanted);
    else process.nextTick(callback, null, wanted[0]!.address, wanted[0]!.family);
  };
}
