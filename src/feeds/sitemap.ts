// sitemap: XML sitemaps (urlset), sitemap indexes (sitemapindex) and Google News
// sitemaps (news:news with title, publication date, language, keywords; image:image)
// into RawEntry. A plain sitemap entry has only a URL and a last-modified date.
import { emptyRaw, type RawEntry } from './entry.ts';
import { child, childText, childrenOf, resolveUrl, type XNode } from './xml.ts';

export function readSitemapIndex(root: XNode): string[] {
  const out: string[] = [];
  for (const s of childrenOf(root, 'sitemap')) {
    const loc = childText(s, 'loc');
    if (loc) out.push(resolveUrl(loc, s.base)!);
  }
  return out;
}

export function sitemapUrls(root: XNode): XNode[] {
  return childrenOf(root, 'url');
}

export function readSitemapUrl(u: XNode): RawEntry | null {
  const loc = childText(u, 'loc');
  if (!loc) return null;
  const raw = emptyRaw();
  raw.url = resolveUrl(loc, u.base);
  raw.id = raw.url;
  raw.updated = childText(u, 'lastmod');
  const news = child(u, 'news:news');
  if (news) {
    raw.title = childText(news, 'news:title');
    raw.published = childText(news, 'news:publication_date');
    const pub = child(news, 'news:publication');
    raw.lang = (pub && childText(pub, 'news:language')) ?? null;
    const kw = childText(news, 'news:keywords');
    if (kw) raw.categories.push(...kw.split(',').map((k) => k.trim()).filter(Boolean));
  }
  const img = child(u, 'image:image');
  const imgLoc = img && childText(img, 'image:loc');
  if (img && imgLoc) {
    raw.image = { url: resolveUrl(imgLoc, img.base)!, type: null, width: null, height: null, caption: childText(img, 'image:caption') ?? childText(img, 'image:title') };
  }
  return raw;
}
