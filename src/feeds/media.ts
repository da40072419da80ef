// media: the lead image of an entry, from whichever of the image conventions the feed
// uses. Order (first wins): Media RSS content with an image medium/type (the largest
// when several), media:thumbnail, an image enclosure (RSS enclosure or Atom
// link rel="enclosure"), then itunes:image.
import { IMAGE_EXTENSION_RE, intOrNull } from './entry.ts';
import type { EntryImage } from './types.ts';
import { child, childText, childrenOf, resolveUrl, type XNode } from './xml.ts';

const IMAGE_TYPE_RE = /^image\//i;

export function findImage(item: XNode): EntryImage | null {
  const contents: XNode[] = [];
  const thumbs: XNode[] = [];
  for (const c of childrenOf(item)) {
    if (c.name === 'media:content') contents.push(c);
    else if (c.name === 'media:thumbnail') thumbs.push(c);
    else if (c.name === 'media:group') {
      contents.push(...childrenOf(c, 'media:content'));
      thumbs.push(...childrenOf(c, 'media:thumbnail'));
    }
  }
  let best: { node: XNode; width: number } | null = null;
  for (const c of contents) {
    const type = c.attrs['type'] ?? '';
    const medium = c.attrs['medium'] ?? '';
    const url = c.attrs['url'] ?? '';
    const isImage = medium === 'image' || IMAGE_TYPE_RE.test(type) || (!medium && !type && IMAGE_EXTENSION_RE.test(url));
    if (!isImage || !url.trim()) continue;
    const width = intOrNull(c.attrs['width']) ?? 0;
    if (!best || width > best.width) best = { node: c, width };
  }
  if (best) return mediaImage(best.node, item);
  for (const t of thumbs) if (t.attrs['url']?.trim()) return mediaImage(t, item);
  // Inside a media:content that is a video, a thumbnail is still the picture to show.
  for (const c of contents) {
    const t = child(c, 'media:thumbnail');
    if (t?.attrs['url']?.trim()) return mediaImage(t, item);
  }
  for (const c of childrenOf(item, 'enclosure', 'atom:link', 'atom03:link', 'link')) {
    if (c.name !== 'enclosure' && (c.attrs['rel'] ?? '').trim() !== 'enclosure') continue;
    const type = c.attrs['type'] ?? '';
    const url = c.attrs['url'] ?? c.attrs['href'] ?? '';
    if (!url.trim() || !(IMAGE_TYPE_RE.test(type) || (!type && IMAGE_EXTENSION_RE.test(url)))) continue;
    return { url: resolveUrl(url, c.base)!, type: type || null, width: null, height: null, caption: null };
  }
  const it = child(item, 'itunes:image');
  const href = it?.attrs['href'] ?? it?.attrs['url'];
  if (it && href?.trim()) return { url: resolveUrl(href, it.base)!, type: null, width: null, height: null, caption: null };
  return null;
}

function mediaImage(node: XNode, item: XNode): EntryImage {
  const caption = childText(node, 'media:description', 'media:title') ?? (node.parent?.name === 'media:group' ? childText(node.parent, 'media:description') : null) ?? childText(item, 'media:description');
  return {
    url: resolveUrl(node.attrs['url'], node.base)!,
    type: node.attrs['type']?.trim() || null,
    width: intOrNull(node.attrs['width']),
    height: intOrNull(node.attrs['height']),
    caption,
  };
}
