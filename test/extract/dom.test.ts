import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestWithin, findOne, parseHtml, type Element } from '../../src/extract/dom.ts';

const doc = parseHtml('<html><body><article><figure class="wrap"><div><p><span id="s">x</span></p></div></figure></article></body></html>');
const span = findOne(doc, (e) => e.attribs.id === 's')!;

test('closestWithin: the element itself counts, then its ancestors nearest first', () => {
  assert.equal(closestWithin(span, 1, (p) => p.name === 'span' || undefined), span);
  assert.equal(closestWithin(span, 5, (p) => p.name === 'p' || p.name === 'div' || undefined)?.name, 'p');
});

test('closestWithin: looks at no more than `levels` elements', () => {
  // span, p, div, figure: the figure is the fourth element up from (and including) the span.
  assert.equal(closestWithin(span, 3, (p) => p.name === 'figure' || undefined), null);
  assert.equal(closestWithin(span, 4, (p) => p.name === 'figure' || undefined)?.attribs.class, 'wrap');
});

test('closestWithin: a false answer stops the search before an ancestor that would match', () => {
  const seen: string[] = [];
  const found = closestWithin(span, 50, (p: Element) => {
    seen.push(p.name);
    if (p.name === 'article') return false;
    return p.name === 'body' || undefined;
  });
  assert.equal(found, null);
  assert.deepEqual(seen, ['span', 'p', 'div', 'figure', 'article']);
});

test('closestWithin: stops at the document, however many levels are allowed', () => {
  const seen: string[] = [];
  assert.equal(closestWithin(span, 1000, (p) => void seen.push(p.name)), null);
  assert.deepEqual(seen, ['span', 'p', 'div', 'figure', 'article', 'body', 'html']);
});

test('closestWithin: starting from the parent leaves the element out; no start finds nothing', () => {
  assert.equal(closestWithin(span.parent, 5, (p) => p.name === 'span' || undefined), null);
  assert.equal(closestWithin(span.parent, 1, (p) => p.name === 'p' || undefined)?.name, 'p');
  assert.equal(closestWithin(null, 5, () => true), null);
});
