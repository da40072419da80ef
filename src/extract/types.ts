// The shape every extraction produces: one clean news article.

/** The lead image of an article, with what the page says about it. */
export interface LeadImage {
  /** Absolute URL. */
  url: string;
  caption: string | null;
  credit: string | null;
  alt: string | null;
  width: number | null;
  height: number | null;
}

/** A clean article extracted from one HTML page. */
export interface Article {
  /** The URL the page was fetched from (or was told it came from). */
  url: string | null;
  /** `rel=canonical` / `og:url` / JSON-LD url, absolute; falls back to `url`. */
  canonicalUrl: string | null;
  /** The headline, once, without the site name. */
  title: string | null;
  /** Author names, without "By" and without job titles. */
  authors: string[];
  /** ISO 8601 with offset, or null. */
  publishedAt: string | null;
  modifiedAt: string | null;
  /** BCP 47 primary language, e.g. "en", "de". */
  lang: string | null;
  siteName: string | null;
  description: string | null;
  /** The section the page files itself under (JSON-LD articleSection, article:section), as
   * written: a hint for the site's own sections, absent when not read from a page. */
  section?: string | null;
  leadImage: LeadImage | null;
  /** Plain text, one paragraph per block, paragraphs separated by a blank line; null when
   * the page has no article (see `reason`). */
  articleBody: string | null;
  /** The body as sanitized HTML with absolute links. */
  html: string | null;
  wordCount: number;
  /** Why `articleBody` is null (e.g. "no article content found"), else absent. */
  reason?: string;
  /** Which body strategy produced the text ("site-rule", "json-ld", "scorer", "fallback"). */
  strategy?: string;
}

/** What `extract` takes: the page and what is known about where it came from. */
export interface ExtractInput {
  /** The raw bytes (decoded the WHATWG way) or an already decoded string. */
  html: Uint8Array | string;
  /** The URL of the page, used to resolve relative links. */
  url?: string | null;
  /** The HTTP Content-Type header, if the page came over HTTP (gives the charset). */
  contentType?: string | null;
}
