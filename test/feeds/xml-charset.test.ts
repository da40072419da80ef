// decodeXml: BOM, then the HTTP charset (with RFC 3023's text/* default), then the XML
// declaration, then UTF-8; labels mapped the WHATWG way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeXml } from '../../src/fetch/xml-charset.ts';
import { parseFeed } from '../../src/feeds/index.ts';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

test('a BOM wins over header and declaration', () => {
  const d = decodeXml(bytes([0xef, 0xbb, 0xbf], '<?xml version="1.0" encoding="iso-8859-1"?><a>caf', [0xc3, 0xa9], '</a>'), 'text/xml; charset=windows-1252');
  assert.deepEqual([d.encoding, d.source], ['utf-8', 'bom']);
  assert.match(d.text, /café/);
  const le = Buffer.from('\uFEFF<a>ü</a>', 'utf16le');
  assert.equal(decodeXml(le).text, '<a>ü</a>');
  assert.equal(decodeXml(le).encoding, 'utf-16le');
});

test('UTF-16 without BOM is recognised from the layout of "<?xml"', () => {
  const be = Buffer.from(Buffer.from('<?xml version="1.0" encoding="utf-16"?><a>ä</a>', 'utf16le').swap16());
  const d = decodeXml(be);
  assert.equal(d.encoding, 'utf-16be');
  assert.match(d.text, /<a>ä<\/a>/);
});

test('the HTTP charset beats the declaration; iso-8859-1 means windows-1252', () => {
  const b = bytes('<?xml version="1.0" encoding="utf-8"?><a>', [0x93, 0x80, 0x94], '</a>');
  const d = decodeXml(b, 'application/rss+xml; charset=ISO-8859-1');
  assert.deepEqual([d.encoding, d.source], ['windows-1252', 'header']);
  assert.match(d.text, /<a>“€”<\/a>/);
});

test('the declaration is used without a header charset; then UTF-8', () => {
  const d = decodeXml(bytes('<?xml version="1.0" encoding="koi8-r"?><a>', [0xc1], '</a>'), 'application/xml');
  assert.deepEqual([d.encoding, d.source], ['koi8-r', 'xml-declaration']);
  assert.match(d.text, /<a>а<\/a>/);
  const u = decodeXml(bytes('<a>', [0xe2, 0x82, 0xac], '</a>'));
  assert.deepEqual([u.encoding, u.source, u.text], ['utf-8', 'default', '<a>€</a>']);
});

test('text/xml without charset: us-ascii (RFC 3023) for ASCII bytes, the declaration otherwise', () => {
  assert.equal(decodeXml(bytes('<?xml version="1.0" encoding="iso-8859-1"?><a>x</a>'), 'text/xml').encoding, 'us-ascii');
  const d = decodeXml(bytes('<?xml version="1.0" encoding="utf-8"?><a>', [0xc3, 0xa9], '</a>'), 'text/xml');
  assert.deepEqual([d.encoding, d.text.endsWith('<a>é</a>')], ['utf-8', true]);
});

test('a feed declared windows-1252 but written in UTF-8 is read as UTF-8', () => {
  const f = parseFeed(bytes('<?xml version="1.0" encoding="windows-1252"?><rss><channel><title>Z', [0xc3, 0xbc], 'rich</title></channel></rss>'));
  assert.equal(f.title, 'Zürich');
});
