// stories-tune: a tuning aid for the story clusterer, not the benchmark. Runs both shared
// story sets with settings overrides given as JSON and prints one line per set: the whole
// stream, and each half of it run as a stream of its own (a change that helps only one half
// or one set is fitting noise). `--notime` drops UCI's timestamps, to see how much of a
// figure comes from time alone (UCI's crawl puts each story in one contiguous burst).
//
//   node --import tsx bench/lib/stories-tune.ts '{"cluster":{"joinThreshold":0.15}}' [--related] [--halves] [--notime]
import { convertGoogleNews } from '../convert-googlenews.ts';
import { convertUci } from '../convert-uci.ts';
import { DEFAULT_STORY_SETTINGS, type StorySettings } from '../../src/stories/index.ts';
import { scoreStream, type StoriesScore } from './stories-score.ts';
import type { BenchDoc } from './stories-sets.ts';

const args = process.argv.slice(2);
const json = args.find((a) => !a.startsWith('--')) ?? '{}';
const over = JSON.parse(json) as { cluster?: Partial<StorySettings['cluster']>; related?: Partial<StorySettings['related']> };
const settings: Partial<StorySettings> = {
  cluster: { ...DEFAULT_STORY_SETTINGS.cluster, ...over.cluster },
  related: { ...DEFAULT_STORY_SETTINGS.related, ...over.related },
};
const related = args.includes('--related');

function brief(s: StoriesScore): string {
  const f = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(3));
  let out = `F1 ${f(s.pairF1)} P ${f(s.pairP)} R ${f(s.pairR)} B3 ${f(s.bcubedF1)} ARI ${f(s.ari)} k=${s.stories} ${s.docsPerSec}/s`;
  if (related) out += ` relStory ${f(s.relatedSameStory)} relCat ${f(s.relatedSameCategory)} per ${f(s.relatedPerArticle)}`;
  return out;
}

const sets: [string, BenchDoc[]][] = [
  ['gn ', convertGoogleNews()],
  ['uci', convertUci().map((d) => (args.includes('--notime') ? { ...d, publishedAt: undefined } : d))],
];
for (const [name, docs] of sets) {
  console.log(`${name} all  ${brief(await scoreStream(docs, settings, { related }))}`);
  if (args.includes('--halves')) {
    const h = Math.floor(docs.length / 2);
    console.log(`${name} 1st  ${brief(await scoreStream(docs.slice(0, h), settings, { related }))}`);
    console.log(`${name} 2nd  ${brief(await scoreStream(docs.slice(h), settings, { related }))}`);
  }
}
