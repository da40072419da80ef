// content: the text and HTML inside feed elements, turned into what Entry promises —
// titles as plain text, summaries and content as sanitized HTML with absolute links.
//
// Feeds say what their text is in different ways: Atom's type="text|html|xhtml" (and
// Atom 0.3's MIME types with mode="escaped|xml|base64"), RSS by convention (description
// is HTML, title is HTML-ish in practice), JSON Feed by field name. Every value reaching
// this module has had its XML entities decoded once by xml.ts; escaped markup in an
// HTML-typed value is therefore markup now, and a text-typed value is escaped here.
import { parseHtml } from '../extract/dom.ts';
import { escapeText, sanitizeHtml } from '../sanitize/index.ts';
import { child, childrenOf, innerXml, textOf, type XNode, type XmlDocument } from './xml.ts';

/** What a piece of feed text is. */
export type TextKind = 'text' | 'html';
export interface TypedText {
  kind: TextKind;
  value: string;
  /** Base URL for the links inside it. */
  base: string | null;
}

/** Markup or an entity reference: a value worth running through the HTML parser. */
const HTML_HINT_RE = /<\/?[A-Za-z][^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;
/** Plain text needs no HTML parse to sanitize: only `<` and `&` can start markup. */
const NEEDS_HTML_PARSE_RE = /[<&]/;
const WHITESPACE_RE = /\s+/g;
const BASE64_RE = /^[A-Za-z0-9+/=\s]+$/;

/** Atom `type` values (1.0 and 0.3's MIME types) read as text, HTML or inline XHTML. */
const TEXT_TYPES = new Set(['text', 'text/plain', 'plain']);
const HTML_TYPES = new Set(['html', 'text/html', 'escaped']);
const XHTML_TYPES = new Set(['xhtml', 'application/xhtml+xml']);

export function looksLikeHtml(s: string): boolean {
  return HTML_HINT_RE.test(s);
}

/** Plain text from HTML, whitespace collapsed. */
export function htmlToText(html: string): string {
  if (!NEEDS_HTML_PARSE_RE.test(html)) return html.replace(WHITESPACE_RE, ' ').trim();
  const doc = parseHtml(html);
  let out = '';
  const stack = [...doc.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') out += n.data;
    else if ('children' in n && n.type !== 'script' && n.type !== 'style') {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return out.replace(WHITESPACE_RE, ' ').trim();
}

/** Sanitized HTML for a typed value; cheap for plain text (no parse at all). */
export function toSafeHtml(t: TypedText): string | null {
  const v = t.value.trim();
  if (!v) return null;
  // No tag and no entity: a `<` in it is a literal ("a < b", "<!DOCTYPE" in prose).
  if (t.kind === 'text' || !NEEDS_HTML_PARSE_RE.test(v) || !HTML_HINT_RE.test(v)) return escapeText(v);
  const html = sanitizeHtml(v, { baseUrl: t.base }).trim();
  return html || null;
}

/** Plain text for a typed value (titles). */
export function toPlainText(t: TypedText): string | null {
  const v = t.kind === 'html' ? htmlToText(t.value) : t.value.replace(WHITESPACE_RE, ' ').trim();
  return v || null;
}

/** An Atom text construct (title, summary, content, rights …) as typed text. Handles
 * Atom 1.0 type="text|html|xhtml", Atom 0.3 MIME types and mode="escaped|xml|base64",
 * and inline markup without a type. Returns null for out-of-line content (src=). */
export function atomText(doc: XmlDocument, node: XNode, defaultKind: TextKind = 'text'): TypedText | null {
  if (node.attrs['src'] !== undefined && !hasContent(node)) return null;
  const type = (node.attrs['type'] ?? '').trim().toLowerCase();
  const mode = (node.attrs['mode'] ?? '').trim().toLowerCase();
  const base = node.base;
  if (mode === 'base64') {
    const raw = textOf(node).trim();
    const decoded = BASE64_RE.test(raw) ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    return { kind: TEXT_TYPES.has(type) ? 'text' : 'html', value: decoded, base };
  }
  const inline = childrenOf(node).length > 0;
  if (XHTML_TYPES.has(type) || mode === 'xml' && inline || (inline && !TEXT_TYPES.has(type) && !HTML_TYPES.has(type)) || (inline && !type)) {
    return { kind: 'html', value: xhtmlInner(doc, node, type === 'xhtml'), base };
  }
  if (mode === 'escaped' || HTML_TYPES.has(type)) return { kind: 'html', value: textOf(node), base };
  if (TEXT_TYPES.has(type)) return { kind: 'text', value: textOf(node), base };
  if (type && !type.startsWith('text/') && !type.endsWith('+xml') && !type.endsWith('/xml')) {
    // Atom 1.0: any other MIME type is base64 (RFC 4287 4.1.3.3); text if it decodes to it.
    const raw = textOf(node).trim();
    if (!raw || !BASE64_RE.test(raw)) return null;
    const decoded = Buffer.from(raw, 'base64').toString('utf8');
    return decoded.includes('\uFFFD') ? null : { kind: 'html', value: decoded, base };
  }
  if (type.startsWith('text/')) return { kind: 'text', value: textOf(node), base };
  return { kind: defaultKind, value: textOf(node), base };
}

function hasContent(node: XNode): boolean {
  return textOf(node).trim().length > 0 || childrenOf(node).length > 0;
}

/** The markup of inline XHTML content: the wrapping xhtml div dropped, namespace
 * prefixes taken off element names. Only Atom 1.0 type="xhtml" has a wrapper div by
 * definition; untyped inline markup keeps its div. */
function xhtmlInner(doc: XmlDocument, node: XNode, dropWrapper: boolean): string {
  const elements = childrenOf(node);
  if (!dropWrapper) return stripPrefixes(innerXml(doc, node));
  const onlyChild = elements.length === 1 && node.children.every((c) => typeof c !== 'string' || !c.trim());
  const target = onlyChild && elements[0]!.name.endsWith('div') ? elements[0]! : node;
  return stripPrefixes(innerXml(doc, target));
}

const PREFIXED_TAG_RE = /<(\/?)[A-Za-z_][\w.-]*:([A-Za-z][\w.-]*)/g;
function stripPrefixes(xml: string): string {
  return xml.indexOf(':') < 0 ? xml : xml.replace(PREFIXED_TAG_RE, '<$1$2');
}

/** An RSS element read as HTML by convention (description, content:encoded, body): its
 * decoded text, or — when the feed put unescaped markup inside — that markup. */
export function rssHtml(doc: XmlDocument, node: XNode): TypedText {
  const inline = childrenOf(node).length > 0;
  const value = inline ? stripPrefixes(innerXml(doc, node)) : textOf(node);
  return { kind: 'html', value, base: node.base };
}

/** An RSS title: HTML by practice (feeds escape `&` and markup in titles both once and
 * twice), so markup and entities in it are read as HTML and reduced to text. */
export function rssTitle(doc: XmlDocument, node: XNode): string | null {
  const t = rssHtml(doc, node);
  return toPlainText({ ...t, kind: looksLikeHtml(t.value) ? 'html' : 'text' });
}

/** The first child element with one of the names, as typed RSS HTML. */
export function rssChildHtml(doc: XmlDocument, node: XNode, ...names: string[]): TypedText | null {
  const c = child(node, ...names);
  return c ? rssHtml(doc, c) : null;
}
