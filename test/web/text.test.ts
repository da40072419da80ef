// The site's text rules: excerpts end at a sentence or word boundary with "…", share-bar
// residue is removed without touching real words, slugs are stable ASCII, the headline is
// not printed twice, and the template tag escapes everything it is not told is markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excerpt, slugify, stripRepeatedHeadline, stripResidue, truncate, openingParagraphs, withoutHeadline } from '../../src/web/text.ts';
import { html, jsonForScript, raw } from '../../src/web/html.ts';

test('truncate cuts at a sentence end when one is near the limit, else at a word, and marks the cut', () => {
  const two = 'The minister said the plan was sound. Critics disagreed strongly with every part of it, calling it reckless.';
  assert.equal(truncate(two, 60), 'The minister said the plan was sound. …');
  const one = 'The minister said the plan was sound and critics disagreed strongly with every single part of it';
  const cut = truncate(one, 60);
  assert.ok(cut.endsWith('…'));
  const words = cut.slice(0, -1).split(' ');
  for (const w of words) assert.ok(one.split(' ').includes(w), `"${w}" is a whole word of the text`);
  assert.ok(cut.length <= 61);
  assert.equal(truncate('Short text.', 60), 'Short text.', 'an uncut text gets no ellipsis');
  assert.ok(truncate('word, word, word, word, word, word, word, word, word, word, word, word', 30).endsWith('word…'), 'no dangling comma before the ellipsis');
});

test('share residue is removed around and between sentences, real words stay', () => {
  assert.equal(stripResidue('Share Tweet Email The council voted. Share this article Then it rained. Share'), 'The council voted. Then it rained.');
  assert.equal(stripResidue('Share prices fell sharply as market share shrank.'), 'Share prices fell sharply as market share shrank.');
  assert.equal(stripResidue('Share on Facebook | The match ended late.'), 'The match ended late.');
});

test('excerpt: description without residue or repeated headline, else the body start', () => {
  const e = excerpt({ title: 'Big fire downtown', description: 'Big fire downtown: Crews fought a blaze for hours on Tuesday night in the old town district, officials said. Share' });
  assert.equal(e, 'Crews fought a blaze for hours on Tuesday night in the old town district, officials said.');
  assert.doesNotMatch(e, /Share/);
  const long = excerpt({ title: 'T', description: null, lead: 'Word '.repeat(200) }, 100);
  assert.match(long, /Word…$/);
  assert.equal(withoutHeadline('Unrelated text here', 'Big fire downtown'), 'Unrelated text here');
});

test('opening paragraphs for excerpt pages end with an ellipsis when text is left out', () => {
  const body = ['Headline here', 'First paragraph is short.', 'Second paragraph '.repeat(40).trim() + '.'].join('\n\n');
  const { paras, cut } = openingParagraphs(body, 'Headline here', 300);
  assert.equal(cut, true);
  assert.equal(paras[0], 'First paragraph is short.', 'the repeated headline is dropped');
  assert.match(paras[paras.length - 1]!, /(?:\w|[.!?]) ?…$/);
  assert.deepEqual(openingParagraphs('Only one.', null), { paras: ['Only one.'], cut: false });
});

test('slugs are ASCII, hyphenated and bounded', () => {
  assert.equal(slugify('Ça va? Élection 2026: “Résultats” — here!'), 'ca-va-election-2026-resultats-here');
  assert.equal(slugify('<script>'), 'script');
  assert.equal(slugify('日本語'), '');
  assert.ok(slugify('word '.repeat(60)).length <= 80);
  assert.doesNotMatch(slugify('word '.repeat(60)), /-$/);
});

test('a leading heading or paragraph repeating the headline is removed from the body', () => {
  assert.equal(stripRepeatedHeadline('<h1>Harbour &amp; strike</h1><p>Text.</p>', 'Harbour & strike'), '<p>Text.</p>');
  assert.equal(stripRepeatedHeadline('<h2>Another heading</h2><p>Text.</p>', 'Harbour strike'), '<h2>Another heading</h2><p>Text.</p>');
});

test('the html tag escapes text, keeps markup values, and JSON for scripts cannot close the element', () => {
  const evil = '<img src=x onerror="alert(1)">&';
  assert.equal(html`<p title="${evil}">${evil}</p>`.value, '<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;</p>');
  assert.equal(html`<ul>${['a', 'b<'].map((x) => html`<li>${x}</li>`)}</ul>`.value, '<ul><li>a</li><li>b&lt;</li></ul>');
  assert.equal(html`${raw('<b>ok</b>')}${null}${false}${3}`.value, '<b>ok</b>3');
  const j = jsonForScript({ t: '</script><script>alert(1)</script>' }).value;
  assert.doesNotMatch(j, /<\/script/i);
  assert.deepEqual(JSON.parse(j), { t: '</script><script>alert(1)</script>' });
});
