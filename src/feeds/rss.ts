// rss: RSS 0.9x/2.0 and RSS 1.0 (RDF) channels and items into RawEntry. The two share
// their element names once namespaces are resolved (xml.ts maps the RSS 1.0 and 0.90
// namespaces to none), and differ only in where items live: inside the channel (RSS) or
// beside it (RDF).
import { atomText, rssChildHtml, rssHtml, rssTitle, type TypedText } from './content.ts';
import { emptyRaw, type RawEntry } from './entry.ts';
import { findImage } from './media.ts';
import { child, childText, childrenOf, resolveUrl, textOf, type XNode, type XmlDocument } from './xml.ts';

export interface RawFeed {
  title: string | null;
  link: string | null;
  lang: string | null;
  ttlSeconds: number | null;
  items: XNode[];
  /** Authors of the whole feed (Atom inherits them into entries). */
  authors: string[];
}

/** A guid is a link when it looks like one and isPermaLink does not say otherwise. */
const URL_LIKE_RE = /^(?:https?:)?\/\//i;
const TTL_RE = /^\s*\d{1,7}\s*$/;

export function readRssChannel(doc: XmlDocument, root: XNode): RawFeed {
  const channel = child(root, 'channel') ?? root;
  const titleNode = child(channel, 'title', 'dc:title');
  const linkNode = child(channel, 'link');
  let link = linkNode ? resolveUrl(textOf(linkNode), linkNode.base) : null;
  if (!link) link = alternateLink(channel);
  const ttl = childText(channel, 'ttl');
  const items = root.name === 'rdf:rdf' ? [...childrenOf(root, 'item'), ...childrenOf(channel, 'item')] : childrenOf(channel, 'item');
  if (channel !== root && root.name !== 'rdf:rdf') items.push(...childrenOf(root, 'item'));
  return {
    title: titleNode ? rssTitle(doc, titleNode) : null,
    link,
    lang: childText(channel, 'language', 'dc:language') ?? channel.lang,
    ttlSeconds: ttl && TTL_RE.test(ttl) ? Number(ttl) * 60 : null,
    items,
    authors: [],
  };
}

export function readRssItem(doc: XmlDocument, item: XNode, feedLang: string | null): RawEntry {
  const raw = emptyRaw();
  const guidNode = child(item, 'guid');
  const guid = guidNode ? textOf(guidNode).trim() : (item.attrs['rdf:about']?.trim() ?? '');
  const linkNode = child(item, 'link');
  const linkText = linkNode ? textOf(linkNode).trim() : '';
  if (linkText) raw.url = resolveUrl(linkText, linkNode!.base);
  else raw.url = alternateLink(item);
  if (!raw.url && guidNode && guid && (guidNode.attrs['ispermalink'] ?? 'true').trim().toLowerCase() !== 'false' && URL_LIKE_RE.test(guid)) {
    raw.url = resolveUrl(guid, guidNode.base);
  }
  raw.id = guid || null;

  const titleNode = child(item, 'title', 'dc:title');
  raw.title = titleNode ? rssTitle(doc, titleNode) : null;
  if (!raw.title) {
    // Media RSS: a media:title stands in for a missing item title (video and photo feeds)
    const mt = child(item, 'media:title') ?? child(child(item, 'media:group') ?? item, 'media:title');
    if (mt) raw.title = rssTitle(doc, mt);
  }
  raw.summary = rssChildHtml(doc, item, 'description', 'dc:description', 'itunes:summary') ?? atomChild(doc, item, 'atom:summary');
  raw.content = contentOf(doc, item);
  // A non-standard <summary> beside <description>: the first is the summary, the other the
  // content (when there is no content:encoded).
  const summaryEl = child(item, 'summary');
  const descEl = child(item, 'description');
  if (summaryEl && descEl) {
    const summaryFirst = item.children.indexOf(summaryEl) < item.children.indexOf(descEl);
    raw.summary = rssHtml(doc, summaryFirst ? summaryEl : descEl);
    raw.content ??= rssHtml(doc, summaryFirst ? descEl : summaryEl);
  } else if (summaryEl && !raw.summary) raw.summary = rssHtml(doc, summaryEl);

  for (const c of childrenOf(item, 'author', 'dc:creator', 'dc:author', 'itunes:author', 'dc:contributor')) {
    const t = textOf(c).trim();
    if (t) raw.authors.push(t);
  }
  for (const a of childrenOf(item, 'atom:author')) {
    const n = childText(a, 'atom:name') ?? childText(a, 'atom:email');
    if (n) raw.authors.push(n);
  }
  for (const c of childrenOf(item, 'category', 'dc:subject', 'tags', 'media:keywords', 'media:category', 'itunes:category')) {
    const t = c.name === 'itunes:category' ? (c.attrs['text'] ?? '').trim() : textOf(c).trim();
    // nested itunes:category is a subcategory
    if (c.name === 'itunes:category') for (const sub of childrenOf(c, 'itunes:category')) if (sub.attrs['text']?.trim()) raw.categories.push(t, sub.attrs['text']);
    // <tags> and media:keywords are comma-separated lists
    if (c.name === 'tags' || c.name === 'media:keywords') raw.categories.push(...t.split(',').map((x) => x.trim()).filter(Boolean));
    else if (t) raw.categories.push(t);
  }
  raw.published = childText(item, 'pubdate') ?? childText(item, 'dc:date') ?? childText(item, 'dcterms:issued', 'dcterms:created', 'atom:published', 'issued');
  raw.updated = childText(item, 'atom:updated', 'dcterms:modified', 'lastbuilddate');
  raw.image = findImage(item);
  raw.lang = childText(item, 'dc:language', 'language') ?? item.lang ?? feedLang;
  return raw;
}

/** content:encoded, else an XHTML body, else an embedded Atom content. */
function contentOf(doc: XmlDocument, item: XNode): TypedText | null {
  const encoded = rssChildHtml(doc, item, 'content:encoded');
  if (encoded && encoded.value.trim()) return encoded;
  const body = child(item, 'xhtml:body', 'body', 'fullitem');
  if (body) return rssChildHtml(doc, item, body.name);
  return atomChild(doc, item, 'atom:content');
}

function atomChild(doc: XmlDocument, item: XNode, name: string): TypedText | null {
  const n = child(item, name);
  return n ? atomText(doc, n, 'text') : null;
}

/** An atom:link rel="alternate" (or without rel) inside an RSS channel or item. */
function alternateLink(node: XNode): string | null {
  for (const l of childrenOf(node, 'atom:link', 'atom03:link')) {
    const rel = (l.attrs['rel'] ?? 'alternate').trim().toLowerCase();
    if (rel === 'alternate' && l.attrs['href']?.trim()) return resolveUrl(l.attrs['href'], l.base);
  }
  return null;
}
