// Unit tests for the headline rules added for issue 2's title target: a host name closing
// a title segment, WordPress's "Blog » Blog Archive » Headline", and a kicker set apart by
// a colon the markup hides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHtml } from '../../src/extract/dom.ts';
import { extractMetadata } from '../../src/extract/metadata/index.ts';

function title(head: string, body: string, url: string): string | null {
  return extractMetadata(parseHtml(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`), url).title;
}

test('a last title segment that ends with the host\'s name is the site\'s, printed once', () => {
  const t = title('<title>Europas Topathleten fit für München 2022 - European Championships Munich 2022</title>', '<p>Text.</p>', 'https://www.munich2022.com/de/europas-topathleten');
  assert.equal(t, 'Europas Topathleten fit für München 2022');
  // A segment that only mentions the host's name in a longer phrase stays.
  const long = title('<title>Warum wir streiken - Ein Bericht aus dem Alltag in Munich 2022</title>', '<p>Text.</p>', 'https://www.munich2022.com/de/streik');
  assert.equal(long, 'Warum wir streiken - Ein Bericht aus dem Alltag in Munich 2022');
});

test('a heading that is the blog name before "Blog Archiv" in the title is not the headline', () => {
  const t = title('<title>Time 4 talks  » Blog Archiv   » Weitere Digitalisierung der Schweizer Kinos</title>', '<div id="kopf"><h1><a href="https://web.archive.org/web/2014/http://www.time4talks.com/">Time 4 talks</a></h1></div><div id="seite"><div class="post"><h2>Weitere Digitalisierung der Schweizer Kinos</h2><p>Text.</p></div></div>', 'https://web.archive.org/web/2014/http://www.time4talks.com/2013/08/07/kinos/');
  assert.equal(t, 'Weitere Digitalisierung der Schweizer Kinos');
  // "Headline | News | Site": the heading is the headline.
  const news = title('<title>Deutsche Waffen für Russland | News | Correctiv</title>', '<h1>Deutsche Waffen für Russland</h1><p>Text.</p>', 'https://correctiv.org/x/');
  assert.equal(news, 'Deutsche Waffen für Russland');
});

test('a kicker joined to the headline by a hidden colon (" :Headline") is left out as the metadata leaves it out', () => {
  const head = '<title>Impfen und Boostern ist bis Ende Februar noch überall möglich</title><meta property="og:title" content="Medienmitteilungen">';
  const body = '<h1>Medienmitteilung der Gesundheits-, Sozial- und Integrationsdirektion <span class="sr-colon">:</span>Impfen und Boostern ist bis Ende Februar noch überall möglich</h1><p>Text.</p>';
  assert.equal(title(head, body, 'https://www.be.ch/de/start/medienmitteilungen.html'), 'Impfen und Boostern ist bis Ende Februar noch überall möglich');
  // '"Pure Leere": Marita Kramer …' is one headline.
  const quote = title('<title>Marita Kramer gewinnt in Hinzenbach</title>', '<h1>"Pure Leere": Marita Kramer gewinnt in Hinzenbach</h1><p>Text.</p>', 'https://sport.example.com/x');
  assert.equal(quote, '"Pure Leere": Marita Kramer gewinnt in Hinzenbach');
});

test('a part of the heading marked as the headline leaves the rest out as its kicker', () => {
  const body = '<article><h1><span class="green small">Wasserstoff – Netze</span><span class="invisible">: </span><span class="headline">Stadtwerke bauen erste Leitung</span></h1><p>Text.</p></article>';
  assert.equal(title('<meta property="og:title" content="Wasserstoff, Netze: Stadtwerke bauen Leitung">', body, 'https://energie.example.org/a'), 'Stadtwerke bauen erste Leitung');
  // A heading that is only its marked part keeps it whole.
  const whole = '<article><h1><span class="headline">Stadtwerke bauen erste Leitung</span></h1><p>Text.</p></article>';
  assert.equal(title('<meta property="og:title" content="Stadtwerke bauen erste Leitung">', whole, 'https://energie.example.org/a'), 'Stadtwerke bauen erste Leitung');
});

test('a "highline" span in the heading is a kicker', () => {
  const body = '<article><header><div class="h1" itemprop="headline"><span class="highline">Urlaub</span> Wie viele Tage Resturlaub verfallen dürfen</div></header><p>Text.</p></article>';
  assert.equal(title('<meta property="og:title" content="Urlaub? Wie viele Tage verfallen dürfen">', body, 'https://www.example.de/urlaub'), 'Wie viele Tage Resturlaub verfallen dürfen');
});

test('an <h1> printing the metadata title exactly wins over a display heading that only resembles it', () => {
  const head = '<meta property="og:title" content="Mayor\'s $2M Painting -- Gone From City Hall">';
  const body = '<article><h1 class="crumb">Mayor\'s $2M Painting -- Gone From City Hall</h1><div><h1 class="big">Mayor<br>$2M Painting ... GONE!!</h1></div><p>Text.</p></article>';
  assert.equal(title(head, body, 'https://gossip.example.com/x'), 'Mayor\'s $2M Painting -- Gone From City Hall');
  // Without such an <h1>, the display heading stays.
  const alone = '<article><div><h1 class="big">Mayor<br>$2M Painting ... GONE!!</h1></div><p>Text.</p></article>';
  assert.equal(title(head, alone, 'https://gossip.example.com/x'), 'Mayor $2M Painting ... GONE!!');
});

test('a heading marked up as the post\'s headline wins over an SEO title that words it differently', () => {
  const head = '<title>Small Garden Ideas on a Budget - Green Corner</title><meta property="og:title" content="Small Garden Ideas on a Budget">';
  const marked = '<article><h1 class="entry-title">Twelve Ways to Make a Tiny Backyard Feel Bigger This Spring</h1><p>Text.</p></article>';
  assert.equal(title(head, marked, 'https://greencorner.example.com/tiny-backyard/'), 'Twelve Ways to Make a Tiny Backyard Feel Bigger This Spring');
  const itemprop = '<article><h1 itemprop="headline">Twelve Ways to Make a Tiny Backyard Feel Bigger This Spring</h1><p>Text.</p></article>';
  assert.equal(title(head, itemprop, 'https://greencorner.example.com/tiny-backyard/'), 'Twelve Ways to Make a Tiny Backyard Feel Bigger This Spring');
  // A plain <h1> that shares little with the metadata title is more often a section name.
  const plain = '<article><h1>Gardening</h1><p>Text.</p></article>';
  assert.equal(title(head, plain, 'https://greencorner.example.com/tiny-backyard/'), 'Small Garden Ideas on a Budget');
});

test('the metadata title is printed with the typographic dashes and quotes the <title> sets it in', () => {
  const head = '<title>Konzerte März – Juni 2024 in „Halle“ und Dessau - klangbuehne.example</title><meta property="og:title" content="Konzerte März - Juni 2024 in &quot;Halle&quot; und Dessau">';
  assert.equal(title(head, '<p>Text.</p>', 'https://klangbuehne.example/konzerte-2024/'), 'Konzerte März – Juni 2024 in „Halle“ und Dessau');
  // Different words in the <title>: the og:title stands as written.
  const other = '<title>Konzerte März – Juli 2024 in Halle - klangbuehne.example</title><meta property="og:title" content="Konzerte März - Juni 2024 in Halle">';
  assert.equal(title(other, '<p>Text.</p>', 'https://klangbuehne.example/konzerte-2024/'), 'Konzerte März - Juni 2024 in Halle');
});

test('a site name with a separator inside, printed as the masthead heading, is cut from the <title> whole', () => {
  const head = '<title>Cross-Body Lead - Tango Schritte - Milonga am Fluss</title>';
  const body = '<div id="header"><h1>Tango Schritte - Milonga am Fluss</h1></div><div id="main"><h2>Cross-Body Lead</h2><p>Text.</p></div>';
  assert.equal(title(head, body, 'http://milonga.example.net/cross-body-lead'), 'Cross-Body Lead');
});
