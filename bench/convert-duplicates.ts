// convert-duplicates: a labelled near-duplicate set built from the article bodies of the
// shared extraction corpus (fundus-eval and readability `articleBody`, trafilatura-eval's
// required snippets joined). Each base article gets 0–3 republished copies made by the
// edit model in docs/stories.md (new headline, dropped/added paragraph, outlet boilerplate,
// changed dateline/byline, light word edits, whitespace and quote changes), and some get a
// hard negative: a different article that quotes one of its paragraphs. `group` labels
// copies of one text; everything else is distinct. Seeded: the same set every run.
//
//   node --import tsx bench/convert-duplicates.ts [OUT]   (default .bench/duplicates.jsonl)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXTRACTION_CORPUS, OUT_DIR, toJsonl, type BenchDoc } from './lib/stories-sets.ts';
import { Rng } from '../src/demo/random.ts';

/** Bases shorter than this are not news articles worth copying (captions, stubs). */
const MIN_BASE_WORDS = 80;
const SEED = 20240501;
/** Readability's synthetic test pages share lorem-ipsum filler: they are one text, not distinct articles. */
const LOREM_RE = /lorem ipsum|dolor sit amet/i;
const OUTLETS = ['Daily Ledger', 'Morning Post', 'City Herald', 'Valley Times', 'The Courier', 'Evening Star', 'Metro Wire', 'Coast News'];
const BOILERPLATE = [
  'Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
  'Sign up for our newsletter to get the day’s top stories delivered to your inbox.',
  'Follow us on Facebook and Twitter for the latest updates.',
  'This story has been updated with additional information.',
  'Reporting by staff; editing by the news desk.',
];
const DATELINES = ['WASHINGTON (AP) — ', 'LONDON (Reuters) - ', 'NEW YORK — ', 'PARIS, May 3 (AFP) - ', 'BERLIN (dpa) - '];
const BYLINES = ['By Jane Miller', 'By Staff Reporter', 'By Tom Becker, Associated Press', 'Von Anna Schmidt'];
const SYNONYMS: Record<string, string> = {
  said: 'stated', says: 'states', told: 'informed', big: 'large', also: 'too', about: 'around', after: 'following',
  but: 'however', help: 'assist', show: 'demonstrate', people: 'persons', many: 'numerous',
};

/** mulberry32: a tiny seeded PRNG. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

function loadBases(): { id: string; text: string }[] {
  const out: { id: string; text: string }[] = [];
  for (const set of ['fundus-eval', 'readability']) {
    const gt = JSON.parse(readFileSync(path.join(EXTRACTION_CORPUS, set, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string }>;
    for (const [id, v] of Object.entries(gt)) if (v.articleBody) out.push({ id: `${set}/${id}`, text: v.articleBody });
  }
  const tr = JSON.parse(readFileSync(path.join(EXTRACTION_CORPUS, 'trafilatura-eval', 'ground-truth.json'), 'utf8')) as Record<string, { with?: string[] }>;
  for (const [id, v] of Object.entries(tr)) if (v.with?.length) out.push({ id: `trafilatura-eval/${id}`, text: v.with.join('\n\n') });
  // Identical bodies in the corpus (the same page captured twice) would be unlabelled copies.
  const seen = new Set<string>();
  return out.filter((b) => {
    const key = b.text.replace(/\s+/g, ' ').trim().toLowerCase();
    if (b.text.split(/\s+/).length < MIN_BASE_WORDS || seen.has(key) || LOREM_RE.test(key)) return false;
    seen.add(key);
    return true;
  });
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** One republished copy of `text` under the edit model. */
export function editCopy(text: string, r: () => number): string {
  let paras = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  // Drop one paragraph (never the lead), as outlets trim copy to fit.
  if (paras.length >= 4 && r() < 0.5) paras.splice(1 + Math.floor(r() * (paras.length - 1)), 1);
  // Light word edits: about 2% of words swapped for synonyms or deleted.
  paras = paras.map((p) =>
    p.split(' ').filter((w) => !(r() < 0.01)).map((w) => (SYNONYMS[w] && r() < 0.5 ? SYNONYMS[w]! : r() < 0.005 ? w.toUpperCase() : w)).join(' '),
  );
  if (r() < 0.4) paras[0] = pick(r, DATELINES) + paras[0]!.replace(/^[A-Z ,.]+\((?:AP|Reuters|AFP)\)\s*[—-]\s*/, '');
  if (r() < 0.4) paras.unshift(pick(r, BYLINES));
  if (r() < 0.5) paras.push(pick(r, BOILERPLATE));
  if (r() < 0.3) paras.splice(Math.floor(r() * paras.length), 0, pick(r, BOILERPLATE));
  let out = paras.join('\n\n');
  // Whitespace and quote normalisation differences.
  if (r() < 0.5) out = out.replace(/[“”]/g, '"').replace(/[‘’]/g, "'");
  if (r() < 0.3) out = out.replace(/ /g, '  ');
  if (r() < 0.3) out = out.replace(/\n\n/g, '\n');
  return out;
}

export function convertDuplicates(): BenchDoc[] {
  const r = rng(SEED);
  const all = loadBases();
  // Every fourth base is held out as a host for hard negatives, so a host is never a copied article itself.
  const bases = all.filter((_, i) => i % 4 !== 3);
  const hosts = all.filter((_, i) => i % 4 === 3);
  let nextHost = 0;
  const docs: BenchDoc[] = [];
  const t0 = Date.parse('2024-05-01T06:00:00Z');
  bases.forEach((b, i) => {
    const time = t0 + i * 60_000;
    docs.push({ id: b.id, title: `Story ${i}`, text: b.text, source: pick(r, OUTLETS), group: b.id, publishedAt: new Date(time).toISOString() });
    const copies = Math.floor(r() * 4);
    for (let c = 0; c < copies; c++) {
      docs.push({
        id: `${b.id}#copy${c + 1}`, title: `Headline ${i}-${c} rewritten`, text: editCopy(b.text, r), source: pick(r, OUTLETS),
        group: b.id, publishedAt: new Date(time + (c + 1) * 7 * 60_000).toISOString(),
      });
    }
    // Hard negative: another article on its own text that quotes one paragraph of this one.
    if (r() < 0.35 && nextHost < hosts.length) {
      const other = hosts[nextHost++]!;
      const quoted = pick(r, b.text.split(/\n\s*\n/).filter((p) => p.split(/\s+/).length < 60));
      if (quoted) {
        const paras = other.text.split(/\n\s*\n/);
        paras.splice(Math.min(2, paras.length), 0, quoted);
        docs.push({ id: `${b.id}#quoted-in`, title: `Related ${i}`, text: paras.join('\n\n'), source: pick(r, OUTLETS), group: `${b.id}#quoted-in`, publishedAt: new Date(time + 30 * 60_000).toISOString() });
      }
    }
  });
  return docs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(EXTRACTION_CORPUS)) {
    console.error(`no extraction corpus at ${EXTRACTION_CORPUS}: put the shared corpus beside the project (../shared)`);
    process.exit(1);
  }
  const out = process.argv[2] ?? path.join(OUT_DIR, 'duplicates.jsonl');
  mkdirSync(path.dirname(out), { recursive: true });
  const docs = convertDuplicates();
  writeFileSync(out, toJsonl(docs));
  console.log(`wrote ${docs.length} documents (${new Set(docs.map((d) => d.group)).size} distinct texts) to ${out}`);
}
