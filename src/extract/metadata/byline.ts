// Authors: the names the page states in its metadata (JSON-LD, meta tags, Parse.ly, Yoast,
// microdata) and the names it prints (links to author pages, byline-classed elements,
// "By …" text, "Autor" cells, a name next to the dateline under the headline), reconciled:
//
//   - the first metadata source that names a person, and the first visible source that
//     does, are both kept when they differ (metadata often names only one of several
//     writers, or the CMS account that posted the story; the printed byline is what the
//     publisher credits) — the same person spelled twice ("Guido Beyss", "Guido Beyß")
//     is kept once, in the fuller spelling;
//   - a login name or lone first name gives way to the same person spelled out in full;
//   - without any named person: a JSON-LD "Person" named like the site, an agency credit
//     (stated, or in the lead's dateline "Hamburg (dpa) –"), an organisation stated as the
//     author, a person in the copyright line (personal sites and blogs), a source credit
//     ("Quelle: kathpress").
//
// Each source is read by its own function (see authorSources), so each can be measured.
import { classAndId, closestWithin, findAll, findOne, isTag, isText, type AnyNode, type Element, type Text } from '../dom.ts';
import { cleanAuthors, isAgency, isLabelOnly, isPlausibleName, isSiteName, type AuthorName } from './authors.ts';
import { BY_LABEL_CELL, BY_TEXT, BYLINE_PART_EXCLUDE, LABEL_CELLS, type Collected } from './collect.ts';
import type { LdInfo } from './jsonld.ts';
import { isInside, textAfter, type Page } from './page.ts';
import { compareKey, textStart, textUpTo, tidy } from './text.ts';

/** Meta tags naming the author, most specific first. */
const AUTHOR_METAS = ['dc.creator', 'dc:creator', 'dcterms.creator', 'author', 'article:author', 'og:article:author', 'byl', 'sailthru.author', 'parsely-author', 'citation_author', 'authors', 'cxenseparse:author', 'article.author', 'book:author'];

/** Labels of Yoast's twitter:labelN/dataN pairs that name the writer. */
const WRITTEN_BY_LABEL = /written by|verfasst von|geschrieben von|autor|author|écrit par|escrit por|escrito por|scritto da|geschreven door/i;

/** Where a list of names came from. Metadata kinds first, then visible kinds. */
export type SourceKind = 'ld' | 'meta' | 'microdata' | 'link' | 'byline' | 'text' | 'dateline' | 'copyright' | 'ld-org';

const METADATA_KINDS: ReadonlySet<SourceKind> = new Set(['ld', 'meta', 'microdata']);

/** One source's names. */
export interface AuthorSource {
  kind: SourceKind;
  names: AuthorName[];
  /** Names typed Person in JSON-LD: a person even when equal to the site name (personal
   * blogs are named after their author). */
  person?: boolean;
}

/** The metadata sources of author names, in order of trust, and the JSON-LD organisations. */
function metadataSources(page: Page, ld: LdInfo, parselyAuthors: string[]): { sources: AuthorSource[]; ldOrgs: AuthorName[] } {
  const c = page.c;
  const out: AuthorSource[] = [];
  // 1. JSON-LD
  const ldPersons: AuthorName[] = [];
  const ldOrgs: AuthorName[] = [];
  for (const a of ld.authors) (a.organization ? ldOrgs : ldPersons).push(...cleanAuthors(a.name));
  out.push({ kind: 'ld', names: ldPersons, person: ld.authors.some((a) => a.person) && !ld.authors.some((a) => a.organization) });
  // 2. Meta tags (article:author only when it is a name, not a profile URL), Parse.ly,
  //    Yoast's reading card (twitter:label1 "Written by" / twitter:data1 "Jane Doe").
  for (const k of AUTHOR_METAS) {
    const vals = c.metas.get(k);
    if (!vals) continue;
    const names: AuthorName[] = [];
    for (const v of vals) if (!/^https?:\/\/|^www\./i.test(v.trim())) names.push(...cleanAuthors(v));
    out.push({ kind: 'meta', names });
  }
  if (parselyAuthors.length) out.push({ kind: 'meta', names: parselyAuthors.flatMap((a) => cleanAuthors(a)) });
  for (let i = 1; i <= 4; i++) {
    const label = c.metas.get('twitter:label' + i)?.[0];
    const data = c.metas.get('twitter:data' + i)?.[0];
    if (label && data && WRITTEN_BY_LABEL.test(label)) out.push({ kind: 'meta', names: cleanAuthors(data) });
  }
  // 3. Microdata
  out.push({ kind: 'microdata', names: microdataNames(page) });
  // 4. Bylines the page marks up but hides (rich-snippet vcards): data for machines, like
  //    the metadata, not what readers are shown.
  out.push({ kind: 'microdata', names: hiddenBylineNames(page) });
  return { sources: out, ldOrgs };
}

/** What the page prints, in order of trust: links to author pages, byline-classed
 * elements, "By …" text, a name beside the dateline. Each is read only when the ones
 * before it name no one. */
const VISIBLE_SOURCES: [SourceKind, (page: Page) => AuthorName[]][] = [
  ['link', linkNames],
  ['byline', bylineNames],
  ['text', textNames],
  ['dateline', datelineNames],
];

/** Every source of author names on the page, in order of trust (for measuring each). */
export function authorSources(page: Page, ld: LdInfo, parselyAuthors: string[]): AuthorSource[] {
  const { sources, ldOrgs } = metadataSources(page, ld, parselyAuthors);
  for (const [kind, read] of VISIBLE_SOURCES) sources.push({ kind, names: read(page) });
  sources.push({ kind: 'ld-org', names: ldOrgs });
  return sources;
}

export function chooseAuthors(page: Page, ld: LdInfo, parselyAuthors: string[], siteName: string | null, host: string | null): string[] {
  const { sources, ldOrgs } = metadataSources(page, ld, parselyAuthors);
  const agencies: string[] = [];
  const orgs: string[] = [];
  // JSON-LD "Person"s named like the site: the author of a personal blog, or a newsroom
  // that types itself as a person. Kept only when no one else is named.
  const siteNamed: string[] = [];
  const metaLists: string[][] = [];
  const metaKinds: SourceKind[] = [];
  const visibleLists: string[][] = [];
  // Organisations credited where no person is: one the page prints ("Autor: Redaktion
  // Gelbe Liste") before one only the metadata states, and the site's own name last.
  const printedOrgs: string[] = [];
  const siteOrgs: string[] = [];
  const sort = (s: AuthorSource): void => {
    const persons: string[] = [];
    const visible = !METADATA_KINDS.has(s.kind) && s.kind !== 'ld-org';
    for (const n of s.names) {
      if (s.kind === 'ld-org') (isSiteName(n.name, siteName, host) ? siteOrgs : orgs).push(n.name);
      // A JSON-LD "Person" named like the site is its owner, unless the name reads as an
      // organisation ("Teufel Editorial Team").
      else if (isSiteName(n.name, siteName, host, METADATA_KINDS.has(s.kind))) (s.person && !n.org ? siteNamed : siteOrgs).push(n.name);
      else if (n.agency || isAgency(n.name)) agencies.push(n.name);
      else if (n.org) (visible ? printedOrgs : orgs).push(n.name);
      else persons.push(n.name);
    }
    if (!persons.length) return;
    if (METADATA_KINDS.has(s.kind)) {
      metaLists.push(persons);
      metaKinds.push(s.kind);
    }
    else visibleLists.push(persons);
  };
  for (const s of sources) sort(s);
  for (const [kind, read] of VISIBLE_SOURCES) {
    sort({ kind, names: read(page) });
    // Read on only while the printed name is missing or a lone login/first name that a
    // later source may spell out, or while it disagrees with the metadata (an author link
    // in a teaser or a sidebar comes before the byline that confirms the metadata).
    const first = visibleLists[0];
    if (first && !(first.length === 1 && isWeakName(first[0]!)) && (!metaLists.length || visibleLists.some((l) => shares(l, metaLists[0]!)))) break;
  }
  sort({ kind: 'ld-org', names: ldOrgs });
  const all = [...metaLists, ...visibleLists];
  let fromMeta = metaLists.length ? upgradeNames(widest(metaLists, metaKinds), all.slice(1)) : [];
  // The printed byline to weigh against the metadata: the first that names one of the
  // metadata's people, else the first there is.
  const printed = (fromMeta.length ? visibleLists.find((l) => shares(l, fromMeta)) : undefined) ?? visibleLists[0];
  const fromPrint = printed ? upgradeNames(printed, all) : [];
  // A login name in the metadata ("CC7567", "jdoe_admin") is the CMS account that posted
  // the story: when the page prints a full name the account does not match, the printed
  // name is the writer.
  if (fromMeta.length === 1 && USERNAME.test(fromMeta[0]!) && /\d|_/.test(fromMeta[0]!) && fromPrint.some((n) => n.includes(' ') && !shares([n], fromMeta))) fromMeta = [];
  let persons = mergeNames(fromMeta, fromPrint);
  // No byline, or only a login or first name: the story may be signed at its foot
  // ("<p><b>Stefan Wasmer</b></p>", "… (Christian P. Stadtfeld)").
  const weak = persons.length === 1 && isWeakName(persons[0]!);
  const signed = !persons.length || weak ? signOff(page, weak) : null;
  if (signed && !signed.agency) persons = weak ? upgradeNames(persons, [[signed.name]]) : [signed.name];
  else if (signed && !persons.length) agencies.unshift(signed.name);
  // A login or initials ("DT") that the page's Creative Commons notice spells out.
  if (weak && persons.length === 1 && isWeakName(persons[0]!)) {
    const holder = licenceHolder(page);
    if (holder) persons = upgradeNames(persons, [[holder]]);
  }
  // A lone first name ("Henry", a JSON-LD author "Todd") that no source spells out: the
  // page often prints the full name elsewhere (an author box, a photo credit, a signature).
  if (persons.length === 1 && FIRST_NAME_ONLY.test(persons[0]!)) persons = [fullNameOnPage(page, persons[0]!) ?? persons[0]!];
  // Still no one: a member's badge by the headline (community posts, home stories).
  if (!persons.length) {
    const member = profileNearHeading(page);
    if (member) persons = [member];
  }
  // Or a byline by the headline that sits in page furniture (an article header's
  // previous/next bar holding the date and "von <a href=/autor/…>Jane Roe</a>").
  if (!persons.length) {
    const near = bylineNearHeading(page);
    if (near) persons = [near];
  }
  if (!persons.length && siteNamed.length) persons = [siteNamed[0]!];
  if (!persons.length) {
    const own = postAuthorCommentName(page);
    if (own) persons = [own];
  }
  if (!persons.length && !agencies.length) {
    const owner = siteOwner(page, siteName, host);
    if (owner) persons = [owner];
  }
  if (persons.length) return persons;
  // Nobody named: an agency credit, stated or in the lead's dateline ("Hamburg (dpa/lno) –
  // …"); an organisation printed or stated as the author; a source credit at the foot of
  // the story ("Quelle: kathpress"); the site itself named as the author; a person in the
  // copyright line.
  if (agencies.length) return [agencies[0]!];
  const lead = leadAgency(page);
  if (lead) return [lead];
  const org = printedOrgs[0] ?? orgs[0];
  if (org) return [org];
  const credit = sourceCredit(page);
  if (credit) return [credit];
  if (siteOrgs.length) return [siteOrgs[0]!];
  const holder = copyrightNames(page.c);
  if (holder.length) return holder;
  const licensed = licenceHolder(page);
  return licensed ? [licensed] : [];
}

/** The person a Creative Commons notice credits ("<span>Ein Hundetagebuch</span> von <a
 * rel="cc:attributionURL">Donald Townsend</a> steht unter einer … Lizenz"): on a blog, its
 * writer. */
function licenceHolder(page: Page): string | null {
  const body = page.c.body;
  if (!body) return null;
  const el = findOne(body, (e) => CC_ATTRIBUTION.test(e.attribs.rel ?? '') || CC_ATTRIBUTION.test(e.attribs.property ?? ''));
  if (!el) return null;
  const t = shortText(el, 60);
  const names = t ? cleanAuthors(t, { fromText: true }) : [];
  return names.length === 1 && !names[0]!.org && !names[0]!.agency && names[0]!.name.includes(' ') ? names[0]!.name : null;
}

/** The RDFa of a Creative Commons notice naming who to credit. */
const CC_ATTRIBUTION = /(?:^|\s)cc:attribution(?:URL|Name)(?:\s|$)/i;

/** The first metadata list, or a later one that names all of its people and more (JSON-LD
 * gives one writer, the author meta tag both): metadata often lists only the first. */
function widest(lists: string[][], kinds: SourceKind[]): string[] {
  const first = lists[0]!;
  let best = first;
  for (let i = 1; i < lists.length; i++) {
    const l = lists[i]!;
    // Microdata gathers every author on the page (teasers too): not a list of writers.
    if (kinds[i] === 'microdata' || l.length <= best.length || l.length > MAX_WIDER_LIST) continue;
    if (first.every((n) => l.some((m) => sameName(n, m)))) best = l;
  }
  // The first list's spelling of the people it names.
  return best === first ? first : best.map((m) => first.find((n) => sameName(n, m)) ?? m);
}

/** Most writers a wider metadata list may name. */
const MAX_WIDER_LIST = 4;

// ---------------------------------------------------------------------------------------
// A personal site: named after its owner

/** Metas that name the site (besides og:site_name). */
const SITE_NAME_METAS = ['application-name', 'apple-mobile-web-app-title', 'msapplication-tooltip'];
/** Classes of the site's title and tagline in a page header ("site-title", "blog-description"). */
const SITE_TITLE_CLASS = /(?:^|[\s_-])(?:site|blog)[-_]?(?:title|name|description|tagline|branding)(?:$|[\s_-])/i;
/** Elements of the site title looked at. */
const SITE_TITLE_MAX = 6;
/** Academic titles before a name, left out when the name is compared with the host. */
const ACADEMIC_TITLE = /^(?:(?:dr|prof|dipl|mag|ing)\.(?:-\p{L}+\.?)?\s*)+/iu;
/** An initial before a surname ("C.Habermueller", "J. Smith"). */
const PERSON_INITIAL = /^\p{Lu}\.\s?\p{Lu}\p{Ll}/u;
/** Shortest host label that may stand for a longer name ("chabermu" for "C.Habermueller"). */
const OWNER_PREFIX_MIN = 8;

/** The owner of a personal site, when the site is named after a person and its host is
 * that person's name ("Dr. Alexander Klier" on alexander-klier.net, "C.Habermueller" on
 * chabermu.wordpress.com): the site's name, its app names, or the title or tagline its
 * header prints. Asked only when the page names no writer at all. */
function siteOwner(page: Page, siteName: string | null, host: string | null): string | null {
  if (!host) return null;
  const labels = host.toLowerCase().replace(/^www\d?\./, '').split('.');
  const keys = [...new Set([labels[0]!, labels[labels.length - 2] ?? ''])].map((l) => l.replace(/[^a-z0-9]/g, '')).filter((l) => l.length >= 5);
  if (!keys.length) return null;
  const c = page.c;
  // Site names: a company is named after its domain as often ("Jamaica Observer" on
  // jamaicaobserver.com), so only a name that shows it is a person's counts (a title, an
  // initial). A tagline under another site name ("Sprachpunkt" / "Alexander Lasch") is the
  // owner's own line.
  const candidates: { text: string; tagline: boolean }[] = [siteName, c.feedSiteName, ...SITE_NAME_METAS.map((k) => c.metas.get(k)?.[0])].map((t) => ({ text: t ?? '', tagline: false }));
  if (c.body) {
    for (const el of findAll(c.body, (e) => !!e.attribs.class && SITE_TITLE_CLASS.test(e.attribs.class)).slice(0, SITE_TITLE_MAX)) {
      candidates.push({ text: shortText(el, 60), tagline: /description|tagline/i.test(el.attribs.class ?? '') });
    }
  }
  for (const { text, tagline } of candidates) {
    const t = tidy(text);
    if (!t || t.length > 60) continue;
    const names = cleanAuthors(t, { fromText: true });
    if (names.length !== 1 || names[0]!.org || names[0]!.agency) continue;
    const name = names[0]!.name;
    const bare = name.replace(ACADEMIC_TITLE, '');
    // A person's name: two parts at least ("Alexander Klier", "C.Habermueller").
    if (!/\p{L}[\s.]+\p{Lu}/u.test(bare)) continue;
    if (!(tagline && (!siteName || compareKey(t) !== compareKey(siteName))) && bare === name && !PERSON_INITIAL.test(bare)) continue;
    const f = flat(bare);
    if (keys.some((k) => f === k || (k.length >= OWNER_PREFIX_MIN && f.startsWith(k)))) return name;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// A signed story: the writer's name set apart at the story's foot

/** Paragraphs at the story's end looked at for a signature (footnotes and notes such as
 * "*fr.de ist Teil …" may follow it). */
const SIGN_OFF_REACH = 4;
/** Longest paragraph passed over on the way up (a footnote, a credit line). */
const SIGN_OFF_SKIP_MAX = 250;
/** Least story text (characters in the paragraphs of its block) for a block to be one. */
const SIGN_OFF_MIN_STORY = 600;
/** A credit in brackets closing the story's last paragraph: "… (Christian P. Stadtfeld)
 * +++", "… (FR mit dpa)". */
const BRACKET_CREDIT = /\(([^()]{2,60})\)[\s+*.]*$/;
/** Paragraphs scanned to find the story's block. */
const SIGN_OFF_SCAN = 3000;

/** The name a story is signed with: in the block holding most of the page's paragraph
 * text, one of its last paragraphs that is only a name (a date line or the signer's
 * office may follow it), or a name or agency in brackets closing its last paragraph of
 * text. A one-word name counts
 * only with a date under it ("Benni<br>10. September 2017"); the people a headline is
 * about are not its writer. */
function signOff(page: Page, weakName: boolean): { name: string; agency: boolean } | null {
  const c = page.c;
  if (!c.body) return null;
  const totals = new Map<Element, number>();
  let seen = 0;
  for (const p of findAll(c.body, (e) => e.name === 'p')) {
    if (++seen > SIGN_OFF_SCAN) break;
    const parent = p.parent && isTag(p.parent) ? p.parent : null;
    if (!parent) continue;
    totals.set(parent, (totals.get(parent) ?? 0) + textStart(p, 2000).trim().length);
  }
  let block: Element | null = null;
  let best = 0;
  for (const [el, n] of totals) if (n > best) [block, best] = [el, n];
  if (!block || best < SIGN_OFF_MIN_STORY || page.inBoilerplate(block)) return null;
  const headline = ' ' + compareKey([c.titleTag ?? '', ...(c.metas.get('og:title') ?? [])].join(' ')) + ' ';
  const paras = block.children.filter((n): n is Element => isTag(n) && n.name === 'p');
  let looked = 0;
  for (let i = paras.length - 1; i >= 0 && looked < SIGN_OFF_REACH; i--) {
    const text = textUpTo(paras[i]!, SIGN_OFF_SKIP_MAX);
    if (text !== null && !text.trim()) continue;
    looked++;
    // A credit in brackets closing a paragraph of text.
    const m = BRACKET_CREDIT.exec(tidy(textEnd(paras[i]!, 120)));
    if (m && (text === null || /\p{L}{3}.*[.!?»“"]\s*\(/u.test(tidy(text)))) {
      const inner = m[1]!.trim();
      if (isAgency(inner)) return { name: inner, agency: true };
      // A person in brackets only spells out a login or first name the page gave already
      // (a bracket also closes a sentence: "(Twitter-Account des AStAs)").
      if (weakName) {
        const names = cleanAuthors(inner, { fromText: true });
        if (names.length === 1 && names[0]!.name === inner && inner.includes(' ') && !names[0]!.org) return { name: inner, agency: false };
      }
    }
    // The story's last paragraph of text: the signature is after it or nowhere.
    if (text === null) return null;
    const lines = text.split('\n').map((l) => tidy(l)).filter(Boolean);
    const first = lines[0] ?? '';
    const rest = lines.slice(1);
    // Under the name, only a date or place-and-date line, or the signer's office
    // ("Jane Roe<br>Chair of the Board", "… <br>DITIB-Bundesvorsitzender").
    const office = rest.length === 1 && ROLE_LINE.test(rest[0]!) && rest[0]!.length <= 60 && !/[.!?]$/.test(rest[0]!);
    if (!office && (rest.length > 1 || rest.some((l) => !/\d/.test(l) || l.length > 40))) continue;
    // Set apart as a signature: under it a date, or the name alone in bold or italics or
    // flush right; never a link ("Zur Übersicht", "Next Page"), nor a greeting ("Deine Mady").
    const para = paras[i]!;
    if (!rest.length && !emphasised(para) && !flushRight(para)) continue;
    if (findAll(para, (e) => e.name === 'a' || e.name === 'img').length) continue;
    if (GREETING.test(first) || TAIL_HEADING_WORD.test(first) || CJK_LONG.test(first)) continue;
    const names = cleanAuthors(first, { fromText: true });
    if (names.length !== 1 || names[0]!.name !== first.replace(/[\s.,;:–—-]+$/, '') || names[0]!.org || names[0]!.agency) continue;
    const name = names[0]!.name;
    if (!name.includes(' ') && !rest.length) continue;
    if (headline.includes(' ' + compareKey(name) + ' ')) continue;
    return { name, agency: false };
  }
  return null;
}

/** A signer's office under a signature: the role word ends a word of the line ("Chair",
 * "Bundesvorsitzender", "Geschäftsführerin der …"). */
const ROLE_LINE = /(?:vorsitzende[rn]?|präsident(?:in)?|president|chair(?:man|woman|person)?|director|direktor(?:in)?|geschäftsführer(?:in)?|minister(?:in)?|bürgermeister(?:in)?|mayor|leiter(?:in)?|vorstand|secretary|sekretär(?:in)?|beauftragte[r]?|ceo|founder|gründer(?:in)?)(?![\p{L}])/iu;

/** Closing greetings before a name ("Deine Mady", "Cheers, Ann"): the post's own text. */
const GREETING = /^(?:dein|deine|euer|eure|ihr|ihre|liebe|lieben|herzlich|herzliche|viele|lg|vg|mfg|gruß|grüße|cheers|yours|love|best|regards|thanks|danke|bis)\b/i;
/** First words of the headings that close a story ("Weitere Informationen", "Verwandte
 * Artikel", "Mehr Themen"): set in bold like a signature, but no name. */
const TAIL_HEADING_WORD = /^(?:weitere[nrs]?|mehr|verwandte|ähnliche|empfehlungen|passende|related|more|read|see|share|tags|themen|quellen?|links|infos?|kontakt|contact|anzeige|werbung|sponsored|newsletter|lesen|siehe)\b/i;

/** More than four CJK characters in a row: a sentence, not a name. */
const CJK_LONG = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]{5}/u;

/** Whether all of a paragraph's text sits in bold or italic elements. */
function emphasised(p: Element): boolean {
  let plain = false;
  const visit = (n: AnyNode, inside: boolean): void => {
    if (plain) return;
    if (isText(n)) {
      if (!inside && n.data.trim()) plain = true;
    } else if (isTag(n)) {
      const em = inside || EMPHASIS.has(n.name);
      for (const k of n.children) visit(k, em);
    }
  };
  for (const k of p.children) visit(k, false);
  return !plain;
}

/** Tags that set text in bold or italics. */
const EMPHASIS = new Set(['b', 'strong', 'i', 'em']);

/** Whether a paragraph is set flush right (align=right, text-align: right). */
function flushRight(p: Element): boolean {
  return /^right$/i.test(p.attribs.align ?? '') || /text-align\s*:\s*right/i.test(p.attribs.style ?? '');
}

/** The last `max` characters of an element's visible text. */
function textEnd(el: Element, max: number): string {
  let out = '';
  const stack: AnyNode[] = [...el.children];
  while (stack.length && out.length < max) {
    const n = stack.pop()!;
    if (isText(n)) out = n.data + out;
    else if (isTag(n) && !INVISIBLE.has(n.name)) {
      if (n.name === 'br') out = '\n' + out;
      stack.push(...n.children);
    }
  }
  return out.slice(-max);
}

/** Tags whose text a reader never sees. */
const INVISIBLE = new Set(['script', 'style', 'template', 'noscript', 'svg']);

/** Classes of the name inside a comment: WordPress's `comment-author` and `fn`, and the
 * "…author-name" / "…AccountName" of other themes and boards. */
const COMMENT_NAME_CLASS = /(?:^|\s)(?:comment-author|fn|author|[\w-]*author-?name|[\w-]*accountname)(?:\s|$)/i;

/** Elements looked through inside a post author's comment for the name. */
const COMMENT_NAME_REACH = 40;

/** The display name on a comment WordPress marks as the post author's own ("bypostauthor"):
 * where a theme prints no byline, the author answering readers below the post still names
 * them. Without a name element, the login in the comment's `comment-author-<login>` class. */
function postAuthorCommentName(page: Page): string | null {
  for (const el of page.c.postAuthorComments) {
    let seen = 0;
    const stack = [...el.children].reverse();
    while (stack.length && seen++ < COMMENT_NAME_REACH) {
      const n = stack.pop()!;
      if (!isTag(n)) continue;
      if (n.attribs.class && COMMENT_NAME_CLASS.test(n.attribs.class)) {
        const text = tidy(textUpTo(n, 80) ?? '').replace(/\s+(?:says|sagt|schreibt|writes)\s*:?$/i, '');
        const names = cleanAuthors(text, { fromText: true });
        if (names.length === 1) return names[0]!.name;
        if (/^[\p{L}\d._-]{2,30}$/u.test(text) && isPlausibleName(text)) return text;
      }
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
    const login = /(?:^|\s)comment-author-([\p{L}\d._-]{2,30})(?:\s|$)/u.exec(el.attribs.class ?? '');
    if (login && isPlausibleName(login[1]!)) return login[1]!;
  }
  return null;
}

/** A lone given name: one capitalised word of letters ("Henry", "JOACHIM"). */
const FIRST_NAME_ONLY = /^\p{Lu}[\p{L}'’-]{2,20}$/u;

/** How much of the page's text is searched for a lone first name spelled out in full. */
const FULL_NAME_SCAN_CHARS = 300_000;

/** The full name that a lone first name stands for, when the page prints it: the first
 * name followed by one capitalised surname that the page never writes in lower case (so
 * "Henry In Aktuell" gives no "Henry In"). Only one surname may follow it on the page, or
 * one that comes at least twice as often as any other ("Henry Ford" in the story would make
 * "Henry" ambiguous). */
function fullNameOnPage(page: Page, first: string): string | null {
  const c = page.c;
  if (!c.body) return null;
  const text = textUpTo(c.body, FULL_NAME_SCAN_CHARS) ?? textStart(c.body, FULL_NAME_SCAN_CHARS);
  // As written, or all in capitals ("HENRY STEINHAU"); no `i` flag, which would let \p{Lu}
  // match lower case. A surname in capitals after a name that is not ("Mac OS") is none,
  // nor is a word that a third capitalised word follows ("Mac App Store").
  const given = [...new Set([first, first.toUpperCase()])].map(escapeRe).join('|');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${given})[ \\t\\u00a0]+(\\p{Lu}[\\p{L}'’-]{2,30})(?![\\p{L}\\p{N}]|[ \\t\\u00a0]+\\p{Lu})`, 'gu');
  // The people a headline is about are not its writer ("Dago Leukefeld wird Botschafter").
  const headline = compareKey([c.titleTag ?? '', ...(c.metas.get('og:title') ?? [])].join(' '));
  const counts = new Map<string, { n: number; surname: string }>();
  for (const m of text.matchAll(re)) {
    const surname = m[2]!;
    if (surname === surname.toUpperCase() && m[1] !== first.toUpperCase()) continue;
    if ((' ' + headline + ' ').includes(' ' + compareKey(`${first} ${surname}`) + ' ')) return null;
    const key = surname.toLowerCase();
    const e = counts.get(key) ?? { n: 0, surname };
    e.n++;
    counts.set(key, e);
  }
  const ranked = [...counts.values()].filter((e) => isProperNoun(text, e.surname)).sort((a, b) => b.n - a.n);
  const top = ranked[0];
  if (!top || (ranked[1] && ranked[1].n * 2 > top.n)) return null;
  // Written as the page prints the first name elsewhere: "HENRY STEINHAU" → "Henry Steinhau".
  const surname = top.surname === top.surname.toUpperCase() && first !== first.toUpperCase() ? top.surname[0] + top.surname.slice(1).toLowerCase() : top.surname;
  const full = `${first} ${surname}`;
  return isPlausibleName(full) ? full : null;
}

/** Whether a word is a proper noun on this page: written capitalised more often than in
 * lower case ("in" outnumbers "In"; a site named after its author may print "steinhau"
 * once as its logo). */
function isProperNoun(text: string, word: string): boolean {
  const lower = word.toLowerCase();
  if (lower === word || NOT_A_NAME_WORD.test(word)) return false;
  const count = (w: string): number => text.match(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(w)}(?![\\p{L}\\p{N}])`, 'gu'))?.length ?? 0;
  const capital = word[0] + lower.slice(1);
  return count(lower) < count(capital) + (capital === word.toUpperCase() ? 0 : count(word.toUpperCase()));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words that follow a name in a byline or a comment's signature and are not a surname:
 * months, weekdays, labels ("Mathias Autor" marks the author's own comment). */
const NOT_A_NAME_WORD = /^(?:am|on|in|im|at|um|le|el|the|and|und|von|by|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|okt|nov|dec|dez|january|february|march|april|june|july|august|september|october|november|december|januar|februar|märz|mai|juni|juli|oktober|dezember|monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|posted|published|updated|veröffentlicht|aktualisiert|autor|autorin|author|admin|administrator|redaktion|editor|says|sagt|schreibt|writes|antwort|reply|kommentar|comment)$/i;

/** The agency in a news lead's dateline: "Hamburg (dpa/lno) – …", "BERLIN (Reuters) -". */
const LEAD_DATELINE = /^\s*(?:\p{Lu}[\p{L}.'’/ -]{1,40}?\s*)?\(([^()]{2,30})\)\s*[-–—:]\s/u;

function leadAgency(page: Page): string | null {
  const c = page.c;
  for (const k of ['og:description', 'description', 'twitter:description']) {
    const m = LEAD_DATELINE.exec(c.metas.get(k)?.[0] ?? '');
    if (m && isAgency(m[1]!)) return m[1]!.trim();
  }
  let found: string | null = null;
  let seen = 0;
  page.aroundHeading(LEAD_REACH, 0, (text) => {
    if (text.length < 60) return false;
    const m = LEAD_DATELINE.exec(text);
    if (m && isAgency(m[1]!)) found = m[1]!.trim();
    // Only the first paragraphs of the story.
    return !!found || ++seen >= 3;
  });
  return found;
}

/** How far after the headline the lead paragraph is looked for (elements). */
const LEAD_REACH = 60;

/** A source credit line in the article ("Quelle: MDR THÜRINGEN/ls"), outside figures and
 * captions (where "Quelle:" credits a photo or a chart). */
function sourceCredit(page: Page): string | null {
  for (const { node, el } of page.c.sourceLines) {
    if (page.inBoilerplate(el) || inCaption(el)) continue;
    let v = tidy(node.data).replace(/^[\s|·•–—-]*(?:quelle|source|fuente|fonte|bron)\s*:\s*/i, '');
    if (!v) v = textAfter(node, 60);
    if (v && v.length <= 40 && !/\d{2}/.test(v) && /\p{L}{2}/u.test(v) && !/https?:|www\./i.test(v)) return v;
  }
  return null;
}

/** Names of the microdata author (its itemprop=name, else its text). */
function microdataNames(page: Page): AuthorName[] {
  const c = page.c;
  const out: AuthorName[] = [];
  for (const el of [...(c.props.get('author') ?? []), ...(c.props.get('creator') ?? [])]) {
    if (el.name === 'meta' || el.name === 'link') {
      const v = el.attribs.content;
      if (v && !/^https?:/i.test(v)) out.push(...cleanAuthors(v));
      continue;
    }
    if (page.inBoilerplate(el)) continue;
    out.push(...cleanAuthors(microdataName(el, c) ?? ''));
  }
  return out;
}

/** Names in links to author pages (rel=author, `/author/jane-doe/`): the first such link
 * outside furniture, and the links beside it (a byline of several writers). A login
 * name counts when it is the page's own slug ("/author/jancak/" → "jancak"). */
function linkNames(page: Page, hidden = false): AuthorName[] {
  const c = page.c;
  const links = [...c.relAuthors.filter((e) => e.name === 'a'), ...c.authorLinks];
  let group: Element | null = null;
  const out: AuthorName[] = [];
  for (const a of links) {
    if (group && !isInside(a, group)) continue;
    if (page.place(a) !== 0 || isHiddenByline(a) !== hidden) continue;
    const text = tidy(textUpTo(a, 120) ?? '');
    if (!text) continue;
    let names = cleanAuthors(text, { fromText: true });
    if (!names.length && /^[\p{L}\d._-]{2,30}$/u.test(text) && flat(text) === flat(slugOf(a.attribs.href ?? '')) && isPlausibleName(text)) names = [{ name: text, agency: false, org: false }];
    // A website credited as the author ("Autor: <a href=/author/koffergepackt/>www.koffergepackt.com</a>").
    if (!names.length && DOMAIN_NAME.test(text)) names = [{ name: text, agency: false, org: true }];
    if (!names.length) continue;
    out.push(...names);
    // The byline block holding this link: its parent, or grandparent for "<span><a>".
    group ??= bylineBlock(a);
  }
  return out.slice(0, 6);
}

/** A bare domain name as a link's text ("www.koffergepackt.com", "bar.de"). */
const DOMAIN_NAME = /^(?:www\.)?[a-z0-9][a-z0-9-]{1,40}(?:\.[a-z0-9-]{2,40})*\.[a-z]{2,6}$/i;

/** The element holding a byline link and its siblings. */
function bylineBlock(a: Element): Element | null {
  let p = a.parent && isTag(a.parent) ? a.parent : null;
  if (p && (p.name === 'span' || p.name === 'li' || p.name === 'strong' || p.name === 'b') && p.parent && isTag(p.parent)) p = p.parent;
  if (p && p.name === 'ul' && p.parent && isTag(p.parent)) p = p.parent;
  return p;
}

/** The last path segment of an author-page link. */
function slugOf(href: string): string {
  const path = href.split(/[?#]/)[0]!.replace(/\/+$/, '');
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Byline-classed elements: the first outside furniture that yields a name. Elements that
 * hold no other byline element come first (the inner element is the name; the outer one
 * also holds dates, sections or a biography). A label element ("Autor:", "Interview")
 * takes the text after it. */
function bylineNames(page: Page, hidden = false): AuthorName[] {
  const els = page.c.bylineEls;
  const outer: Element[] = [];
  for (let i = 0; i < els.length; i++) {
    const el = els[i]!;
    const next = els[i + 1];
    if (next && isInside(next, el)) outer.push(el);
    else {
      const names = bylineElementNames(page, el, hidden);
      if (names.length) return names;
    }
  }
  for (const el of outer) {
    const names = bylineElementNames(page, el, hidden);
    if (names.length) return names;
  }
  return [];
}

/** Names in author links and hAtom author cards ("<span class="author vcard">") that the
 * page hides from readers. Other hidden byline-classed elements are left alone: hidden
 * widgets and dialogs hold interface text. */
function hiddenBylineNames(page: Page): AuthorName[] {
  const links = linkNames(page, true);
  if (links.length) return links;
  for (const el of page.c.bylineEls) {
    if (!HCARD_AUTHOR.test(el.attribs.class ?? '') || !isHiddenByline(el) || page.inBoilerplate(el)) continue;
    const t = shortText(el, 60);
    const names = t ? cleanAuthors(t, { fromText: true }) : [];
    if (names.length) return names;
  }
  return [];
}

/** The hAtom/hCard author markup WordPress themes print: "author vcard", "fn". */
const HCARD_AUTHOR = /(?:^|\s)(?:vcard|fn)(?:\s|$)/i;

/** Class names that hide an element from readers ("rich-snippet-hidden" vcards, Drupal's
 * "element-hidden", Bootstrap's "d-none"). Screen-reader text is not among them: bylines
 * label their names so. */
const HIDDEN_BYLINE_CLASS = /(?:^|\s)(?:hidden|d-none|is-hidden|u-hidden|element-hidden|display-none|rich-snippet-hidden)(?:\s|$)/i;

/** Inline styles that hide an element. */
const HIDDEN_BYLINE_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/** Whether a byline element or one of its near ancestors is hidden by markup. */
function isHiddenByline(el: Element): boolean {
  const hidden = closestWithin(el, 5, ({ attribs: a }) => {
    if (a.hidden !== undefined) return true;
    if (a.class && HIDDEN_BYLINE_CLASS.test(a.class)) return true;
    if (a.style && HIDDEN_BYLINE_STYLE.test(a.style)) return true;
    return undefined;
  });
  return hidden !== null;
}

function bylineElementNames(page: Page, el: Element, hidden = false): AuthorName[] {
  if (page.inBoilerplate(el) || isHiddenByline(el) !== hidden) return [];
  let t = textUpTo(el, 300);
  if (!t) return [];
  for (const part of excludedParts(el)) t = t.replace(part, ' ');
  if (!t.trim()) return [];
  const label = BYLINE_LABEL.exec(t.trim());
  if (label) {
    // "<span class=label>Autor:</span> Fritz Imhof", "<div>Interview</div><div>SVEN …</div>"
    if (!label[1]) return [];
    t = textAfter(el, 120);
    if (!t) return [];
    return cleanAuthors(t, { fromText: true });
  }
  const strict = !/byline|author|autor|writer|verfasser/.test(classAndId(el) + ' ' + (el.attribs.itemprop ?? '') + ' ' + (el.attribs.rel ?? ''));
  return cleanAuthors(t, { fromText: strict || t.length > 80 });
}

/** How many nodes of a byline block are searched for parts that are not the writer. */
const BYLINE_PART_REACH = 60;

/** rel values of links to a story's tags and categories. */
const TAG_REL = /(?:^|\s)(?:tag|category)(?:\s|$)/i;

/** Texts of the parts of a byline block that name no writer (a place, a view counter, the
 * story's tags). */
function excludedParts(el: Element): string[] {
  const out: string[] = [];
  const stack = [...el.children];
  for (let seen = 0; stack.length && seen < BYLINE_PART_REACH; seen++) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    // Links to the story's tags and categories (rel="category tag") name sections.
    if (((n.attribs.class || n.attribs.id) && BYLINE_PART_EXCLUDE.test(classAndId(n))) || (n.name === 'a' && TAG_REL.test(n.attribs.rel ?? ''))) {
      const text = textUpTo(n, 120);
      if (text && text.trim()) out.push(text.trim());
      continue;
    }
    stack.push(...n.children);
  }
  return out;
}

/** A byline element that is only a label: a writer's label (group 1) is followed by the
 * name; other credits' labels (photos, date, source) by no writer. */
const BYLINE_LABEL = /^(?:(interview|text|texte|texto|autor(?:in|en)?|authors?|auteurs?|by|von|par|por|reporter|words|story|bericht|written by|geschrieben von)|fotos?|photos?|fotograf(?:in)?|photographer|bild|bilder|datum|date|fecha|quelle|source|fuente|update|aktualisiert)\s*[:：]?$/i;

/** "By …" text: the byline is the line from its label to the next line break or block
 * ("By Jane Doe and <a>John Smith</a>"), not a "by …" in the middle of a sentence. A bare
 * label ("By", "Autor:", "<dt>Auteur</dt>") takes the text after it. */
function textNames(page: Page): AuthorName[] {
  // A line crediting only an organisation ("By The Planetary Press") is kept in case no
  // later line names a person ("Written by: Julie Mollins" in the story).
  let orgsOnly: AuthorName[] | null = null;
  // A login name ("Gespeichert von human") is the CMS account that posted the story: a
  // later line that names a person in full ("Blog Beitrag von Jana Berg") is the writer.
  let login: AuthorName[] | null = null;
  const found = (names: AuthorName[]): boolean => {
    if (!names.length) return false;
    if (names.length === 1 && USERNAME.test(names[0]!.name) && !names[0]!.org && !names[0]!.agency) {
      login ??= names;
      return false;
    }
    if (names.some((n) => !n.org && !n.agency)) return true;
    orgsOnly ??= names;
    return false;
  };
  for (const { node, el } of page.c.byTexts) {
    if (page.inBoilerplate(el)) continue;
    const own = tidy(node.data).replace(/^[|·•\-–—,;:\s]+/, '');
    // The label opens its element (nothing but punctuation or a bracketed tag, "【纠错】",
    // before it) or a line of it ("…<br>Autor: Jane Doe" at the foot of the story), so a
    // "von …" inside a sentence is not taken.
    const atStart = opensElement(el, own);
    if (!atStart && !(COLON_LABEL.test(own) && opensLine(node))) continue;
    // "Von <b>Max Muster</b>", "<span>By</span> <a>Jane Doe</a>", "<h5>Autor:</h5> Peter
    // Maahn<br>": the line goes on after the label's own text or element.
    // A line that already names someone ends at its <br> ("Von Jane Doe<br>Sie ist …").
    const rest = !isLabelOnly(own) && lineEndsAfter(node) ? '' : textAfter(node, 160) || (isLabelOnly(own) ? textAfter(el, 160) : '');
    const line = rest ? own + ' ' + rest : own;
    const cellLabel = LABEL_CELLS.has(el.name) && BY_LABEL_CELL.test(own);
    if (cellLabel && (el.name === 'dt' || el.name === 'th' || !line.trim() || line === own)) {
      // "<dt>Auteur</dt><dd>Uriel Gadessaud</dd>", "<h4>Autor</h4><p>Nikolai Huke</p>"
      const cell = nextElement(el);
      const t = cell ? 'By ' + shortText(cell, CELL_MAX) : '';
      let names = t ? cleanAuthors(t, { fromText: true, byPrefixed: true }) : [];
      // A member's display name, the cell's one link, to their profile ("<dd><a
      // href="/members/catch-more-fish.210716/">Catch more fish</a></dd>"): a handle,
      // written as the member chose it, lower-case words and all.
      if (!names.length && cell) {
        const link = profileLink(cell);
        if (link) names = [{ name: link, agency: false, org: false }];
      }
      if (found(names)) return names;
      continue;
    }
    if (!line || !BY_TEXT.test(line)) continue;
    // A bibliographic reference ("De Lange, Peter James & Rolfe, Jeremy (2006). …") names
    // the authors of a cited work.
    if (CITED_YEAR.test(line)) continue;
    // Inside a block, a credit line is short and names people in full ("Text: Mein Motto:
    // Fazit, Erkenntnisse und Pläne" is a caption).
    if (!atStart && line.length > LINE_CREDIT_MAX) continue;
    const names = cleanAuthors(line, { fromText: true, byPrefixed: true }).filter((n) => atStart || n.name.includes(' '));
    // A press release's issuer ("Herausgeber: Nordex SE") credits it; a person so labelled
    // edited a book or a series.
    if (PUBLISHER_LABEL.test(own)) {
      const issuers = names.filter((n) => n.org || n.agency);
      if (issuers.length) orgsOnly ??= issuers;
      continue;
    }
    // "<span>by</span> <h3><a href="/profile/142450">delta201</a></h3>", "von <span><a
    // href="/user/Marianne1.html">Marianne1</a></span>": a label right before one link to
    // a profile names that member by their handle.
    if (!names.length && isLabelOnly(own)) {
      const next = tidy(textUpTo(el, 40) ?? '') === own ? nextElement(el) : elementRightAfter(node);
      const link = next ? profileLink(next) : null;
      if (link) names.push({ name: link, agency: false, org: false });
    }
    if (found(names)) return names;
  }
  return login ?? orgsOnly ?? [];
}

/** A member's name linked to their profile right above or under the headline (a user
 * badge over a community post): the member who posted it. */
function profileNearHeading(page: Page): string | null {
  let out: string | null = null;
  page.aroundHeading(PROFILE_NEAR_AFTER, PROFILE_NEAR_BEFORE, (text, el) => {
    if (!text.trim() || page.inBoilerplate(el)) return false;
    const a = closestWithin(el, 5, (p) => p.name === 'a' || undefined);
    if (!a || !PROFILE_HREF.test(a.attribs.href ?? '')) return false;
    const t = tidy(text);
    const all = tidy(textUpTo(a, 80) ?? '');
    if (t !== all || !isPlausibleName(t) || !/^[\p{L}\d._-]{2,30}$|^\p{Lu}\p{L}+(?: \p{Lu}\p{L}+){1,2}$/u.test(t)) return false;
    out = t;
    return true;
  });
  return out;
}

/** A byline right by the headline, wherever it sits: a byline-classed element whose one
 * person, named in full, links to an author page. Asked only when no one else is named. */
function bylineNearHeading(page: Page): string | null {
  let out: string | null = null;
  page.aroundHeading(BYLINE_NEAR, BYLINE_NEAR, (text, el) => {
    if (!text.trim() || el.name !== 'a' || !AUTHOR_PAGE.test(el.attribs.href ?? '')) return false;
    const block = el.parent && isTag(el.parent) ? el.parent : null;
    if (!block || !BYLINE_BLOCK.test(classAndId(block))) return false;
    const names = cleanAuthors(tidy(textUpTo(block, 120) ?? ''), { fromText: true });
    if (names.length !== 1 || names[0]!.org || names[0]!.agency || !names[0]!.name.includes(' ')) return false;
    out = names[0]!.name;
    return true;
  });
  return out;
}

/** How far after and before the headline (elements) such a byline is looked for. */
const BYLINE_NEAR = 20;

/** Links to a writer's page. */
const AUTHOR_PAGE = /\/(?:author|authors|autor|autoren|auteur|auteurs|journalist|journalisten|redakteur)\/[^/?#]/i;

/** Class names of a byline block. */
const BYLINE_BLOCK = /author|byline|autor/i;

/** How far after and before the headline (elements) a member's badge is looked for. */
const PROFILE_NEAR_AFTER = 12;
const PROFILE_NEAR_BEFORE = 12;

/** Links to a member's or author's profile page. */
const PROFILE_HREF = /\/(?:members?|users?|profiles?|benutzer|mitglieder|author|authors|autor|autoren|auteur)\/[^/?#]/i;

/** The text of a cell that is one link to a profile page, when it can be a handle. */
function profileLink(cell: Element): string | null {
  const text = shortText(cell, CELL_MAX);
  const links = findAll(cell, (e) => e.name === 'a');
  if (links.length !== 1 || !PROFILE_HREF.test(links[0]!.attribs.href ?? '')) return null;
  const lt = tidy(textUpTo(links[0]!, CELL_MAX) ?? '');
  return lt && lt === text && isPlausibleName(lt) ? lt : null;
}

/** A year in brackets as references print it after their authors: "(2006)", "(1998a)". */
const CITED_YEAR = /\((?:1[6-9]|20)\d{2}[a-z]?\)/;

/** Bracketed tags printed before a byline label ("【纠错】", "[Update]"). */
const LABEL_TAGS = /【[^】]*】|\[[^\]]*\]/g;

/** Longest name cell read after a label cell ("<dt>Auteur</dt><dd>…</dd>"). */
const CELL_MAX = 120;

/** An element's text, tidied, when it is at most `max` characters; '' otherwise. Markup
 * indentation does not count against the limit. */
function shortText(el: Element, max: number): string {
  const t = tidy(textUpTo(el, max * 8) ?? '');
  return t.length <= max ? t : '';
}

/** A label with a colon ("Autor:", "Text:"): inside a block it opens a credit line only
 * so; a line starting "von …" or "by …" there is as often a sentence. */
const COLON_LABEL = /^[\p{L} ]{2,20}:/u;

/** The label of a publication's issuer. */
const PUBLISHER_LABEL = /^herausgeber(?:in)?\s*:/i;

/** Longest credit line taken from inside a block ("Autor: Rechtsanwalt Sebastian Einbock"). */
const LINE_CREDIT_MAX = 80;

/** Whether a text node's own text opens its (short) element's text. */
function opensElement(el: Element, own: string): boolean {
  const raw = textUpTo(el, 300);
  if (raw === null) return false;
  const whole = tidy(raw);
  const at = whole.indexOf(own);
  return at >= 0 && !/\p{L}/u.test(whole.slice(0, at).replace(LABEL_TAGS, ''));
}

/** Whether a text node starts a line of its element: only markup, punctuation or
 * bracketed tags before it since the element's start, a <br> or a block. */
function opensLine(node: Text): boolean {
  for (let n = node.prev; n; n = n.prev) {
    if (isText(n)) {
      if (/\p{L}/u.test(n.data.replace(LABEL_TAGS, ''))) return false;
    } else if (isTag(n)) {
      if (n.name === 'br' || LINE_BREAKING.has(n.name)) return true;
      const t = textUpTo(n, 200);
      if (t === null || /\p{L}/u.test(t.replace(LABEL_TAGS, ''))) return false;
    }
  }
  return true;
}

/** Whether a line break or a block follows a text node (blank text aside). */
function lineEndsAfter(node: Text): boolean {
  let n = node.next;
  while (n && isText(n) && !n.data.trim()) n = n.next;
  return !n || (isTag(n) && (n.name === 'br' || LINE_BREAKING.has(n.name)));
}

/** Tags that end a line of text. */
const LINE_BREAKING = new Set(['p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'header', 'footer', 'table', 'blockquote', 'dl', 'hr']);

function nextElement(el: Element): Element | null {
  for (let n = el.next; n; n = n.next) if (isTag(n)) return n;
  return null;
}

/** The element right after a node, with only blank text between them. */
function elementRightAfter(node: AnyNode): Element | null {
  for (let n = node.next; n; n = n.next) {
    if (isTag(n)) return n;
    if (isText(n) && n.data.trim()) return null;
  }
  return null;
}

/** A name printed next to the date just under (or above) the headline: "11.12.2019 -
 * Amelie Loevenich", "06.11.2023 13:30 von Olga", "Jane Doe | 3 March 2024". */
function datelineNames(page: Page): AuthorName[] {
  let out: AuthorName[] = [];
  page.aroundHeading(DATELINE_NAME_AFTER, DATELINE_NAME_BEFORE, (text, el) => {
    if (text.length > 90 || !/\d/.test(text) || page.inBoilerplate(el)) return false;
    const t = tidy(text);
    const m = DATE_SEPARATOR_NAME.exec(t) ?? NAME_SEPARATOR_DATE.exec(t);
    const raw = m ? m[1]! : DATE_BY_NAME.test(t) ? t : null;
    if (!raw) return false;
    const names = cleanAuthors(raw, { fromText: true, byPrefixed: !m });
    // Beside a date without a "by", single words are a section or a place ("12.01.2022 –
    // Recht & Gesetz", "Botschaft"): a writer is named in full there.
    if (!names.length || (m && !names.some((n) => n.name.includes(' ')))) return false;
    out = names;
    return true;
  });
  return out;
}

/** How far from the headline (in elements) a dateline with a name is looked for. */
const DATELINE_NAME_AFTER = 40;
const DATELINE_NAME_BEFORE = 15;

/** A numeric or written date, for splitting "date – name" lines. */
const DATE_PART = String.raw`(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}\.?\s+\p{L}{3,12}\.?\s+(?:19|20)\d{2}|\p{L}{3,12}\.?\s+\d{1,2},?\s+(?:19|20)\d{2})(?:\s*[,|]?\s*(?:um\s+)?\d{1,2}[:.]\d{2}(?:\s*uhr)?)?`;
const DATE_SEPARATOR_NAME = new RegExp(`^${DATE_PART}\\s*[|•·–—-]\\s*(\\p{Lu}[^|•·–—\\d]{2,60})$`, 'iu');
const NAME_SEPARATOR_DATE = new RegExp(`^(\\p{Lu}[^|•·–—\\d]{2,60}?)\\s*[|•·–—-]\\s*${DATE_PART}$`, 'iu');
/** "06.11.2023 13:30 von Olga": a date, then "by/von" and the name. */
const DATE_BY_NAME = new RegExp(`^${DATE_PART}\\s+(?:by|von|par|por|door)\\s+\\S`, 'iu');

/** A person named in the page's copyright line ("© 2012 Gregory Szorc. All rights
 * reserved.", "(c) Johannes Wolf • Weitere Rechte …"): on personal sites and blogs the
 * copyright holder is the writer (and the site is often named after them). Organisations
 * are not taken, nor credits inside figures and captions (a photographer's ©). */
function copyrightNames(c: Collected): string[] {
  for (const { text, el } of c.copyrights) {
    if (inCaption(el)) continue;
    const t = tidy(text)
      .replace(COPYRIGHT_LABEL, '')
      .replace(/^[\s\d,–—-]+/, '')
      .replace(/^(?:by|von|par|por)\s+/i, '');
    const head = (t.split(/\s*(?:[.|•·/]\s|\s[–—-]\s|,\s|\ball rights\b|\balle rechte\b|\btous droits\b|\btodos los derechos\b)/i)[0] ?? '').trim();
    if (!COPYRIGHT_PERSON.test(head)) continue;
    const names = cleanAuthors(head, { fromText: true }).filter((n) => !n.org && !n.agency);
    if (names.length === 1 && names[0]!.name === head) return [head];
  }
  return [];
}

/** Classes of caption and credit blocks: the word opens a class name or a part of one
 * ("wp-caption-text", "image_credit", "imgbox"), unlike a layout flag ("hasheaderimage"). */
const CAPTION_CLASS = /(?:^|[\s_-])(?:caption|credit|bild|foto|photo|image|img|media)/;

/** Whether an element sits in a figure or a caption/credit block (a few levels up). */
function inCaption(el: Element): boolean {
  const caption = closestWithin(el, 4, (p) => {
    if (p.name === 'body' || p.name === 'main' || p.name === 'article') return false;
    if (p.name === 'figure' || p.name === 'figcaption') return true;
    if ((p.attribs.class || p.attribs.id) && CAPTION_CLASS.test(classAndId(p))) return true;
    return undefined;
  });
  return caption !== null;
}

/** A person's name as copyright lines print it: two or three capitalised words. */
const COPYRIGHT_PERSON = /^\p{Lu}[\p{L}'’-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]+)){1,2}$/u;

/** The copyright label and years at the start of a copyright line. */
const COPYRIGHT_LABEL = /^[\s|•·–—-]*(?:copyright\s*)?(?:©|\(c\))?\s*(?:copyright\b)?[\s:]*(?:(?:19|20)\d{2}\s*(?:[-–—]\s*(?:(?:19|20)\d{2})?)?\s*,?\s*)?/i;

/** Names folded for comparison: no accents, "ß" as "ss", letters and digits only. */
function flat(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Letters outside ASCII: the fuller spelling of a name has more ("Beyß" over "Beyss"). */
function nonAscii(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) n++;
  return n;
}

/** Whether two name lists name one person in common (see sameName). */
function shares(a: string[], b: string[]): boolean {
  return a.some((x) => b.some((y) => sameName(x, y)));
}

/** Whether two names are one person: they fold to the same letters, or one is the other
 * with a middle initial or a first name only. */
function sameName(x: string, y: string): boolean {
  const fx = flat(x), fy = flat(y);
  if (fx === fy) return true;
  const wx = compareKey(x).split(' '), wy = compareKey(y).split(' ');
  const [short, long] = wx.length <= wy.length ? [wx, wy] : [wy, wx];
  // A word matches the same word, or an initial matches a word it begins.
  const match = (a: string, b: string): boolean => a === b || (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));
  // Every word of the shorter name in the longer one, first and last words matching.
  return short.length >= 1 && short.every((w) => long.some((l) => match(w, l))) && match(short[0]!, long[0]!) && (short.length === 1 || match(short[short.length - 1]!, long[long.length - 1]!));
}

/** The metadata names and the printed names together, each person once. Two names are one
 * person when they fold to the same letters, or when one is the other with a middle
 * initial or a first name only ("Boris Kaiser" / "Boris T. Kaiser", "Henry" / "Henry
 * Steinhau"); the fuller form is kept. */
function mergeNames(a: string[], b: string[]): string[] {
  const out: string[] = [];
  const same = sameName;
  const better = (x: string, y: string): string => {
    const wx = x.split(/\s+/).length, wy = y.split(/\s+/).length;
    if (wx !== wy) return wx > wy ? x : y;
    return nonAscii(y) > nonAscii(x) ? y : x;
  };
  for (const n of [...a, ...b]) {
    const i = out.findIndex((o) => same(o, n));
    if (i < 0) out.push(n);
    else out[i] = better(out[i]!, n);
  }
  return out;
}

/** A login name rather than a display name: no space, and dots, underscores, digits or
 * all lower case ("gabor_munier", "christian.stadtfeld", "arianschlichenmayer"). */
const USERNAME = /^(?=\S+$)(?:.*[._\d].*|[\p{Ll}-]+)$/u;

/** A login name or a lone first name. */
function isWeakName(a: string): boolean {
  return USERNAME.test(a) || !a.includes(' ');
}

/** A source's names, unless they are one login name or lone first name and another source
 * spells the same person out in full ("gabor_munier" → "Gàbor Muniér", "Henry" → "Henry
 * Steinhau", "DT" → "Donald Townsend"). */
function upgradeNames(first: string[], others: string[][]): string[] {
  if (first.length !== 1) return first;
  const a = first[0]!;
  if (!isWeakName(a)) return first;
  const fa = flat(a);
  for (const later of others) {
    for (const b of later) {
      if (!b.includes(' ') || USERNAME.test(b)) continue;
      const fb = flat(b);
      const parts = b.split(/\s+/);
      const initials = parts.map((p) => p[0] ?? '').join('').toLowerCase();
      if (fb === fa || fb.startsWith(fa) || (fa.length >= 4 && fb.includes(fa)) || initials === fa || (fa.length >= 4 && fa.includes(flat(parts[parts.length - 1]!)) && fa.includes(flat(parts[0]!)))) return [b];
    }
  }
  return first;
}

/** The name inside a microdata author: its itemprop=name, else its text. */
function microdataName(el: Element, c: Collected): string | null {
  for (const n of c.props.get('name') ?? []) {
    if (closestWithin(n.parent, 6, (p) => p === el || undefined)) return n.attribs.content ?? textUpTo(n, 120);
  }
  if (el.attribs.content) return el.attribs.content;
  return textUpTo(el, 200);
}
