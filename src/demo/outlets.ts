// demo/outlets: the fictional outlets of the demo newsroom — names, groups, feeds, URL
// shapes and house styles.
//
// Twelve outlets are written out by hand (two of them news agencies whose copy the others
// republish); a newsroom with more outlets adds generated ones that borrow a hand-written
// outlet's style under a new name, so 100 outlets look like 100 different sites.
import { SECTIONS, type Section } from './events.ts';
import { person, placeName } from './names.ts';
import { rngFor } from './random.ts';

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json' | 'sitemap';
/** The page skeleton an outlet's article pages are built on (see pages.ts). */
export type Template = 'broadsheet' | 'portal' | 'magazine' | 'wire';
export type UrlStyle = 'news-section' | 'dated' | 'article-id' | 'section-a' | 'dated-html';
export type Group = 'Agencies' | 'National press' | 'Regional press' | 'Digital';

/** One feed an outlet offers. */
export interface FeedSpec {
  format: FeedFormat;
  path: string;
  /** Only this section's items (per-section feeds). */
  section?: Section;
}

/** How an outlet looks and behaves. */
export interface Outlet {
  index: number;
  slug: string;
  name: string;
  group: Group;
  agency: boolean;
  /** Short agency code printed in datelines and credits ("CPA"). */
  code: string;
  tagline: string;
  lang: 'en';
  template: Template;
  urlStyle: UrlStyle;
  feeds: FeedSpec[];
  /** Feed links carry tracking parameters (the canonical URL does not). */
  utm: boolean;
  /** Full article HTML in the feed (content:encoded / content_html). */
  contentInFeed: boolean;
  charset: 'utf-8' | 'windows-1252';
  /** The page prints the headline a second time (a sticky bar or at the top of the body). */
  repeatHeadline: 'none' | 'sticky' | 'body';
  /** JSON-LD carries articleBody too. */
  jsonLdBody: boolean;
  /** Paths robots.txt disallows, and whether it asks for a crawl delay. */
  robotsDisallow: string[];
  crawlDelay: boolean;
  /** Share of its items that are agency copy republished with light edits. */
  wireShare: number;
  /** Paragraph count range of its own articles. */
  paragraphs: [number, number];
  /** Prints "CITY, Country —" before the first paragraph. */
  dateline: boolean;
  dateStyle: 'uk' | 'us' | 'iso';
  headlineCase: 'sentence' | 'title';
  /** Uses "per cent" where others write "percent". */
  perCent: boolean;
  newsletter: string;
  accent: string;
  staff: string[];
}

interface OutletSeed {
  slug: string; name: string; group: Group; code: string; tagline: string; template: Template; urlStyle: UrlStyle;
  feeds: FeedSpec[]; utm?: boolean; contentInFeed?: boolean; charset?: 'windows-1252'; repeatHeadline?: 'sticky' | 'body';
  jsonLdBody?: boolean; robotsDisallow?: string[]; crawlDelay?: boolean; wireShare: number; paragraphs: [number, number];
  dateline?: boolean; dateStyle: 'uk' | 'us' | 'iso'; headlineCase?: 'title'; perCent?: boolean; newsletter: string; accent: string;
}

const sectionFeeds = (format: FeedFormat, pattern: (s: Section) => string): FeedSpec[] =>
  SECTIONS.map((section) => ({ format, path: pattern(section), section }));

/** The hand-written outlets; index 0 and 1 are the agencies. */
const OUTLETS: OutletSeed[] = [
  { slug: 'cpa', name: 'Continental Press Agency', group: 'Agencies', code: 'CPA', tagline: 'News as it happens, since 1921',
    template: 'wire', urlStyle: 'article-id', feeds: [{ format: 'rss', path: '/rss/latest.xml' }, { format: 'json', path: '/feed.json' }],
    wireShare: 0, paragraphs: [5, 8], dateline: true, dateStyle: 'iso', newsletter: 'CPA Morning Wire', accent: '#b00020' },
  { slug: 'meridian', name: 'Meridian Wire', group: 'Agencies', code: 'MW', tagline: 'Independent wire service',
    template: 'wire', urlStyle: 'news-section', feeds: [{ format: 'atom', path: '/atom.xml' }],
    wireShare: 0, paragraphs: [5, 7], dateline: true, dateStyle: 'uk', newsletter: 'Meridian Daily', accent: '#005a9c' },
  { slug: 'harbour-gazette', name: 'The Harbour Gazette', group: 'National press', code: 'HG', tagline: 'Fearless since 1868',
    template: 'broadsheet', urlStyle: 'news-section',
    feeds: [{ format: 'rss', path: '/rss.xml' }, ...sectionFeeds('rss', (s) => `/rss/${s}.xml`)], utm: true,
    wireShare: 0.25, paragraphs: [9, 14], dateStyle: 'uk', perCent: true, newsletter: 'The Gazette Briefing', accent: '#1d3557' },
  { slug: 'northgate-post', name: 'Northgate Evening Post', group: 'Regional press', code: 'NEP', tagline: 'Your city, your news',
    template: 'portal', urlStyle: 'dated', feeds: [{ format: 'rss', path: '/feed/' }], charset: 'windows-1252', repeatHeadline: 'sticky',
    wireShare: 0.45, paragraphs: [7, 11], dateStyle: 'uk', perCent: true, newsletter: 'Evening Post Daily', accent: '#c1121f' },
  { slug: 'daily-lantern', name: 'The Daily Lantern', group: 'National press', code: 'DL', tagline: 'Shining a light',
    template: 'portal', urlStyle: 'section-a', feeds: [{ format: 'atom', path: '/feeds/all.atom.xml' }], repeatHeadline: 'body',
    wireShare: 0.35, paragraphs: [6, 10], dateStyle: 'uk', headlineCase: 'title', newsletter: 'Lantern Lunchtime', accent: '#e85d04' },
  { slug: 'ledger-line', name: 'Ledger & Line', group: 'Digital', code: 'L&L', tagline: 'Money, markets and the people behind them',
    template: 'magazine', urlStyle: 'article-id', feeds: [{ format: 'json', path: '/feed.json' }], contentInFeed: true, jsonLdBody: true,
    wireShare: 0.2, paragraphs: [8, 13], dateStyle: 'us', newsletter: 'The Ledger Letter', accent: '#2a9d8f' },
  { slug: 'calvenia-chronicle', name: 'The Calvenia Chronicle', group: 'National press', code: 'CC', tagline: 'The record of the republic',
    template: 'broadsheet', urlStyle: 'dated', feeds: [{ format: 'rdf', path: '/index.rdf' }],
    wireShare: 0.3, paragraphs: [10, 15], dateStyle: 'uk', perCent: true, newsletter: 'Chronicle Weekend', accent: '#6a040f' },
  { slug: 'signal-street', name: 'Signal Street', group: 'Digital', code: 'SS', tagline: 'Technology, science and the future',
    template: 'magazine', urlStyle: 'section-a',
    feeds: [{ format: 'atom', path: '/atom.xml' }, { format: 'json', path: '/feed.json' }, ...sectionFeeds('atom', (s) => `/atom/${s}.xml`)],
    wireShare: 0.15, paragraphs: [8, 12], dateStyle: 'us', headlineCase: 'title', newsletter: 'Signal Weekly', accent: '#7209b7' },
  { slug: 'riverside-courier', name: 'Riverside Courier', group: 'Regional press', code: 'RC', tagline: 'Serving the valley',
    template: 'portal', urlStyle: 'dated-html', feeds: [],
    wireShare: 0.4, paragraphs: [6, 10], dateStyle: 'us', newsletter: 'Courier Morning Mail', accent: '#386641' },
  { slug: 'morning-compass', name: 'The Morning Compass', group: 'National press', code: 'MC', tagline: 'Find your bearings',
    template: 'broadsheet', urlStyle: 'article-id', feeds: [{ format: 'sitemap', path: '/sitemap-news.xml' }],
    robotsDisallow: ['/private/', '/search'], crawlDelay: true,
    wireShare: 0.25, paragraphs: [9, 13], dateStyle: 'us', newsletter: 'Compass Points', accent: '#003049' },
  { slug: 'pinewood-herald', name: 'Pinewood Herald', group: 'Regional press', code: 'PH', tagline: 'Local news for the pinewood towns',
    template: 'magazine', urlStyle: 'dated-html', feeds: [{ format: 'rss', path: '/rss' }], contentInFeed: true, charset: 'windows-1252', utm: true,
    wireShare: 0.5, paragraphs: [6, 9], dateStyle: 'iso', newsletter: 'Herald Headlines', accent: '#606c38' },
  { slug: 'civic-observer', name: 'The Civic Observer', group: 'Digital', code: 'CO', tagline: 'Politics, policy and power',
    template: 'broadsheet', urlStyle: 'section-a',
    feeds: [{ format: 'atom', path: '/feed.atom' }, { format: 'sitemap', path: '/news-sitemap.xml' }, ...sectionFeeds('atom', (s) => `/section/${s}/feed.atom`)],
    repeatHeadline: 'sticky', jsonLdBody: true, wireShare: 0.2, paragraphs: [9, 15], dateStyle: 'uk', newsletter: 'Observer Insider', accent: '#9d0208' },
];

/** Number of hand-written outlets. */
export const BUILT_IN_OUTLETS = OUTLETS.length;
/** The agencies are the first outlets. */
export const AGENCY_COUNT = 2;

const PAPER_WORDS = ['Courier', 'Times', 'Post', 'Herald', 'Examiner', 'Journal', 'Record', 'Sentinel', 'Tribune', 'Gazette'] as const;
const ACCENTS = ['#264653', '#e76f51', '#457b9d', '#8d0801', '#3a5a40', '#5a189a', '#bc6c25', '#0077b6'] as const;

/** Outlet number `index` of a newsroom with the given seed: a hand-written one, or a
 * generated one that borrows the style of a hand-written non-agency outlet. */
export function outletAt(seed: number, index: number): Outlet {
  const r = rngFor(seed, 'outlet', index);
  let base: OutletSeed;
  if (index < OUTLETS.length) {
    base = OUTLETS[index]!;
  } else {
    const model = OUTLETS[AGENCY_COUNT + ((index - AGENCY_COUNT) % (OUTLETS.length - AGENCY_COUNT))]!;
    const town = placeName(r);
    const word = r.pick(PAPER_WORDS);
    base = { ...model, slug: `${town.toLowerCase()}-${word.toLowerCase()}-${index}`, name: `The ${town} ${word}`,
      code: `${town.charAt(0)}${word.charAt(0)}`, tagline: `News from ${town} and beyond`, newsletter: `${town} ${word} Today`, accent: r.pick(ACCENTS) };
  }
  const staff = Array.from({ length: base.group === 'Agencies' ? 10 : 6 }, () => person(r, 'reporter').name);
  return {
    index, slug: base.slug, name: base.name, group: base.group, agency: base.group === 'Agencies', code: base.code,
    tagline: base.tagline, lang: 'en', template: base.template, urlStyle: base.urlStyle, feeds: base.feeds,
    utm: base.utm ?? false, contentInFeed: base.contentInFeed ?? false, charset: base.charset ?? 'utf-8',
    repeatHeadline: base.repeatHeadline ?? 'none', jsonLdBody: base.jsonLdBody ?? false,
    robotsDisallow: base.robotsDisallow ?? [], crawlDelay: base.crawlDelay ?? false, wireShare: base.wireShare,
    paragraphs: base.paragraphs, dateline: base.dateline ?? false, dateStyle: base.dateStyle,
    headlineCase: base.headlineCase ?? 'sentence', perCent: base.perCent ?? false, newsletter: base.newsletter,
    accent: base.accent, staff,
  };
}

/** Lowercase ASCII words joined by hyphens, at most `maxWords` of them. */
export function slugify(text: string, maxWords = 8): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()
    .split(' ').slice(0, maxWords).join('-');
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The path of an article (without the outlet prefix). The index is always in the path,
 * so the server can rebuild the article from it. */
export function articlePath(o: Outlet, section: Section, published: Date, slug: string, index: number): string {
  const y = published.getUTCFullYear(), m = pad(published.getUTCMonth() + 1), d = pad(published.getUTCDate());
  switch (o.urlStyle) {
    case 'news-section': return `/news/${section}/${slug}-${index}`;
    case 'dated': return `/${y}/${m}/${d}/${index}/${slug}/`;
    case 'article-id': return `/article/${index}/${slug}.html`;
    case 'section-a': return `/${section}/${slug}-a${index}.html`;
    case 'dated-html': return `/${section}/${y}/${m}/${d}/${slug}-${index}.html`;
  }
}

/** Regexes that read the item index back from an article path, one per URL style. */
const ARTICLE_PATH: Record<UrlStyle, RegExp> = {
  'news-section': /^\/news\/[a-z]+\/[a-z0-9-]*-(\d+)$/,
  dated: /^\/\d{4}\/\d{2}\/\d{2}\/(\d+)\/[a-z0-9-]*\/$/,
  'article-id': /^\/article\/(\d+)\/[a-z0-9-]*\.html$/,
  'section-a': /^\/[a-z]+\/[a-z0-9-]*-a(\d+)\.html$/,
  'dated-html': /^\/[a-z]+\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]*-(\d+)\.html$/,
};

/** The item index an article path names, or null when the path is not an article. */
export function indexFromPath(o: Outlet, path: string): number | null {
  const m = ARTICLE_PATH[o.urlStyle].exec(path);
  return m ? Number(m[1]) : null;
}

/** The article URL pattern, as a regex source, for outlets without feeds (what an operator
 * gives `sources add --pattern`). */
export function articlePattern(o: Outlet): string {
  return ARTICLE_PATH[o.urlStyle].source.replace(/^\^/, '').replace(/\$$/, '');
}
