// Authors: reconciles the names JSON-LD, meta tags, Parse.ly, Yoast, microdata,
// rel=author links, byline-classed elements and "By …" text give, in that order of trust.
// Site names and organisations are kept only when no person is named, agencies next;
// a login name or lone first name gives way to the same person spelled out in full.
import { classAndId, isTag, type Element } from '../dom.ts';
import { cleanAuthors, isAgency, isSiteName, type AuthorName } from './authors.ts';
import { BY_TEXT, type Collected } from './collect.ts';
import type { LdInfo } from './jsonld.ts';
import { inBoilerplate, textAfter } from './page.ts';
import { compareKey, textUpTo, tidy } from './text.ts';

/** Meta tags naming the author, most specific first. */
const AUTHOR_METAS = ['dc.creator', 'dc:creator', 'dcterms.creator', 'author', 'article:author', 'og:article:author', 'byl', 'sailthru.author', 'parsely-author', 'citation_author', 'authors', 'cxenseparse:author', 'article.author', 'book:author'];

/** Labels of Yoast's twitter:labelN/dataN pairs that name the writer. */
const WRITTEN_BY_LABEL = /written by|verfasst von|geschrieben von|autor|author|écrit par|escrit por|escrito por|scritto da|geschreven door/i;

/** One source's names, split into persons and fallbacks. */
interface AuthorPool {
  persons: string[];
  agencies: string[];
  orgs: string[];
}

export function chooseAuthors(c: Collected, ld: LdInfo, parselyAuthors: string[], siteName: string | null, host: string | null): string[] {
  const sources: { names: AuthorName[]; org?: boolean; person?: boolean }[] = [];
  // 1. JSON-LD (a name typed Person stays a person even when it equals the site name:
  //    personal blogs are named after their author)
  const ldPersons: AuthorName[] = [];
  const ldOrgs: AuthorName[] = [];
  for (const a of ld.authors) {
    const names = cleanAuthors(a.name);
    (a.organization ? ldOrgs : ldPersons).push(...names);
  }
  sources.push({ names: ldPersons, person: ld.authors.some((a) => a.person) && !ld.authors.some((a) => a.organization) });
  // 2. Meta tags (article:author only when it is a name, not a profile URL)
  for (const k of AUTHOR_METAS) {
    const vals = c.metas.get(k);
    if (!vals) continue;
    const names: AuthorName[] = [];
    for (const v of vals) if (!/^https?:\/\/|^www\./i.test(v.trim())) names.push(...cleanAuthors(v));
    sources.push({ names });
  }
  sources.push({ names: parselyAuthors.flatMap((a) => cleanAuthors(a)) });
  // Yoast SEO's reading card: twitter:label1 "Written by" / twitter:data1 "Jane Doe".
  for (let i = 1; i <= 4; i++) {
    const label = c.metas.get('twitter:label' + i)?.[0];
    const data = c.metas.get('twitter:data' + i)?.[0];
    if (label && data && WRITTEN_BY_LABEL.test(label)) sources.push({ names: cleanAuthors(data) });
  }
  // 3. Microdata
  const micro: AuthorName[] = [];
  for (const el of [...(c.props.get('author') ?? []), ...(c.props.get('creator') ?? [])]) {
    if (el.name === 'meta' || el.name === 'link') {
      const v = el.attribs.content;
      if (v && !/^https?:/i.test(v)) micro.push(...cleanAuthors(v));
      continue;
    }
    if (inBoilerplate(el)) continue;
    micro.push(...cleanAuthors(microdataName(el, c) ?? ''));
  }
  sources.push({ names: micro });
  // 4. rel=author links
  const rel: AuthorName[] = [];
  for (const el of c.relAuthors) {
    if (el.name !== 'a' || inBoilerplate(el)) continue;
    rel.push(...cleanAuthors(textUpTo(el, 120) ?? ''));
  }
  sources.push({ names: rel });
  // 5. Byline-classed elements, then 6. "By …" text
  const bylines: AuthorName[] = [];
  for (const el of c.bylineEls) {
    if (inBoilerplate(el)) continue;
    const t = textUpTo(el, 300);
    if (!t) continue;
    const strict = !/byline|author|autor|writer|verfasser/.test(classAndId(el) + ' ' + (el.attribs.itemprop ?? '') + ' ' + (el.attribs.rel ?? ''));
    const names = cleanAuthors(t, { fromText: strict || t.length > 80 });
    if (names.length) {
      bylines.push(...names);
      break;
    }
  }
  sources.push({ names: bylines });
  const texts: AuthorName[] = [];
  for (const el of c.byTextEls) {
    if (inBoilerplate(el)) continue;
    // The byline must open its element ("By Jane Doe" in a <p class=meta>), not be a
    // "by …" in the middle of a sentence; a bare "By" label takes its parent's text.
    const own = tidy(textUpTo(el, 200) ?? '').replace(/^[|·•\-–—,;:\s]+/, '');
    let t = own;
    if (BY_LABEL_ONLY.test(own)) {
      // "<h5>Autor:</h5> Peter Maahn<br>", "<span>By</span> <a>Jane Doe</a>": the name
      // follows the label element.
      const next = textAfter(el, 120);
      const parent = el.parent && isTag(el.parent) ? tidy(textUpTo(el.parent, 200) ?? '') : '';
      t = next ? own + ' ' + next : parent;
    }
    if (!t || !BY_TEXT.test(t)) continue;
    const names = cleanAuthors(t, { fromText: true });
    if (names.length) {
      texts.push(...names);
      break;
    }
  }
  sources.push({ names: texts });
  sources.push({ names: ldOrgs, org: true });

  const pool: AuthorPool = { persons: [], agencies: [], orgs: [] };
  const personLists: string[][] = [];
  for (const s of sources) {
    const persons: string[] = [];
    for (const n of s.names) {
      if (s.org || (!s.person && (isSiteName(n.name, siteName, host)))) pool.orgs.push(n.name);
      else if (n.agency || isAgency(n.name)) pool.agencies.push(n.name);
      else if (n.org) pool.orgs.push(n.name);
      else persons.push(n.name);
    }
    if (persons.length) personLists.push(persons);
  }
  pool.persons = upgradeNames(personLists);
  const pick = pool.persons.length ? pool.persons : pool.agencies.length ? [pool.agencies[0]!] : pool.orgs.length ? [pool.orgs[0]!] : [];
  const seen = new Set<string>();
  return pick.filter((n) => {
    const k = compareKey(n);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A login name rather than a display name: no space, and dots, underscores, digits or
 * all lower case ("gabor_munier", "christian.stadtfeld", "arianschlichenmayer"). */
const USERNAME = /^(?=\S+$)(?:.*[._\d].*|[\p{Ll}-]+)$/u;

/** The first source's names, unless they are a login name or a lone first name and a
 * later source spells the same person out in full ("gabor_munier" → "Gàbor Muniér",
 * "Henry" → "Henry Steinhau", "DT" → "Donald Townsend"). */
function upgradeNames(lists: string[][]): string[] {
  const first = lists[0];
  if (!first) return [];
  if (first.length !== 1) return first;
  const a = first[0]!;
  const weak = USERNAME.test(a) || !a.includes(' ');
  if (!weak) return first;
  const flat = (s: string): string => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
  const fa = flat(a);
  for (const later of lists.slice(1)) {
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

/** A byline label with nothing after it: "By", "Von:", "Autor:", "Ein Artikel von". */
const BY_LABEL_ONLY = /^(?:(?:ein\s+)?(?:artikel|beitrag|text|bericht)\s+)?(?:by|von|por|par|door|text|autor(?:in)?|author|auteur|redaktion|作者|记者|责任编辑|编辑)\s*[:：]?$/i;

/** The name inside a microdata author: its itemprop=name, else its text. */
function microdataName(el: Element, c: Collected): string | null {
  for (const n of c.props.get('name') ?? []) {
    let p: Element['parent'] = n.parent;
    for (let i = 0; p && i < 6; i++, p = p.parent) {
      if (p === el) return n.attribs.content ?? textUpTo(n, 120);
    }
  }
  if (el.attribs.content) return el.attribs.content;
  return textUpTo(el, 200);
}
