// The SSRF guard's pure half: how URL hosts in every numeric disguise are read, why each
// non-public address is refused, and what the operator's allow-list lets through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nonPublicReason, parseHostAddress } from '../../src/fetch/index.ts';
import { isAllowed, parseAllowList } from '../../src/fetch/guard.ts';

/** [host as written in a URL, the address it denotes, why it is refused (null = public)]. */
const FORMS: [string, string, RegExp | null][] = [
  // loopback in every numeric form the WHATWG URL parser and inet_aton accept
  ['127.0.0.1', '127.0.0.1', /^loopback$/],
  ['2130706433', '127.0.0.1', /^loopback$/],
  ['0x7f.1', '127.0.0.1', /^loopback$/],
  ['017700000001', '127.0.0.1', /^loopback$/],
  ['127.1', '127.0.0.1', /^loopback$/],
  ['127.0.1', '127.0.0.1', /^loopback$/],
  ['0177.0.0.1', '127.0.0.1', /^loopback$/],
  ['0000000177.0.0.1', '127.0.0.1', /^loopback$/],
  ['0x7f000001', '127.0.0.1', /^loopback$/],
  ['0x7f.0x0.0x0.0x1', '127.0.0.1', /^loopback$/],
  ['127.0.0.1.', '127.0.0.1', /^loopback$/],
  ['127.255.255.254', '127.255.255.254', /^loopback$/],
  ['[::1]', '::1', /^loopback$/],
  ['[0:0:0:0:0:0:0:1]', '::1', /^loopback$/],
  // unspecified
  ['0', '0.0.0.0', /unspecified/],
  ['0.0.0.0', '0.0.0.0', /unspecified/],
  ['[::]', '::', /unspecified/],
  // IPv4-mapped / -compatible / NAT64 / 6to4 disguises
  ['[::ffff:7f00:1]', '::ffff:7f00:1', /IPv4-mapped IPv6 \(127\.0\.0\.1\) form of a loopback/],
  ['[::ffff:127.0.0.1]', '::ffff:7f00:1', /IPv4-mapped IPv6 \(127\.0\.0\.1\)/],
  ['[0:0:0:0:0:ffff:127.0.0.1]', '::ffff:7f00:1', /IPv4-mapped/],
  ['[::ffff:a9fe:a9fe]', '::ffff:a9fe:a9fe', /IPv4-mapped IPv6 \(169\.254\.169\.254\) form of a link-local/],
  ['[::ffff:808:808]', '::ffff:808:808', /IPv4-mapped IPv6 \(8\.8\.8\.8\)$/],
  ['[::127.0.0.1]', '::7f00:1', /IPv4-compatible .* loopback/],
  ['[::ffff:0:7f00:1]', '::ffff:0:7f00:1', /reserved \(::\/8\)/],
  ['[64:ff9b::7f00:1]', '64:ff9b::7f00:1', /NAT64 form of a loopback, carrying 127\.0\.0\.1/],
  ['[64:ff9b::a00:1]', '64:ff9b::a00:1', /NAT64 form of a private/],
  ['[64:ff9b::808:808]', '64:ff9b::808:808', null],
  ['[64:ff9b:1::1]', '64:ff9b:1::1', /local-use NAT64/],
  ['[2002:7f00:1::]', '2002:7f00:1::', /6to4 form of a loopback/],
  ['[2002:c0a8:101::1]', '2002:c0a8:101::1', /6to4 form of a private/],
  // RFC 1918 private, in plain and numeric forms
  ['10.1.2.3', '10.1.2.3', /private \(RFC 1918\)/],
  ['0xa.1.2.3', '10.1.2.3', /private/],
  ['167772161', '10.0.0.1', /private/],
  ['172.16.0.1', '172.16.0.1', /private/],
  ['172.31.255.255', '172.31.255.255', /private/],
  ['192.168.0.1', '192.168.0.1', /private/],
  ['3232235521', '192.168.0.1', /private/],
  ['0300.0250.0.1', '192.168.0.1', /private/],
  // link-local, the cloud metadata address above all
  ['169.254.169.254', '169.254.169.254', /link-local/],
  ['0xa9fea9fe', '169.254.169.254', /link-local/],
  ['2852039166', '169.254.169.254', /link-local/],
  ['0251.0376.0251.0376', '169.254.169.254', /link-local/],
  ['[fe80::1]', 'fe80::1', /link-local/],
  ['[febf::1]', 'febf::1', /link-local/],
  // the other special-purpose ranges
  ['100.64.0.1', '100.64.0.1', /carrier-grade NAT/],
  ['100.127.255.255', '100.127.255.255', /carrier-grade NAT/],
  ['224.0.0.1', '224.0.0.1', /multicast/],
  ['239.255.255.250', '239.255.255.250', /multicast/],
  ['255.255.255.255', '255.255.255.255', /broadcast/],
  ['4294967295', '255.255.255.255', /broadcast/],
  ['240.0.0.1', '240.0.0.1', /reserved \(240\/4\)/],
  ['198.18.0.1', '198.18.0.1', /benchmarking/],
  ['198.19.255.255', '198.19.255.255', /benchmarking/],
  ['192.0.2.1', '192.0.2.1', /documentation/],
  ['198.51.100.2', '198.51.100.2', /documentation/],
  ['203.0.113.3', '203.0.113.3', /documentation/],
  ['192.0.0.8', '192.0.0.8', /IETF protocol/],
  ['[fc00::1]', 'fc00::1', /unique-local/],
  ['[fd12:3456::1]', 'fd12:3456::1', /unique-local/],
  ['[fec0::1]', 'fec0::1', /site-local/],
  ['[ff02::1]', 'ff02::1', /multicast/],
  ['[2001:db8::1]', '2001:db8::1', /documentation/],
  ['[2001::1]', '2001::1', /Teredo/],
  ['[100::1]', '100::1', /discard-only/],
  // public: must pass
  ['8.8.8.8', '8.8.8.8', null],
  ['134744072', '8.8.8.8', null],
  ['1.1.1.1', '1.1.1.1', null],
  ['172.32.0.1', '172.32.0.1', null],
  ['100.128.0.1', '100.128.0.1', null],
  ['198.20.0.1', '198.20.0.1', null],
  ['[2606:4700:4700::1111]', '2606:4700:4700::1111', null],
  ['[2a00:1450:4001:82b::200e]', '2a00:1450:4001:82b::200e', null],
];

test(`SSRF guard: ${FORMS.length} host forms are read the way the WHATWG URL parser reads them, and judged`, () => {
  assert.ok(FORMS.filter(([, , r]) => r).length >= 30, 'at least 30 refused forms');
  for (const [host, address, reason] of FORMS) {
    // Our own reading of the host, as inet_aton/WHATWG would…
    const ours = parseHostAddress(host);
    assert.equal(ours, address, `parseHostAddress(${host})`);
    // …agrees with what the URL parser hands the fetcher (it sees URLs only after that).
    const fromUrl = parseHostAddress(new URL(`http://${host}/`).hostname);
    assert.equal(fromUrl, address, `new URL(http://${host}/).hostname`);
    const why = nonPublicReason(address);
    if (reason) assert.match(why ?? '(public)', reason, host);
    else assert.equal(why, null, host);
  }
});

test('host names are not addresses; numeric-looking hosts that overflow are invalid, not names', () => {
  for (const name of ['example.com', 'news.example.co.uk', '1.example', 'localhost', 'xn--bcher-kva.example']) {
    assert.equal(parseHostAddress(name), null, name);
  }
  for (const bad of ['256.1.1.1', '1.2.3.4.5', '0x100.1.1.1', '4294967296', '1.16777216', '08.0.0.1', 'x127.0.0.1', '0x7g.1']) {
    assert.equal(parseHostAddress(bad), 'invalid', bad);
    // The URL parser refuses them too: nothing reaches the network as a "name".
    assert.throws(() => new URL(`http://${bad}/`), TypeError, bad);
  }
});

test('nonPublicReason: anything that is not an address is "unparseable", never public', () => {
  assert.equal(nonPublicReason('example.com'), 'unparseable');
  assert.equal(nonPublicReason(''), 'unparseable');
  assert.equal(nonPublicReason('fe80::1%eth0'), 'link-local');
});

test('allow-list: hosts, addresses and CIDRs; mapped addresses match their IPv4 rule; typos are reported', () => {
  const list = parseAllowList(['feeds.internal', '127.0.0.1', '10.0.0.0/8', '[fd00::]/8', ' ']);
  assert.ok(isAllowed(list, 'feeds.internal', '192.168.1.1'), 'an allowed host name reaches whatever it resolves to');
  assert.ok(isAllowed(list, 'FEEDS.internal.', '192.168.1.1'), 'case and the root dot do not matter');
  assert.ok(isAllowed(list, 'x.test', '127.0.0.1'));
  assert.ok(!isAllowed(list, 'x.test', '127.0.0.2'), '127.0.0.1 alone is a /32');
  assert.ok(isAllowed(list, 'x.test', '10.200.3.4'));
  assert.ok(!isAllowed(list, 'x.test', '11.0.0.1'));
  assert.ok(isAllowed(list, 'x.test', 'fd12::1'));
  assert.ok(!isAllowed(list, 'x.test', 'fe80::1'));
  assert.ok(isAllowed(list, 'x.test', '::ffff:7f00:1'), 'the mapped form of an allowed IPv4 address');
  assert.ok(!isAllowed(list, 'other.internal', '192.168.1.1'));
  assert.ok(isAllowed(parseAllowList(['*']), 'any', '169.254.169.254'));
  assert.throws(() => parseAllowList(['10.0.0.0/33']), /prefix length must be 0–32/);
  assert.throws(() => parseAllowList(['10.0.0.0/x']), /prefix length/);
  assert.throws(() => parseAllowList(['intranet/8']), /neither a host name nor an address\/CIDR/);
  assert.throws(() => parseAllowList(['300.1.1.1']), /neither a host name/);
});
