// demo/article: writes one outlet's article about an event, or its edited copy of an
// agency story.
//
// An original article is assembled from the event's facts with the outlet's own choices
// (headline wording, which facts, their order, how quotes are attributed, how many
// paragraphs), all drawn from a generator seeded by (seed, outlet, item) — so two outlets
// share names and numbers but rarely a sentence. Agency copy is taken as the agency wrote
// it and lightly edited the way republishers do: a new headline, a paragraph dropped or
// added, the dateline and byline changed, a few words swapped, the outlet's boilerplate.
import type { Development, NewsEvent, Quote, Section } from './events.ts';
import type { Outlet } from './outlets.ts';
import { articlePath, slugify } from './outlets.ts';
import { rngFor, vary, type Rng } from './random.ts';
import { weekday } from './names.ts';

/** What an item is about. */
export interface ItemPlan {
  eventId: number;
  development: number;
  /** Set when the item republishes an agency's item. */
  wire: { agency: number; index: number } | null;
}

/** The lead image of an article. */
export interface DemoImage {
  /** Path on the outlet's site (without the outlet prefix). */
  path: string;
  width: number;
  height: number;
  caption: string;
  credit: string;
  alt: string;
  hue: number;
}

/** One generated article, the truth the tests compare extraction against. */
export interface DemoArticle {
  outlet: number;
  index: number;
  eventId: number;
  development: number;
  section: Section;
  headline: string;
  standfirst: string;
  paragraphs: string[];
  authors: string[];
  /** "MERROW, Veltria" or null when the outlet prints none. */
  dateline: string | null;
  publishedAt: Date;
  modifiedAt: Date;
  revision: number;
  tags: string[];
  image: DemoImage;
  /** The agency item this one republishes, if any. */
  wire: { agency: number; index: number } | null;
  slug: string;
  /** Path on the outlet's site (without the outlet prefix). */
  path: string;
}

/** What writeArticle needs. */
export interface WriteInput {
  seed: number;
  outlet: Outlet;
  index: number;
  plan: ItemPlan;
  event: NewsEvent;
  published: Date;
  revisedAt: Date | null;
  /** The agency's article, for republished copy. */
  agency: DemoArticle | null;
  agencyOutlet: Outlet | null;
}

export const IMAGE_WIDTH = 640;
export const IMAGE_HEIGHT = 360;

/** Ways to attribute a quote; {q} is the quote, {name}/{role}/{surname} the speaker. */
const QUOTE_FORMS = [
  '“{q},” said {name}, {role}.',
  '{name}, {role}, said: “{q}.”',
  '“{q},” {name} told reporters.',
  '“{q},” {surname} {said|added}.',
  'Speaking {to journalists|to reporters|at a briefing}, {name} said: “{q}.”',
  '“{q},” according to {name}, {role}.',
] as const;

/** Closing lines an outlet may add; generic so that they never carry facts. */
const CLOSERS = [
  '{More details are expected|Further details are expected} {later in the day|in the coming days}.',
  '{It was not immediately clear|It remained unclear} what {would happen next|the next step would be}.',
  '{The story is developing|This is a developing story} and will be updated.',
] as const;

/** Context lines that pad a longer article; {city}/{country}/{p0}/{p1} are the event's. */
const CONTEXT = [
  '{Local radio|Regional television} in {city} {carried|broadcast} {live coverage|updates} {throughout the day|for much of the day}.',
  '{The government of {country}|{country}\'s government} {did not immediately comment|had not commented by the evening}.',
  '{p0} is expected to {speak|talk to reporters} again {later this week|in the coming days}.',
  '{Reporters|Journalists} {gathered|waited} outside {the offices|the building} in {city} {well into the evening|until late}.',
  'The news {dominated|led} the {evening bulletins|front pages} in {country}.',
  '{People in {city}|Residents of {city}} {reacted|responded} {with a mix of relief and anger|in large numbers} on social media.',
  '{p1} {declined|did not want} to {give further details|say more} {when asked|on Tuesday evening}.',
] as const;

/** Ways an outlet frames a fact sentence: who says so, or how it is joined to the story.
 * With the inline alternations this makes two outlets' sentences about one fact rarely
 * identical. */
const FRAMES: readonly ((s: string, r: Rng) => string)[] = [
  (s) => s,
  (s, r) => `${s.replace(/\.$/, '')}, ${vary('{officials|authorities|local officials} {said|say}', r)}.`,
  (s, r) => `${s.replace(/\.$/, '')}, ${vary('according to {local media|people familiar with the matter|officials|local reports}', r)}.`,
  (s, r) => /^(The|A|An) /.test(s) ? `${vary('{Meanwhile|Separately|In addition}', r)}, ${s.charAt(0).toLowerCase()}${s.slice(1)}` : `${s.replace(/\.$/, '')}, ${vary('{it emerged|it was reported|reports said}', r)}.`,
];

/** Words republishers change in agency copy. */
const WIRE_SWAPS: readonly [RegExp, string][] = [
  [/\bsaid\b/, 'says'],
  [/\babout\b/, 'around'],
  [/\bon Monday\b/, 'this week'],
  [/\bofficials\b/, 'authorities'],
];

function fill(form: string, q: Quote, r: Rng): string {
  return vary(form.replace('{q}', q.text).replace('{name}', q.by.name).replace('{role}', q.by.role).replace('{surname}', q.by.surname), r);
}

function titleCase(s: string): string {
  return s.replace(/(^|\s)([a-z])([a-z]{3,})/g, (_m, sp: string, c: string, rest: string) => sp + c.toUpperCase() + rest);
}

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Writes item `index` of an outlet. */
export function writeArticle(input: WriteInput): DemoArticle {
  return input.agency && input.agencyOutlet ? rewriteWire(input, input.agency, input.agencyOutlet) : writeOriginal(input);
}

function writeOriginal(input: WriteInput): DemoArticle {
  const { seed, outlet, index, plan, event, published } = input;
  const r = rngFor(seed, 'write', outlet.index, index);
  const dev = event.developments[plan.development] ?? event.developments[0]!;
  const pickH = r.int(0, dev.headlines.length - 1);
  const headlineBase = vary(dev.headlines[pickH]!, r);
  const standfirst = vary(dev.standfirst, r);
  const sentences = composeSentences(event, plan.development, dev, outlet, r, published);
  const [lo, hi] = outlet.paragraphs;
  let paragraphs = groupParagraphs(sentences, r.int(lo, hi), r);
  if (outlet.perCent) paragraphs = paragraphs.map((p) => p.replace(/\bpercent\b/g, 'per cent'));
  const dateline = outlet.dateline || r.chance(0.3) ? `${event.city.toUpperCase()}, ${event.country}` : null;
  if (dateline && outlet.dateline) paragraphs[0] = `${dateline} (${outlet.code}) — ${paragraphs[0]}`;
  const authors = r.chance(outlet.agency ? 0.15 : 0.3) ? [r.pick(outlet.staff), r.pick(outlet.staff)] : [r.pick(outlet.staff)];
  if (authors.length === 2 && authors[0] === authors[1]) authors.pop();
  const photographer = r.pick(outlet.staff);
  let headline = outlet.headlineCase === 'title' ? titleCase(headlineBase) : upperFirst(headlineBase);
  let modified = published;
  let revision = 0;
  if (input.revisedAt) {
    revision = 1;
    modified = input.revisedAt;
    const other = dev.headlines.filter((_, k) => k !== pickH);
    headline = upperFirst(other.length ? vary(r.pick(other), r) : `${headlineBase}: latest`);
    if (outlet.headlineCase === 'title') headline = titleCase(headline);
    const q = event.developments.flatMap((d) => d.quotes).find((x) => !paragraphs.some((p) => p.includes(x.text)));
    paragraphs.push(vary(`{Update:|Updated:} ${q ? fill(r.pick(QUOTE_FORMS), q, r) : `${event.people[0]!.name} {was expected to|is due to} speak again {later|soon}.`}`, r));
  }
  const slug = slugify(outlet.headlineCase === 'title' ? headlineBase : upperFirst(headlineBase));
  return {
    outlet: outlet.index, index, eventId: event.id, development: plan.development, section: event.section,
    headline, standfirst, paragraphs, authors, dateline, publishedAt: published, modifiedAt: modified, revision,
    tags: event.tags.slice(0, 2 + r.int(0, 2)),
    image: {
      path: `/images/${event.id}-${outlet.index}-${index}-${640}x${360}.png`, width: IMAGE_WIDTH, height: IMAGE_HEIGHT,
      caption: event.image.caption, credit: `${photographer}/${outlet.name}`, alt: event.image.alt, hue: event.image.hue,
    },
    wire: null, slug, path: articlePath(outlet, event.section, published, slug, index),
  };
}

/** The sentences of an original article, in the outlet's order. */
function composeSentences(event: NewsEvent, d: number, dev: Development, outlet: Outlet, r: Rng, published: Date): string[] {
  const lead = vary(dev.lead, r).replace(/\bon (Monday|Tuesday)\b/, `on ${weekday(published)}`);
  const frame = (text: string): string => r.pick(FRAMES)(vary(text, r), r);
  const facts = r.shuffle(dev.facts).map(frame);
  const quotes = r.shuffle(dev.quotes).map((q) => fill(r.pick(QUOTE_FORMS), q, r));
  // A follow-up recalls what was reported before.
  const earlier = event.developments.slice(0, d).flatMap((x) => [x.facts[0]!, x.facts[1] ?? x.lead]).map(frame);
  const background = event.background.map(frame);
  const [lo, hi] = outlet.paragraphs;
  const context = r.shuffle(CONTEXT).slice(0, Math.max(0, Math.round((lo + hi) / 2) - 8)).map((c) => vary(c
    .replaceAll('{city}', event.city).replaceAll('{country}', event.country)
    .replace('{p0}', event.people[0]!.name).replace('{p1}', event.people[1]?.name ?? event.people[0]!.name), r));
  const out = [lead, ...facts.slice(0, 2), quotes[0]!, ...facts.slice(2), ...context.slice(0, 2), ...earlier, ...quotes.slice(1), ...background, ...context.slice(2)];
  if (!outlet.agency && r.chance(0.5)) out.push(vary(r.pick(CLOSERS), r));
  return out.filter(Boolean) as string[];
}

/** Packs sentences into `want` paragraphs (quotes keep a paragraph of their own), or
 * fewer when there are not enough sentences; never fewer than five. */
function groupParagraphs(sentences: string[], want: number, r: Rng): string[] {
  const paras = sentences.slice();
  while (paras.length > Math.max(5, want)) {
    // Merge a random pair of neighbours where neither is a quote.
    const candidates = paras.map((_, k) => k).filter((k) => k + 1 < paras.length && k > 0 && !paras[k]!.includes('“') && !paras[k + 1]!.includes('“'));
    const k = candidates.length ? r.pick(candidates) : paras.length - 2;
    paras.splice(k, 2, `${paras[k]} ${paras[k + 1]}`);
  }
  return paras;
}

/** An outlet's lightly edited copy of an agency article. */
function rewriteWire(input: WriteInput, src: DemoArticle, agency: Outlet): DemoArticle {
  const { seed, outlet, index, event, published } = input;
  const r = rngFor(seed, 'wire', outlet.index, index);
  const dev = event.developments[src.development] ?? event.developments[0]!;
  let paragraphs = src.paragraphs.slice();
  // Dateline: shortened or dropped.
  const dl = `${src.dateline ?? ''} (${agency.code}) — `;
  if (src.dateline && paragraphs[0]!.startsWith(dl)) {
    paragraphs[0] = r.chance(0.5) ? `${event.city.toUpperCase()} (${agency.code}) — ${paragraphs[0]!.slice(dl.length)}` : paragraphs[0]!.slice(dl.length);
  }
  if (r.chance(0.5) && paragraphs.length > 5) paragraphs.pop();
  for (const [from, to] of WIRE_SWAPS) {
    if (!r.chance(0.5)) continue;
    const k = r.int(1, paragraphs.length - 1);
    paragraphs[k] = paragraphs[k]!.replace(from, to);
  }
  if (outlet.perCent) paragraphs = paragraphs.map((p) => p.replace(/\bpercent\b/g, 'per cent'));
  const boiler = r.int(0, 2);
  if (boiler === 0) paragraphs.push(`This story was provided by ${agency.name} and has not been edited by ${outlet.name} staff.`);
  else if (boiler === 1) paragraphs.push(`Additional reporting by ${r.pick(outlet.staff)}.`);
  const headlines = dev.headlines.map((h) => vary(h, r)).filter((h) => h.toLowerCase() !== src.headline.toLowerCase());
  let headline = upperFirst(headlines.length ? r.pick(headlines) : `${src.headline} – report`);
  if (outlet.headlineCase === 'title') headline = titleCase(headline);
  const byline = r.int(0, 2);
  const authors = byline === 0 ? src.authors.slice(0, 1) : byline === 1 ? [`${agency.name} staff`] : [`${r.pick(outlet.staff)}`];
  const slug = slugify(headline);
  return {
    ...src, outlet: outlet.index, index, headline, paragraphs, authors, dateline: src.dateline ? event.city.toUpperCase() : null,
    publishedAt: published, modifiedAt: published, revision: 0, wire: { agency: agency.index, index: src.index }, slug,
    image: { ...src.image, path: `/images/${event.id}-${outlet.index}-${index}-640x360.png`, credit: `${src.image.credit.split('/')[0]}/${agency.code}` },
    path: articlePath(outlet, event.section, published, slug, index),
  };
}
