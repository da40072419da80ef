// PLACEHOLDER: the body extractor is being written.
import { findOne, cleanText, type Document, type Element } from '../dom.ts';

export interface BodyContext {
  url: string | null;
  title: string | null;
  authors: string[];
  jsonLdBody: string | null;
}

export interface BodyResult {
  /** A detached element holding the cleaned article body. */
  root: Element | null;
  /** Plain text: one paragraph per block, separated by blank lines. */
  text: string | null;
  strategy: string | null;
  reason?: string;
}

export function extractBody(doc: Document, _ctx: BodyContext): BodyResult {
  const el = findOne(doc, (e) => e.name === 'article') ?? findOne(doc, (e) => e.name === 'body');
  const text = el ? cleanText(el) : '';
  return text ? { root: el, text, strategy: 'placeholder' } : { root: null, text: null, strategy: null, reason: 'no article content found' };
}
