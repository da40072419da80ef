// types: the one shape every feed format becomes (Entry, ParsedFeed), the options of
// parseFeed, and FeedError for input that is not a feed.

/** An image attached to an entry (enclosure, media:content/thumbnail, itunes:image, JSON
 * Feed image/banner_image, sitemap image:image). */
export interface EntryImage {
  url: string;
  type: string | null;
  width: number | null;
  height: number | null;
  caption: string | null;
}

/** One item of a feed, whatever the format. */
export interface Entry {
  /** guid/id, else the canonical link. */
  id: string;
  /** Absolute link to the article. */
  url: string | null;
  /** Plain text, entities decoded once. */
  title: string | null;
  authors: string[];
  /** ISO 8601 with offset. */
  publishedAt: string | null;
  updatedAt: string | null;
  /** Sanitized HTML (plain text escaped). */
  summary: string | null;
  /** Sanitized HTML. */
  contentHtml: string | null;
  categories: string[];
  image: EntryImage | null;
  lang: string | null;
  /** The feed's date was replaced by first-seen time: it lay in the future or before 1990. */
  dateProblem?: 'future' | 'before-1990';
}

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json' | 'sitemap' | 'sitemap-index';

/** A parsed feed. */
export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  /** The site's home page (absolute). */
  link: string | null;
  lang: string | null;
  /** How long the feed says it may be cached (RSS ttl), in seconds. */
  ttlSeconds: number | null;
  entries: Entry[];
  /** Child sitemaps of a sitemap index (absolute URLs). */
  sitemaps?: string[];
  /** Entries dropped because the feed had more than `maxEntries` (the oldest went). */
  droppedEntries?: number;
}

export interface ParseFeedOptions {
  /** The feed's own URL: relative links resolve against it (and any xml:base). */
  url?: string;
  /** The HTTP Content-Type, for the charset of byte input. */
  contentType?: string | null;
  /** The HTTP Content-Language: the feed's language when the feed itself names none. */
  contentLanguage?: string | null;
  /** First-seen time, used in place of impossible dates (default: now). */
  now?: Date;
  /** Most entries kept (default DEFAULT_MAX_ENTRIES); beyond it the newest are kept. */
  maxEntries?: number;
}

/** Input that is not a feed, or one we refuse to read; the message says what to do. */
export class FeedError extends Error {
  override name = 'FeedError';
}
