// conformance-feeds: how much of feedparser's test corpus our feed parser gets right.
// Prints a per-folder table (files, applicable cases, passed, crashed), the date tables
// of test_date_parsers.py, the reasons cases were judged not applicable, and a final line
//   feeds conformance: P/A passed (X%), 0 crashed
// over the folders the issue targets (TARGET_GROUPS). --fails lists failing cases,
// --na lists the not-applicable ones with their reason.
import { CORPUS_DIR, TARGET_GROUPS, corpusPresent, listCorpus, runCase, runDateTables, summarise } from './lib/feeds-conformance.ts';

if (!corpusPresent()) {
  console.log(`skipped: the feedparser corpus is not at ${CORPUS_DIR} (it lives in ../shared/corpus)`);
  process.exit(0);
}
const showFails = process.argv.includes('--fails');
const showNa = process.argv.includes('--na');
const filter = process.argv.find((a) => a.startsWith('--group='))?.slice(8);

const t0 = performance.now();
const files = listCorpus();
const results = files.map((f) => runCase(f)).filter((r) => !filter || r.group === filter);
const ms = performance.now() - t0;
const stats = summarise(results);

const pct = (p: number, a: number): string => (a ? ((100 * p) / a).toFixed(1) : '-');
console.log('folder                   files  applicable  passed     %  crashed  target');
for (const s of stats) {
  const target = TARGET_GROUPS.includes(s.group) ? '>=95%' : '';
  console.log(`${s.group.padEnd(24)} ${String(s.files).padStart(5)} ${String(s.applicable).padStart(11)} ${String(s.passed).padStart(7)} ${pct(s.passed, s.applicable).padStart(5)} ${String(s.crashed).padStart(8)}  ${target}`);
}
const dates = runDateTables();
const datePass = dates.filter((d) => d.pass).length;
console.log(`${'test_date_parsers.py'.padEnd(24)} ${String(dates.length).padStart(5)} ${String(dates.length).padStart(11)} ${String(datePass).padStart(7)} ${pct(datePass, dates.length).padStart(5)} ${'0'.padStart(8)}  >=95%`);

/** Reason classes for cases judged not applicable (the raw reasons: --na). */
function reasonClass(reason: string): string {
  if (reason.startsWith('feed field')) return 'feed-level field ParsedFeed does not keep (description, generator, image, author …)';
  if (reason.startsWith('entry field') || reason.startsWith('raw date')) return 'entry field outside Entry (rights, comments, source, raw date strings, created/expired …)';
  if (/not kept in Entry|^links|^authors|^tags|^enclosure|^author_detail/.test(reason)) return 'link/author/tag/enclosure details Entry does not keep (rel, type, url, email, scheme …)';
  if (/_detail|^content /.test(reason)) return 'text construct type/language/base (Entry keeps the value only)';
  if (reason.startsWith('name ')) return 'feedparser result attributes (version, namespaces, headers …)';
  return reason;
}
const naReasons = new Map<string, number>();
for (const r of results) if (r.status === 'na') {
  const c = reasonClass(r.reason ?? '?');
  naReasons.set(c, (naReasons.get(c) ?? 0) + 1);
}
console.log('\nnot applicable, by reason class (--na lists each case):');
for (const [reason, n] of [...naReasons].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${reason}`);

if (showFails) {
  console.log('\nfailing cases:');
  for (const r of results) if (r.status === 'fail' || r.status === 'crash') console.log(`  ${r.status} ${r.file}: ${r.expect}  [${r.reason}]`);
  for (const d of dates) if (!d.pass) console.log(`  date ${d.fn} ${JSON.stringify(d.input)}: expected ${JSON.stringify(d.expected)} got ${JSON.stringify(d.got)}`);
}
if (showNa) for (const r of results) if (r.status === 'na') console.log(`  na ${r.file}: ${r.reason}`);

const target = stats.filter((s) => TARGET_GROUPS.includes(s.group));
const P = target.reduce((n, s) => n + s.passed, 0);
const A = target.reduce((n, s) => n + s.applicable, 0);
const crashed = stats.reduce((n, s) => n + s.crashed, 0);
const allP = stats.reduce((n, s) => n + s.passed, 0);
const allA = stats.reduce((n, s) => n + s.applicable, 0);
console.log(`\nall folders: ${allP}/${allA} applicable passed (${pct(allP, allA)}%), ${results.length} files in ${(ms / 1000).toFixed(1)} s; dates ${datePass}/${dates.length}`);
console.log(`feeds conformance: ${P}/${A} passed (${pct(P, A)}%), ${crashed} crashed`);
