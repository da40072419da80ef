// Unit tests for the author rules added for issue 2's author target: label cells and lines
// read whatever their markup's indentation, the phpBB "von user » date" line, a profession
// before a name, a person credited after an organisation, a wider metadata list, which
// organisation is credited when no person is, and the sign-off and personal-site rules.
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

const ld = (author: unknown, extra: Record<string, unknown> = {}): string =>
  `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Some story', author, ...extra })}</script>`;

/** A paragraph of story text long enough to read as the article. */
const PARA = '<p>The council met on Tuesday evening and voted on the new budget for the coming year, which includes money for schools, roads and the library that many residents had asked for over the last months.</p>';

describe('printed bylines in label cells and lines', () => {
  test('a label cell is read when its name cell is indented with much markup whitespace', () => {
    const pad = '\n' + ' '.repeat(150);
    const body = `<article><h1>Some story</h1><dl><dt>Auteur</dt><dd>${pad}<a href="/staff/uriel-gadessaud/">Uriel Gadessaud</a>${pad}</dd></dl>${PARA}</article>`;
    assert.deepEqual(meta(page('', body)).authors, ['Uriel Gadessaud']);
    // Without the padding the same.
    assert.deepEqual(meta(page('', `<article><h1>Some story</h1><dl><dt>Auteur</dt><dd><a href="/x">Uriel Gadessaud</a></dd></dl>${PARA}</article>`)).authors, ['Uriel Gadessaud']);
  });

  test('a forum post line "von user » date" gives the user, not the signature under the post', () => {
    const body = '<div class="post"><h3>Was ist Freie Software</h3><p class="author"><a href="#"><span>Beitrag</span></a>von <strong><a href="./memberlist.php?u=5" class="username">r23</a></strong> » 21.01.2009, 05:42</p>'
      + '<div class="content">Was ist Freie Software und warum ist sie wichtig? Eine lange Antwort folgt hier mit vielen Sätzen.</div>'
      + '<div class="signature">Digitalagentur für Virtual Reality und interaktive Markenerlebnisse</div></div>';
    assert.deepEqual(meta(page('', body)).authors, ['r23']);
  });

  test('"Autor:" opening the last line of a long story block; a profession before the name is left out', () => {
    const body = `<div class="articlebody"><h1>Some story</h1>${PARA.replace(/<\/?p>/g, '')}<br><br>Symbolgrafik: © Butch - stock.adobe.com<br><br>Autor: <a href="/rechtsanwalt/" title="Rechtsanwalt">Rechtsanwalt</a> Sebastian Einbock</div>`;
    assert.deepEqual(meta(page('', body)).authors, ['Sebastian Einbock']);
    // "Autor:" inside a sentence of the same block is no label.
    const inSentence = `<div class="articlebody"><h1>Some story</h1>${PARA.replace(/<\/?p>/g, '')} Der Autor: <b>ein Mann</b> aus Bonn.</div>`;
    assert.deepEqual(meta(page('', inSentence)).authors, []);
    // A long "Text:" line inside a block is a caption, not a credit.
    const caption = `<div class="articlebody"><h1>Some story</h1>${PARA.replace(/<\/?p>/g, '')}<br>Alle Fotos: Stock<br>Text: Mein Motto Konsumsparen: Fazit, Erkenntnisse und meine Pläne für 2020</div>`;
    assert.deepEqual(meta(page('', caption)).authors, []);
  });

  test('a "Von" line that names someone ends at its line break', () => {
    const body = `<h1>Some story</h1><div class="text">Von Daniel Weinmann<br>Sie ist nicht nur die erfolgreichste Nachrichtensendung Deutschlands, sie ist auch die älteste.</div>${PARA}`;
    assert.deepEqual(meta(page('', body)).authors, ['Daniel Weinmann']);
  });

  test('a person credited in the story wins over an earlier line crediting only an organisation', () => {
    const body = `<article><h1>Some story</h1><div class="td-author-by">By</div> <span class="meta">The Planetary Press</span><div class="td-post-content"><p><em>Courtesy of Forests News</em></p><p><em>Written by: <a href="https://example.org/x">Julie Mollins</a></em></p>${PARA}</div></article>`;
    assert.deepEqual(meta(page('', body)).authors, ['Julie Mollins']);
  });
});

describe('metadata lists and organisations', () => {
  test('a later metadata list that names the first one\'s writer and another is taken whole', () => {
    const head = ld({ '@type': 'Person', name: 'April Roach' }) + '<meta name="author" content="April Roach, Daniel O\'Mahony">';
    assert.deepEqual(meta(page(head, `<article><h1>Some story</h1>${PARA}</article>`)).authors, ['April Roach', "Daniel O'Mahony"]);
    // A list that does not include the first one's writer is not taken instead.
    const other = ld({ '@type': 'Person', name: 'April Roach' }) + '<meta name="author" content="Jane Doe, John Smith">';
    assert.deepEqual(meta(page(other, `<article><h1>Some story</h1>${PARA}</article>`)).authors, ['April Roach']);
  });

  test('an organisation the page prints as the author wins over the site name in the metadata', () => {
    const head = '<meta property="og:site_name" content="Gelbe Liste Online"><meta name="author" content="Gelbe Liste Online">';
    const body = `<article><h1>Some story</h1>${PARA}<div class="row"><div class="source-con1">Autor:</div> <div class="source-con2"><a href="/redaktion">Redaktion Gelbe Liste Pharmindex</a></div></div></article>`;
    assert.deepEqual(meta(page(head, body)).authors, ['Redaktion Gelbe Liste Pharmindex']);
  });

  test('a printed organisation wins over one only JSON-LD states; a site-named JSON-LD "Person" that reads as an organisation is one', () => {
    const head = '<meta property="og:site_name" content="Das Lautsprecher Teufel Blog">' + ld({ '@type': 'Person', name: 'Teufel Editorial Team' });
    const body = `<article><h1>Some story</h1>${PARA}</article><div class="author-info"><h3 class="widget-title">Autor</h3><h4><a href="https://blog.teufel.de/author/teufel-redaktion/">Teufel Blog Redaktion</a></h4></div>`;
    assert.deepEqual(meta(page(head, body), 'https://blog.teufel.de/musik-und-sport/').authors, ['Teufel Blog Redaktion']);
  });

  test('a source credit at the foot of the story wins over the site\'s own name as author; a layout class with "image" in it is no caption', () => {
    const head = '<meta name="author" content="katholisch.at">';
    const body = `<div class="col-md-8 hasheaderimage"><div class="modbody"><h1>Some story</h1>${PARA}<p style="text-align:right;">Quelle: <a href="http://www.kathpress.at">kathpress</a></p></div></div>`;
    assert.deepEqual(meta(page(head, body), 'https://www.katholisch.at/aktuelles/136290/story').authors, ['kathpress']);
    // Under a picture, "Quelle:" credits the picture.
    const caption = `<div><h1>Some story</h1>${PARA}<div class="image-caption"><p>Quelle: <a href="#">Fotoagentur</a></p></div></div>`;
    assert.deepEqual(meta(page(head, caption), 'https://www.katholisch.at/aktuelles/136290/story').authors, ['katholisch.at']);
  });
});

describe('a story signed at its foot', () => {
  const story = PARA.repeat(4);

  test('a last paragraph that is only a name in bold, italics or flush right signs the story', () => {
    assert.deepEqual(meta(page('', `<div class="text"><h1>Some story</h1>${story}<p><b><i>Stefan Wasmer</i></b></p></div>`)).authors, ['Stefan Wasmer']);
    assert.deepEqual(meta(page('', `<div class="text"><h1>Some story</h1>${story}<p align="right"><em>Denis Clerc</em></p><p>(1) Ces chiffres sont collectés par l'OCDE.</p></div>`)).authors, ['Denis Clerc']);
    // A one-word name only with a date under it.
    assert.deepEqual(meta(page('', `<article><h1>Some story</h1>${story}<p>Benni<br>10. September 2017</p></article>`)).authors, ['Benni']);
    assert.deepEqual(meta(page('', `<article><h1>Some story</h1>${story}<p><strong>Benni</strong></p></article>`)).authors, []);
  });

  test('links, plain short lines, greetings and the headline\'s subject are no signature', () => {
    assert.deepEqual(meta(page('', `<div class="text"><h1>Some story</h1>${story}<p><b><a href="/">Zur Übersicht</a></b></p></div>`)).authors, []);
    assert.deepEqual(meta(page('', `<div class="text"><h1>Some story</h1>${story}<p>Komplettes Ergebnis</p></div>`)).authors, []);
    assert.deepEqual(meta(page('', `<div class="text"><h1>Some story</h1>${story}<p><em>Deine Mady</em></p></div>`)).authors, []);
    assert.deepEqual(meta(page('', `<div class="text"><h1>Some story</h1>${story}<p><strong>Weitere Informationen</strong></p></div>`)).authors, []);
    assert.deepEqual(meta(page('<title>Claudia Roth im Gespräch</title>', `<div class="text"><h1>Claudia Roth im Gespräch</h1>${story}<p><b>Claudia Roth</b></p></div>`)).authors, []);
    // A signature is looked for only when the page names no one.
    const head = ld({ '@type': 'Person', name: 'Winfried Hille' });
    assert.deepEqual(meta(page(head, `<div class="text"><h1>Some story</h1>${story}<p><b>Stefan Wasmer</b></p></div>`)).authors, ['Winfried Hille']);
  });

  test('an agency in brackets closing the story credits it; a person in brackets spells out a login name', () => {
    const agency = `<div class="text"><h1>Some story</h1>${story}<p>Die Zyste könne sich jederzeit neu bilden, hieß es. (FR mit dpa)</p><p><em>*fr.de ist Teil des Redaktionsnetzwerks</em></p></div>`;
    assert.deepEqual(meta(page(ld({ '@type': 'Organization', name: 'Redaktion' }), agency)).authors, ['FR mit dpa']);
    const login = `<div class="text"><h1>Some story</h1>${story}<p>Die Gemeindepolitik bleibt spannend. (Christian P. Stadtfeld) +++</p></div>`;
    assert.deepEqual(meta(page(ld({ '@type': 'Person', name: 'christian.stadtfeld' }), login)).authors, ['Christian P. Stadtfeld']);
    // Without a login name to spell out, a bracket closing a sentence names no writer.
    const sentence = `<div class="text"><h1>Some story</h1>${story}<p>Das teilte die Hochschule mit. (Twitter-Account des AStAs)</p></div>`;
    assert.deepEqual(meta(page('', sentence)).authors, []);
  });
});

describe('a personal site and its licence notice', () => {
  const story = `<article><h1>Zeitphilosophie</h1>${PARA}</article>`;

  test('a site named after a person whose name is its host is written by that person', () => {
    assert.deepEqual(meta(page('<meta property="og:site_name" content="Dr. Alexander Klier">', story), 'https://www.alexander-klier.net/zeit/').authors, ['Dr. Alexander Klier']);
    assert.deepEqual(meta(page('<meta property="og:site_name" content="C.Habermueller">', story), 'https://chabermu.wordpress.com/2015/09/02/post/').authors, ['C.Habermueller']);
    // The owner's name as the tagline under another site name.
    const header = '<header><span class="site-title"><a href="/">Sprachpunkt</a></span> <span class="site-description">Alexander Lasch</span></header>';
    assert.deepEqual(meta(page('<meta property="og:site_name" content="Sprachpunkt">', header + story), 'https://alexanderlasch.wordpress.com/2019/11/14/post/').authors, ['Alexander Lasch']);
  });

  test('a company named after its domain is no person; nor is a site the host does not name', () => {
    assert.deepEqual(meta(page('<meta property="og:site_name" content="Jamaica Observer">', story), 'https://www.jamaicaobserver.com/news/story/').authors, []);
    assert.deepEqual(meta(page('<meta property="og:site_name" content="Dr. Alexander Klier">', story), 'https://www.zeitphilosophie.net/zeit/').authors, []);
    // A byline wins over the owner.
    const byline = `<article><h1>Zeitphilosophie</h1><p class="byline">Von Jana Muster</p>${PARA}</article>`;
    assert.deepEqual(meta(page('<meta property="og:site_name" content="Dr. Alexander Klier">', byline), 'https://www.alexander-klier.net/zeit/').authors, ['Jana Muster']);
  });

  test('initials in the byline are spelled out by the Creative Commons notice; the notice alone credits its holder', () => {
    const notice = '<footer><span>Ein Hundetagebuch</span> von <a href="https://1hundetagebuch.wordpress.com/" rel="cc:attributionURL">Donald Townsend</a> steht unter einer Creative Commons Lizenz</footer>';
    const byline = `<article><h1>Nach langer Zeit</h1><span class="by-author"> by <span class="author vcard"><a class="url fn n" href="/author/donaldtownsend/">DT</a></span></span>${PARA}</article>`;
    assert.deepEqual(meta(page('', byline + notice), 'https://1hundetagebuch.wordpress.com/2019/10/31/post/').authors, ['Donald Townsend']);
    assert.deepEqual(meta(page('', `<article><h1>Nach langer Zeit</h1>${PARA}</article>` + notice), 'https://1hundetagebuch.wordpress.com/2019/10/31/post/').authors, ['Donald Townsend']);
  });
});

describe('parts of a byline block that credit no writer', () => {
  test('tag and category links inside the byline block are no names; the site stated as author is then credited', () => {
    const head = '<meta property="og:site_name" content="Solarserver">' + ld({ '@type': 'Person', name: 'Solarserver' });
    const body = '<header><h1>Größtes Kraftwerk der Welt</h1><div class="postMeta--author vcard author"><span class="metaDate">01.12.2022</span> / <span class="fn"><a href="/autor/solarserver/"><img src="logo.svg" alt="Solarserver"></a></span> / '
      + '<a href="/thema/international/" rel="tag">International</a> / <a href="/thema/top-solar-news/" rel="category tag">Top Solar News</a></div></header>' + `<article>${PARA}</article>`;
    assert.deepEqual(meta(page(head, body), 'https://www.solarserver.de/2022/12/01/kraftwerk/').authors, ['Solarserver']);
  });

  test('a press-release label in a byline is no name', () => {
    const body = `<article><h1>Abzocke wird als Klimaschutz verkauft</h1><div class="kontextliste-autor"> Pressemitteilung von Katja Kipping </div>${PARA}</article>`;
    assert.deepEqual(meta(page('', body)).authors, ['Katja Kipping']);
  });

  test('a website named by an author-page link is credited when no person is', () => {
    const body = `<article><h1>Die Überforderung</h1><span class="post-meta-author">Autor: <a href="https://thebigbone.wordpress.com/author/koffergepackt/">www.koffergepackt.com</a></span>${PARA}</article>`;
    assert.deepEqual(meta(page('', body), 'https://thebigbone.wordpress.com/2017/04/13/post/').authors, ['www.koffergepackt.com']);
    const person = `<article><h1>Die Überforderung</h1><span class="post-meta-author">Autor: <a href="/author/koffergepackt/">www.koffergepackt.com</a></span><p class="byline">Von Jana Muster</p>${PARA}</article>`;
    assert.deepEqual(meta(page('', person), 'https://thebigbone.wordpress.com/2017/04/13/post/').authors, ['Jana Muster']);
  });

  test('"Herausgeber:" credits an issuing organisation, not a person', () => {
    const issuer = `<h2>Pressemitteilung</h2><h6 class="pm_headline_detail">Herausgeber: <a href="/firmen/19-nordex-se">Nordex SE</a></h6><h1>IWES und Nordex intensivieren Zusammenarbeit</h1>${PARA}`;
    assert.deepEqual(meta(page('', issuer)).authors, ['Nordex SE']);
    const editor = `<h1>Ein Buch über Bäume</h1><p class="info">Herausgeber: Max Mustermann</p>${PARA}`;
    assert.deepEqual(meta(page('', editor)).authors, []);
  });
});

describe('a newsroom\'s joint credit with the wires', () => {
  test('"Staff and wire reports" is one credit, not "Staff" and "wire reports"', () => {
    const body = `<article><h1>Some story</h1><div class="byline">By Staff and news service reports</div>${PARA}</article>`;
    assert.deepEqual(meta(page('', body)).authors, ['Staff and news service reports']);
    const guardian = `<article><h1>Some story</h1><p class="byline">Guardian staff and agencies</p>${PARA}</article>`;
    assert.deepEqual(meta(page('', guardian)).authors, ['Guardian staff and agencies']);
  });
  test('a person named beside the credit is the author', () => {
    const body = `<article><h1>Some story</h1><div class="byline">By Jane Roe and staff and wire reports</div>${PARA}</article>`;
    assert.deepEqual(meta(page('', body)).authors, ['Jane Roe']);
  });
});

describe('an organisation credited as the author', () => {
  test('its name may run longer than a person\'s', () => {
    const body = `<article><h1>Some story</h1><div class="author"><span>Auteur :</span> <strong>Les Musiciens de l'Orchestre de Radio Lumière</strong></div>${PARA}</article>`;
    assert.deepEqual(meta(page('', body)).authors, ["Les Musiciens de l'Orchestre de Radio Lumière"]);
  });
  test('a person named too is the author', () => {
    const body = `<article><h1>Some story</h1><div class="author">Par Claire Martin</div>${PARA}<p class="byline">Les Musiciens de l'Orchestre de Radio Lumière</p></article>`;
    assert.deepEqual(meta(page('', body)).authors, ['Claire Martin']);
  });
});

test('single words after an organisation in a metadata author are its address, not people', () => {
  const head = '<meta name="author" content="nordwelle.de, Hamburg, Germany">';
  assert.deepEqual(meta(page(head, `<article><h1>Some story</h1>${PARA}</article>`)).authors, ['nordwelle.de']);
});

test('a label cell holding one link to a member\'s profile names that member, as they write their handle', () => {
  const body = `<div class="story"><h1>Some story</h1>${PARA}</div><div class="details"><dl><dt>Autor</dt><dd><a href="/members/tide-and-tackle.4711/" class="username">tide and tackle</a></dd></dl><dl><dt>Aufrufe</dt><dd>492</dd></dl></div>`;
  assert.deepEqual(meta(page('', body)).authors, ['tide and tackle']);
  // Without the profile link, lower-case words in the cell are a phrase, not a name.
  const plain = `<div class="story"><h1>Some story</h1>${PARA}</div><div class="details"><dl><dt>Autor</dt><dd>tide and tackle</dd></dl></div>`;
  assert.deepEqual(meta(page('', plain)).authors, []);
});

test('a "by" alone in its element before one link to a profile names that member by their handle', () => {
  const body = `<div class="story-head"><a href="/fiction/12/harbour"><h2>Harbour Lights</h2></a><span> by </span><h3><a href="/profile/90210">quill77</a></h3></div><div class="chapter"><h1>Chapter 1</h1>${PARA}</div>`;
  assert.deepEqual(meta(page('', body)).authors, ['quill77']);
  // A link elsewhere (a category, a story) is not a byline.
  const other = `<div class="story-head"><span> by </span><h3><a href="/fiction/12/harbour">quill77</a></h3></div><div class="chapter"><h1>Chapter 1</h1>${PARA}</div>`;
  assert.deepEqual(meta(page('', other)).authors, []);
});

test('a "von" right before one link to a profile, inside a longer line, names that member by their handle', () => {
  const body = `<div class="tip"><h1>Apfelkuchen vom Blech</h1><div class="tip-user"><span class="tip-user-name"> von <span><a href="/user/Backfee7.html">Backfee7</a></span><br>am 20.09.2020</span></div>${PARA}</div>`;
  assert.deepEqual(meta(page('', body)).authors, ['Backfee7']);
});

test('a statement signed with a name and the signer\'s office under it names its writer', () => {
  const story = `<div class="statement"><h1>Zum Jahreswechsel</h1>${PARA}${PARA}${PARA}<p>Ich wünsche allen Mitgliedern ein gutes neues Jahr.</p><p>Renate SOMMERFELD<br>Landesvorsitzende</p></div>`;
  assert.deepEqual(meta(page('', story)).authors, ['Renate SOMMERFELD']);
  // A contact block under the story (several lines: name, role, telephone) is no signature.
  const contact = `<div class="statement"><h1>Zum Jahreswechsel</h1>${PARA}${PARA}${PARA}<p>Kontakt<br>Renate Sommerfeld<br>Landesvorsitzende<br>Tel. 0211 123456</p></div>`;
  assert.deepEqual(meta(page('', contact)).authors, []);
});

test('a member\'s badge linked to their profile right above the headline names who posted it', () => {
  const post = (badge: string): string => `<div class="story">${badge}<div class="story-head"><h1>Altbau mit viel Grün</h1><div class="date">23.09.22</div></div>${PARA}${PARA}</div>`;
  const badge = '<div class="user-badge"><a href="/members/127862"><img src="/a.jpg" alt="lena.wohnt"><div class="badge-name"> lena.wohnt </div></a></div>';
  assert.deepEqual(meta(page('', post(badge))).authors, ['lena.wohnt']);
  // A link to something else there (a section, the site's own pages) names no one.
  const section = '<div class="kicker"><a href="/wohnen/altbau/">Altbau</a></div>';
  assert.deepEqual(meta(page('', post(section))).authors, []);
});

test('a byline by the headline counts when it sits in the article header\'s previous/next bar', () => {
  const bar = (inner: string): string => `<div class="content"><div class="header-nav-bar"><ul><li class="prev"><a href="/news/older-story/">‹</a><div class="author">${inner}</div></li><li class="next"><span class="date">02.02.2022 · 11:14</span></li></ul></div><div class="news"><h1 class="news_title">Team plant späten Launch</h1>${PARA}${PARA}</div></div>`;
  assert.deepEqual(meta(page('', bar('von <a href="/ueber-uns/autor/jana-roth">Jana Roth</a>'))).authors, ['Jana Roth']);
  // Without a link to an author page the name there is not taken.
  assert.deepEqual(meta(page('', bar('von <a href="/news/older-story/">Jana Roth</a>'))).authors, []);
});
