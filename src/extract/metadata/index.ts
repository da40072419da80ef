// PLACEHOLDER until the metadata module lands: the agreed signature only.
import type { Document } from '../dom.ts';
import type { LeadImage } from '../types.ts';

/** Everything the page says about the article apart from its body. */
export interface Metadata {
  canonicalUrl: string | null;
  title: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  lang: string | null;
  siteName: string | null;
  description: string | null;
  leadImage: LeadImage | null;
  /** JSON-LD `articleBody` text, when the page carries one. */
  jsonLdBody: string | null;
}

/** Reads metadata from a parsed page without modifying it. */
export function extractMetadata(_doc: Document, url: string | null): Metadata {
  return { canonicalUrl: url, title: null, authors: [], publishedAt: null, modifiedAt: null, lang: null, siteName: null, description: null, leadImage: null, jsonLdBody: null };
}

/** Detects the language of a text (ISO 639-1), or null when unsure. */
export function detectLanguage(_text: string): string | null {
  return null;
}
