// section: entries from a section page of a site without a feed ("/politics/"), found
// as the links whose absolute URL matches a per-source pattern. The link text is the
// title; a link repeated (headline, picture, "read more") becomes one entry, titled by
// its longest text.
import { attr, byTag, parseHtml, textOf, type Element } from '../extract/dom.ts';
import type { Entry } from './types.ts';
import { resolveUrl } from './xml.ts';

/** Link texts that are not headlines: a repeated link keeps its longest other text. */
const NON_TITLE_RE = /^(?:read more|more|continue reading|weiterlesen|lire la suite|leer más|\d+ comments?|comments?)\W*$/i;
const MAX_TITLE_CHARS = 300;

/**
 * Article links on a section page whose absolute URL (fragment dropped) matches
 * `urlPattern` (a RegExp, or a string compiled to one). Deduplicated, in page order.
 */
export function entriesFromSectionPage(html: string, pageUrl: string, urlPattern: RegExp | string): Entry[] {
  const pattern = typeof urlPattern === 'string' ? new RegExp(urlPattern) : urlPattern;
  const doc = parseHtml(html);
  const baseEl = byTag(doc, 'base')[0];
  const baseHref = baseEl ? attr(baseEl, 'href') : undefined;
  const base = baseHref ? resolveUrl(baseHref, pageUrl) ?? pageUrl : pageUrl;
  const found = new Map<string, string>();
  for (const a of byTag(doc, 'a')) {
    const href = attr(a, 'href');
    if (!href || /^\s*(?:javascript|mailto|tel|data):/i.test(href)) continue;
    let url: string;
    try {
      const u = new URL(href.trim(), base);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
      u.hash = '';
      url = u.href;
    } catch {
      continue;
    }
    pattern.lastIndex = 0;
    if (!pattern.test(url)) continue;
    const text = linkText(a);
    const prev = found.get(url);
    if (prev === undefined) found.set(url, text);
    else if (text.length > prev.length && !NON_TITLE_RE.test(text)) found.set(url, text);
    else if (NON_TITLE_RE.test(prev) && text) found.set(url, text);
  }
  const out: Entry[] = [];
  for (const [url, title] of found) {
    out.push({
      id: url, url, title: title && !NON_TITLE_RE.test(title) ? title : title || null,
      authors: [], publishedAt: null, updatedAt: null, summary: null, contentHtml: null, categories: [], image: null, lang: null,
    });
  }
  return out;
}

function linkText(a: Element): string {
  let t = textOf(a).replace(/\s+/g, ' ').trim();
  if (!t) t = (attr(a, 'title') ?? attr(a, 'aria-label') ?? byTag(a, 'img').map((i) => attr(i, 'alt') ?? '').join(' ')).replace(/\s+/g, ' ').trim();
  return t.length > MAX_TITLE_CHARS ? t.slice(0, MAX_TITLE_CHARS).replace(/\s+\S*$/, '') + '…' : t;
}
