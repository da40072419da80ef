// convert-demo: the demo newsroom's articles (what `npm start` ingests) as bench JSON lines,
// in publication order, labelled with the event each one reports (story) and its section
// (category). A wire copy carries its original's event, so copies count as the same story.
//
//   node --import tsx bench/convert-demo.ts [SEED] [OUT]   (default seed 1, .bench/demo-1.jsonl)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Newsroom } from '../src/demo/newsroom.ts';
import { OUT_DIR, toJsonl, type BenchDoc } from './lib/stories-sets.ts';

/** The default demo's size (src/demo/server.ts) and a fixed clock, so runs compare. */
export const DEMO_OUTLETS = 12;
export const DEMO_ITEMS = 12;
const NOW = new Date('2026-11-20T12:00:00Z');

/** Every article of a newsroom (the default demo's size unless told), ids 1… in publication order. */
export function convertDemo(seed: number, outlets = DEMO_OUTLETS, items = DEMO_ITEMS): BenchDoc[] {
  const room = new Newsroom({ seed, outlets, itemsPerFeed: items, now: NOW });
  const docs: (BenchDoc & { time: number })[] = [];
  for (let o = 0; o < outlets; o++) {
    for (const i of room.feedIndexes(o)) {
      const a = room.article(o, i);
      docs.push({
        id: '', title: a.headline, text: a.paragraphs.join('\n\n'), publishedAt: a.publishedAt.toISOString(),
        source: room.outlets[o]!.name, story: String(a.eventId), category: a.section, time: a.publishedAt.getTime(),
      });
    }
  }
  docs.sort((x, y) => x.time - y.time);
  return docs.map(({ time: _time, ...d }, k) => ({ ...d, id: String(k + 1) }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seed = Number(process.argv[2] ?? 1);
  const out = process.argv[3] ?? path.join(OUT_DIR, `demo-${seed}.jsonl`);
  mkdirSync(path.dirname(out), { recursive: true });
  const docs = convertDemo(seed);
  writeFileSync(out, toJsonl(docs));
  console.log(`${docs.length} articles → ${out}`);
}
