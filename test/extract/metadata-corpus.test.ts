// Corpus regression test for extract/metadata: runs extractMetadata over the readability
// and trafilatura-eval sets in ../shared/corpus/extraction and checks the rates with the
// formulas of ../shared/tools/score-meta.mjs (title exact after normalising case and
// whitespace; every ground-truth author name found in our names joined with "; "; the
// same YYYY-MM-DD). Skipped, with a message, when the corpus is not there.
//
// The floors sit just under the rates measured at the last change of this module (about
// half a point to a point below, for decoder and parser changes elsewhere), so a
// regression fails. Where issue #2's target is met (readability byline, trafilatura-eval
// date) the floor is the target. The targets not met yet are printed next to each measurement.
//
// Byline where one is expected (readability set) is measured with the very function
// `npm run bench:extract` uses (bench/lib/score.ts, scoreBylines), so the two numbers are
// the same reading: every name we give occurs in Readability's byline, at least one is
// given, and bylines naming no one ("Follow Author", a date) are left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { decodeHtml } from '../../src/extract/decode.ts';
import { parseHtml } from '../../src/extract/dom.ts';
import { extractMetadata, type Metadata } from '../../src/extract/metadata/index.ts';
import { scoreBylines } from '../../bench/lib/score.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(here, '../../../shared/corpus/extraction');
const present = fs.existsSync(path.join(CORPUS, 'readability/ground-truth.json')) && fs.existsSync(path.join(CORPUS, 'trafilatura-eval/ground-truth.json'));
const skip = present ? false : `corpus not found at ${CORPUS} (see ../shared/corpus/README.md)`;

/** A ground-truth entry as the sets write it (fields vary by set). */
interface Truth {
  url?: string;
  title?: string;
  author?: string | string[];
  authors?: string[];
  byline?: string | null;
  date?: string;
  publishing_date?: string | null;
}

const norm = (s: unknown): string => String(s ?? '').normalize('NFKC').toLowerCase().replace(/[\s\u00a0]+/g, ' ').replace(/^[\s"'“”‘’«»]+|[\s"'“”‘’«»]+$/g, '');
const day = (s: unknown): string | null => String(s ?? '').match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? null;

function run(set: string): { gt: Record<string, Truth>; pred: Record<string, Metadata> } {
  const dir = path.join(CORPUS, set);
  const gt = JSON.parse(fs.readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<string, Truth>;
  const pred: Record<string, Metadata> = {};
  for (const id of Object.keys(gt)) {
    const file = path.join(dir, 'html', `${id}.html.gz`);
    if (!fs.existsSync(file)) continue;
    const html = decodeHtml(new Uint8Array(zlib.gunzipSync(fs.readFileSync(file)))).text;
    const u = gt[id]!.url;
    pred[id] = extractMetadata(parseHtml(html), u && /^https?:\/\//.test(u) ? u : null);
  }
  return { gt, pred };
}

/** score-meta.mjs's three rates. */
function rates(gt: Record<string, Truth>, pred: Record<string, Metadata>): { title: number; authors: number; date: number } {
  let tn = 0, tok = 0, an = 0, aok = 0, dn = 0, dok = 0;
  for (const [id, g] of Object.entries(gt)) {
    const p = pred[id];
    if (g.title) {
      tn++;
      if (p && norm(p.title) === norm(g.title)) tok++;
    }
    const ga = Array.isArray(g.authors) ? g.authors : Array.isArray(g.author) ? g.author : g.author ? String(g.author).split(/;\s*/) : [];
    if (ga.length) {
      an++;
      const joined = norm(p?.authors.join('; '));
      if (joined && ga.every((a) => joined.includes(norm(a)))) aok++;
    }
    const gd = g.publishing_date ?? g.date;
    if (gd) {
      dn++;
      if (p?.publishedAt && day(p.publishedAt) === day(gd)) dok++;
    }
  }
  return { title: tok / (tn || 1), authors: aok / (an || 1), date: dok / (dn || 1) };
}

const pct = (x: number): string => (100 * x).toFixed(1) + '%';

test('metadata on trafilatura-eval: title, author, date rates do not regress', { skip }, () => {
  const { gt, pred } = run('trafilatura-eval');
  const r = rates(gt, pred);
  console.log(`trafilatura-eval metadata: title exact ${pct(r.title)} (issue target 90%), authors found ${pct(r.authors)} (target 85%), date same day ${pct(r.date)} (target 90%)`);
  assert.ok(r.title >= 0.888, `title exact ${pct(r.title)} fell below the 88.8% floor`);
  assert.ok(r.authors >= 0.83, `authors found ${pct(r.authors)} fell below the 83% floor`);
  assert.ok(r.date >= 0.9, `date same day ${pct(r.date)} fell below the 90% target`);
});

test('metadata on readability: title and byline where one is expected', { skip }, () => {
  const { gt, pred } = run('readability');
  const r = rates(gt, pred);
  // Readability's expected titles often keep a "| Site" suffix that Newsdesk strips on
  // purpose; count those separately so the stripping does not read as a miss.
  let tn = 0, suffixed = 0;
  for (const [id, g] of Object.entries(gt)) {
    if (!g.title) continue;
    tn++;
    const ours = norm(pred[id]?.title);
    const want = norm(g.title);
    if (ours && ours !== want && want.startsWith(ours) && /^\s*(?:[|\-–—·•:»_]|\[)/.test(want.slice(ours.length))) suffixed++;
  }
  const b = scoreBylines(gt, pred);
  const byline = b.rate;
  const withSuffix = r.title + suffixed / (tn || 1);
  console.log(`readability metadata: title exact ${pct(r.title)} (issue target 95%; ${pct(withSuffix)} counting titles whose expected form only adds the site suffix), byline where expected ${pct(byline)} (${b.found}/${b.expected}; target 90%), date same day ${pct(r.date)}`);
  assert.ok(byline >= 0.9, `byline where expected ${pct(byline)} fell below the 90% target`);
  assert.ok(r.title >= 0.725, `title exact ${pct(r.title)} fell below the 72.5% floor`);
  assert.ok(withSuffix >= 0.86, `title (suffix-tolerant) ${pct(withSuffix)} fell below the 86% floor`);
  // Readability's expected dates are its own reading of the metadata; Newsdesk prefers an
  // unlabelled date printed under the headline (human annotators of trafilatura-eval side
  // with the printed day), so two pages that print their update day fall short here.
  assert.ok(r.date >= 0.9, `date same day ${pct(r.date)} fell below the 90% floor`);
});
