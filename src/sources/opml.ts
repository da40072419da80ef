// opml: OPML subscription lists in and out. Nested outlines are sections: a feed's
// section is the path of titles of the outlines around it ("News / Europe"). Import is
// forgiving (the same safe XML tree as feeds, so a bare `&` or an XML bomb in a list
// someone exported does no harm); export writes OPML 2.0 with one nested outline per
// section.
import { escapeAttr } from '../sanitize/index.ts';
import { XmlRefused, child, childrenOf, parseXml, resolveUrl, type XNode } from '../feeds/xml.ts';

/** A feed from an OPML list. */
export interface OpmlOutline {
  /** The outline's title (or text), else the feed URL. */
  title: string;
  /** The feed's URL (absolute when the list gave a base). */
  xmlUrl: string;
  /** The site's home page, when given. */
  htmlUrl: string | null;
  /** The outline's type attribute ("rss", "atom" …), when given. */
  type: string | null;
  /** Titles of the enclosing outlines, outermost first; [] for a top-level feed. */
  sectionPath: string[];
  /** The section path joined with " / ", or null at top level. */
  section: string | null;
}

/** Thrown when the document is not an OPML list; the message says what to do. */
export class OpmlError extends Error {
  override name = 'OpmlError';
}

/** Separator used when a section path is written as one string. */
export const SECTION_SEPARATOR = ' / ';
/** Outlines nested deeper than this are not read (a list is a handful of levels). */
const MAX_OUTLINE_DEPTH = 32;

/** The feeds of an OPML document, in document order, with their sections. */
export function parseOpml(xml: string, baseUrl: string | null = null): OpmlOutline[] {
  let root: XNode | null;
  try {
    root = parseXml(xml, baseUrl).root;
  } catch (err) {
    if (err instanceof XmlRefused) throw new OpmlError(`OPML refused: ${err.message}`);
    throw err;
  }
  if (!root || root.name !== 'opml') {
    throw new OpmlError(`not an OPML list: the root element is ${root ? `<${root.name}>` : 'missing'}; export the subscriptions as OPML from the reader`);
  }
  const body = child(root, 'body');
  if (!body) return [];
  const out: OpmlOutline[] = [];
  const walk = (node: XNode, path: string[]): void => {
    if (path.length > MAX_OUTLINE_DEPTH) return;
    for (const o of childrenOf(node, 'outline')) {
      const title = (o.attrs['title'] ?? o.attrs['text'] ?? '').replace(/\s+/g, ' ').trim();
      const xmlUrl = (o.attrs['xmlurl'] ?? '').trim();
      if (xmlUrl) {
        const url = resolveUrl(xmlUrl, o.base)!;
        out.push({
          title: title || url,
          xmlUrl: url,
          htmlUrl: o.attrs['htmlurl']?.trim() ? resolveUrl(o.attrs['htmlurl'], o.base) : null,
          type: o.attrs['type']?.trim() || null,
          sectionPath: path,
          section: path.length ? path.join(SECTION_SEPARATOR) : null,
        });
      }
      // An outline with children is a section (even one that is also a feed, rarely).
      if (childrenOf(o, 'outline').length) walk(o, title ? [...path, title] : path);
    }
  };
  walk(body, []);
  return out;
}

export interface ToOpmlOptions {
  title?: string;
  /** dateCreated, default now. */
  now?: Date;
}

/** An OPML 2.0 document for the feeds; sections become nested outlines. */
export function toOpml(feeds: ReadonlyArray<Pick<OpmlOutline, 'title' | 'xmlUrl'> & Partial<OpmlOutline>>, opts: ToOpmlOptions = {}): string {
  interface Section {
    feeds: string[];
    children: Map<string, Section>;
  }
  const top: Section = { feeds: [], children: new Map() };
  for (const f of feeds) {
    const path = f.sectionPath ?? (f.section ? f.section.split(SECTION_SEPARATOR) : []);
    let s = top;
    for (const name of path) {
      let next = s.children.get(name);
      if (!next) s.children.set(name, (next = { feeds: [], children: new Map() }));
      s = next;
    }
    const attrs = [`type="${escapeAttr(f.type ?? 'rss')}"`, `text="${escapeAttr(f.title)}"`, `title="${escapeAttr(f.title)}"`, `xmlUrl="${escapeAttr(f.xmlUrl)}"`];
    if (f.htmlUrl) attrs.push(`htmlUrl="${escapeAttr(f.htmlUrl)}"`);
    s.feeds.push(`<outline ${attrs.join(' ')}/>`);
  }
  const lines: string[] = [];
  const write = (s: Section, indent: string): void => {
    for (const f of s.feeds) lines.push(indent + f);
    for (const [name, c] of s.children) {
      lines.push(`${indent}<outline text="${escapeAttr(name)}" title="${escapeAttr(name)}">`);
      write(c, indent + '  ');
      lines.push(`${indent}</outline>`);
    }
  };
  write(top, '    ');
  const title = escapeAttr(opts.title ?? 'Newsdesk subscriptions');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${title}</title>`,
    `    <dateCreated>${(opts.now ?? new Date()).toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
