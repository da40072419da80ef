// extract: turns one raw news page into a clean `Article`.
//
// Order matters: bytes are decoded, the page is parsed once, metadata is read from the
// untouched tree, then the body extractor (which prunes the tree) runs with what the
// metadata found (the headline, to drop it from the body; JSON-LD articleBody as a
// strategy), and the chosen body goes through the sanitizer.
import { decodeHtml } from './decode.ts';
import { parseHtml } from './dom.ts';
import { extractMetadata, resolveLanguage } from './metadata/index.ts';
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
  const body = extractBody(doc, { url: meta.canonicalUrl ?? url, title: meta.title, authors: meta.authors, jsonLdBody: meta.jsonLdBody, description: meta.description }, opts);
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
    // The page's declared language, unless a long text clearly says otherwise (templates
    // often declare the site's default language over articles in another).
    lang: resolveLanguage(meta.lang, text),
    siteName: meta.siteName,
    description: meta.description,
    section: meta.section,
    leadImage: meta.leadImage,
    articleBody: text,
    html: safeHtml,
    wordCount: text ? countWords(text) : 0,
  };
  if (body.strategy) article.strategy = body.strategy;
  if (!text) article.reason = body.reason ?? 'no article content found';
  return article;
}

/** Words as readers count them: runs of characters between spaces that hold a letter or
 * a digit. Chinese and Japanese, written without spaces, count one word per character.
 * A plain loop: this runs on every article. */
export function countWords(text: string): number {
  let n = 0;
  let inToken = false;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) {
      n++; // kana and CJK ideographs
      inToken = false;
      continue;
    }
    if (c <= 32 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0xfeff) {
      inToken = false;
      continue;
    }
    if (!inToken) {
      inToken = true;
      counted = false;
    }
    if (!counted && isWordChar(c)) {
      n++;
      counted = true;
    }
  }
  return n;
}

/** Letters and digits, roughly: ASCII alphanumerics and anything non-ASCII that is not
 * punctuation or a symbol block. */
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0x2010 && c <= 0x2bff) return false; // punctuation, arrows, symbols
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  return !(c === 0xab || c === 0xbb || c === 0xa7 || c === 0xb6 || c === 0xb7 || c === 0xbf || c === 0xa1);
}
