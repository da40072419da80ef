// preview: what following a URL would give, before anything is saved — which feed it is
// (or which feed the page names, by autodiscovery), its first entries, and the first
// article extracted exactly as the pipeline would extract it (with the source's extraction
// rule, if one is given). Used by `sources add` and the admin's add-source form.
import { decodeHtml } from '../extract/decode.ts';
import { extract, type Article } from '../extract/index.ts';
import type { Fetcher } from '../fetch/index.ts';
import { entriesFromSectionPage, FeedError, parseFeed, type Entry, type FeedFormat } from '../feeds/index.ts';
import { discoverFeeds } from '../sources/index.ts';
import type { ExtractionRule, SourceKind } from '../store/index.ts';
import { FEED_ACCEPT, PAGE_ACCEPT } from './pipeline.ts';

/** Entries listed in a preview. */
const PREVIEW_ENTRIES = 5;

/** A URL resolved to something Newsdesk can follow. */
export interface ResolvedSource {
  /** The feed's URL (the discovered one when a page was given), or the section page. */
  url: string;
  kind: SourceKind;
  /** The feed's own title. */
  title: string | null;
  format: FeedFormat | 'section';
  /** How it was found: the URL itself, a `<link rel=alternate>` on the page, a common path. */
  via: 'self' | 'link' | 'common-path' | 'section';
  /** Other feeds the page named (autodiscovery), besides the one chosen. */
  alternatives: { url: string; title: string | null }[];
}

export interface SourcePreview extends ResolvedSource {
  entries: { title: string | null; url: string | null; publishedAt: string | null }[];
  entryCount: number;
  /** The newest entry's article as the pipeline would store it; null with `articleError` when it failed. */
  article: Article | null;
  articleError: string | null;
}

/** Turns a feed's parse format into the source kind that polls it. */
export function kindOf(format: FeedFormat): SourceKind {
  return format === 'sitemap' || format === 'sitemap-index' ? 'sitemap' : format === 'json' ? 'json' : 'feed';
}

/**
 * Finds what to follow at `url`: the URL itself when it is a feed; else the feeds its page
 * names; a section page when `pattern` is given. Throws an Error saying what to do otherwise.
 */
export async function resolveSource(fetcher: Fetcher, url: string, pattern?: string | null): Promise<ResolvedSource & { entries: Entry[] }> {
  const res = await fetcher.fetch(url, { accept: pattern ? PAGE_ACCEPT : FEED_ACCEPT });
  if (res.status >= 400) throw new Error(`${url} answered HTTP ${res.status}; check the address`);
  if (pattern) {
    const entries = entriesFromSectionPage(decodeHtml(res.bytes, res.contentType).text, res.finalUrl, pattern);
    if (entries.length === 0) throw new Error(`no link on ${res.finalUrl} matches the pattern ${pattern}; check the pattern against an article's URL`);
    return { url: res.finalUrl, kind: 'section', title: null, format: 'section', via: 'section', alternatives: [], entries };
  }
  try {
    const feed = parseFeed(res.bytes, { url: res.finalUrl, contentType: res.contentType });
    return { url: res.finalUrl, kind: kindOf(feed.format), title: feed.title, format: feed.format, via: 'self', alternatives: [], entries: feed.entries };
  } catch (err) {
    if (!(err instanceof FeedError)) throw err;
  }
  const found = await discoverFeeds(res.finalUrl, (u) => fetcher.fetch(u));
  const best = found[0];
  if (!best) throw new Error(`${url} is not a feed and names none; give the feed's URL, or follow the page as a section page with a URL pattern`);
  const r = await fetcher.fetch(best.url, { accept: FEED_ACCEPT });
  const feed = parseFeed(r.bytes, { url: r.finalUrl, contentType: r.contentType });
  return {
    url: best.url,
    kind: kindOf(best.format),
    title: best.title ?? feed.title,
    format: best.format,
    via: best.via,
    alternatives: found.slice(1).map((f) => ({ url: f.url, title: f.title })),
    entries: feed.entries,
  };
}

/** Resolves `url` and extracts its newest entry's article. Errors about the source itself throw. */
export async function previewSource(fetcher: Fetcher, url: string, opts: { pattern?: string | null; rule?: ExtractionRule | null; useFeedContent?: boolean } = {}): Promise<SourcePreview> {
  const resolved = await resolveSource(fetcher, url, opts.pattern);
  const entries = [...resolved.entries].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
  const { entries: _all, ...source } = resolved;
  const preview: SourcePreview = {
    ...source,
    entries: entries.slice(0, PREVIEW_ENTRIES).map((e) => ({ title: e.title, url: e.url, publishedAt: e.publishedAt })),
    entryCount: entries.length,
    article: null,
    articleError: null,
  };
  const first = entries.find((e) => e.url) ?? entries[0];
  if (!first) {
    preview.articleError = 'the feed has no entries yet: nothing to preview';
    return preview;
  }
  if (opts.useFeedContent || !first.url) {
    preview.articleError = first.contentHtml ? null : 'the entry has no link and no content';
    if (first.contentHtml) preview.article = { ...extract({ html: `<article>${first.contentHtml}</article>`, url: first.url ?? undefined }), title: first.title };
    return preview;
  }
  try {
    const res = await fetcher.fetch(first.url, { obeyRobots: true, accept: PAGE_ACCEPT });
    if (res.status >= 400) {
      preview.articleError = `the article page ${first.url} answered HTTP ${res.status}`;
      return preview;
    }
    const article = extract({ html: res.bytes, url: res.finalUrl, contentType: res.contentType }, { rule: opts.rule ?? null });
    preview.article = article;
    if (!article.articleBody) preview.articleError = `no article body found on ${first.url}: ${article.reason ?? 'unknown reason'}`;
  } catch (err) {
    preview.articleError = `fetching ${first.url} failed: ${(err as Error).message}`;
  }
  return preview;
}
