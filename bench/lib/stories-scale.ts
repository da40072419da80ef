// stories-scale: the story engine at the size of `bench:ingest --outlets 500 --items 200`,
// without the ingest: the demo newsroom's articles (seed 1) replayed in publication order
// into one StoryEngine, all of them inside its window. Prints the rate per 10,000, then one
// JSON line (rate, heap and RSS after a forced GC, the engine's own heap, a hash of every
// result so two versions can be compared) and one of the stories' map sizes.
//
//   node --expose-gc --import tsx bench/lib/stories-scale.ts [OUTLETS] [ITEMS]
import { StoryEngine } from '../../src/stories/index.ts';
import { convertDemo } from '../convert-demo.ts';
const outlets = Number(process.argv[2] ?? 500), items = Number(process.argv[3] ?? 200);
const docs = convertDemo(1, outlets, items).map(({ story: _story, category: _category, ...d }) => d);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const MB = 1024 * 1024;
const base = process.memoryUsage();
console.log(`docs ${docs.length}, docs heap ${Math.round(base.heapUsed / MB)} MB, rss ${Math.round(base.rss / MB)} MB`);
const engine = new StoryEngine();
let t0 = performance.now(); const start = t0;
let h = 0;
for (let n = 0; n < docs.length; n++) {
  const r = engine.addArticle(docs[n]!);
  h = (h * 31 + r.storyId + r.mergedStories.length * 7 + (r.duplicateOf ? 1 : 0)) % 1_000_000_007;
  if ((n + 1) % 10_000 === 0) {
    const t = performance.now();
    console.log(`${n + 1}: ${((t - t0) / 1000).toFixed(1)} s (${Math.round(10_000 / ((t - t0) / 1000))} art/s), heap ${Math.round(process.memoryUsage().heapUsed / MB)} MB`);
    t0 = t;
  }
}
const secs = (performance.now() - start) / 1000;
gc?.();
const m = process.memoryUsage();
console.log(JSON.stringify({ articles: docs.length, secs: +secs.toFixed(1), perSec: Math.round(docs.length / secs), heapMB: Math.round(m.heapUsed / MB), engineHeapMB: Math.round((m.heapUsed - base.heapUsed) / MB), rssMB: Math.round(m.rss / MB), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), stories: engine.clusterer.storyCount, held: engine.articleCount, ...engine.clusterer.indexSize, resultHash: h }));
let c = 0, td = 0, def = 0, pl = 0, arts = 0, n = 0;
for (const st of engine.clusterer.stories()) { n++; c += st.centroid.size; td += st.termDocs.size; def += st.defining.terms.length; pl += st.places.size; arts += st.articles.length; }
console.log(JSON.stringify({ stories: n, centroidEntries: c, termDocsEntries: td, defining: def, places: pl, storyArticleIds: arts }));
