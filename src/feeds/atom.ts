// atom: Atom 1.0 and Atom 0.3 feeds and entries into RawEntry. Atom 0.3 differs in
// names (issued/modified/created, tagline, copyright) and in how content says what it is
// (MIME type plus mode); content.ts reads both. A feed whose root <feed> lacks the Atom
// namespace is read the same way with unprefixed names.
import { atomText, toPlainText } from './content.ts';
import { emptyRaw, type RawEntry } from './entry.ts';
import { findImage } from './media.ts';
import type { RawFeed } from './rss.ts';
import { child, childText, childrenOf, resolveUrl, textOf, type XNode, type XmlDocument } from './xml.ts';

/** Link relations that point at the entry's own page. */
const ALTERNATE_RELS = new Set(['alternate', '']);
const SCHEME_RE = /^[a-z][a-z0-9+.-]*:/i;
const HTML_TYPE_RE = /^(?:text\/html|application\/xhtml\+xml)?$/i;

/** Names in the feed's Atom flavour: `atom:x`, `atom03:x`, or plain `x`. */
function names(root: XNode): (local: string) => string {
  const colon = root.name.indexOf(':');
  const prefix = colon >= 0 ? root.name.slice(0, colon + 1) : '';
  return (local) => prefix + local;
}

export function readAtomFeed(doc: XmlDocument, root: XNode): RawFeed {
  const n = names(root);
  const titleNode = child(root, n('title'));
  const title = titleNode ? atomText(doc, titleNode) : null;
  return {
    title: title ? toPlainText(title) : null,
    link: alternate(root, n),
    lang: root.lang,
    ttlSeconds: null,
    items: childrenOf(root, n('entry')),
    authors: authorsOf(root, n),
  };
}

export function readAtomEntry(doc: XmlDocument, root: XNode, entry: XNode, feed: RawFeed): RawEntry {
  const n = names(root);
  const raw = emptyRaw();
  const idNode = child(entry, n('id'));
  raw.id = idNode ? textOf(idNode).trim() || null : null;
  // An id written as an absolute path ("/2003/12/13/entry") is a link on the feed's site:
  // resolve it. Other scheme-less ids are opaque tokens and stay as they are.
  if (raw.id && !SCHEME_RE.test(raw.id) && raw.id.startsWith('/') && idNode!.base) raw.id = resolveUrl(raw.id, idNode!.base);
  raw.url = alternate(entry, n);
  const titleNode = child(entry, n('title'));
  raw.title = titleNode ? atomText(doc, titleNode) : null;
  const summaryNode = child(entry, n('summary'));
  raw.summary = summaryNode ? atomText(doc, summaryNode) : null;
  for (const c of childrenOf(entry, n('content'))) {
    const t = atomText(doc, c);
    if (t && t.value.trim()) {
      raw.content = t;
      break;
    }
  }
  raw.authors = authorsOf(entry, n);
  for (const c of childrenOf(entry, 'dc:creator')) raw.authors.push(textOf(c));
  if (raw.authors.length === 0) {
    const source = child(entry, n('source'));
    raw.authors = source ? authorsOf(source, n) : [];
    if (raw.authors.length === 0) raw.authors = [...feed.authors];
  }
  for (const c of childrenOf(entry, n('category'))) {
    const term = c.attrs['term'] ?? c.attrs['label'] ?? textOf(c);
    if (term?.trim()) raw.categories.push(term);
  }
  for (const c of childrenOf(entry, 'dc:subject')) raw.categories.push(textOf(c));
  raw.published = childText(entry, n('published')) ?? childText(entry, n('issued')) ?? childText(entry, n('created')) ?? childText(entry, 'dc:date', 'dcterms:issued');
  // Several <updated>: the last one (feedparser's choice; each overwrites the previous).
  const updated = childrenOf(entry, n('updated'), n('modified')).map((u) => textOf(u).trim()).filter(Boolean);
  raw.updated = updated[updated.length - 1] ?? childText(entry, 'dcterms:modified');
  raw.image = findImage(entry);
  raw.lang = entry.lang ?? feed.lang;
  return raw;
}

/** The alternate link: rel="alternate" (or none), an HTML type preferred. */
function alternate(node: XNode, n: (l: string) => string): string | null {
  let fallback: string | null = null;
  for (const l of childrenOf(node, n('link'))) {
    const rel = (l.attrs['rel'] ?? '').trim().toLowerCase();
    // no href: some feeds write the URL as the element's text
    const href = l.attrs['href'] ?? textOf(l);
    if (!ALTERNATE_RELS.has(rel) || !href?.trim()) continue;
    const url = resolveUrl(href, l.base);
    if (HTML_TYPE_RE.test((l.attrs['type'] ?? '').trim())) return url;
    fallback ??= url;
  }
  return fallback;
}

function authorsOf(node: XNode, n: (l: string) => string): string[] {
  const out: string[] = [];
  for (const a of childrenOf(node, n('author'))) {
    const name = childText(a, n('name')) ?? childText(a, n('email'));
    if (name) out.push(name);
    else if (!childrenOf(a).length && textOf(a).trim()) out.push(textOf(a));
  }
  return out;
}
