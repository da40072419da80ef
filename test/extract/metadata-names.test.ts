// Unit tests for extract/metadata rules added for issue 2's metadata targets: a lone first
// name spelled out from the page, labels in small headings, the post author's comments.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseHtml } from '../../src/extract/dom.ts';
import { extractMetadata } from '../../src/extract/metadata/index.ts';

const URL = 'https://news.example.com/2024/02/28/some-story';

function meta(html: string, url: string | null = URL) {
  return extractMetadata(parseHtml(html), url);
}

function page(head: string, body = ''): string {
  return `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
}

const ldAuthor = (name: string): string =>
  `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'New robot samples blood', author: { '@type': 'Person', name } })}</script>`;

describe('a lone first name spelled out from the page', () => {
  test('a JSON-LD first name takes the full name printed in the byline block', () => {
    const m = meta(page(ldAuthor('Todd'), '<article><h1>New robot samples blood</h1><div><p class="label"><strong>By</strong></p><p class="full-name">Todd Bates</p></div><p>The robot did well in tests.</p></article>'));
    assert.deepEqual(m.authors, ['Todd Bates']);
  });

  test('a printed first name takes the surname the page prints after it, in capitals too; a label after it is no surname', () => {
    const body = '<article><h1>Einmal zahlen, alles lesen</h1><p class="meta">Von <a href="/author/henry/" rel="author">Henry</a> In Aktuell</p>'
      + '<figure><img src="/k.jpg"><figcaption>Foto: Bundesarchiv. Ausschnitt: Henry Steinhau</figcaption></figure><p>Der Ruf nach einer Flatrate wird lauter, sagen die Verlage in Berlin.</p></article>'
      + '<aside><h3>MEHR VON HENRY STEINHAU</h3></aside>';
    assert.deepEqual(meta(page('', body)).authors, ['Henry Steinhau']);
    // Without the full name anywhere, the first name stays as printed.
    assert.deepEqual(meta(page('', '<article><h1>Einmal zahlen</h1><p class="meta">Von <a href="/author/henry/" rel="author">Henry</a> In Aktuell</p><p>Text in Berlin.</p></article>')).authors, ['Henry']);
  });

  test('two different surnames after the first name leave it alone', () => {
    const body = '<article><h1>Ford and the diplomats</h1><p class="byline">By <a href="/author/henry/">Henry</a></p><p>Henry Ford built cars. Henry Kissinger wrote books.</p></article>';
    assert.deepEqual(meta(page('', body)).authors, ['Henry']);
  });

  test('the person the headline is about is not the writer', () => {
    const body = '<article><h1>Dago Leukefeld wird Botschafter des Sports</h1><p class="byline">Von <a href="/author/dago/">Dago</a></p><p>Dago Leukefeld freut sich.</p></article>';
    assert.deepEqual(meta(page('<title>Dago Leukefeld wird Botschafter des Sports</title>', body)).authors, ['Dago']);
  });

  test('product names, lower-case words and comment labels are no surnames', () => {
    const mac = '<article><h1>Updates</h1><p class="byline">By <a href="/author/mac/">Mac</a></p><p>The Mac App Store and Mac OS got updates.</p></article>';
    assert.deepEqual(meta(page('', mac)).authors, ['Mac']);
    const comment = '<article><h1>Machtpolitik</h1><p class="byline">Von <a href="/author/mathias/">Mathias</a></p><p>Text.</p></article><ol class="comments"><li>Mathias Autor<br>11. Dezember 2012</li><li>Mathias Autor<br>12. Dezember 2012</li></ol>';
    assert.deepEqual(meta(page('', comment)).authors, ['Mathias']);
  });
});

describe('names in labels and in the post author\'s comments', () => {
  test('a small heading labels the block after it; a name after the label on its line stays first', () => {
    const m = meta(page('', '<article><h1>Wir waren fast 40 Tage in Quarantäne</h1><div class="news__meta"><h4>Autor</h4><p><a href="/profil/a7/nikolai-huke">Nikolai Huke</a>, </p></div><p>Text.</p></article>'));
    assert.deepEqual(m.authors, ['Nikolai Huke']);
    const inline = meta(page('', '<article><h1>T</h1><div><h5 class="title-inline">Datum: </h5>03.11.2021 <br><h5 class="title-inline">Autor: </h5>Peter Maahn <div>Weitere Artikel</div></div></article>'));
    assert.deepEqual(inline.authors, ['Peter Maahn']);
  });

  test('without a byline, the name on a comment WordPress marks as the post author\'s', () => {
    const comments = (inner: string): string => `<article><h1>Rewe Produkttest</h1><p>Einfach bewerben!</p></article><div id="comments"><div class="comment byuser comment-author-reader even"><p class="comment-author">Leser</p><p>Danke!</p></div><div class="comment byuser comment-author-hansehrlich bypostauthor odd">${inner}<p>Gern!</p></div></div>`;
    assert.deepEqual(meta(page('', comments('<p class="comment-author">HansEhrlich</p>'))).authors, ['HansEhrlich']);
    assert.deepEqual(meta(page('', comments('<div class="comment-author vcard"><cite class="fn">Tobias Hennig</cite> sagt:</div>'))).authors, ['Tobias Hennig']);
    // No name element: the login in the class.
    assert.deepEqual(meta(page('', comments(''))).authors, ['hansehrlich']);
    // A byline wins over the comments.
    assert.deepEqual(meta(page('', '<article><h1>T</h1><p class="byline">Von Jane Doe</p></article><div class="comment bypostauthor"><p class="comment-author">HansEhrlich</p></div>')).authors, ['Jane Doe']);
  });
});

describe('what is not a writer', () => {
  test('a "Last Updated:" line in an author block names no one', () => {
    const body = '<article><h1>New cameras for the city</h1><div class="author-details"><div><em>Last Updated:</em> March 3, 2024</div></div><p>The council voted.</p></article>';
    assert.deepEqual(meta(page('', body)).authors, []);
  });

  test('a lone letter joined by "&" belongs to one name', () => {
    assert.deepEqual(meta(page('<meta name="author" content="Tips & Q">')).authors, ['Tips & Q']);
    assert.deepEqual(meta(page('<meta name="author" content="Jane Roe & John Poe">')).authors, ['Jane Roe', 'John Poe']);
  });

  test('a reference in a bibliography ("by … (2006)") names the cited work\'s authors', () => {
    const body = '<article><h1>Ferns of the valley</h1><p>The valley has many ferns.</p><ol class="refs"><li>De Groot, Anna Maria; Berg, Jan Peter (2006). <i>Ferns</i>.</li></ol></article>';
    assert.deepEqual(meta(page('', body)).authors, []);
  });
});

describe('bylines the page hides', () => {
  test('a hidden author link counts as metadata: the printed byline is still read and kept', () => {
    const body = '<article><h1>Forscherinnen im Porträt</h1><div class="meta"><span class="vcard rich-snippet-hidden"><span class="fn"><a href="/author/ina/" rel="author">Ina Sommer</a></span></span></div>'
      + '<div class="text"><p><strong>Von Lukas Winter</strong></p><p>Die Forscherin arbeitet seit Jahren an neuen Impfstoffen in Boston.</p></div></article>';
    assert.deepEqual(meta(page('', body)).authors, ['Ina Sommer', 'Lukas Winter']);
  });

  test('a hidden hAtom author card alone still names the writer', () => {
    const body = '<article><h1>Herbstmode für alle</h1><p>Heute zeige ich euch meine liebsten Herbstteile.</p>'
      + '<div class="hatom-extra" style="display:none !important;"><span class="entry-title">Herbstmode für alle</span> was last modified by <span class="author vcard"><span class="fn">Mareike</span></span></div></article>';
    assert.deepEqual(meta(page('', body)).authors, ['Mareike']);
  });
});

test('a login name on a "posted by" line gives way to a full name printed on a later byline', () => {
  const body = '<article><header><p class="submitted">Gespeichert von <span class="username">gardenfan</span></p></header>'
    + '<div class="content"><p>Gastbeitrag von Jana Berg</p><p>Tomaten brauchen im Sommer viel Wasser und Sonne.</p></div></article>';
  assert.deepEqual(meta(page('', body)).authors, ['Jana Berg']);
  // Without a later byline, the login stays.
  const alone = '<article><header><p class="submitted">Gespeichert von <span class="username">gardenfan</span></p></header><div class="content"><p>Tomaten brauchen viel Wasser.</p></div></article>';
  assert.deepEqual(meta(page('', alone)).authors, ['gardenfan']);
});
