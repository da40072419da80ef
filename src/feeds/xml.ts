// xml: a small, forgiving, safe XML tree for feeds, OPML and sitemaps.
//
// Built on htmlparser2's tokenizer in xmlMode rather than a strict XML parser, because
// real feeds are often ill-formed (a bare `&` in a link, HTML entities such as `&nbsp;`
// that XML does not define, a truncated tail) and a reader should still get the entries.
// What it adds over the tokenizer:
//   - namespaces resolved to short canonical prefixes (NAMESPACES), whatever prefix the
//     feed chose, so the normalisers can ask for `dc:creator` or `atom:link`;
//   - `xml:base` resolved per element (nested bases compose) and `xml:lang` inherited;
//   - entities decoded exactly once, by us: XML's five, numeric references, HTML's named
//     entities, and simple entities declared in the DOCTYPE; CDATA is kept verbatim;
//   - the raw source of every element's content, for inline XHTML content;
//   - a DOCTYPE guard: external entities are never fetched or expanded, and entity
//     definitions that refer to other entities (the "billion laughs" bomb) are refused.
import { Parser } from 'htmlparser2';
import { decodeHTML } from 'entities';
import { replaceCodePoint } from 'entities/decode';

/** Canonical prefixes for the namespaces the normalisers read. Elements in no namespace,
 * or in one of the RSS namespaces, get the empty prefix. */
export const NAMESPACES: Readonly<Record<string, string>> = {
  'http://www.w3.org/2005/atom': 'atom',
  'http://purl.org/atom/ns#': 'atom03',
  'http://purl.org/rss/1.0/': '',
  'http://my.netscape.com/rdf/simple/0.9/': '',
  'http://backend.userland.com/rss2': '',
  'http://backend.userland.com/rss': '',
  'http://blogs.law.harvard.edu/tech/rss': '',
  'http://purl.org/net/rss1.1#': '',
  'http://www.sitemaps.org/schemas/sitemap/0.9': '',
  'http://www.google.com/schemas/sitemap/0.84': '',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://www.itunes.com/dtds/podcast-1.0.dtd/': 'itunes',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://www.google.com/schemas/sitemap-news/0.9': 'news',
  'http://www.google.com/schemas/sitemap-image/1.1': 'image',
  'http://www.w3.org/xml/1998/namespace': 'xml',
  'http://purl.org/rss/1.0/modules/slash/': 'slash',
  'http://wellformedweb.org/commentapi/': 'wfw',
  'http://purl.org/rss/1.0/modules/image/': 'rssimage',
};

/** A DOCTYPE internal subset longer than this is refused: real feeds declare a handful of
 * character entities, not kilobytes of definitions. */
export const MAX_DOCTYPE_CHARS = 64 * 1024;
/** Characters that declared entities may add to a document in total. */
export const MAX_ENTITY_EXPANSION_CHARS = 1024 * 1024;
/** Elements nested deeper than this are flattened into their parent (a pathological
 * document cannot make the tree or the walkers deep). */
export const MAX_XML_DEPTH = 256;

/** An element of the tree. */
export interface XNode {
  /** Canonical name: `prefix:local` (prefix from NAMESPACES, else as written), or `local`
   * for RSS/no namespace. Local names are lower-cased: feeds are not consistent. */
  name: string;
  /** Attributes by name as written (lower-cased), values with entities decoded. */
  attrs: Record<string, string>;
  children: Array<XNode | string>;
  parent: XNode | null;
  /** The effective base URL (xml:base resolved through the ancestors and the document
   * URL), or null when there is none. */
  base: string | null;
  /** The effective xml:lang, or null. */
  lang: string | null;
  /** The element's content in the source, from after its start tag to its end tag. */
  innerStart: number;
  innerEnd: number;
}

export interface XmlDocument {
  root: XNode | null;
  /** The source the offsets point into (the DOCTYPE cut out). */
  source: string;
}

/** Thrown for documents we refuse to read (an XML bomb); carries an operator message. */
export class XmlRefused extends Error {
  override name = 'XmlRefused';
}

/** Parses XML text into an XNode tree. `baseUrl` is the document's own URL. */
export function parseXml(text: string, baseUrl: string | null = null): XmlDocument {
  if (baseUrl && !SAFE_BASE_RE.test(baseUrl)) baseUrl = null;
  const { source, entities } = stripDoctype(text);
  const budget = { left: MAX_ENTITY_EXPANSION_CHARS };
  const decode = (raw: string): string => decodeEntities(raw, entities, budget);

  let root: XNode | null = null;
  const stack: XNode[] = [];
  // Namespace scopes: a new scope only for elements that declare namespaces, each with a
  // cache of canonical names (most feeds have one scope and a few dozen distinct names).
  const nsStack: Scope[] = [{ ns: new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), names: new Map() }];
  let skipped = 0; // open tags ignored beyond MAX_XML_DEPTH
  let inCdata = false;

  const parser: Parser = new Parser(
    {
      onopentag(rawName, rawAttrs) {
        if (stack.length >= MAX_XML_DEPTH) {
          skipped++;
          return;
        }
        const parent = stack[stack.length - 1] ?? null;
        let scope = nsStack[nsStack.length - 1]!;
        const attrs: Record<string, string> = {};
        for (const key in rawAttrs) {
          const value = decode(rawAttrs[key]!);
          const lower = key.toLowerCase();
          if (lower === 'xmlns' || lower.startsWith('xmlns:')) {
            if (scope === nsStack[nsStack.length - 1]) scope = { ns: new Map(scope.ns), names: new Map() };
            scope.ns.set(lower === 'xmlns' ? '' : key.slice(6), value.trim());
          }
          attrs[lower] = value;
        }
        nsStack.push(scope);
        let name = scope.names.get(rawName);
        if (name === undefined) scope.names.set(rawName, (name = canonicalName(rawName, scope.ns)));
        const node: XNode = {
          name,
          attrs,
          children: [],
          parent,
          base: resolveBase(attrs['xml:base'], parent ? parent.base : baseUrl),
          lang: attrs['xml:lang'] !== undefined ? attrs['xml:lang']!.trim() || null : parent ? parent.lang : null,
          innerStart: parser.endIndex + 1,
          innerEnd: parser.endIndex + 1,
        };
        if (parent) parent.children.push(node);
        else if (!root) root = node;
        else return; // a second root element: ignored
        stack.push(node);
      },
      onclosetag() {
        if (skipped > 0) {
          skipped--;
          return;
        }
        const node = stack.pop();
        nsStack.pop();
        if (node) node.innerEnd = Math.max(node.innerStart, parser.startIndex);
      },
      ontext(data) {
        const top = stack[stack.length - 1];
        if (!top) return;
        const text = inCdata ? data : decode(data);
        const last = top.children[top.children.length - 1];
        if (typeof last === 'string') top.children[top.children.length - 1] = last + text;
        else top.children.push(text);
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
    },
    { xmlMode: true, decodeEntities: false, recognizeCDATA: true },
  );
  parser.end(source);
  // Elements left open by a truncated document end where the source ends.
  for (const node of stack) node.innerEnd = source.length;
  return { root, source };
}

interface Scope {
  ns: Map<string, string>;
  names: Map<string, string>;
}

/** `prefix:local` with the prefix made canonical through the namespace in scope. */
function canonicalName(raw: string, ns: Map<string, string>): string {
  const colon = raw.indexOf(':');
  const prefix = colon >= 0 ? raw.slice(0, colon) : '';
  const local = (colon >= 0 ? raw.slice(colon + 1) : raw).toLowerCase();
  const uri = ns.get(prefix);
  if (uri === undefined) return prefix ? `${prefix.toLowerCase()}:${local}` : local; // undeclared: as written
  const canon = NAMESPACES[uri.toLowerCase()];
  if (canon === undefined) return prefix ? `${prefix.toLowerCase()}:${local}` : local;
  return canon ? `${canon}:${local}` : local;
}

/** Schemes a base URL may have: a `javascript:` or `data:` base would turn every
 * relative link into script. */
const SAFE_BASE_RE = /^(?:https?|ftp):/i;

function resolveBase(xmlBase: string | undefined, parentBase: string | null): string | null {
  if (xmlBase === undefined) return parentBase;
  const b = xmlBase.trim();
  if (!b) return parentBase;
  const resolved = resolveUrl(b, parentBase) ?? b;
  if (/^[a-z][a-z0-9+.-]*:/i.test(resolved) && !SAFE_BASE_RE.test(resolved)) return parentBase;
  return resolved;
}

/** Resolves `href` against `base`; the href itself when it is absolute or nothing can be
 * resolved; null for an empty href. */
export function resolveUrl(href: string | null | undefined, base: string | null | undefined): string | null {
  if (href == null) return null;
  const h = href.trim();
  if (!h) return base ?? null;
  try {
    return new URL(h, base || undefined).href;
  } catch {
    return h;
  }
}

const ENTITY_RE = /&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9._-]{0,40});/g;
const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes character and entity references once. Unknown names stay as written. */
export function decodeEntities(raw: string, declared: Map<string, string | null> = NO_ENTITIES, budget = { left: Infinity }): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(ENTITY_RE, (whole: string, ref: string) => {
    if (ref.charCodeAt(0) === 35 /* # */) {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!(cp > 0) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\uFFFD';
      // &#146; and friends mean windows-1252 characters (’ here), as in HTML.
      return String.fromCodePoint(replaceCodePoint(cp));
    }
    const xml = XML_ENTITIES[ref];
    if (xml) return xml;
    if (declared.has(ref)) {
      const v = declared.get(ref);
      if (v == null) return ''; // an external entity: never fetched, never expanded
      budget.left -= v.length;
      if (budget.left < 0) throw new XmlRefused(`entity expansion exceeds ${MAX_ENTITY_EXPANSION_CHARS} characters (an XML bomb?); the feed was not read`);
      return v;
    }
    const html = decodeHTML(whole);
    return html;
  });
}
const NO_ENTITIES = new Map<string, string | null>();

const DOCTYPE_RE = /^<!DOCTYPE/i;
/** How far into the prolog (comments, processing instructions) we look for a DOCTYPE. */
const MAX_PROLOG_CHARS = 64 * 1024;

/** Where the DOCTYPE starts, when the prolog has one (comments and PIs skipped); -1. */
function doctypeStart(text: string): number {
  let p = 0;
  while (p < text.length && p < MAX_PROLOG_CHARS) {
    while (p < text.length && (text.charCodeAt(p) <= 32 || text.charCodeAt(p) === 0xfeff)) p++;
    if (text.startsWith('<?', p)) {
      const e = text.indexOf('?>', p);
      if (e < 0) return -1;
      p = e + 2;
    } else if (text.startsWith('<!--', p)) {
      const e = text.indexOf('-->', p);
      if (e < 0) return -1;
      p = e + 3;
    } else return DOCTYPE_RE.test(text.slice(p, p + 9)) ? p : -1;
  }
  return -1;
}
const ENTITY_DECL_RE = /<!ENTITY\s+(%\s+)?([^\s"'>]+)\s+(?:"([^"]*)"|'([^']*)'|((?:SYSTEM|PUBLIC)\b[^>]*))\s*>/gi;
const ENTITY_REF_IN_VALUE_RE = /&[A-Za-z_][^;\s]*;|%[A-Za-z_][^;\s]*;/;

/** Cuts the DOCTYPE out of the document and returns the entities it safely declares.
 * External entities map to null (expanded to nothing); parameter entities are ignored;
 * an entity whose value refers to another entity is refused as a likely XML bomb. */
function stripDoctype(text: string): { source: string; entities: Map<string, string | null> } {
  const entities = new Map<string, string | null>();
  const start = doctypeStart(text);
  if (start < 0) return { source: text, entities };
  const bracket = text.indexOf('[', start);
  const close = text.indexOf('>', start);
  let end: number;
  if (bracket >= 0 && (close < 0 || bracket < close)) {
    const subsetEnd = text.indexOf(']', bracket);
    if (subsetEnd < 0) throw new XmlRefused('the DOCTYPE internal subset is never closed; the document is not a readable feed');
    if (subsetEnd - bracket > MAX_DOCTYPE_CHARS) throw new XmlRefused(`the DOCTYPE internal subset is longer than ${MAX_DOCTYPE_CHARS} characters; refused`);
    const subset = text.slice(bracket + 1, subsetEnd);
    for (const d of subset.matchAll(ENTITY_DECL_RE)) {
      if (d[1]) continue; // parameter entity: never expanded
      const name = d[2]!;
      if (d[5] !== undefined) {
        entities.set(name, null);
        continue;
      }
      const value = d[3] ?? d[4] ?? '';
      if (ENTITY_REF_IN_VALUE_RE.test(value)) {
        throw new XmlRefused(`the DOCTYPE defines entity "${name}" in terms of other entities (the "billion laughs" XML bomb pattern); the feed was not read`);
      }
      entities.set(name, decodeEntities(value));
    }
    const after = text.indexOf('>', subsetEnd);
    end = after < 0 ? text.length : after + 1;
  } else {
    end = close < 0 ? text.length : close + 1;
  }
  return { source: text.slice(0, start) + text.slice(end), entities };
}

// ---- tree helpers ---------------------------------------------------------------------

/** The first child element with one of the names, or null. */
export function child(node: XNode, ...names: string[]): XNode | null {
  for (const c of node.children) if (typeof c !== 'string' && names.includes(c.name)) return c;
  return null;
}

/** All child elements with one of the names (all child elements without names). */
export function childrenOf(node: XNode, ...names: string[]): XNode[] {
  const out: XNode[] = [];
  for (const c of node.children) if (typeof c !== 'string' && (names.length === 0 || names.includes(c.name))) out.push(c);
  return out;
}

/** All text inside the element, in order (entities already decoded). */
export function textOf(node: XNode): string {
  if (node.children.length === 1 && typeof node.children[0] === 'string') return node.children[0];
  let out = '';
  const stack: Array<XNode | string> = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n === 'string') out += n;
    else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** Trimmed text of the first child with one of the names, or null when absent/empty. */
export function childText(node: XNode, ...names: string[]): string | null {
  const c = child(node, ...names);
  if (!c) return null;
  const t = textOf(c).trim();
  return t || null;
}

/** Whether the element has child elements. */
export function hasElementChildren(node: XNode): boolean {
  for (const c of node.children) if (typeof c !== 'string') return true;
  return false;
}

/** The raw source between the element's tags (markup and entities as written). */
export function innerXml(doc: XmlDocument, node: XNode): string {
  return doc.source.slice(node.innerStart, node.innerEnd);
}
