// run-system: ONE extractor in a process of its own, driven page by page by
// bench/extract.ts over IPC. bench/extract.ts starts one per system and hands both the same
// pages in alternation, so the two see the same machine at the same moments, while each
// has its own heap: in one shared heap, the collector runs whenever either side allocates,
// and Newsdesk was billed for collecting the baseline's garbage (see bench/extract.ts).
//
// Each page is read and decoded here, outside the timing (Newsdesk's decoder for both
// systems). The time of a page is this process's own CPU time (user + system, all its
// threads: its own garbage collection included, nobody else's). At the end the process
// reports its peak memory: maxRSS over its whole life, and the largest heap seen after a page.
//
//   parent → child: { type: 'page', id, keep }   keep: send the output back
//                   { type: 'done' }
//   child → parent: { type: 'ready' } once loaded
//                   { type: 'page', id, ms, cpuMs, crashed, out? }
//                   { type: 'done', report: ChildReport }
import { getHeapStatistics } from 'node:v8';
import { decodeHtml } from '../../src/extract/decode.ts';
import { loadSet, readPage } from './sets.ts';
import { loadSystem, runTimed, SYSTEMS, type PageOutput, type SystemName } from './systems.ts';

/** What the child reports at the end. */
export interface ChildReport {
  system: SystemName;
  pages: number;
  baseRssMB: number;
  maxRssMB: number;
  heapPeakMB: number;
}

/** A request from the parent. */
export type ToChild = { type: 'page'; id: string; keep: boolean } | { type: 'done' };

/** A reply to the parent. */
export type FromChild =
  | { type: 'ready' }
  | { type: 'page'; id: string; ms: number; cpuMs: number; crashed: boolean; out?: PageOutput }
  | { type: 'done'; report: ChildReport };

/** The command line of a child: `node --import tsx` this file with these arguments. */
export const CHILD_USAGE = 'node --import tsx bench/lib/run-system.ts newsdesk|readability HTML_DIR GT.json (started by bench/extract.ts, over IPC)';

async function main(): Promise<void> {
  const [system, htmlDir, gtFile] = process.argv.slice(2);
  const send = process.send?.bind(process);
  if (!send || !system || !SYSTEMS.includes(system as SystemName) || !htmlDir || !gtFile) {
    console.error(`usage: ${CHILD_USAGE}`);
    process.exit(2);
  }
  const set = loadSet('child', htmlDir, gtFile);
  const run = await loadSystem(system as SystemName);
  const baseRssMB = process.memoryUsage().rss / 2 ** 20;
  let heapPeak = 0;
  let pages = 0;
  const reply = (m: FromChild): void => {
    send(m);
  };
  process.on('message', (m: ToChild) => {
    if (m.type === 'done') {
      const report: ChildReport = {
        system: system as SystemName,
        pages,
        baseRssMB,
        maxRssMB: process.resourceUsage().maxRSS / 1024,
        heapPeakMB: heapPeak / 2 ** 20,
      };
      // Exit once the report is out: the IPC channel flushes before disconnect completes.
      send({ type: 'done', report } satisfies FromChild, () => process.disconnect());
      return;
    }
    const file = set.files.get(m.id);
    if (!file) {
      reply({ type: 'page', id: m.id, ms: 0, cpuMs: 0, crashed: true, out: { articleBody: null, error: `no page ${m.id} in ${htmlDir}` } });
      return;
    }
    const html = decodeHtml(readPage(file)).text;
    const r = runTimed(run, html, set.urls.get(m.id) ?? null);
    pages++;
    heapPeak = Math.max(heapPeak, getHeapStatistics().used_heap_size);
    reply({ type: 'page', id: m.id, ms: r.ms, cpuMs: r.cpuMs, crashed: r.crashed, ...(m.keep ? { out: r.out } : {}) });
  });
  reply({ type: 'ready' });
}

await main();
