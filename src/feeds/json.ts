// json: JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/) into RawEntry.
// 1.0's `author` and 1.1's `authors` are both read; relative URLs resolve against the
// feed's own URL.
import { emptyRaw, type RawEntry } from './entry.ts';
import type { RawFeed } from './rss.ts';
import { FeedError, type EntryImage } from './types.ts';
import { resolveUrl } from './xml.ts';

type JsonObject = Record<string, unknown>;

const JSON_FEED_VERSION_RE = /jsonfeed\.org\/version\//i;

export interface JsonFeedRead extends RawFeed {
  rawItems: JsonObject[];
}

export function readJsonFeed(text: string, url: string | null): JsonFeedRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new FeedError(`not a feed: the document looks like JSON but does not parse (${(err as Error).message}); check the URL points at a JSON Feed`);
  }
  if (!isObject(data) || !(JSON_FEED_VERSION_RE.test(str(data['version']) ?? '') || Array.isArray(data['items']))) {
    throw new FeedError('not a feed: JSON without a JSON Feed "version" or "items"; check the URL points at a JSON Feed');
  }
  const base = str(data['feed_url']) ? resolveUrl(str(data['feed_url']), url) : url;
  const items = Array.isArray(data['items']) ? data['items'].filter(isObject) : [];
  return {
    title: str(data['title']),
    link: resolveUrl(str(data['home_page_url']), base),
    lang: str(data['language']),
    ttlSeconds: null,
    items: [],
    rawItems: items,
    authors: authorsOf(data),
  };
}

export function readJsonItem(item: JsonObject, feed: JsonFeedRead, base: string | null): RawEntry {
  const raw = emptyRaw();
  const id = item['id'];
  raw.id = typeof id === 'string' ? id : typeof id === 'number' ? String(id) : null;
  raw.url = resolveUrl(str(item['url']) ?? str(item['external_url']), base);
  raw.title = str(item['title']);
  const html = str(item['content_html']);
  const text = str(item['content_text']);
  raw.content = html ? { kind: 'html', value: html, base: raw.url ?? base } : text ? { kind: 'text', value: text, base } : null;
  const summary = str(item['summary']);
  raw.summary = summary ? { kind: 'text', value: summary, base } : null;
  raw.authors = authorsOf(item);
  if (raw.authors.length === 0) raw.authors = [...feed.authors];
  raw.published = str(item['date_published']);
  raw.updated = str(item['date_modified']);
  if (Array.isArray(item['tags'])) for (const t of item['tags']) if (typeof t === 'string') raw.categories.push(t);
  const img = str(item['image']) ?? str(item['banner_image']);
  raw.image = img ? image(resolveUrl(img, base)!) : null;
  if (!raw.image && Array.isArray(item['attachments'])) {
    for (const a of item['attachments'].filter(isObject)) {
      const type = str(a['mime_type']);
      if (type?.startsWith('image/') && str(a['url'])) {
        raw.image = { ...image(resolveUrl(str(a['url']), base)!), type };
        break;
      }
    }
  }
  raw.lang = str(item['language']) ?? feed.lang;
  return raw;
}

function image(url: string): EntryImage {
  return { url, type: null, width: null, height: null, caption: null };
}

function authorsOf(o: JsonObject): string[] {
  const list = Array.isArray(o['authors']) ? o['authors'] : isObject(o['author']) ? [o['author']] : [];
  const out: string[] = [];
  for (const a of list) if (isObject(a) && str(a['name'])) out.push(str(a['name'])!);
  return out;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v : null;
}
