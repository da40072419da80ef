// bench:extract — how good and how fast Newsdesk's extractor is, against the baseline
// (Mozilla Readability 0.6 on linkedom), on the evaluation sets in ../shared/corpus.
//
// Each set is measured in a fresh process, which starts one process per system
// (bench/lib/run-system.ts) and hands both the same pages one at a time, in alternation
// (who goes first alternates page by page), so both see the same machine at the same
// moments. Each system decodes the page with Newsdesk's decoder, outside the timing, and
// times its own work in its own CPU time, over two passes (the best counts: a shared
// machine only ever adds time).
//
// Why a process per system, not both in one: in one shared heap, the garbage collector
// runs whenever either side allocates, so one system pays for collecting the other's
// garbage. Measured on the readability set: Newsdesk alone spent 35 ms in GC pauses over
// a pass; beside the baseline in one process, 279 ms of pauses (87 ms of them full
// collections of the baseline's heap) and about 50% more CPU time overall — while the
// baseline's own time was the same either way. Separate heaps bill each system for its
// own garbage only. The same processes report their peak memory (maxRSS over their whole
// life, and the largest heap after a page), each alone, over exactly the same pages.
//
// Outputs are written to .bench/<set>-<system>.json and scored with the official tools in
// ../shared/tools. The last lines printed are one comparable line per set.
//
//   npm run bench:extract [-- --set NAME] [--dir DIR --gt GT.json [--name NAME]]
//                         [--limit N] [--passes N]
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProgressBar } from '../src/cli/progress.ts';
import type { ChildReport, FromChild, ToChild } from './lib/run-system.ts';
import { scoreMeta, scoreShingles, scoreSnippetsFile, type BodyScore, type MetaScore } from './lib/score.ts';
import {
  CORPUS, GENERAL_TARGETS, OUT_DIR, ROOT, STANDARD_SETS, TOOLS,
  hasArticle, loadSet, loadStandardSet, type BenchSet,
} from './lib/sets.ts';
import { SYSTEMS, type PageOutput, type SystemName } from './lib/systems.ts';

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
  --no-memory        accepted for old scripts; memory now comes from the timing processes
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
  /** Pages that have an article in the ground truth but got no body … */
  empty: number;
  /** … and which, with the reason the system gave. */
  emptyPages: [string, string][];
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
  passes: number;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { resultFile: null, sets: [], custom: null, limit: null, passes: DEFAULT_PASSES };
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
    } else if (a === '--no-memory') continue;
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
  const common = [...(opts.limit ? ['--limit', String(opts.limit)] : []), '--passes', String(opts.passes)];
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
  const systems = await Promise.all(SYSTEMS.map((s) => SystemProcess.start(s, set)));
  try {
    const result = await benchSet(set, { newsdesk: systems[0]!, readability: systems[1]! }, opts.passes);
    writeFileSync(resultFile, JSON.stringify(result));
  } finally {
    for (const p of systems) p.kill();
  }
}

/** One system in a process of its own (bench/lib/run-system.ts), one page at a time. */
class SystemProcess {
  private waiting: ((m: FromChild) => void) | null = null;
  private exited: string | null = null;

  private constructor(readonly system: SystemName, private readonly child: ChildProcess) {
    child.on('message', (m: FromChild) => {
      const w = this.waiting;
      this.waiting = null;
      w?.(m);
    });
    child.on('exit', (code, signal) => {
      this.exited = `exited (${signal ?? code})`;
      const w = this.waiting;
      this.waiting = null;
      w?.({ type: 'page', id: '', ms: 0, cpuMs: 0, crashed: true, out: { articleBody: null, error: `the ${system} process ${this.exited}` } });
    });
  }

  static async start(system: SystemName, set: BenchSet): Promise<SystemProcess> {
    const child = fork(path.join(ROOT, 'bench', 'lib', 'run-system.ts'), [system, set.htmlDir, set.gtFile], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const p = new SystemProcess(system, child);
    const first = await p.next();
    if (first.type !== 'ready') throw new Error(`the ${system} process did not start: ${p.exited ?? 'unexpected message'}`);
    return p;
  }

  private next(): Promise<FromChild> {
    if (this.exited) return Promise.reject(new Error(`the ${this.system} process ${this.exited}`));
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** Runs one page; the output comes back when `keep` is set. */
  async page(id: string, keep: boolean): Promise<Extract<FromChild, { type: 'page' }>> {
    const reply = this.next();
    this.child.send({ type: 'page', id, keep } satisfies ToChild);
    const m = await reply;
    if (m.type !== 'page') throw new Error(`the ${this.system} process answered ${m.type} to a page`);
    return m;
  }

  /** Ends the process and returns its memory report. */
  async finish(): Promise<ChildReport | null> {
    try {
      const reply = this.next();
      this.child.send({ type: 'done' } satisfies ToChild);
      const m = await reply;
      return m.type === 'done' ? m.report : null;
    } catch {
      return null;
    }
  }

  kill(): void {
    if (!this.exited) this.child.kill();
  }
}

async function benchSet(set: BenchSet, procs: Record<SystemName, SystemProcess>, passes: number): Promise<SetResult> {
  const runs = {} as Record<SystemName, SystemRun>;
  for (const s of SYSTEMS) runs[s] = { outputs: {}, times: {}, totalMs: 0, totalCpuMs: 0, slowest: { id: '', ms: 0 }, crashes: 0, empty: 0, emptyPages: [] };
  // Warm-up: both systems see a few pages untimed first, so lazy loading and the JIT's
  // first compilations are not billed to whichever page comes first.
  for (const id of set.ids.slice(0, WARMUP_PAGES)) for (const s of SYSTEMS) await procs[s].page(id, false);
  // Timed passes over all pages; who goes first alternates page by page and pass by pass.
  // Throughput is the pass with the least CPU time, per-page times the best over passes:
  // other work on the machine only ever adds time.
  const bar = new ProgressBar(set.ids.length * passes, set.name);
  for (let pass = 0; pass < passes; pass++) {
    const passMs = { newsdesk: 0, readability: 0 };
    const passCpu = { newsdesk: 0, readability: 0 };
    for (const [i, id] of set.ids.entries()) {
      const order = (i + pass) % 2 ? [...SYSTEMS].reverse() : SYSTEMS;
      for (const s of order) {
        const r = await procs[s].page(id, pass === 0);
        const sr = runs[s];
        passMs[s] += r.ms;
        passCpu[s] += r.cpuMs;
        sr.times[id] = Math.round(Math.min(sr.times[id] ?? Infinity, r.ms) * 100) / 100;
        if (pass > 0) continue;
        const out = r.out ?? { articleBody: null, error: 'no output' };
        sr.outputs[id] = out;
        if (r.crashed) sr.crashes++;
        if (hasArticle(set.gt[id]) && !(typeof out.articleBody === 'string' && out.articleBody.trim())) {
          sr.empty++;
          sr.emptyPages.push([id, typeof out.reason === 'string' ? out.reason : (out.error ?? 'no reason given')]);
        }
      }
      bar.tick();
    }
    for (const s of SYSTEMS) {
      if (pass === 0 || passCpu[s] < runs[s].totalCpuMs) {
        runs[s].totalCpuMs = passCpu[s];
        runs[s].totalMs = passMs[s];
      }
    }
  }
  bar.finish();
  const mem = { newsdesk: await procs.newsdesk.finish(), readability: await procs.readability.finish() };
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
  const summary = (r: SystemRun): SetResult['runs'][SystemName] => ({
    totalMs: r.totalMs, totalCpuMs: r.totalCpuMs, slowest: r.slowest, crashes: r.crashes, empty: r.empty, emptyPages: r.emptyPages,
  });
  return {
    set: { name: set.name, pages: set.ids.length, targets: set.targets, metrics: set.metrics },
    runs: { newsdesk: summary(runs.newsdesk), readability: summary(runs.readability) },
    body, meta, mem, gtForTools, files,
  };
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
  console.log(`pages/s: each system in its own process (own heap), both driven page by page in alternation over the same pages, decoding excluded,`);
  console.log(`after ${WARMUP_PAGES} untimed warm-up pages, from each process's CPU time (wall clock in parentheses); throughput from the best of ${passes} passes;`);
  console.log(`slowest page: wall clock, best of ${passes} timings; peak RSS/heap: the same processes (maxRSS over their life; heap after a page).`);

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
    checks.push(['empty body with article', `${nd.empty}${nd.empty ? ` (${nd.emptyPages.map(([id]) => id).join(', ')})` : ''}`, '= 0', nd.empty === 0]);
    checks.push(['crashes', `${nd.crashes}`, '= 0', nd.crashes === 0]);
    console.log('');
    console.log(`targets, ${r.set.name}:`);
    const w0 = Math.max(...checks.map((c) => c[0].length));
    const w1 = Math.max(...checks.map((c) => c[1].length));
    const w2 = Math.max(...checks.map((c) => c[2].length));
    for (const [label, value, target, ok] of checks) console.log(`  ${label.padEnd(w0)}  ${value.padEnd(w1)}  ${target.padEnd(w2)}  ${mark(ok)}`);
    // The ground truth says these pages have an article; Newsdesk says why it found none.
    for (const [id, reason] of nd.emptyPages) console.log(`    ${id}: ${reason}`);
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
