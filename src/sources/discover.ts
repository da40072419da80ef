// discover: the feeds of a site, from any of its pages. First the page's own
// <link rel="alternate"> feed links (what browsers and readers use), then — only when
// the page names none that work — the paths feeds conventionally live at. Every
// candidate is fetched and must parse as a feed before it is reported.
import { attr, byTag, parseHtml } from '../extract/dom.ts';
import { FeedError, parseFeed, type FeedFormat } from '../feeds/index.ts';
import { resolveUrl } from '../feeds/xml.ts';

/** A feed link found in a page. */
export interface FeedLink {
  url: string;
  title: string | null;
  type: string | null;
}

/** A feed confirmed by fetching and parsing it. */
export interface DiscoveredFeed extends FeedLink {
  format: FeedFormat;
  entries: number;
  /** How it was found. */
  via: 'self' | 'link' | 'common-path';
}

/** What discovery needs from the fetcher (src/fetch's fetchPage fits). */
export type Get = (url: string) => Promise<{ status: number; bytes: Uint8Array; contentType: string | null; finalUrl: string }>;

/** Media types of feeds in <link rel="alternate" type=…>. */
const FEED_TYPE_RE = /^\s*application\/(?:rss|atom|rdf|feed)\+(?:xml|json)\s*(?:;|$)|^\s*application\/(?:rss\+)?xml\s*(?:;|$)|^\s*text\/xml\s*(?:;|$)|^\s*application\/json\s*(?:;|$)/i;
/** Where feeds conventionally live, tried in order against the site root (and the
 * page's own path for blogs hosted in a folder). */
export const COMMON_FEED_PATHS = ['/feed', '/rss', '/rss.xml', '/atom.xml', '/feed.xml', '/index.xml', '/feeds/posts/default', '/feed/', '/index.rss', '/rss/index.xml', '/?feed=rss2'];
/** At most this many link candidates are fetched: a page listing more is a directory. */
const MAX_LINK_CANDIDATES = 10;

/** The feed links a page declares, absolute, deduplicated, in page order. Pure. */
export function findFeedLinks(html: string, pageUrl: string): FeedLink[] {
  const doc = parseHtml(html);
  const baseEl = byTag(doc, 'base')[0];
  const base = (baseEl && resolveUrl(attr(baseEl, 'href'), pageUrl)) || pageUrl;
  const out: FeedLink[] = [];
  const seen = new Set<string>();
  for (const l of byTag(doc, 'link')) {
    const rel = (attr(l, 'rel') ?? '').toLowerCase().split(/\s+/);
    const type = attr(l, 'type') ?? '';
    const href = attr(l, 'href');
    if (!href?.trim() || !rel.includes('alternate') || !FEED_TYPE_RE.test(type)) continue;
    if (rel.includes('stylesheet')) continue;
    const url = resolveUrl(href, base);
    if (!url || !/^https?:/i.test(url) || seen.has(url)) continue;
    seen.add(url);
    out.push({ url, title: attr(l, 'title')?.trim() || null, type: type.trim().toLowerCase() || null });
  }
  return out;
}

/**
 * Finds the feeds of the site `pageUrl` belongs to. Returns [] when there are none;
 * throws only when the page itself cannot be fetched (the error of `get`).
 */
export async function discoverFeeds(pageUrl: string, get: Get): Promise<DiscoveredFeed[]> {
  const page = await get(pageUrl);
  if (page.status >= 400) throw new Error(`discovery: ${pageUrl} answered HTTP ${page.status}; check the address`);
  // The URL may already be a feed.
  const self = tryParse(page.bytes, page.contentType, page.finalUrl);
  if (self) return [{ url: page.finalUrl, title: self.title, type: page.contentType, format: self.format, entries: self.entries, via: 'self' }];

  const html = new TextDecoder().decode(page.bytes);
  const found: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  for (const link of findFeedLinks(html, page.finalUrl).slice(0, MAX_LINK_CANDIDATES)) {
    const ok = await check(link.url, get);
    if (ok && !seen.has(ok.url)) {
      seen.add(ok.url);
      found.push({ ...link, url: ok.url, title: link.title ?? ok.title, format: ok.format, entries: ok.entries, via: 'link' });
    }
  }
  if (found.length) return found;

  for (const url of commonCandidates(page.finalUrl)) {
    const ok = await check(url, get);
    if (ok && !seen.has(ok.url)) {
      seen.add(ok.url);
      found.push({ url: ok.url, title: ok.title, type: ok.contentType, format: ok.format, entries: ok.entries, via: 'common-path' });
      break; // one conventional feed is the answer; the others are usually aliases
    }
  }
  return found;
}

function commonCandidates(pageUrl: string): string[] {
  const u = new URL(pageUrl);
  const out: string[] = [];
  const dir = u.pathname.replace(/[^/]*$/, '');
  for (const p of COMMON_FEED_PATHS) out.push(new URL(p, u.origin).href);
  if (dir !== '/') for (const p of COMMON_FEED_PATHS) out.push(new URL(p.replace(/^\//, ''), u.origin + dir).href);
  return [...new Set(out)];
}

async function check(url: string, get: Get): Promise<{ url: string; title: string | null; format: FeedFormat; entries: number; contentType: string | null } | null> {
  try {
    const r = await get(url);
    if (r.status >= 400) return null;
    const p = tryParse(r.bytes, r.contentType, r.finalUrl);
    return p ? { url: r.finalUrl, contentType: r.contentType, ...p } : null;
  } catch {
    return null; // a candidate that cannot be fetched is simply not a feed
  }
}

function tryParse(bytes: Uint8Array, contentType: string | null, url: string): { title: string | null; format: FeedFormat; entries: number } | null {
  try {
    const f = parseFeed(bytes, { url, contentType });
    if (f.format === 'sitemap' || f.format === 'sitemap-index') return null; // not what a reader subscribes to
    return { title: f.title, format: f.format, entries: f.entries.length };
  } catch (err) {
    if (err instanceof FeedError) return null;
    throw err;
  }
}
