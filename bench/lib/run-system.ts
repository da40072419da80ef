// run-system: runs ONE system over a list of pages in its own process and reports its
// peak memory (maxRSS from process.resourceUsage(), sampled peak heap) and time, as one
// JSON line on stdout. bench/extract.ts starts one per system so each system's memory is
// measured alone, on exactly the same pages.
//   node --import tsx bench/lib/run-system.ts SYSTEM HTML_DIR GT.json IDS.json
import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { decodeHtml } from '../../src/extract/decode.ts';
import { loadSet, readPage } from './sets.ts';
import { loadSystem, runTimed, SYSTEMS, type SystemName } from './systems.ts';

/** What the child reports. */
export interface ChildReport {
  system: SystemName;
  pages: number;
  ms: number;
  baseRssMB: number;
  maxRssMB: number;
  heapPeakMB: number;
}

const [system, htmlDir, gtFile, idsFile] = process.argv.slice(2);
if (!system || !SYSTEMS.includes(system as SystemName) || !htmlDir || !gtFile || !idsFile) {
  console.error('usage: node --import tsx bench/lib/run-system.ts newsdesk|readability HTML_DIR GT.json IDS.json');
  process.exit(2);
}
const set = loadSet('child', htmlDir, gtFile);
const ids = JSON.parse(readFileSync(idsFile, 'utf8')) as string[];
const run = await loadSystem(system as SystemName);
const baseRssMB = process.memoryUsage().rss / 2 ** 20;
let heapPeak = 0;
let ms = 0;
for (const id of ids) {
  const file = set.files.get(id);
  if (!file) continue;
  const html = decodeHtml(readPage(file)).text;
  ms += runTimed(run, html, set.urls.get(id) ?? null).ms;
  heapPeak = Math.max(heapPeak, getHeapStatistics().used_heap_size);
}
const report: ChildReport = {
  system: system as SystemName,
  pages: ids.length,
  ms,
  baseRssMB,
  maxRssMB: process.resourceUsage().maxRSS / 1024,
  heapPeakMB: heapPeak / 2 ** 20,
};
process.stdout.write(JSON.stringify(report) + '\n');
