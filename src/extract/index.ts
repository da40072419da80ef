// extract: turns one raw news page into a clean `Article`.
//
// Order matters: bytes are decoded, the page is parsed once, metadata is read from the
// untouched tree, then the body extractor (which prunes the tree) runs with what the
// metadata found (the headline, to drop it from the body; JSON-LD articleBody as a
// strategy), and the chosen body goes through the sanitizer.
import { decodeHtml } from './decode.ts';
import { parseHtml } from './dom.ts';
import { extractMetadata, detectLanguage } from './metadata/index.ts';
import { extractBody, type BodyOptions } from './body/index.ts';
import { sanitizeNodes } from '../sanitize/index.ts';
import type { Article, ExtractInput } from './types.ts';

export type { Article, ExtractInput, LeadImage } from './types.ts';
export type { Strategy } from './body/index.ts';

/** How to extract; the defaults are what Newsdesk uses. */
export type ExtractOptions = BodyOptions;

/** Largest page we try to extract; bigger inputs are cut (a 50 MB page is not an article page). */
export const MAX_HTML_CHARS = 8 * 1024 * 1024;

/** Extracts the article from one page. Never throws on bad HTML: a page without an
 * article gives `articleBody: null` and a `reason`. */
export function extract(input: ExtractInput, opts: ExtractOptions = {}): Article {
  const url = input.url ?? null;
  let html = typeof input.html === 'string' ? input.html : decodeHtml(input.html, input.contentType).text;
  if (html.length > MAX_HTML_CHARS) html = html.slice(0, MAX_HTML_CHARS);
  const doc = parseHtml(html);
  const meta = extractMetadata(doc, url);
  const body = extractBody(doc, { url: meta.canonicalUrl ?? url, title: meta.title, authors: meta.authors, jsonLdBody: meta.jsonLdBody }, opts);
  const base = url ?? meta.canonicalUrl;
  const safeHtml = body.root ? sanitizeNodes(body.root.children, { baseUrl: base }) : null;
  const text = body.text;
  const article: Article = {
    url,
    canonicalUrl: meta.canonicalUrl ?? url,
    title: meta.title,
    authors: meta.authors,
    publishedAt: meta.publishedAt,
    modifiedAt: meta.modifiedAt,
    lang: meta.lang ?? (text ? detectLanguage(text) : null),
    siteName: meta.siteName,
    description: meta.description,
    leadImage: meta.leadImage,
    articleBody: text,
    html: safeHtml,
    wordCount: text ? countWords(text) : 0,
  };
  if (body.strategy) article.strategy = body.strategy;
  if (!text) article.reason = body.reason ?? 'no article content found';
  return article;
}

/** Words as readers count them: runs of letters or digits. CJK text, written without
 * spaces, counts one word per character. */
export function countWords(text: string): number {
  let n = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu)) {
    const cjk = m[0].match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu);
    n += cjk ? cjk.length + (m[0].length - cjk.length > 0 ? 1 : 0) : 1;
  }
  return n;
}
