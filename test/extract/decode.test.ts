// Tests for the page decoder: the WHATWG order (BOM, HTTP charset, meta prescan, strict
// UTF-8, windows-1252), the legacy encodings with explicit bytes, and the repairs
// (multi-byte UTF-8 wins over a single-byte claim; stray bytes in UTF-8 pages).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { charsetFromContentType, decodeHtml } from '../../src/extract/decode.ts';

const ascii = (s: string): number[] => [...Buffer.from(s, 'latin1')];
/** A page: ASCII head (with an optional charset declaration) and a body of raw bytes. */
function page(head: string, body: number[], tail = '</p></body></html>'): Uint8Array {
  return Uint8Array.from([...ascii(`<!doctype html><html><head>${head}<title>t</title></head><body><p>`), ...body, ...ascii(tail)]);
}
const bodyOf = (text: string): string => text.slice(text.indexOf('<p>') + 3, text.indexOf('</p>'));

describe('windows-1252', () => {
  // 0x80–0x9F are the bytes Node 20's own TextDecoder gets wrong (it returns C1 controls).
  const high = [0x80, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8e, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9e, 0x9f];
  const expected = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

  for (const label of ['windows-1252', 'iso-8859-1', 'latin1', 'us-ascii', 'ISO_8859-1:1987', 'cp1252']) {
    test(`meta charset=${label} maps 0x80–0x9F (€ ‘’ “” – —)`, () => {
      const d = decodeHtml(page(`<meta charset="${label}">`, high));
      assert.equal(d.encoding, 'windows-1252');
      assert.equal(d.source, 'meta');
      assert.equal(bodyOf(d.text), expected);
    });
  }

  test('Latin-1 letters and the undefined bytes 0x81/0x8D/0x8F/0x90/0x9D', () => {
    const d = decodeHtml(page('<meta charset=windows-1252>', [0xe9, 0xfc, 0xdf, 0x81, 0x8d, 0x8f, 0x90, 0x9d]));
    assert.equal(bodyOf(d.text), 'éüß\u0081\u008d\u008f\u0090\u009d');
  });

  test('no declaration and not UTF-8: windows-1252 by default', () => {
    const d = decodeHtml(page('', [0x93, 0x51, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35]));
    assert.equal(d.encoding, 'windows-1252');
    assert.equal(d.source, 'default');
    assert.equal(bodyOf(d.text), '“Q” – €5');
  });

  test('HTTP header charset=ISO-8859-1 decodes as windows-1252', () => {
    const d = decodeHtml(page('', [0x91, 0x61, 0x92]), 'text/html; charset=ISO-8859-1');
    assert.equal(d.encoding, 'windows-1252');
    assert.equal(d.source, 'header');
    assert.equal(bodyOf(d.text), '‘a’');
  });
});

describe('legacy encodings with explicit bytes', () => {
  const cases: [string, string, number[], string][] = [
    ['Shift_JIS', 'shift_jis', [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x83, 0x6a, 0x83, 0x85, 0x81, 0x5b, 0x83, 0x58], '日本語ニュース'],
    ['x-sjis', 'shift_jis', [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea], '日本語'],
    ['EUC-JP', 'euc-jp', [0xc6, 0xfc, 0xcb, 0xdc, 0xb8, 0xec], '日本語'],
    ['GBK', 'gbk', [0xd6, 0xd0, 0xce, 0xc4, 0xd0, 0xc2, 0xce, 0xc5], '中文新闻'],
    ['gb2312', 'gbk', [0xd6, 0xd0, 0xce, 0xc4], '中文'],
    ['Big5', 'big5', [0xa4, 0xa4, 0xa4, 0xe5, 0xb7, 0x73, 0xbb, 0x44], '中文新聞'],
    // 0x8C 0x63 is in the CP949 extension that real "euc-kr" pages use (Node's ICU lacks it).
    ['EUC-KR', 'euc-kr', [0xc7, 0xd1, 0xb1, 0xb9, 0xbe, 0xee, 0x8c, 0x63], '한국어똠'],
    ['KOI8-R', 'koi8-r', [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4], 'Привет'],
    ['windows-1251', 'windows-1251', [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2], 'Привет'],
    ['ISO-8859-2', 'iso-8859-2', [0xa1, 0xb3, 0xbf], 'Ąłż'],
  ];
  for (const [label, name, bytes, text] of cases) {
    test(`meta charset=${label}`, () => {
      const d = decodeHtml(page(`<meta charset="${label}">`, bytes));
      assert.equal(d.encoding, name);
      assert.equal(bodyOf(d.text), text);
    });
  }

  test('http-equiv Content-Type form of the declaration', () => {
    const d = decodeHtml(page('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]));
    assert.equal(d.encoding, 'koi8-r');
    assert.equal(bodyOf(d.text), 'Привет');
  });

  test('UTF-16LE and UTF-16BE with a BOM (the BOM is dropped)', () => {
    const s = '<p>Grüße €</p>';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    const dLe = decodeHtml(le);
    const dBe = decodeHtml(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    assert.deepEqual([dLe.text, dLe.encoding, dLe.source], [s, 'utf-16le', 'bom']);
    assert.deepEqual([dBe.text, dBe.encoding, dBe.source], [s, 'utf-16be', 'bom']);
  });
});

describe('precedence', () => {
  const utf8Body = [...Buffer.from('Grüße – “quoted”', 'utf8')];

  test('a UTF-8 BOM beats the header and the meta tag', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...page('<meta charset=koi8-r>', utf8Body)]);
    const d = decodeHtml(bytes, 'text/html; charset=shift_jis');
    assert.equal(d.encoding, 'utf-8');
    assert.equal(d.source, 'bom');
    assert.equal(d.text.charCodeAt(0), '<'.charCodeAt(0), 'BOM removed');
    assert.equal(bodyOf(d.text), 'Grüße – “quoted”');
  });

  test('the HTTP charset beats the meta tag', () => {
    const d = decodeHtml(page('<meta charset=windows-1251>', [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]), 'text/html;charset="KOI8-R"');
    assert.equal(d.encoding, 'koi8-r');
    assert.equal(d.source, 'header');
    assert.equal(bodyOf(d.text), 'Привет');
  });

  test('an unknown header label is ignored; the meta tag decides', () => {
    const d = decodeHtml(page('<meta charset=koi8-r>', [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]), 'text/html; charset=no-such-charset');
    assert.equal(d.encoding, 'koi8-r');
    assert.equal(d.source, 'meta');
  });

  test('no declaration, valid UTF-8: UTF-8', () => {
    const d = decodeHtml(page('', utf8Body));
    assert.deepEqual([d.encoding, d.source, bodyOf(d.text)], ['utf-8', 'detected', 'Grüße – “quoted”']);
  });

  test('a meta tag after the first 1024 bytes is used when the page is not UTF-8', () => {
    const filler = `<script>/*${'x'.repeat(2000)}*/</script>`;
    const d = decodeHtml(page(`${filler}<meta charset=windows-1251>`, [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]));
    assert.equal(d.encoding, 'windows-1251');
    assert.equal(d.source, 'late-meta');
    assert.equal(bodyOf(d.text), 'Привет');
  });

  test('"replacement" labels (iso-2022-kr) are ignored rather than blanking the page', () => {
    const d = decodeHtml(page('<meta charset=iso-2022-kr>', utf8Body));
    assert.equal(d.encoding, 'utf-8');
    assert.equal(bodyOf(d.text), 'Grüße – “quoted”');
  });

  test('empty input', () => {
    assert.deepEqual(decodeHtml(new Uint8Array(0)), { text: '', encoding: 'utf-8', source: 'detected' });
  });
});

describe('repairs', () => {
  const utf8Body = [...Buffer.from('Zürich: “Straße” – 5 €', 'utf8')];

  for (const label of ['windows-1252', 'iso-8859-1', 'iso-8859-15', 'koi8-r', 'windows-1251']) {
    test(`valid multi-byte UTF-8 wins over meta charset=${label}`, () => {
      const d = decodeHtml(page(`<meta charset="${label}">`, utf8Body));
      assert.equal(d.encoding, 'utf-8');
      assert.equal(d.source, 'utf8-override');
      assert.equal(bodyOf(d.text), 'Zürich: “Straße” – 5 €');
    });
  }

  test('valid multi-byte UTF-8 wins over a single-byte HTTP charset too', () => {
    const d = decodeHtml(page('', utf8Body), 'text/html; charset=iso-8859-1');
    assert.equal(d.encoding, 'utf-8');
    assert.equal(bodyOf(d.text), 'Zürich: “Straße” – 5 €');
  });

  test('ASCII-only page keeps its declared single-byte charset', () => {
    const d = decodeHtml(page('<meta charset=windows-1252>', ascii('plain')));
    assert.equal(d.encoding, 'windows-1252');
    assert.equal(d.source, 'meta');
  });

  test('a real windows-1252 page is not taken for UTF-8', () => {
    const d = decodeHtml(page('<meta charset=windows-1252>', [0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68, 0x20, 0x93, 0x53, 0x74, 0x72, 0x61, 0xdf, 0x65, 0x94]));
    assert.equal(d.encoding, 'windows-1252');
    assert.equal(bodyOf(d.text), 'Zürich “Straße”');
  });

  test('a CJK claim is overridden only with enough multi-byte UTF-8 sequences', () => {
    const many = [...Buffer.from('東京で開かれた会議のニュースです。', 'utf8')];
    const d = decodeHtml(page('<meta charset=shift_jis>', many));
    assert.equal(d.encoding, 'utf-8');
    assert.equal(bodyOf(d.text), '東京で開かれた会議のニュースです。');
    // Two sequences could be chance: the declaration stands.
    const few = decodeHtml(page('<meta charset=shift_jis>', [...Buffer.from('é', 'utf8'), 0x41, ...Buffer.from('é', 'utf8')]));
    assert.equal(few.encoding, 'shift_jis');
  });

  test('UTF-8 page with a stray windows-1252 byte: the byte is read as windows-1252, no U+FFFD', () => {
    const body = [...Buffer.from('Grüße aus ', 'utf8'), 0x4d, 0xfc, 0x6e, 0x63, 0x68, 0x65, 0x6e, ...Buffer.from(' – schön', 'utf8')];
    const d = decodeHtml(page('<meta charset=utf-8>', body));
    assert.equal(d.encoding, 'utf-8');
    assert.equal(d.repairedBytes, 1);
    assert.equal(bodyOf(d.text), 'Grüße aus München – schön');
  });

  test('mostly-UTF-8 page declared windows-1252 is read as UTF-8 with the stray byte repaired', () => {
    const good = [...Buffer.from('Grüße – “schön” – Straße – Zürich', 'utf8')];
    const d = decodeHtml(page('<meta charset=windows-1252>', [...good, 0x20, 0x96, 0x20, ...good]));
    assert.equal(d.encoding, 'utf-8');
    assert.equal(d.source, 'utf8-override');
    assert.ok(!d.text.includes('\ufffd'));
    assert.ok(!d.text.includes('Ã'));
  });
});

test('charsetFromContentType', () => {
  assert.equal(charsetFromContentType('text/html; charset=UTF-8'), 'UTF-8');
  assert.equal(charsetFromContentType('text/html;charset="iso-8859-1"'), 'iso-8859-1');
  assert.equal(charsetFromContentType('text/html; Charset = koi8-r ; foo=bar'), 'koi8-r');
  assert.equal(charsetFromContentType('text/html'), null);
  assert.equal(charsetFromContentType(null), null);
  assert.equal(charsetFromContentType(undefined), null);
});

// The 27 pages of trafilatura-eval that are not UTF-8: none may decode to U+FFFD or C1
// controls. Skipped when the shared corpus is absent.
const TRAF = new URL('../../../shared/corpus/extraction/trafilatura-eval/html/', import.meta.url);
test('trafilatura-eval: the non-UTF-8 pages decode without U+FFFD or C1 controls', { skip: !existsSync(TRAF) && 'no corpus at ../shared/corpus' }, () => {
  let legacy = 0;
  const bad: string[] = [];
  for (const f of readdirSync(TRAF)) {
    const bytes = gunzipSync(readFileSync(new URL(f, TRAF)));
    if (isUtf8(bytes)) continue;
    legacy++;
    const d = decodeHtml(bytes);
    if (/[\ufffd\u0080-\u009f]/.test(d.text)) bad.push(`${f} (${d.encoding}/${d.source})`);
  }
  assert.equal(legacy, 27);
  assert.deepEqual(bad, []);
});
