// Per-site rules are data: a rule picks the body and removes what the scorer cannot
// tell from text; hosts without a rule go through the scorer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../../src/extract/index.ts';
import { ruleFor } from '../../src/extract/body/site-rules.ts';

const OWN = [
  'The Government has been urged to protect food standards in any new trade deal, in a letter signed by chefs, farmers and campaigners on Sunday.',
  'The signatories said cheaper imports produced to lower standards would undercut British farmers and harm the health of consumers for years.',
];
const OTHER = 'As many as a million young people need urgent help to ensure their futures are protected from the economic fallout of the crisis, a charity said.';

function page(): string {
  return `<html><head><title>Chefs urge ministers on food standards | Daily Mail Online</title></head><body>
  <div class="article-text wide" itemprop="articleBody">
    <p class="mol-para-with-font">${OWN[0]}</p>
    <div class="art-ins mol-factbox news"><div class="ins mol-factbox-body"><p class="mol-para-with-font">${OTHER}</p><p class="mol-para-with-font">${OTHER}</p></div></div>
    <p class="mol-para-with-font">${OWN[1]}</p>
  </div></body></html>`;
}

test('the rule for a host matches its subdomains and nothing else', () => {
  assert.ok(ruleFor('dailymail.co.uk'));
  assert.ok(ruleFor('www.dailymail.co.uk'.replace(/^www\./, '')));
  assert.ok(ruleFor('amp.dailymail.co.uk'));
  assert.equal(ruleFor('notdailymail.co.uk'), null);
  assert.equal(ruleFor('example.com'), null);
});

test('a site rule removes inline boxes that carry another story', () => {
  const a = extract({ html: page(), url: 'https://www.dailymail.co.uk/news/article-1/chefs.html' });
  assert.equal(a.strategy, 'site-rule');
  assert.deepEqual(a.articleBody?.split('\n\n'), OWN);
});

test('the same page on another host goes through the scorer', () => {
  const a = extract({ html: page(), url: 'https://news.example.com/chefs.html' });
  assert.equal(a.strategy, 'scorer');
  assert.ok(a.articleBody?.includes(OWN[0]!));
});

test("an operator's rule for a source picks the body on any host and drops what it names", () => {
  const html = `<html><head><title>Harbour strike</title></head><body>
  <div class="teasers"><p>${OTHER} ${OTHER}</p><p>${OTHER}</p><p>${OTHER}</p></div>
  <section class="story"><p>${OWN[0]}</p><div class="promo"><p>${OTHER}</p></div><p>${OWN[1]}</p></section>
  </body></html>`;
  const withRule = extract({ html, url: 'https://news.example/a' }, { rule: { body: ['.missing', 'section.story'], remove: ['.promo'] } });
  assert.equal(withRule.strategy, 'site-rule');
  assert.equal(withRule.articleBody, OWN.join('\n\n'));
  const without = extract({ html, url: 'https://news.example/a' });
  assert.notEqual(without.strategy, 'site-rule', 'no rule, no site-rule strategy');
  // A rule that matches nothing leaves the generic extractor to do its work.
  const stale = extract({ html, url: 'https://news.example/a' }, { rule: { body: ['.gone'] } });
  assert.notEqual(stale.strategy, 'site-rule');
  assert.ok(stale.articleBody);
});
