// bench/feeds: how fast parseFeed turns a 500-item RSS feed and a 500-item Atom feed into
// entries, against feedsmith's raw parse of the same bytes in the same run (the floor: a
// parse that keeps raw structure and normalises nothing). Several passes, median.
// Prints entries/s for each and one comparable line:
//   feeds rss 500: newsdesk N entries/s feedsmith N entries/s overhead +X% (limit +50%) | atom 500: …
import { parseFeed as feedsmithParse } from 'feedsmith';
import { parseFeed } from '../src/feeds/index.ts';
import { generateAtom, generateRss } from './lib/feeds-generate.ts';

const ITEMS = 500;
const PASSES = Number(process.env['BENCH_PASSES'] ?? 15);
const WARMUP = 3;
const LIMIT_PCT = 50;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void): number {
  for (let i = 0; i < WARMUP; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < PASSES; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

const parts: string[] = [];
for (const [name, xml] of [['rss', generateRss(ITEMS)], ['atom', generateAtom(ITEMS)]] as const) {
  const ours = parseFeed(xml, { url: 'https://news.example.com/feed' });
  if (ours.entries.length !== ITEMS) throw new Error(`${name}: parseFeed gave ${ours.entries.length} entries, expected ${ITEMS}`);
  const msFeedsmith = time(() => feedsmithParse(xml));
  const msOurs = time(() => parseFeed(xml, { url: 'https://news.example.com/feed' }));
  const eps = (ms: number): number => Math.round((ITEMS / ms) * 1000);
  const overhead = ((msOurs - msFeedsmith) / msFeedsmith) * 100;
  console.log(`${name}: ${(xml.length / 1024).toFixed(0)} KiB, newsdesk ${msOurs.toFixed(1)} ms (${eps(msOurs)} entries/s), feedsmith ${msFeedsmith.toFixed(1)} ms (${eps(msFeedsmith)} entries/s)`);
  parts.push(`${name} ${ITEMS}: newsdesk ${eps(msOurs)} entries/s feedsmith ${eps(msFeedsmith)} entries/s overhead ${overhead >= 0 ? '+' : ''}${overhead.toFixed(0)}% (limit +${LIMIT_PCT}%)`);
}
console.log(`feeds ${parts.join(' | ')}`);
