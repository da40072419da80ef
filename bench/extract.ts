// bench:extract — how good and how fast Newsdesk's extractor is, against the baseline
// (Mozilla Readability 0.6 on linkedom), on the evaluation sets in ../shared/corpus.
//
// Each set is measured in a fresh process. In it, both systems run over the same pages,
// one after the other on each page (alternating who goes first), on the same decoded HTML (Newsdesk's decoder, outside the
// timing); each page is timed, over two passes (the best counts: a shared machine only
// ever adds time). Then each system runs alone in a child process over the same pages to
// measure its peak memory. Outputs are written to .bench/<set>-<system>.json
// and scored with the official tools in ../shared/tools. The last lines printed are one
// comparable line per set.
//
//   npm run bench:extract [-- --set NAME] [--dir DIR --gt GT.json [--name NAME]]
//                         [--limit N] [--passes N] [--no-memory]
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { decodeHtml } from '../src/extract/decode.ts';
import { ProgressBar } from '../src/cli/progress.ts';
import type { ChildReport } from './lib/run-system.ts';
import { scoreMeta, scoreShingles, scoreSnippetsFile, type BodyScore, type MetaScore } from './lib/score.ts';
import {
  CORPUS, GENERAL_TARGETS, OUT_DIR, ROOT, STANDARD_SETS, TOOLS,
  hasArticle, loadSet, loadStandardSet, readPage, type BenchSet,
} from './lib/sets.ts';
import { loadSystem, runTimed, SYSTEMS, type PageOutput, type Runner, type SystemName } from './lib/systems.ts';

const run = promisify(execFile);

/** Pages each system runs untimed before the timed pass. */
const WARMUP_PAGES = 5;
/** Timed passes over each set (see benchSet); --passes changes it. */
const DEFAULT_PASSES = 2;

const USAGE = `usage: npm run bench:extract [-- options]
  --set NAME         run one standard set (${STANDARD_SETS.join(', ')}); default: all three
  --dir DIR --gt GT.json [--name NAME]
                     any other set in the same format (<id>.html[.gz] + {id: {...}})
  --limit N          only the first N pages of each set (quick checks; numbers not comparable)
  --passes N         timed passes over each set (default ${DEFAULT_PASSES}; the best counts)
  --no-memory        skip the per-system child processes that measure peak memory
environment:
  BENCH_STRATEGIES=scorer[,json-ld,…]
                     run Newsdesk with only these body strategies (site-rule, scorer,
                     json-ld, fallback), to measure each strategy of the chain alone`;

/** One system's run over one set. */
interface SystemRun {
  outputs: Record<string, PageOutput>;
  times: Record<string, number>;
  /** Wall-clock and CPU time over all pages. */
  totalMs: number;
  totalCpuMs: number;
  slowest: { id: string; ms: number };
  crashes: number;
  /** Pages that have an article in the ground truth but got no body. */
  empty: number;
}

/** What the report needs of one set (serialisable: a fresh process measures each set). */
interface SetResult {
  set: { name: string; pages: number; targets: BenchSet['targets']; metrics: BenchSet['metrics'] };
  runs: Record<SystemName, Omit<SystemRun, 'outputs' | 'times'>>;
  body: Record<SystemName, BodyScore>;
  meta: Record<SystemName, MetaScore> | null;
  mem: Record<SystemName, ChildReport | null> | null;
  gtForTools: string;
  files: Record<SystemName, string>;
}

interface Options {
  /** Internal: measure the one set given and write its SetResult to this file. */
  resultFile: string | null;
  sets: string[];
  custom: { dir: string; gt: string; name: string } | null;
  limit: number | null;
  memory: boolean;
  passes: number;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { resultFile: null, sets: [], custom: null, limit: null, memory: true, passes: DEFAULT_PASSES };
  let dir: string | undefined;
  let gt: string | undefined;
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === '--set') opts.sets.push(value());
    else if (a === '--dir') dir = value();
    else if (a === '--gt') gt = value();
    else if (a === '--name') name = value();
    else if (a === '--result-file') opts.resultFile = value();
    else if (a === '--limit') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) fail('--limit needs a positive whole number');
      opts.limit = n;
    } else if (a === '--passes') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) fail('--passes needs a positive whole number');
      opts.passes = n;
    } else if (a === '--no-memory') opts.memory = false;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown option ${a}`);
  }
  if ((dir === undefined) !== (gt === undefined)) fail('--dir and --gt go together');
  if (dir && gt) opts.custom = { dir, gt, name: name ?? path.basename(path.resolve(dir, dir.endsWith('html') ? '..' : '.')) };
  for (const s of opts.sets) {
    if (!(STANDARD_SETS as readonly string[]).includes(s)) fail(`unknown set "${s}" (known: ${STANDARD_SETS.join(', ')}; or use --dir DIR --gt GT.json)`);
  }
  if (!opts.custom && !opts.sets.length) opts.sets = [...STANDARD_SETS];
  return opts;
}

function fail(message: string): never {
  console.error(`bench:extract: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  if (!opts.custom && !existsSync(CORPUS)) {
    console.log(`bench:extract: skipped — no evaluation corpus at ${CORPUS} (it lives beside the project, in ../shared/corpus; or pass --dir DIR --gt GT.json)`);
    return;
  }
  if (!existsSync(TOOLS)) {
    console.log(`bench:extract: skipped — no scoring tools at ${TOOLS} (they live beside the project, in ../shared/tools)`);
    return;
  }
  mkdirSync(OUT_DIR, { recursive: true });
  if (opts.resultFile) return measureOneSet(opts, opts.resultFile);

  // Each set is measured in a fresh process of this script: a system's speed on one set
  // must not depend on which set ran before it (JIT and heap history do that, measurably).
  const jobs: string[][] = opts.custom
    ? [['--dir', opts.custom.dir, '--gt', opts.custom.gt, '--name', opts.custom.name]]
    : opts.sets.map((s) => ['--set', s]);
  const common = [...(opts.limit ? ['--limit', String(opts.limit)] : []), '--passes', String(opts.passes), ...(opts.memory ? [] : ['--no-memory'])];
  const results: SetResult[] = [];
  for (const job of jobs) {
    const file = path.join(OUT_DIR, `result-${process.pid}-${results.length}.json`);
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...job, ...common, '--result-file', file], {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    });
    if (code !== 0) {
      console.error(`bench:extract: measuring ${job.join(' ')} failed (exit ${code}); see the messages above`);
      continue;
    }
    if (existsSync(file)) {
      results.push(JSON.parse(readFileSync(file, 'utf8')) as SetResult);
      rmSync(file);
    }
  }
  if (!results.length) return;
  printReport(results, opts.limit, opts.passes);
}

/** The child's part: measure one set, write its SetResult. */
async function measureOneSet(opts: Options, resultFile: string): Promise<void> {
  const set = opts.custom ? loadSet(opts.custom.name, opts.custom.dir, opts.custom.gt) : loadStandardSet(opts.sets[0]!);
  if (opts.limit) set.ids = set.ids.slice(0, opts.limit);
  if (!set.ids.length) {
    console.error(`${set.name}: no pages that are both in ${set.htmlDir} and in ${set.gtFile}; skipped`);
    return;
  }
  if (set.unmatched) console.error(`${set.name}: ${set.unmatched} ids are only in the pages folder or only in the ground truth; they are left out`);
  const runners = { newsdesk: await loadSystem('newsdesk'), readability: await loadSystem('readability') };
  const result = await benchSet(set, runners, opts.memory, opts.passes);
  writeFileSync(resultFile, JSON.stringify(result));
}

async function benchSet(set: BenchSet, runners: Record<SystemName, Runner>, memory: boolean, passes: number): Promise<SetResult> {
  const runs = {} as Record<SystemName, SystemRun>;
  for (const s of SYSTEMS) runs[s] = { outputs: {}, times: {}, totalMs: 0, totalCpuMs: 0, slowest: { id: '', ms: 0 }, crashes: 0, empty: 0 };
  // Warm-up: both systems see a few pages untimed first, so lazy loading and the JIT's
  // first compilations are not billed to whichever page comes first.
  for (const id of set.ids.slice(0, WARMUP_PAGES)) {
    const html = decodeHtml(readPage(set.files.get(id)!)).text;
    for (const s of SYSTEMS) runTimed(runners[s], html, set.urls.get(id) ?? null);
  }
  // Timed passes over all pages; who goes first alternates page by page and pass by pass.
  // Throughput is the pass with the least CPU time, per-page times the best over passes:
  // other work on the machine only ever adds time.
  const bar = new ProgressBar(set.ids.length * passes, set.name);
  for (let pass = 0; pass < passes; pass++) {
    const passMs = { newsdesk: 0, readability: 0 };
    const passCpu = { newsdesk: 0, readability: 0 };
    set.ids.forEach((id, i) => {
      const html = decodeHtml(readPage(set.files.get(id)!)).text;
      const url = set.urls.get(id) ?? null;
      const order = (i + pass) % 2 ? [...SYSTEMS].reverse() : SYSTEMS;
      for (const s of order) {
        const r = runTimed(runners[s], html, url);
        const sr = runs[s];
        passMs[s] += r.ms;
        passCpu[s] += r.cpuMs;
        sr.times[id] = Math.round(Math.min(sr.times[id] ?? Infinity, r.ms) * 100) / 100;
        if (pass > 0) continue;
        sr.outputs[id] = r.out;
        if (r.crashed) sr.crashes++;
        if (hasArticle(set.gt[id]) && !(typeof r.out.articleBody === 'string' && r.out.articleBody.trim())) sr.empty++;
      }
      bar.tick();
    });
    for (const s of SYSTEMS) {
      if (pass === 0 || passCpu[s] < runs[s].totalCpuMs) {
        runs[s].totalCpuMs = passCpu[s];
        runs[s].totalMs = passMs[s];
      }
    }
  }
  bar.finish();
  for (const s of SYSTEMS) {
    const [id, ms] = Object.entries(runs[s].times).sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    runs[s].slowest = { id, ms };
  }

  // Outputs for the scorers (and for people to diff), timings apart so diffs stay quiet.
  const files = {} as Record<SystemName, string>;
  for (const s of SYSTEMS) {
    files[s] = path.join(OUT_DIR, `${set.name}-${s}.json`);
    writeFileSync(files[s], JSON.stringify(runs[s].outputs, null, 1) + '\n');
  }
  const timings: Record<string, Record<SystemName, number>> = {};
  for (const id of set.ids) timings[id] = { newsdesk: runs.newsdesk.times[id]!, readability: runs.readability.times[id]! };
  writeFileSync(path.join(OUT_DIR, `${set.name}-timings.json`), JSON.stringify(timings, null, 1) + '\n');

  // The tools score every id of the ground truth they are given: give them exactly ours.
  let gtForTools = set.gtFile;
  if (set.ids.length !== Object.keys(set.gt).length) {
    gtForTools = path.join(OUT_DIR, `${set.name}-ground-truth.json`);
    writeFileSync(gtForTools, JSON.stringify(Object.fromEntries(set.ids.map((id) => [id, set.gt[id]]))));
  }

  const body = {} as Record<SystemName, BodyScore>;
  for (const s of SYSTEMS) {
    body[s] = set.metrics.body === 'snippets' ? await scoreSnippetsFile(gtForTools, files[s]) : await scoreShingles(gtForTools, files[s]);
  }
  let meta: Record<SystemName, MetaScore> | null = null;
  if (set.metrics.meta) {
    meta = {} as Record<SystemName, MetaScore>;
    for (const s of SYSTEMS) meta[s] = scoreMeta(gtForTools, files[s]);
  }
  const mem = memory ? await measureMemory(set) : null;
  const summary = (r: SystemRun): SetResult['runs'][SystemName] => ({
    totalMs: r.totalMs, totalCpuMs: r.totalCpuMs, slowest: r.slowest, crashes: r.crashes, empty: r.empty,
  });
  return {
    set: { name: set.name, pages: set.ids.length, targets: set.targets, metrics: set.metrics },
    runs: { newsdesk: summary(runs.newsdesk), readability: summary(runs.readability) },
    body, meta, mem, gtForTools, files,
  };
}

/** Runs each system alone in a child process over the set's pages, one after the other
 * (run side by side, the two processes' GC timing, and so their peaks, drift apart). */
async function measureMemory(set: BenchSet): Promise<Record<SystemName, ChildReport | null>> {
  const idsFile = path.join(OUT_DIR, `${set.name}-ids.json`);
  writeFileSync(idsFile, JSON.stringify(set.ids));
  const child = path.join(ROOT, 'bench', 'lib', 'run-system.ts');
  const reports = { newsdesk: null, readability: null } as Record<SystemName, ChildReport | null>;
  for (const s of SYSTEMS) {
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', child, s, set.htmlDir, set.gtFile, idsFile], { cwd: ROOT, maxBuffer: 1 << 20 });
      reports[s] = JSON.parse(stdout.trim().split('\n').pop() ?? '') as ChildReport;
    } catch (err) {
      console.error(`${set.name}: memory run of ${s} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return reports;
}

// ---------- report ----------

const f3 = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(3));
const pct = (x: number | undefined): string => (x === undefined ? '—' : `${(100 * x).toFixed(1)}%`);
/** Throughput from CPU time: on a shared machine other processes stretch wall-clock time
 * at random, CPU time much less. Wall-clock pages/s are shown beside it in the table. */
const pagesPerSec = (r: SetResult['runs'][SystemName], n: number): number => (r.totalCpuMs > 0 ? (1000 * n) / r.totalCpuMs : 0);
const wallPagesPerSec = (r: SetResult['runs'][SystemName], n: number): number => (r.totalMs > 0 ? (1000 * n) / r.totalMs : 0);
const mark = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

function printReport(results: SetResult[], limit: number | null, passes: number): void {
  const head = ['set', 'system', 'body F1', 'P', 'R', 'title', 'author', 'date', 'pages/s (wall)', 'slowest page', 'peak RSS', 'peak heap', 'empty', 'crashes'];
  const rows: string[][] = [];
  for (const r of results) {
    const n = r.set.pages;
    for (const s of SYSTEMS) {
      const run = r.runs[s];
      const b = r.body[s];
      const m = r.meta?.[s];
      const mem = r.mem?.[s];
      rows.push([
        `${r.set.name} (${n})`,
        s,
        `${f3(b.f1)}${b.f1Std !== undefined ? ` ±${b.f1Std.toFixed(3)}` : ''}`,
        f3(b.precision),
        f3(b.recall),
        m ? pct(m.title) : '—',
        m ? pct(m.author) : '—',
        m ? pct(m.date) : '—',
        `${pagesPerSec(run, n).toFixed(0)} (${wallPagesPerSec(run, n).toFixed(0)})`,
        `${run.slowest.ms.toFixed(0)} ms ${run.slowest.id}`,
        mem ? `${mem.maxRssMB.toFixed(0)} MB (at start ${mem.baseRssMB.toFixed(0)})` : '—',
        mem ? `${mem.heapPeakMB.toFixed(0)} MB` : '—',
        `${run.empty}`,
        `${run.crashes}`,
      ]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log('');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log('');
  console.log('body F1: shingle F1 (score-extraction.mjs) for fundus-eval/readability/articleBody sets, snippet F1 (score-snippets.mjs) for trafilatura-eval/with-without sets;');
  console.log('title/author/date: score-meta.mjs (title exact, all authors found, same day); on readability, author = byline where one is expected.');
  console.log(`pages/s: both systems in one fresh process per set, same pages, decoding excluded, after ${WARMUP_PAGES} untimed warm-up pages, from CPU time (wall clock in parentheses);`);
  console.log(`throughput from the best of ${passes} passes; slowest page: wall clock, best of ${passes} timings;`);
  console.log('peak RSS/heap: each system alone in a child process over the same pages.');

  // Targets, PASS/MISS.
  for (const r of results) {
    const t = r.set.targets;
    const nd = r.runs.newsdesk;
    const n = r.set.pages;
    const checks: [string, string, string, boolean][] = [];
    if (t.bodyF1 !== undefined) checks.push(['body F1', f3(r.body.newsdesk.f1), `≥ ${t.bodyF1}`, r.body.newsdesk.f1 >= t.bodyF1]);
    const m = r.meta?.newsdesk;
    if (m && t.title !== undefined) checks.push(['title exact', pct(m.title), `≥ ${pct(t.title)}`, m.title >= t.title]);
    if (m && t.author !== undefined) checks.push(['author found', pct(m.author), `≥ ${pct(t.author)}`, m.author >= t.author]);
    if (m && t.date !== undefined) checks.push(['date same day', pct(m.date), `≥ ${pct(t.date)}`, m.date >= t.date]);
    if (m && t.byline !== undefined) checks.push(['byline where expected', pct(m.author), `≥ ${pct(t.byline)}`, m.author >= t.byline]);
    const ratio = pagesPerSec(nd, n) / Math.max(1e-9, pagesPerSec(r.runs.readability, n));
    checks.push(['speed vs baseline', `${ratio.toFixed(1)}×`, `≥ ${GENERAL_TARGETS.speedRatio}×`, ratio >= GENERAL_TARGETS.speedRatio]);
    const mn = r.mem?.newsdesk;
    const mr = r.mem?.readability;
    if (mn && mr) checks.push(['peak RSS vs baseline', `${mn.maxRssMB.toFixed(0)} MB`, `≤ ${mr.maxRssMB.toFixed(0)} MB`, mn.maxRssMB <= mr.maxRssMB]);
    checks.push(['slowest page', `${nd.slowest.ms.toFixed(0)} ms (${nd.slowest.id})`, `≤ ${GENERAL_TARGETS.maxPageMs} ms`, nd.slowest.ms <= GENERAL_TARGETS.maxPageMs]);
    checks.push(['empty body with article', `${nd.empty}`, '= 0', nd.empty === 0]);
    checks.push(['crashes', `${nd.crashes}`, '= 0', nd.crashes === 0]);
    console.log('');
    console.log(`targets, ${r.set.name}:`);
    const w0 = Math.max(...checks.map((c) => c[0].length));
    const w1 = Math.max(...checks.map((c) => c[1].length));
    const w2 = Math.max(...checks.map((c) => c[2].length));
    for (const [label, value, target, ok] of checks) console.log(`  ${label.padEnd(w0)}  ${value.padEnd(w1)}  ${target.padEnd(w2)}  ${mark(ok)}`);
  }

  console.log('');
  console.log('per-page outputs in .bench/ — to check a score with the tool itself:');
  for (const r of results) {
    const tool = r.set.metrics.body === 'snippets' ? 'score-snippets.mjs' : 'score-extraction.mjs';
    console.log(`  node ${path.relative(ROOT, path.join(TOOLS, tool))} ${path.relative(ROOT, r.gtForTools)} ${path.relative(ROOT, r.files.newsdesk)}`);
  }
  if (limit) console.log(`\nnote: --limit ${limit}: only the first ${limit} pages of each set; not comparable with full runs`);
  console.log('');
  for (const r of results) {
    const n = r.set.pages;
    const pn = pagesPerSec(r.runs.newsdesk, n);
    const pr = pagesPerSec(r.runs.readability, n);
    const mem = r.mem?.newsdesk ? `rss ${r.mem.newsdesk.maxRssMB.toFixed(0)} MB` : 'rss — MB';
    const memBase = r.mem?.readability ? ` (readability ${r.mem.readability.maxRssMB.toFixed(0)} MB)` : '';
    console.log(
      `${r.set.name} newsdesk F1 ${f3(r.body.newsdesk.f1)} readability F1 ${f3(r.body.readability.f1)}` +
        ` | newsdesk ${pn.toFixed(0)} pages/s readability ${pr.toFixed(0)} pages/s ratio ${(pn / Math.max(1e-9, pr)).toFixed(1)}` +
        ` | ${mem}${memBase}`,
    );
  }
}

await main();
