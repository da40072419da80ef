// The lead image: chosen from og:image, JSON-LD image, twitter:image, microdata and the
// article's first large figure; then matched to the page's <figure> showing it (same
// path, ignoring resizer segments and size suffixes) to read its caption, credit and alt.
import { absoluteUrl, classAndId, findAll, isTag, type Element } from '../dom.ts';
import type { LeadImage } from '../types.ts';
import type { LdImage } from './jsonld.ts';
import { textUpTo, tidy } from './text.ts';

/** One lead-image candidate from metadata. */
export interface ImageCandidate {
  url: string;
  width?: number | null;
  height?: number | null;
  alt?: string | null;
  caption?: string | null;
  credit?: string | null;
}

/** File names of site furniture, not article photos (logos, placeholders, tracking pixels). */
const NOT_A_PHOTO = /logo|placeholder|default[-_]?(?:image|img|og|share|social|thumb)|blank\.|spacer|pixel|1x1|transparent|favicon|sprite|avatar|icon[-_.]|\.svg(?:$|\?)|gravatar|fallback[-_]?image|no[-_]?image|share[-_]?image/i;

/** Resizer path segments: "/resize/800x600/", "/w_800,h_600,c_fill/", "/fit-in/800x0/",
 * "/800x/", "/crop/…", "/thumbs/…" — dropped before comparing paths. */
const RESIZER_SEGMENT = /^(?:\d+x\d*|x\d+|\d+w?|[a-z]{1,2}_[\w.,:]+(?:,[a-z]{1,2}_[\w.,:]+)*|resize|resized|crop|cropped|fit-in|fit|fill|thumb|thumbs|thumbnail|thumbnails|smart|filters:.*|image|images|img|rs|rcrop|max|width|height|q\d+|quality=\d+|\d+:\d+|\d+_\d+|master|original|large|medium|small|standard|articleinline|article|facebook|twitter|og|share|social|teaser|\w+-\d{2,4}(?:x\d+)?)$/i;

/** Size suffixes before the extension: "photo-800x600.jpg", "photo_w1200.jpg", "photo@2x.jpg". */
const SIZE_SUFFIX = /(?:[-_](?:\d{2,4}x\d{2,4}|w\d{2,4}|h\d{2,4}|\d{2,4}w|scaled|large|medium|small|thumb|original)|@\dx)+(?=\.[a-z0-9]{2,5}$|$)/i;

/** Caption containers inside a figure. */
const CAPTION_ATTR = /caption|bildunterschrift|legend|bu\b|subline|image-text|img-text|description/;

/** Credit containers inside a figure. */
const CREDIT_ATTR = /credit|copyright|photographer|fotograf|source|quelle|byline|author|rights|agency|courtesy/;

/** A credit at the end of a caption: "(Foto: dpa)", "Photo: Jane Doe/Reuters",
 * "© Max Muster", "Credit: …", "Bild: …", "Photo by …". */
const CREDIT_TAIL = /[\s|–—-]*[(\[]?\s*(?:(?:photo(?:graph)?|foto|fotos|bild|bilder|image|picture|credit|credits|quelle|source|copyright|illustration|grafik|bildquelle|crédit|crédito|fuente|fotografía)\s*(?::|©)\s*|(?:photos?|pictures?|images?|illustration)\s+(?:by|courtesy of)\s+|fotos?\s+von\s+|courtesy(?:\s+of)?\s+|©\s*|\(c\)\s+)([^()\[\]]{2,120}?)[)\]]?\s*\.?\s*$/i;

/** A bracketed credit with an unpunctuated label: "(Photo Prakash Mathema. AFP)". */
const PAREN_CREDIT = /\s*[(\[]\s*(?:photos?|fotos?|bild|bilder|image|picture|credit|crédit|crédito|quelle|source|illustration)\s*[:.]?\s+([^()\[\]]{2,120}?)\s*[)\]]\s*\.?\s*$/i;

/** Agency/photo-service credits written with no label at the end of a caption:
 * "… Getty Images", "… AFP via Getty Images", "… /dpa", "(dpa)", "… DR" (droits réservés). */
const BARE_CREDIT_TAIL = /[\s|–—-]*[(\[]?\s*\b((?:getty images|afp|reuters|ap photo|ap|dpa|epa|imago(?: images)?|picture alliance|picture-alliance|shutterstock|istock(?:photo)?|keystone|anadolu|xinhua|sipa|alamy|bloomberg|dr|d\.r\.)(?:\s*(?:\/|via)\s*[\p{L}.'’ -]{2,40})?)\s*[)\]]?\s*\.?\s*$/iu;

/** The photographer before an agency credit: "Jane Doe/" or "Jane Doe via ". Case-
 * sensitive on purpose (capitalised words only). */
const PHOTOGRAPHER_BEFORE = /((?:(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]+)\s*){1,3}(?:\/|\svia\s)\s*)$/u;

/** Splits a figure caption into its caption text and the credit written in it. */
export function splitCaptionCredit(text: string | null | undefined): { caption: string | null; credit: string | null } {
  let t = tidy(text);
  if (!t) return { caption: null, credit: null };
  let credit: string | null = null;
  let m = PAREN_CREDIT.exec(t) ?? CREDIT_TAIL.exec(t);
  if (m) {
    credit = cleanCredit(m[1]!);
    t = t.slice(0, m.index).trim();
  } else {
    m = BARE_CREDIT_TAIL.exec(t);
    if (m) {
      let start = m.index;
      let creditText = m[1]!;
      const prefix = t.slice(0, m.index + m[0].indexOf(m[1]!));
      const ph = /(?:\/|\svia)\s*$/.test(prefix) ? PHOTOGRAPHER_BEFORE.exec(prefix) : null;
      if (ph) {
        start = ph.index;
        creditText = ph[1]! + creditText;
      }
      // A bare agency name ends a sentence too ("… told Reuters"): take it as a credit only
      // when it is set apart (brackets, slash, "via", a photo service, "DR") or follows a
      // full stop.
      const before = t.slice(0, start).trimEnd();
      const setApart = /[(\[/]|\bvia\b|getty|imago|picture|shutterstock|istock|alamy|^\s*d\.?r\.?\s*$/i.test(creditText) || /[(\[]/.test(m[0]) || before === '' || /[.!?|:–—»)"”-]$/.test(before);
      if (setApart) {
        credit = cleanCredit(creditText);
        t = before;
      }
    }
  }
  t = t.replace(/[\s|–—-]+$/, '').trim();
  return { caption: t || null, credit: credit || null };
}

/** Removes labels and punctuation around a credit ("Photo: X" → "X"). */
export function cleanCredit(s: string | null | undefined): string | null {
  let t = tidy(s);
  t = t.replace(/^(?:(?:photo(?:graph)?|foto|fotos|bild|bilder|image|picture|credit|credits|quelle|source|copyright|illustration|grafik|bildquelle|crédit|crédito|fuente)\s*(?::|©)\s*|©\s*|\(c\)\s*|photos?\s+by\s+|foto\s+von\s+)+/i, '');
  t = t.replace(/^[\s(\[]+|[\s)\].,;]+$/g, '').trim();
  return t || null;
}

/** Comparison key for an image URL: host-less path without resizer segments, size
 * suffixes, query and extension case. */
export function imageKey(url: string): { path: string; file: string } | null {
  let u: URL;
  try {
    u = new URL(url, 'http://x.invalid/');
  } catch {
    return null;
  }
  let path: string;
  try {
    path = decodeURIComponent(u.pathname).toLowerCase();
  } catch {
    path = u.pathname.toLowerCase();
  }
  const segs = path.split('/').filter(Boolean);
  const file = (segs.pop() ?? '').replace(/\.(?:jpe?g|png|webp|gif|avif)$/i, '').replace(SIZE_SUFFIX, '');
  const kept = segs.filter((s) => !RESIZER_SEGMENT.test(s));
  return { path: kept.join('/') + '/' + file, file };
}

/** Whether two image URLs show the same picture. Same file name first (cheap string work,
 * no URL parsing): both rules below need it. */
export function sameImage(a: string, b: string): boolean {
  if (a === b) return true;
  if (fileKey(a) !== fileKey(b)) return false;
  const ka = imageKey(a), kb = imageKey(b);
  if (!ka || !kb) return false;
  if (ka.path === kb.path) return true;
  return ka.file.length >= 6 && ka.file === kb.file;
}

/** The file name of an image URL as imageKey compares it, from string operations only. */
function fileKey(url: string): string {
  let end = url.length;
  const q = url.indexOf('?'), h = url.indexOf('#');
  if (q >= 0) end = q;
  if (h >= 0 && h < end) end = h;
  let f = url.slice(url.lastIndexOf('/', end - 1) + 1, end);
  try {
    f = decodeURIComponent(f);
  } catch {
    /* keep as written */
  }
  return f.toLowerCase().replace(/\.(?:jpe?g|png|webp|gif|avif)$/i, '').replace(SIZE_SUFFIX, '');
}

/** Every URL an <img> (or its <picture>) may load. */
export function imgSources(img: Element): string[] {
  const a = img.attribs;
  const out: string[] = [];
  for (const k of ['src', 'data-src', 'data-lazy-src', 'data-original', 'data-url', 'data-hi-res-src', 'data-full-src', 'data-lazy']) {
    const v = a[k];
    if (v && !v.startsWith('data:')) out.push(v.trim());
  }
  for (const k of ['srcset', 'data-srcset', 'data-lazy-srcset']) {
    const v = a[k];
    if (v) for (const part of v.split(/,\s+/)) {
      const u = part.trim().split(/\s+/)[0];
      if (u && !u.startsWith('data:')) out.push(u);
    }
  }
  const pic = img.parent;
  if (pic && isTag(pic) && pic.name === 'picture') {
    for (const s of pic.children) {
      if (isTag(s) && s.name === 'source') {
        const v = s.attribs.srcset ?? s.attribs['data-srcset'];
        if (v) for (const part of v.split(/,\s+/)) {
          const u = part.trim().split(/\s+/)[0];
          if (u && !u.startsWith('data:')) out.push(u);
        }
      }
    }
  }
  return out;
}

/** Caption, credit and alt read from a figure (or caption container). */
export interface FigureInfo {
  img: Element | null;
  caption: string | null;
  credit: string | null;
  alt: string | null;
}

/** Reads a figure's caption (without its credit), credit and the alt of its image. */
export function readFigure(fig: Element): FigureInfo {
  const imgs = findAll(fig, (e) => e.name === 'img');
  const img = imgs[0] ?? null;
  let captionEl: Element | null = null;
  let creditEl: Element | null = null;
  for (const e of findAll(fig, (x) => x.name === 'figcaption' || !!x.attribs.class || !!x.attribs.id)) {
    const ci = e.name === 'figcaption' ? 'caption ' + classAndId(e) : classAndId(e);
    if (!creditEl && CREDIT_ATTR.test(ci) && e.name !== 'img') creditEl = e;
    else if (!captionEl && CAPTION_ATTR.test(ci) && e.name !== 'img') captionEl = e;
  }
  let creditText = creditEl ? cleanCredit(textUpTo(creditEl, 300) ?? '') : null;
  let captionText = captionEl ? tidy(textUpTo(captionEl, 2000) ?? '') : '';
  if (creditEl && captionEl && creditText) {
    // The credit element sits inside the caption: cut its (last) occurrence.
    const raw = tidy(textUpTo(creditEl, 300) ?? '');
    const at = raw ? captionText.lastIndexOf(raw) : -1;
    if (at >= 0) captionText = tidy(captionText.slice(0, at) + ' ' + captionText.slice(at + raw.length));
  }
  const split = splitCaptionCredit(captionText);
  if (!creditText) creditText = split.credit;
  const alt = img?.attribs.alt ? tidy(img.attribs.alt) || null : null;
  return { img, caption: split.caption, credit: creditText, alt };
}

/** Inputs for choosing the lead image. */
export interface LeadImageInput {
  candidates: ImageCandidate[];
  figures: Element[];
  imgs: Element[];
  /** The article element, to prefer figures inside it for the fallback. */
  article: Element | null;
  base: string | null;
}

/** Picks the lead image and completes it from the page's figure showing it. */
export function chooseLeadImage(inp: LeadImageInput): LeadImage | null {
  const abs = (u: string): string | null => {
    const t = u.trim();
    if (t.startsWith('//') && !inp.base) return 'https:' + t;
    return absoluteUrl(t, inp.base ?? undefined) ?? (/^https?:\/\//i.test(t) ? t : null);
  };
  let chosen: ImageCandidate | null = null;
  for (const c of inp.candidates) {
    if (!c.url || NOT_A_PHOTO.test(c.url) || c.url.startsWith('data:')) continue;
    // Declared tiny: a tracking pixel or an icon.
    if ((c.width != null && c.width < 50) || (c.height != null && c.height < 50)) continue;
    const u = abs(c.url);
    if (!u) continue;
    chosen = { ...c, url: u };
    break;
  }
  // Find the figure showing the chosen image, or (without one) the first large figure
  // image of the article.
  let fig: FigureInfo | null = null;
  if (chosen) {
    const target = chosen.url;
    // The file name must match before a source is resolved and compared in full.
    const targetFile = fileKey(target);
    const shows = (img: Element): boolean => imgSources(img).some((s) => {
      if (fileKey(s) !== targetFile) return false;
      const u = abs(s);
      return !!u && sameImage(u, target);
    });
    for (const f of inp.figures) {
      const img = findAll(f, (e) => e.name === 'img').find(shows);
      if (!img) continue;
      fig = { ...readFigure(f), img };
      if (img.attribs.alt) fig.alt = tidy(img.attribs.alt) || fig.alt;
      break;
    }
  } else {
    const inArticle = inp.article ? inp.figures.filter((f) => isInside(f, inp.article!)) : [];
    for (const f of [...inArticle, ...inp.figures]) {
      const info = readFigure(f);
      if (!info.img || !largeEnough(info.img)) continue;
      const src = imgSources(info.img).map(abs).find((u): u is string => !!u && !NOT_A_PHOTO.test(u));
      if (!src) continue;
      chosen = { url: src };
      fig = info;
      break;
    }
    if (!chosen && inp.article) {
      for (const img of inp.imgs) {
        if (!isInside(img, inp.article) || !largeEnough(img, true)) continue;
        const src = imgSources(img).map(abs).find((u): u is string => !!u && !NOT_A_PHOTO.test(u));
        if (!src) continue;
        chosen = { url: src, alt: img.attribs.alt ?? null };
        fig = { img, caption: null, credit: null, alt: img.attribs.alt ? tidy(img.attribs.alt) : null };
        break;
      }
    }
  }
  if (!chosen) return null;
  const imgW = fig?.img ? dim(fig.img.attribs.width) : null;
  const imgH = fig?.img ? dim(fig.img.attribs.height) : null;
  const capSplit = splitCaptionCredit(chosen.caption);
  return {
    url: chosen.url,
    caption: fig?.caption ?? capSplit.caption ?? null,
    credit: fig?.credit ?? cleanCredit(chosen.credit) ?? capSplit.credit ?? null,
    alt: fig?.alt ?? (chosen.alt ? tidy(chosen.alt) || null : null),
    width: chosen.width ?? imgW ?? null,
    height: chosen.height ?? imgH ?? null,
  };
}

/** JSON-LD images as candidates. */
export function ldCandidates(images: LdImage[]): ImageCandidate[] {
  return images.map((i) => ({ url: i.url, width: i.width, height: i.height, caption: i.caption, credit: i.credit }));
}

function dim(v: string | undefined): number | null {
  if (!v) return null;
  const n = parseInt(v, 10);
  return Number.isFinite(n) && n > 0 && /^\s*\d+\s*(?:px)?\s*$/.test(v) ? n : null;
}

/** An image big enough to be a lead photo: declared at least 300×150, or with no size
 * declared (figures) when `strict` is off. */
function largeEnough(img: Element, strict = false): boolean {
  const w = dim(img.attribs.width), h = dim(img.attribs.height);
  if (w != null && w < 300) return false;
  if (h != null && h < 150) return false;
  if (strict && w == null) return false;
  return true;
}

function isInside(node: Element, root: Element): boolean {
  let p: Element['parent'] = node;
  while (p) {
    if (p === root) return true;
    p = p.parent;
  }
  return false;
}
