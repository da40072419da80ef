// A small newsroom for the site's tests, saved through the Store API: four outlets (one
// republished in full), a strike story covered by three outlets with one exact copy, a
// sports story, and an article whose stored text is hostile.
import type { Store } from '../../src/store/index.ts';
import { article } from './helpers.ts';

export const STRIKE_BODY = [
  'Port workers walked off the job at dawn on Monday, leaving cranes idle along the eastern quay as talks over pay broke down.',
  'The union said its members had waited two years for a settlement and would stay out until the port authority returned with a better offer.',
  'Shipping agents warned that container traffic could back up within days, with perishable cargo most at risk.',
  'The port authority said it regretted the action and remained open to talks, but called the union demands unaffordable in the current climate.',
  'Local businesses that rely on the harbour said they were preparing for a long dispute and had begun moving stock by road instead of sea.',
  'A spokesperson for the regional government urged both sides to meet again before the end of the week.',
].join('\n\n');

export const WIRE_BODY = [
  'The dock strike entered its second day on Tuesday with no sign of a deal, as ships queued outside the harbour mouth.',
  'Negotiators for both sides were due to meet a mediator in the afternoon, officials said.',
].join('\n\n');

export interface Fixture {
  herald: number;
  coastal: number;
  sports: number;
  wire: number;
  strike: number;
  fullStrike: number;
  wireCopy: number;
  wireCopy2: number;
  cup: number;
  hostile: number;
  strikeStory: number;
  cupStory: number;
}

export async function seed(store: Store): Promise<Fixture> {
  const herald = (await store.addSource({ url: 'https://herald.example/rss.xml', name: 'Harbour Herald', section: 'World' })).source.id;
  const coastal = (await store.addSource({ url: 'https://coastal.example/feed', name: 'Coastal Times', section: 'World', displayMode: 'full' })).source.id;
  const sports = (await store.addSource({ url: 'https://valley.example/sport.xml', name: 'Valley Sports', section: 'Sports' })).source.id;
  const wire = (await store.addSource({ url: 'https://wire.example/feed.xml', name: 'Wire Service', section: 'World' })).source.id;

  const strike = (
    await store.saveArticle({
      sourceId: herald,
      article: article({
        url: 'https://herald.example/news/port-strike?utm_source=rss',
        title: 'Port workers strike over pay',
        authors: ['Ana Lima', 'Ben Okafor'],
        publishedAt: '2026-03-02T08:00:00.000Z',
        description: 'Share Tweet Port workers walked off the job at dawn on Monday, leaving cranes idle along the eastern quay as talks over pay broke down. Share',
        leadImage: { url: 'https://herald.example/img/quay.jpg', caption: 'Cranes stand idle on the eastern quay.', credit: 'Jo Park/Harbour Herald', alt: 'Idle cranes at dusk', width: 1200, height: 800 },
        articleBody: STRIKE_BODY,
        wordCount: 160,
      }),
    })
  ).articleId;
  const fullStrike = (
    await store.saveArticle({
      sourceId: coastal,
      article: article({
        url: 'https://coastal.example/2026/03/harbour-strike',
        title: 'Harbour strike halts shipping',
        authors: ['Cara Doyle'],
        publishedAt: '2026-03-02T09:30:00.000Z',
        modifiedAt: '2026-03-02T11:00:00.000Z',
        description: 'Ships were turned away from the harbour as the strike took hold.',
        leadImage: { url: 'https://coastal.example/img/ships.jpg', caption: 'Ships wait offshore.', credit: 'Coastal Times', width: 1600, height: 900 },
        articleBody: 'Ships were turned away from the harbour as the strike took hold.\n\nThe harbour master said berths would stay closed.',
        html: '<h1>Harbour strike halts shipping</h1><figure><img src="https://coastal.example/img/ships.jpg" alt=""><figcaption>Ships wait offshore.</figcaption></figure><p>Ships were turned away from the harbour as the strike took hold.</p><p>The harbour master said <em>berths would stay closed</em>.</p>',
        wordCount: 25,
      }),
    })
  ).articleId;
  const wireCopy = (
    await store.saveArticle({
      sourceId: wire,
      article: article({ url: 'https://wire.example/a/dock-strike-day-two', title: 'Dock strike enters second day', publishedAt: '2026-03-03T07:00:00.000Z', articleBody: WIRE_BODY, wordCount: 40 }),
    })
  ).articleId;
  // The same wire copy, run by the Herald an hour later: folded under the wire's original.
  const wireCopy2 = (
    await store.saveArticle({
      sourceId: herald,
      article: article({ url: 'https://herald.example/news/dock-strike-day-two', title: 'Dock strike enters second day', publishedAt: '2026-03-03T08:00:00.000Z', articleBody: WIRE_BODY, wordCount: 40 }),
    })
  ).articleId;
  const cup = (
    await store.saveArticle({
      sourceId: sports,
      article: article({
        url: 'https://valley.example/sport/cup-final',
        title: 'Harbour United win the cup final',
        publishedAt: '2026-03-02T12:00:00.000Z',
        articleBody: 'Harbour United won the cup final three goals to one on Saturday, their first title in a decade.\n\nThe captain lifted the trophy in front of a full stadium.',
        wordCount: 35,
      }),
    })
  ).articleId;
  const hostile = (
    await store.saveArticle({
      sourceId: herald,
      article: article({
        url: 'https://herald.example/news/hostile',
        title: '<script>alert("title")</script> Mayor & council "clash"',
        authors: ['<img src=x onerror=alert(1)>'],
        publishedAt: '2026-03-01T10:00:00.000Z',
        description: 'A description with <b onmouseover="alert(2)">markup</b> that must be shown as text, not run.',
        articleBody: 'The mayor and the council clashed over the budget </p><script>alert(3)</script> on Friday evening in a long meeting.',
        wordCount: 20,
      }),
    })
  ).articleId;
  await store.setArticleStory(strike, 1);
  await store.setArticleStory(fullStrike, 1);
  await store.setArticleStory(wireCopy, 1);
  await store.setArticleStory(wireCopy2, 1);
  await store.setArticleStory(cup, 2);
  return { herald, coastal, sports, wire, strike, fullStrike, wireCopy, wireCopy2, cup, hostile, strikeStory: 1, cupStory: 2 };
}
