// feeds: RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1, sitemaps, sitemap indexes
// and Google News sitemaps, parsed into one Entry shape; plus entries from section pages
// of sites without a feed.
//
// XML formats go through our own forgiving tree (xml.ts, on htmlparser2) rather than
// feedsmith: the conformance corpus needs per-element xml:base, the exact text/html/xhtml
// typing of every text construct, entities decoded once under our control, tolerance of
// ill-formed feeds (bare `&`, HTML entities, truncation) and a DOCTYPE guard — feedsmith
// keeps xml:base only per feed/entry, stops on ill-formed XML, and is slower than the
// tree (bench/feeds.ts measures both). The format is sniffed from the content, never
// taken from the URL or the Content-Type.
import { decodeXml } from '../fetch/xml-charset.ts';
import { readAtomEntry, readAtomFeed } from './atom.ts';
import { parseDate } from './dates.ts';
import { cleanLang, finishEntry, safeLink, type RawEntry } from './entry.ts';
import { readJsonFeed, readJsonItem } from './json.ts';
import { readRssChannel, readRssItem, type RawFeed } from './rss.ts';
import { readSitemapIndex, readSitemapUrl, sitemapUrls } from './sitemap.ts';
import { FeedError, type Entry, type FeedFormat, type ParseFeedOptions, type ParsedFeed } from './types.ts';
import { XmlRefused, parseXml, type XNode, type XmlDocument } from './xml.ts';

export { FeedError, type Entry, type EntryImage, type FeedFormat, type ParseFeedOptions, type ParsedFeed } from './types.ts';
export { entriesFromSectionPage } from './section.ts';
export { parseDate } from './dates.ts';

/** Entries kept from one feed by default. A news feed carries tens to hundreds; a feed
 * with more is an archive dump, and the newest are the ones worth reading. */
export const DEFAULT_MAX_ENTRIES = 10_000;
/** Larger documents are refused before parsing (the fetcher caps bodies at 10 MiB). */
export const MAX_FEED_CHARS = 64 * 1024 * 1024;

const JSON_START_RE = /^\s*[{[]/;
const ROOTS: Readonly<Record<string, FeedFormat>> = {
  rss: 'rss',
  channel: 'rss', // RSS 0.9x written without the <rss> wrapper
  'rdf:rdf': 'rdf',
  rdf: 'rdf',
  feed: 'atom',
  'atom:feed': 'atom',
  'atom03:feed': 'atom',
  urlset: 'sitemap',
  sitemapindex: 'sitemap-index',
};
const HTML_ROOT_RE = /^(?:[\w-]+:)?(?:html|head|body)$/;

/**
 * Parses a feed (text, or bytes decoded with the XML charset rules) into a ParsedFeed.
 * Throws FeedError when the input is not a feed (an HTML page, JSON that is not a JSON
 * Feed, an empty document) or is refused (an XML bomb, an oversize document).
 */
export function parseFeed(input: string | Uint8Array, opts: ParseFeedOptions = {}): ParsedFeed {
  const url = opts.url ?? null;
  const now = opts.now ?? new Date();
  const maxEntries = opts.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeXml(input, opts.contentType).text;
  if (text.length > MAX_FEED_CHARS) {
    throw new FeedError(`feed refused: ${text.length} characters is more than the ${MAX_FEED_CHARS} a feed may have`);
  }
  const headerLang = opts.contentLanguage?.split(',')[0]?.trim() || null;
  const parsed = parseText(text, url, now, maxEntries);
  if (!parsed.lang && headerLang) parsed.lang = cleanLang(headerLang);
  return parsed;
}

function parseText(text: string, url: string | null, now: Date, maxEntries: number): ParsedFeed {
  if (JSON_START_RE.test(text)) return parseJson(text, url, now, maxEntries);
  if (looksBinary(text)) throw new FeedError('not a feed: the response is binary data, not text (a wrong URL, or a broken server)');

  let doc: XmlDocument;
  try {
    doc = parseXml(text, url);
  } catch (err) {
    if (err instanceof XmlRefused) throw new FeedError(`feed refused: ${err.message}`);
    throw err;
  }
  const root = doc.root;
  if (!root) throw new FeedError('not a feed: the document is empty or has no XML element; check the URL');
  const format = ROOTS[root.name];
  if (!format) {
    if (HTML_ROOT_RE.test(root.name)) {
      throw new FeedError('not a feed: this is an HTML page; run discovery on it (newsdesk discover URL) to find its feeds');
    }
    throw new FeedError(`not a feed: the root element is <${printable(root.name)}>, not rss, RDF, Atom feed, urlset or sitemapindex`);
  }
  return parseXmlFeed(doc, root, format, url, now, maxEntries);
}

function parseXmlFeed(doc: XmlDocument, root: XNode, format: FeedFormat, url: string | null, now: Date, maxEntries: number): ParsedFeed {
  if (format === 'sitemap-index') {
    return { format, title: null, link: null, lang: null, ttlSeconds: null, entries: [], sitemaps: readSitemapIndex(root) };
  }
  if (format === 'sitemap') {
    const raws = sitemapUrls(root).map(readSitemapUrl).filter((r): r is RawEntry => r !== null);
    return finish({ format, title: null, link: null, lang: null, ttlSeconds: null }, raws, now, maxEntries);
  }
  let feed: RawFeed;
  let raws: RawEntry[];
  if (format === 'atom') {
    feed = readAtomFeed(doc, root);
    raws = feed.items.map((e) => readAtomEntry(doc, root, e, feed));
  } else {
    feed = readRssChannel(doc, root);
    const lang = feed.lang;
    raws = feed.items.map((i) => readRssItem(doc, i, lang));
  }
  return finish({ format, title: feed.title, link: feed.link, lang: feed.lang, ttlSeconds: feed.ttlSeconds }, raws, now, maxEntries);
}

function parseJson(text: string, url: string | null, now: Date, maxEntries: number): ParsedFeed {
  const feed = readJsonFeed(text, url);
  const raws = feed.rawItems.map((i) => readJsonItem(i, feed, url));
  return finish({ format: 'json', title: feed.title, link: feed.link, lang: feed.lang, ttlSeconds: null }, raws, now, maxEntries);
}

function finish(head: Omit<ParsedFeed, 'entries'>, raws: RawEntry[], now: Date, maxEntries: number): ParsedFeed {
  let kept = raws;
  let dropped = 0;
  if (raws.length > maxEntries) {
    kept = newest(raws, maxEntries);
    dropped = raws.length - kept.length;
  }
  const entries: Entry[] = kept.map((r) => finishEntry(r, now));
  const out: ParsedFeed = { ...head, link: safeLink(head.link), lang: cleanLang(head.lang), entries };
  if (dropped) out.droppedEntries = dropped;
  return out;
}

/** The `n` newest entries (by published, else updated date; undated ones count as
 * oldest), kept in feed order. */
function newest(raws: RawEntry[], n: number): RawEntry[] {
  const keyed = raws.map((r, i) => ({ i, t: parseDate(r.published ?? r.updated)?.getTime() ?? -Infinity }));
  keyed.sort((a, b) => b.t - a.t || a.i - b.i);
  const keep = new Set(keyed.slice(0, Math.max(0, n)).map((k) => k.i));
  return raws.filter((_, i) => keep.has(i));
}

/** Control characters (other than tab, newline, carriage return) or U+FFFD in the first
 * kilobyte: text feeds have none, binary bodies are full of them. */
const BINARY_RE = /[\u0000-\u0008\u000e-\u001f\ufffd]/g;

function looksBinary(text: string): boolean {
  const head = text.slice(0, 1024);
  return head.length > 0 && (head.match(BINARY_RE)?.length ?? 0) > head.length / 20;
}

/** A name as an operator can read it in a message (no control characters, bounded). */
function printable(name: string): string {
  const clean = name.replace(/[^\p{L}\p{N}:_.-]/gu, '?');
  return clean.length > 40 ? clean.slice(0, 40) + '…' : clean;
}
