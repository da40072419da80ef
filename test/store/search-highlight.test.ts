// Snippet ellipses: withEllipses reads only the edges of an article's text; it must decide
// exactly as reading every word would (the straightforward rule, restated here), on long
// bodies, short ones, long words, non-Latin words and punctuation at the edges.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ELLIPSIS, MARK_END, MARK_START, withEllipses } from '../../src/store/highlight.ts';
import { Rng } from '../../src/demo/random.ts';

const WORDS = /[\p{L}\p{M}\p{N}]+/gu;

/** The rule on whole word lists: an ellipsis where the snippet's edge words differ from the text's. */
function reference(marked: string, source: string | null): string {
  if (!source) return marked;
  const plain = marked.replace(/[\u0002\u0003]/g, '').replace(/\s+/g, ' ').trim();
  if (plain === '') return marked;
  const sw = plain.match(WORDS) ?? [];
  const tw = source.match(WORDS) ?? [];
  if (sw.length === 0 || sw.length >= tw.length) return marked;
  const n = Math.min(8, sw.length);
  const same = (a: string[], b: string[]) => a.every((w, i) => w === b[i]);
  let out = marked;
  if (!plain.startsWith(ELLIPSIS) && !same(sw.slice(0, n), tw.slice(0, n))) out = ELLIPSIS + out.trimStart();
  if (!plain.endsWith(ELLIPSIS) && !same(sw.slice(-n), tw.slice(-n))) out = out.trimEnd() + ELLIPSIS;
  return out;
}

const VOCAB = ['harbour', 'a', 'pier', 'Ärzte', 'straße', '中文', 'x'.repeat(300), '42', 'storm', 'de', 'l’été', '—', '...', '"quoted"', '<b>', '&'];

describe('snippet ellipses', () => {
  test('the same decisions as reading every word, on generated texts and snippets', () => {
    const r = new Rng(11);
    const pick = () => VOCAB[Math.floor(r.next() * VOCAB.length)]!;
    let checked = 0;
    for (let i = 0; i < 3000; i++) {
      const length = [1, 3, 9, 30, 200, 2000][i % 6]!;
      const words = Array.from({ length }, pick);
      const source = words.join(r.next() < 0.5 ? ' ' : '\n ');
      // A snippet: a run of the text's words, some marked, sometimes with FTS5's own ellipses.
      const from = Math.floor(r.next() * words.length);
      const to = Math.min(words.length, from + 1 + Math.floor(r.next() * 40));
      let marked = words.slice(from, to).map((w) => (r.next() < 0.2 ? `${MARK_START}${w}${MARK_END}` : w)).join(' ');
      if (r.next() < 0.2) marked = ELLIPSIS + marked;
      if (r.next() < 0.2) marked += ELLIPSIS;
      assert.equal(withEllipses(marked, source), reference(marked, source), `case ${i}: ${JSON.stringify(marked.slice(0, 80))}`);
      checked++;
    }
    assert.equal(checked, 3000);
  });

  test('a snippet from the middle of a long body gets both ellipses; one from its end only the first', () => {
    const body = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ') + ' the end.';
    assert.equal(withEllipses(`word200 ${MARK_START}word201${MARK_END} word202`, body), `…word200 ${MARK_START}word201${MARK_END} word202…`);
    assert.equal(withEllipses('word497 word498 word499 the end.', body), '…word497 word498 word499 the end.');
    assert.equal(withEllipses('word0 word1 word2', body), 'word0 word1 word2…');
    // A last word longer than the tail first read.
    const longTail = `start here ${'y'.repeat(1000)}`;
    assert.equal(withEllipses(`here ${'y'.repeat(1000)}`, `${'z '.repeat(50)}${longTail}`), `…here ${'y'.repeat(1000)}`);
    assert.equal(withEllipses('', body), '');
    assert.equal(withEllipses('anything', null), 'anything');
  });
});
