// Unit tests for the allow-list sanitizer: one group per rule, obfuscated URLs, mutation-XSS
// inputs, lazy images, embeds, escaping, well-formed output, non-mutation of the input tree
// and very deep input. Every output is also run through the independent danger checker.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getOuterHTML } from 'domutils';
import { parseHtml, walk, type AnyNode } from '../../src/extract/dom.ts';
import { sanitizeHtml, sanitizeNodes, type SanitizeOptions } from '../../src/sanitize/index.ts';
import { findDanger } from './danger.ts';

const BASE = 'https://news.example/world/2024/story.html';
const REL = 'rel="nofollow noopener noreferrer ugc"';

/** Sanitizes, asserts the checker finds nothing, returns the output. */
function clean(html: string, opts: SanitizeOptions = { baseUrl: BASE }): string {
  const out = sanitizeHtml(html, opts);
  assert.deepEqual(findDanger(out), [], `danger in output of ${JSON.stringify(html)}: ${out}`);
  return out;
}

/** Void elements in HTML: never closed. */
const VOID_TAGS = new Set(['br', 'hr', 'wbr', 'img', 'col', 'source']);

/** Asserts every opened tag is closed in order and void tags are not closed. Our output
 * escapes `>` in attribute values, so a regex tokenizer is exact here. */
function assertWellFormed(html: string): void {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*>/g)) {
    const [, close, name] = m as unknown as [string, string, string];
    if (VOID_TAGS.has(name)) {
      assert.equal(close, '', `void tag closed: ${m[0]}`);
      continue;
    }
    if (close) assert.equal(stack.pop(), name, `mismatched </${name}> in ${html.slice(0, 200)}`);
    else stack.push(name);
  }
  assert.deepEqual(stack, [], 'unclosed tags');
}

describe('the checker itself', () => {
  // If the checker could not fail, the corpus test would prove nothing.
  const dangerous = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href=" VBScript:msgbox(1)">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<p style="width: expression(alert(1))">x</p>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe src="https://www.youtube.com/embed/x"></iframe>',
    '<svg><circle r=1 /></svg>',
    '<form action="/x"><input name=q></form>',
    '<div id="x" class="admin">x</div>',
    '<a href="https://ok.example/">no rel</a>',
    '<video src="http://x.example/v.mp4" controls></video>',
    '<!-- hidden -->',
  ];
  for (const html of dangerous) {
    test(`flags ${JSON.stringify(html)}`, () => {
      assert.notDeepEqual(findDanger(html), []);
    });
  }
  test('passes plain safe HTML', () => {
    assert.deepEqual(findDanger(`<p>a <a href="https://x.example/" ${REL}>b</a></p><img src="https://x.example/a.jpg" alt="">`), []);
  });
});

describe('article structure is kept', () => {
  test('headings, paragraphs, inline formatting, lists, quotes', () => {
    const html =
      '<h2>Sub</h2><p>One <strong>two</strong> <b>b</b> <em>e</em> <i>i</i> <u>u</u> <s>s</s> <sub>1</sub><sup>2</sup> ' +
      '<small>sm</small> <mark>m</mark> <abbr title="North Atlantic">NA</abbr> <cite>c</cite> <q>q</q> <code>x()</code> ' +
      '<kbd>k</kbd> <time datetime="2024-05-01T10:00:00+02:00">May 1</time> <del>d</del><ins>n</ins><br>next</p><hr>' +
      '<ul><li>a</li></ul><ol><li>b</li></ol><dl><dt>t</dt><dd>d</dd></dl><blockquote><p>quote</p></blockquote>' +
      '<pre><code class="language-js">let a = 1;\n  b();</code></pre>';
    assert.equal(clean(html), html);
  });
  test('h1 is demoted to h2 by default, kept with demoteH1: false', () => {
    assert.equal(clean('<h1>T</h1><h3>S</h3>'), '<h2>T</h2><h3>S</h3>');
    assert.equal(clean('<h1>T</h1>', { demoteH1: false }), '<h1>T</h1>');
  });
  test('tables keep colspan/rowspan (valid numbers only) and scope', () => {
    const out = clean(
      '<table border=1 style="x" onclick="x()"><caption>C</caption><colgroup><col span="2"></colgroup><thead><tr><th scope="COL" colspan="2">h</th></tr></thead>' +
        '<tbody><tr><td rowspan="3" colspan="abc">a</td><td colspan="99999">b</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>',
    );
    assert.equal(
      out,
      '<table><caption>C</caption><colgroup><col span="2"></colgroup><thead><tr><th colspan="2" scope="col">h</th></tr></thead>' +
        '<tbody><tr><td rowspan="3">a</td><td>b</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>',
    );
  });
  test('figure with figcaption', () => {
    assert.equal(
      clean('<figure class="wp"><img src="/p.jpg" alt="A"><figcaption>Cap <span class="credit">Photo: X</span></figcaption></figure>'),
      '<figure><img src="https://news.example/p.jpg" alt="A" loading="lazy"><figcaption>Cap Photo: X</figcaption></figure>',
    );
  });
  test('ordered list attributes', () => {
    assert.equal(clean('<ol start="5" type="A" reversed><li value="7">x</li></ol>'), '<ol start="5" type="A" reversed><li value="7">x</li></ol>');
    assert.equal(clean('<ol start="x" type="disc"><li>x</li></ol>'), '<ol><li>x</li></ol>');
  });
  test('obsolete and sectioning tags map to plain ones', () => {
    assert.equal(clean('<center>c</center><strike>s</strike><tt>t</tt><acronym>a</acronym><section>x</section><menu><li>m</li></menu>'),
      '<div>c</div><s>s</s><code>t</code><abbr>a</abbr><div>x</div><ul><li>m</li></ul>');
  });
  test('title, lang and dir kept when valid', () => {
    assert.equal(clean('<p lang="fr-CA" dir="RTL" title="t &quot;q&quot;">x</p>'), '<p title="t &quot;q&quot;" lang="fr-CA" dir="rtl">x</p>');
    assert.equal(clean('<p lang="x&quot; onclick=&quot;y" dir="sideways">x</p>'), '<p>x</p>');
  });
});

describe('unknown elements are unwrapped, dangerous containers dropped', () => {
  test('unknown and presentational elements are unwrapped, their text kept', () => {
    assert.equal(clean('<x-card><span style="color:red">a</span> <font face="x">b</font> <blink>c</blink></x-card>'), 'a b c');
  });
  const dropped: Array<[string, string]> = [
    ['script', 'a<script>alert(1)</script>b'],
    ['script with type', 'a<script type="text/plain">x</script>b'],
    ['style', 'a<style>p{color:red}</style>b'],
    ['template', 'a<template><p>x</p></template>b'],
    ['svg', 'a<svg><circle r="1"/><text>x</text></svg>b'],
    ['math', 'a<math><mi>x</mi></math>b'],
    ['object', 'a<object data="x.swf"><param name=a value=b>fallback</object>b'],
    ['embed', 'a<embed src="x.swf">b'],
    ['applet', 'a<applet code="x.class">x</applet>b'],
    ['iframe (not an embed)', 'a<iframe src="https://evil.example/">x</iframe>b'],
    ['frameset', 'a<frameset><frame src="x"></frameset>b'],
    ['meta refresh', 'a<meta http-equiv="refresh" content="0;url=https://evil.example/">b'],
    ['base', 'a<base href="https://evil.example/">b'],
    ['link', 'a<link rel="stylesheet" href="https://evil.example/x.css">b'],
    ['head/title', 'a<head><title>t</title></head>b'],
    ['input', 'a<input type="image" src="x" onfocus="x()" autofocus>b'],
    ['button', 'a<button formaction="javascript:alert(1)">x</button>b'],
    ['select', 'a<select><option>x</option></select>b'],
    ['textarea', 'a<textarea><img src=x onerror=alert(1)></textarea>b'],
    ['canvas', 'a<canvas>x</canvas>b'],
    ['xmp', 'a<xmp><img src=x onerror=alert(1)></xmp>b'],
    ['comment', 'a<!-- <img src=x onerror=alert(1)> -->b'],
    ['conditional comment', 'a<!--[if IE]><script>alert(1)</script><![endif]-->b'],
    ['doctype', '<!DOCTYPE html>a<?xml version="1.0"?>b'],
  ];
  for (const [name, html] of dropped) {
    test(`drops ${name} with its content`, () => {
      assert.equal(clean(html), 'ab');
    });
  }
  test('a form is unwrapped: its text stays, its controls go', () => {
    assert.equal(clean('<form action="https://evil.example/" method=post><p>Article</p><label>Name <input name=n></label><button>Go</button></form>'), '<p>Article</p>Name ');
  });
  test('html/body wrappers are unwrapped, head dropped', () => {
    assert.equal(clean('<html><head><title>T</title><script>x</script></head><body onload="x()"><p>B</p></body></html>'), '<p>B</p>');
  });
});

describe('attributes', () => {
  test('event handlers, style, id, class and unknown attributes are dropped everywhere', () => {
    const tags = ['p', 'div', 'h2', 'strong', 'em', 'ul', 'li', 'blockquote', 'table', 'td', 'figure', 'figcaption', 'code', 'pre', 'span'];
    for (const t of tags) {
      const out = clean(`<${t} onclick="alert(1)" onmouseover=alert(1) ONLOAD="x" style="background:url(javascript:alert(1))" id="location" name="x" class="admin" data-x="1" contenteditable>x</${t}>`);
      assert.ok(!/on\w+=|style=|id=|name=|class=|data-|contenteditable/.test(out), `${t}: ${out}`);
    }
  });
  test('CSS expressions cannot get through (style is always dropped)', () => {
    assert.equal(clean('<p style="width: expression(alert(1)); color: red">x</p><div style="behavior: url(x.htc)">y</div>'), '<p>x</p><div>y</div>');
  });
  test('only language-* classes survive, on code and pre', () => {
    assert.equal(clean('<pre class="highlight language-python x"><code class="hljs">x</code></pre><p class="language-js">y</p>'), '<pre class="language-python"><code>x</code></pre><p>y</p>');
  });
  test('quotes, ampersands and angle brackets in attributes are escaped', () => {
    const out = clean('<img src="/a.jpg" alt="&quot; onerror=&quot;alert(1)&quot; <b> &amp;">');
    assert.equal(out, '<img src="https://news.example/a.jpg" alt="&quot; onerror=&quot;alert(1)&quot; &lt;b&gt; &amp;" loading="lazy">');
  });
});

describe('links', () => {
  test('made absolute, rel added, target removed', () => {
    assert.equal(clean('<a href="../x?a=1&amp;b=2#f" target="_blank" rel="opener">x</a>'), `<a href="https://news.example/world/x?a=1&amp;b=2#f" ${REL}>x</a>`);
  });
  test('http, https and mailto kept; other schemes unwrap the link', () => {
    assert.equal(clean('<a href="mailto:desk@news.example">m</a>'), `<a href="mailto:desk@news.example" ${REL}>m</a>`);
    assert.equal(clean('<a href="HTTPS://Example.COM/A">x</a>'), `<a href="https://example.com/A" ${REL}>x</a>`);
    for (const href of ['ftp://x.example/', 'tel:+123', 'file:///etc/passwd', 'data:text/html,<script>alert(1)</script>', 'about:blank', 'chrome://settings', 'view-source:https://x']) {
      assert.equal(clean(`<a href="${href}">t</a>`), 't', href);
    }
  });
  test('anchors without href (or with an empty one) are unwrapped', () => {
    assert.equal(clean('<a name="top">t</a><a href="">u</a><a href="   ">v</a>'), 'tuv');
  });
  test('a link inside a link is unwrapped', () => {
    const out = clean('<a href="/a">x<span><a href="/b">y</a></span></a>');
    assert.equal((out.match(/<a /g) ?? []).length, 1 + (out.includes('/b"') ? 1 : 0));
    assertWellFormed(out);
  });
  test('relative links without a base are kept only when scheme-less', () => {
    const none = { baseUrl: null };
    assert.equal(clean('<a href="/x/y?q=1">a</a>', none), `<a href="/x/y?q=1" ${REL}>a</a>`);
    assert.equal(clean('<a href="y.html#z">a</a>', none), `<a href="y.html#z" ${REL}>a</a>`);
    assert.equal(clean('<a href="//cdn.example/x">a</a>', none), `<a href="//cdn.example/x" ${REL}>a</a>`);
    assert.equal(clean('<a href="javascript:alert(1)">a</a>', none), 'a');
    assert.equal(clean('<a href="java\u00a0script:alert(1)">a</a>', none), 'a');
    assert.equal(clean('<a href="weird:thing">a</a>', none), 'a');
    assert.equal(clean('<a href="https://ok.example/">a</a>', none), `<a href="https://ok.example/" ${REL}>a</a>`);
  });
  test('an unusable base falls back to the no-base rules', () => {
    assert.equal(clean('<a href="/x">a</a>', { baseUrl: 'not a url' }), `<a href="/x" ${REL}>a</a>`);
    assert.equal(clean('<a href="x">a</a>', { baseUrl: 'javascript:alert(1)' }), 'a');
  });
});

describe('obfuscated URLs', () => {
  // Every one of these is javascript:/vbscript:/data: once a browser has read it.
  const evil = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '  javascript:alert(1)',
    '\u0001javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\rscript:alert(1)',
    'jav&#x09;ascript:alert(1)',
    'jav&#9;ascript:alert(1)',
    'jav&#x0A;ascript:alert(1)',
    'jav&NewLine;ascript:alert(1)',
    'jav&Tab;ascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)',
    '&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)',
    '&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x31&#x29',
    'javascript&colon;alert(1)',
    ' &#14; javascript:alert(1)',
    'vbscript:msgbox(1)',
    'VBSCRIPT:msgbox(1)',
    'livescript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'DATA:text/html,<script>alert(1)</script>',
    'data:image/svg+xml,<svg onload=alert(1)>',
  ];
  for (const url of evil) {
    test(`link ${JSON.stringify(url)} is removed`, () => {
      for (const base of [BASE, null]) {
        const out = clean(`<a href="${url}">t</a>`, { baseUrl: base });
        assert.equal(out, 't');
      }
    });
    test(`image ${JSON.stringify(url)} is removed`, () => {
      for (const base of [BASE, null]) {
        assert.equal(clean(`<img src="${url}" alt="a">`, { baseUrl: base }), '');
      }
    });
  }
  test('unquoted and backtick tricks', () => {
    // Backticks are not quotes in HTML5: this is a harmless relative path.
    assert.equal(clean('<img src=`javascript:alert(1)`>'), '<img src="https://news.example/world/2024/%60javascript:alert(1)%60" alt="" loading="lazy">');
    assert.equal(clean('<a href=javascript:alert(1)>t</a>'), 't');
  });
});

describe('images', () => {
  test('src made absolute, loading=lazy added, dimensions kept when numeric', () => {
    assert.equal(clean('<img src="img/a.jpg" width="640" height="50%" alt="x" onerror="alert(1)">'), '<img src="https://news.example/world/2024/img/a.jpg" alt="x" width="640" loading="lazy">');
  });
  test('raster data: images are allowed, svg and non-image data: are not', () => {
    const png = 'data:image/png;base64,' + 'iVBORw0KGgo'.repeat(40);
    assert.equal(clean(`<img src="${png}">`), `<img src="${png}" alt="" loading="lazy">`);
    assert.equal(clean('<img src="data:image/svg+xml;base64,' + 'PHN2Zz4'.repeat(50) + '">'), '');
    assert.equal(clean('<img src="data:text/html;base64,' + 'PHN2Zz4'.repeat(50) + '">'), '');
  });
  test('lazy-loading: placeholder src replaced from data-src / data-lazy-src / data-original', () => {
    const gif = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
    assert.equal(clean(`<img src="${gif}" data-src="/real.jpg" alt="r">`), '<img src="https://news.example/real.jpg" alt="r" loading="lazy">');
    assert.equal(clean('<img src="/img/blank.gif" data-lazy-src="/real2.jpg">'), '<img src="https://news.example/real2.jpg" alt="" loading="lazy">');
    assert.equal(clean('<img src="/assets/placeholder.png" data-original="/real3.jpg">'), '<img src="https://news.example/real3.jpg" alt="" loading="lazy">');
    assert.equal(clean('<img class="lazyload" data-src="/real4.jpg">'), '<img src="https://news.example/real4.jpg" alt="" loading="lazy">');
    // A real src wins over data-src.
    assert.equal(clean('<img src="/a.jpg" data-src="/b.jpg">'), '<img src="https://news.example/a.jpg" alt="" loading="lazy">');
  });
  test('a lone placeholder image is dropped', () => {
    assert.equal(clean('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'), '');
    assert.equal(clean('<img alt="no source">'), '');
  });
  test('srcset rewritten absolute; bad candidates dropped; data-srcset used', () => {
    assert.equal(
      clean('<img src="/a.jpg" srcset="/a-300.jpg 300w, https://cdn.example/a,w_600.jpg 600w, javascript:alert(1) 900w, /b.jpg bogus" sizes="(max-width: 600px) 100vw, 600px">'),
      '<img src="https://news.example/a.jpg" srcset="https://news.example/a-300.jpg 300w, https://cdn.example/a,w_600.jpg 600w" sizes="(max-width: 600px) 100vw, 600px" alt="" loading="lazy">',
    );
    assert.equal(
      clean('<img data-srcset="/s.jpg 1x, /l.jpg 2x">'),
      '<img src="https://news.example/l.jpg" srcset="https://news.example/s.jpg 1x, https://news.example/l.jpg 2x" alt="" loading="lazy">',
    );
    assert.equal(clean('<img src="/a.jpg" srcset="javascript:alert(1) 1x, data:image/png;base64,AAAA 2x">'), '<img src="https://news.example/a.jpg" alt="" loading="lazy">');
  });
  test('tracking pixels are dropped', () => {
    assert.equal(clean('<img src="https://feeds.example/~r/x" width="1" height="1">'), '');
  });
  test('noscript fallback image is used once, not twice', () => {
    const gif = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    assert.equal(clean(`<img src="${gif}" data-src="/r.jpg"><noscript><img src="/r-large.jpg"></noscript>`), '<img src="https://news.example/r.jpg" alt="" loading="lazy">');
    assert.equal(clean(`<img src="${gif}"><noscript><img src="/r.jpg"></noscript>`), '<img src="https://news.example/r.jpg" alt="" loading="lazy">');
    assert.equal(clean('<noscript><img src="/r.jpg"></noscript><p>x</p><img src="/r.jpg">'), '<img src="https://news.example/r.jpg" alt="" loading="lazy"><p>x</p>');
  });
  test('noscript left as text by a spec parser is parsed, then sanitized', () => {
    const doc = parseHtml('<p>a</p><noscript>x</noscript>');
    const ns = doc.children[1]!;
    assert.ok('children' in ns);
    const text = ns.children[0]!;
    assert.ok(text.type === 'text');
    text.data = '<img src="/n.jpg" onerror="alert(1)"><script>alert(1)</script>';
    const out = sanitizeNodes(doc.children, { baseUrl: BASE });
    assert.equal(out, '<p>a</p><img src="https://news.example/n.jpg" alt="" loading="lazy">');
  });
  test('picture: image sources only, srcset absolute', () => {
    assert.equal(
      clean('<picture><source type="image/webp" srcset="/a.webp 1x, /a@2.webp 2x" media="(min-width: 600px)"><source type="image/svg+xml" srcset="/a.svg"><source srcset="javascript:alert(1)"><img src="/a.jpg" alt="A"></picture>'),
      '<picture><source srcset="https://news.example/a.webp 1x, https://news.example/a@2.webp 2x" type="image/webp" media="(min-width: 600px)"><img src="https://news.example/a.jpg" alt="A" loading="lazy"></picture>',
    );
    // The img takes its src from the sources when it has none.
    assert.equal(clean('<picture><source srcset="/x-1.jpg 400w, /x-2.jpg 800w"><img alt="x"></picture>'),
      '<picture><source srcset="https://news.example/x-1.jpg 400w, https://news.example/x-2.jpg 800w"><img src="https://news.example/x-2.jpg" alt="x" loading="lazy"></picture>');
    assert.equal(clean('<picture><source srcset="/x.jpg"></picture>'), '');
  });
  test('a source outside picture/video/audio is dropped', () => {
    assert.equal(clean('<div><source src="https://x.example/a.mp4"></div>'), '<div></div>');
  });
});

describe('video and audio', () => {
  test('https sources only, controls forced, autoplay dropped, fallback dropped', () => {
    assert.equal(
      clean('<video src="https://v.example/a.mp4" autoplay muted loop poster="/p.jpg" width="640" height="360" onplay="x()">Your browser…</video>'),
      '<video src="https://v.example/a.mp4" poster="https://news.example/p.jpg" width="640" height="360" controls preload="metadata"></video>',
    );
    assert.equal(
      clean('<audio autoplay><source src="http://a.example/x.mp3" type="audio/mpeg"><source src="https://a.example/x.ogg" type="audio/ogg; codecs=vorbis"><track src="x.vtt"></audio>'),
      '<audio controls preload="metadata"><source src="https://a.example/x.ogg" type="audio/ogg"></audio>',
    );
  });
  test('nothing playable over https: dropped', () => {
    assert.equal(clean('<video src="http://v.example/a.mp4"></video><audio src="javascript:alert(1)"></audio>'), '');
  });
});

describe('iframes', () => {
  const sandboxed = 'sandbox="allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox" allow="encrypted-media; picture-in-picture; fullscreen" allowfullscreen loading="lazy" referrerpolicy="strict-origin-when-cross-origin"';
  test('YouTube, youtube-nocookie, Vimeo and Dailymotion embeds kept, sandboxed, over https', () => {
    assert.equal(
      clean('<iframe src="https://www.youtube.com/embed/abc?start=3" width="560" height="315" frameborder="0" allow="autoplay; camera" onload="x()">t</iframe>'),
      `<iframe src="https://www.youtube.com/embed/abc?start=3" width="560" height="315" ${sandboxed}></iframe>`,
    );
    assert.equal(clean('<iframe src="//www.youtube-nocookie.com/embed/x"></iframe>', { baseUrl: null }), `<iframe src="https://www.youtube-nocookie.com/embed/x" ${sandboxed}></iframe>`);
    assert.equal(clean('<iframe src="http://player.vimeo.com/video/1"></iframe>'), `<iframe src="https://player.vimeo.com/video/1" ${sandboxed}></iframe>`);
    assert.equal(clean('<iframe src="https://www.dailymotion.com/embed/video/x8"></iframe>'), `<iframe src="https://www.dailymotion.com/embed/video/x8" ${sandboxed}></iframe>`);
    assert.equal(clean('<iframe data-src="https://player.vimeo.com/video/2" src="about:blank"></iframe>'), `<iframe src="https://player.vimeo.com/video/2" ${sandboxed}></iframe>`);
  });
  test('look-alike or non-embed iframes dropped', () => {
    for (const src of [
      'https://www.youtube.com.evil.example/embed/x',
      'https://evil.example/www.youtube.com/embed/x',
      'https://www.youtube.com/watch?v=x',
      'https://user@www.youtube.com/embed/x',
      'https://www.youtube.com:8443/embed/x',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '/embed/x',
    ]) {
      assert.equal(clean(`a<iframe src="${src}"></iframe>b`), 'ab', src);
    }
    assert.equal(clean('a<iframe srcdoc="<script>alert(1)</script>"></iframe>b'), 'ab');
  });
  test('embeds option: custom list, or [] to drop all', () => {
    const opts = { baseUrl: BASE, embeds: [{ host: 'video.example', pathPrefix: '/e/' }] };
    assert.equal(sanitizeHtml('<iframe src="https://video.example/e/1"></iframe>', opts), `<iframe src="https://video.example/e/1" ${sandboxed}></iframe>`);
    assert.equal(sanitizeHtml('<iframe src="https://www.youtube.com/embed/x"></iframe>', { embeds: [] }), '');
  });
});

describe('text and escaping', () => {
  test('text is escaped; entities decoded then re-escaped', () => {
    assert.equal(clean('<p>a &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; 1 < 2 > 0 &copy; &#x1F600; "q" \'s\'</p>'),
      '<p>a &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; 1 &lt; 2 &gt; 0 © 😀 "q" \'s\'</p>');
  });
  test('pre keeps whitespace', () => {
    assert.equal(clean('<pre>  a\n\tb  </pre>'), '<pre>  a\n\tb  </pre>');
  });
  test('empty input', () => {
    assert.equal(sanitizeHtml(''), '');
    assert.equal(sanitizeNodes([]), '');
  });
});

describe('mutation XSS and parser-confusion inputs', () => {
  const inputs = [
    '<svg><style><img src=x onerror=alert(1)></style></svg>',
    '<svg><style><img src=x onerror=alert(1)>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<noscript><style></noscript><img src=x onerror=alert(1)>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<math><mi><style><img src=x onerror=alert(1)></style></mi></math>',
    '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    '<listing>&lt;img src=x onerror=alert(1)&gt;</listing>',
    '<textarea></textarea><img src=x onerror=alert(1)>',
    '<title><img src=x onerror=alert(1)></title>',
    '<scr<script>ipt>alert(1)</script>',
    '<<script>script>alert(1)<</script>/script>',
    '<img """><script>alert(1)</script>">',
    '<img src="x` `<script>alert(1)</script>"` `>',
    '<IMG SRC=JaVaScRiPt:alert(1)>',
    '<BODY ONLOAD=alert(1)>',
    '<TABLE BACKGROUND="javascript:alert(1)"><TD BACKGROUND="javascript:alert(1)">x</TD></TABLE>',
    '<DIV STYLE="background-image: url(javascript:alert(1))">x</DIV>',
    '<div style="width: expression(alert(1));">x</div>',
    '<object data="javascript:alert(1)"></object>',
    '<isindex action="javascript:alert(1)" type="image">',
    '<a href="\u0001javascript:alert(1)">x</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<a href="#" onclick="alert(1)">x</a>',
    '<img src=x:alert(alt) onerror=eval(src) alt=0>',
    '<video><source onerror="alert(1)"></video>',
    '<details open ontoggle=alert(1)>x</details>',
    '<select><template><img src=x onerror=alert(1)></template></select>',
    '<a href="https://ok.example/" xlink:href="javascript:alert(1)">x</a>',
    '<p><![CDATA[<img src=x onerror=alert(1)>]]></p>',
    '<!--><img src=x onerror=alert(1)>-->',
    '<!-- --!><img src=x onerror=alert(1)> -->',
    '<style><!--</style><img src=x onerror=alert(1)>-->',
    '<a href="java&#0000009script:alert(1)">x</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="import" href="https://evil.example/x.html">',
    '<input onfocus=alert(1) autofocus>',
    '<marquee onstart=alert(1)>x</marquee>',
    '<xss style="behavior: url(x.htc)">x</xss>',
    '<image src=x onerror=alert(1)>',
  ];
  for (const html of inputs) {
    test(JSON.stringify(html), () => {
      for (const base of [BASE, null]) {
        const out = clean(html, { baseUrl: base });
        assertWellFormed(out);
      }
    });
  }
});

describe('output shape', () => {
  test('unclosed tags are closed, void tags are not', () => {
    const out = clean('<div><p>a<b>b<i>c<ul><li>d<li>e</ul><table><tr><td>f<br><hr><img src="/a.jpg"></table>');
    assertWellFormed(out);
  });
  test('sanitizing is idempotent', () => {
    const html = '<h1>T</h1><p>a <a href="/x">l</a> <img data-src="/i.jpg" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" srcset="/i.jpg 1x"></p><iframe src="https://www.youtube.com/embed/x"></iframe>';
    const once = clean(html);
    assert.equal(clean(once), once);
  });
});

describe('sanitizeNodes', () => {
  test('gives the same output as sanitizeHtml and does not mutate its input', () => {
    const html =
      '<div class="body"><h1 id="t">T</h1><p style="x" onclick="y">a <a href="/x" target="_blank">l</a></p>' +
      '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/i.jpg" width="10" height="10">' +
      '<noscript><img src="/i2.jpg"></noscript><script>alert(1)</script><svg><circle/></svg><!-- c --></div>';
    const doc = parseHtml(html);
    const before = getOuterHTML(doc.children);
    const snapshot = snapshotTree(doc.children);
    const out = sanitizeNodes(doc.children, { baseUrl: BASE });
    assert.equal(out, sanitizeHtml(html, { baseUrl: BASE }));
    assert.equal(getOuterHTML(doc.children), before);
    assert.deepEqual(snapshotTree(doc.children), snapshot);
    assert.deepEqual(findDanger(out), []);
  });
  test('accepts a Document node and nodes from the middle of a tree', () => {
    const doc = parseHtml('<article><p>one</p><p>two</p></article>');
    assert.equal(sanitizeNodes([doc]), '<div><p>one</p><p>two</p></div>');
    const article = doc.children[0]!;
    assert.ok('children' in article);
    assert.equal(sanitizeNodes(article.children), '<p>one</p><p>two</p>');
  });
});

/** Every node's type, name, attributes, text and links, in order: a deep snapshot. */
function snapshotTree(nodes: AnyNode[]): unknown[] {
  const out: unknown[] = [];
  for (const root of nodes) {
    const visit = (n: AnyNode): void => {
      out.push([
        n.type,
        'name' in n ? n.name : null,
        'attribs' in n ? { ...n.attribs } : null,
        'data' in n ? n.data : null,
        'children' in n ? n.children.length : null,
        n.parent === null ? null : 'p',
      ]);
    };
    visit(root);
    walk(root, (n) => visit(n));
  }
  return out;
}

describe('bad input', () => {
  test('100,000 nested <div>s complete without throwing, output capped and well-formed', () => {
    const n = 100_000;
    const out = sanitizeHtml('<div>'.repeat(n) + 'deep' + '</div>'.repeat(n));
    assert.ok(out.includes('deep'));
    assertWellFormed(out);
    assert.ok((out.match(/<div>/g) ?? []).length <= 1000, 'nesting is capped');
  });
  test('100,000 nested inline elements, links and noscripts', () => {
    for (const open of ['<b>', '<a href="/x">', '<noscript>', '<span>', '<table><tr><td>']) {
      const out = sanitizeHtml(open.repeat(20_000) + 'x', { baseUrl: BASE });
      assert.ok(out.includes('x'));
      assertWellFormed(out);
    }
  });
  test('100,000 nested nodes built by hand (no parser limits) go through sanitizeNodes', () => {
    const doc = parseHtml('<div></div>');
    let parent = doc.children[0]!;
    for (let i = 0; i < 100_000; i++) {
      const child = parseHtml('<em></em>').children[0]!;
      assert.ok('children' in parent);
      parent.children.push(child);
      child.parent = parent;
      parent = child;
    }
    const out = sanitizeNodes(doc.children);
    assertWellFormed(out);
  });
});
