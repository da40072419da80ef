// canonical: the URL normaliser behind deduplication. Two URLs that name the same article
// must normalise to the same string; two different articles must not. So we strip what
// only tracks the reader (utm_*, fbclid, gclid, …), sort the query, drop the fragment and
// default ports and lower-case the host — and keep everything else, because many news
// sites put the article id in the query (?id=123, ?p=456).
import normalizeUrl from 'normalize-url';
import { getDomain } from 'tldts';

/**
 * Query parameters that identify a campaign, a click or a share, never the page. Each is a
 * full-name match (case-insensitive).
 */
export const TRACKING_PARAMS: readonly RegExp[] = [
  /^utm_\w+$/i, // Google Analytics campaigns
  /^(fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|li_fat_id|igshid|igsh)$/i, // ad/social click ids
  /^(mc_cid|mc_eid)$/i, // Mailchimp
  /^(_ga|_gl|_hsenc|_hsmi|mkt_tok|vero_id|oly_anon_id|oly_enc_id|rb_clickid|s_cid|wt_mc|wt_zmc)$/i, // analytics/email tools
  /^(ref|ref_src|ref_url|referrer|referer)$/i, // "who sent you"
  /^(at_medium|at_campaign|at_custom\d*|at_ptr_name|at_link_id|at_bbc_team|at_format|at_link_origin|at_link_type)$/i, // AT Internet (BBC)
  /^(xtor|ito|ns_mchannel|ns_source|ns_campaign|ns_linkname|ns_fee)$/i, // AT Internet/Comscore (French and UK press)
  /^(cmpid|ocid|smid|smtyp|sr_share|share|taid|ftag|cid_source|fromshare|tpcc|ncid)$/i, // publishers' share/campaign tags
  /^__twitter_impression$/i,
];

/** Thrown when a string is not an http(s) URL the store can key on. */
export class UrlError extends Error {
  override name = 'UrlError';
}

/**
 * Normalises an article, feed or page URL for deduplication: tracking parameters removed,
 * query sorted, fragment dropped, default port dropped, host lower-cased, trailing slash
 * removed. Keeps the scheme and `www.` (they can name different sites). Throws `UrlError`
 * for anything that is not an absolute http(s) URL.
 */
export function canonicalizeUrl(url: string): string {
  const trimmed = String(url ?? '').trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new UrlError(`not an absolute URL: ${JSON.stringify(trimmed.slice(0, 200))} (give a full http:// or https:// address)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UrlError(`not an http(s) URL: ${JSON.stringify(trimmed.slice(0, 200))}`);
  }
  return normalizeUrl(parsed.href, {
    stripWWW: false,
    stripHash: true,
    stripTextFragment: true,
    removeQueryParameters: TRACKING_PARAMS,
    sortQueryParameters: true,
    removeTrailingSlash: true,
    removeSingleSlash: true,
    removeDirectoryIndex: false,
    stripAuthentication: true,
    normalizeProtocol: false,
  });
}

/** `canonicalizeUrl`, or null for a missing or unusable URL. */
export function tryCanonicalizeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return canonicalizeUrl(url);
  } catch {
    return null;
  }
}

/** What an article is keyed on, and what its page claims beyond that. */
export interface ArticleKey {
  /** The dedup key (unique in the articles table). */
  key: string;
  /** A canonical on another site (a syndicated copy points at the original), else null. */
  originalUrl: string | null;
}

/**
 * Chooses the dedup key for an article from the URL it was fetched at and the canonical it
 * declares (rel=canonical / og:url, as extracted). The canonical wins, except when it
 * would merge articles that are not the same:
 * - a canonical on another registrable domain: a syndicated copy is its own article here
 *   (the stories stage links copies), so we key on the page's own URL and remember the
 *   original;
 * - a canonical that is the site's home page while the page is deeper: a common template
 *   bug that would fold a whole site into one article.
 * Returns null when neither URL is usable.
 */
export function articleKey(url: string | null | undefined, canonicalUrl: string | null | undefined): ArticleKey | null {
  const own = tryCanonicalizeUrl(url);
  const claimed = tryCanonicalizeUrl(canonicalUrl);
  if (!claimed) return own ? { key: own, originalUrl: null } : null;
  if (!own) return { key: claimed, originalUrl: null };
  const ownUrl = new URL(own);
  const claimedUrl = new URL(claimed);
  if (siteOf(ownUrl) !== siteOf(claimedUrl)) return { key: own, originalUrl: claimed };
  if (isHomePage(claimedUrl) && !isHomePage(ownUrl)) return { key: own, originalUrl: null };
  return { key: claimed, originalUrl: null };
}

/** The registrable domain (example.co.uk), or the host itself for IPs and localhost. */
function siteOf(u: URL): string {
  return getDomain(u.hostname, { allowPrivateDomains: true }) ?? u.hostname;
}

function isHomePage(u: URL): boolean {
  return (u.pathname === '/' || u.pathname === '') && u.search === '';
}
