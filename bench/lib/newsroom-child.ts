// newsroom-child: the demo newsroom in a process of its own for bench/ingest.ts, so that
// serving pages does not count against the ingest's CPU and memory; its pages are rendered
// and compressed before the feeds are announced, so serving them costs little CPU either.
// Prints one JSON line with the feed URLs, then serves until killed.
//   node --import tsx bench/lib/newsroom-child.ts OUTLETS ITEMS SEED
import { startNewsroom } from '../../src/demo/index.ts';

const [outlets, items, seed] = process.argv.slice(2).map(Number);
const room = await startNewsroom({
  outlets: outlets || 100,
  itemsPerFeed: items || 20,
  seed: seed || 1,
  hosts: 'per-outlet',
  crawlDelay: 0,
  now: new Date('2026-11-20T12:00:00Z'),
  // Render and compress every page before the run: the newsroom stands for other people's
  // servers, and its work should not share the two cores the ingest is measured on.
  cacheReplies: true,
});
room.prerender();
const feeds = room.outlets.map((o) =>
  o.feedUrls.length ? { url: o.feedUrls[0]!, name: o.name } : { url: o.sectionUrls[0]!, name: o.name, kind: 'section' as const, urlPattern: o.articlePattern },
);
process.stdout.write(JSON.stringify({ feeds }) + '\n');
process.on('SIGTERM', () => void room.close().then(() => process.exit(0)));
