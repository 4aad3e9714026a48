import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { AllowList, allowHostsFromEnv, classifyAddress, isMetadataHost } from './address-policy.js';
import { thrownError } from '../model/errors.testkit.js';

// [address, expected class]; null means a public address that may be fetched.
const CASES: Array<[string, ReturnType<typeof classifyAddress>]> = [
  ['8.8.8.8', null],
  ['93.184.216.34', null],
  ['1.1.1.1', null],
  ['100.63.255.255', null],
  ['100.128.0.0', null],
  ['172.15.255.255', null],
  ['172.32.0.0', null],
  ['192.169.0.1', null],
  ['11.0.0.1', null],
  ['223.255.255.255', null],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['100.127.255.255', 'carrier-grade NAT'],
  ['169.254.0.1', 'link-local'],
  ['169.254.169.254', 'cloud metadata'],
  ['169.254.170.2', 'cloud metadata'],
  ['100.100.100.200', 'cloud metadata'],
  ['168.63.129.16', 'cloud metadata'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'reserved'],
  ['192.0.2.1', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['2606:4700:4700::1111', null],
  ['2001:4860:4860::8888', null],
  ['2a00:1450:4007:80e::200e', null],
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['[::1]', 'loopback'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['0:0:0:0:0:ffff:7f00:0001', 'loopback'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:169.254.169.254', 'cloud metadata'],
  ['::ffff:8.8.8.8', null],
  ['::127.0.0.1', 'loopback'],
  ['::0.0.0.0', 'unspecified'],
  ['64:ff9b::a9fe:a9fe', 'cloud metadata'],
  ['64:ff9b::8.8.8.8', null],
  ['64:ff9b:1::1', 'private'],
  ['2002:7f00:1::', 'loopback'],
  ['2002:c0a8:101::1', 'private'],
  ['2002:0808:0808::1', null],
  ['fc00::1', 'private'],
  ['fd12:3456:789a::1', 'private'],
  ['fd00:ec2::254', 'cloud metadata'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['febf:ffff::1', 'link-local'],
  ['fec0::1', 'private'],
  ['ff02::1', 'multicast'],
  ['ff05::1:3', 'multicast'],
  ['2001:db8::1', 'reserved'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
  ['100::1', 'reserved'],
  ['4000::1', 'reserved'],
];

describe('classifyAddress', () => {
  for (const [address, expected] of CASES) {
    it(`${address} → ${expected ?? 'public'}`, () => assert.equal(classifyAddress(address), expected));
  }

  it('throws on something that is not an IP address', () => {
    assert.throws(() => classifyAddress('example.org'));
    assert.throws(() => classifyAddress('1.2.3.256'));
  });
});

describe('isMetadataHost', () => {
  for (const [host, expected] of [
    ['metadata.google.internal', true],
    ['METADATA.google.internal.', true],
    ['metadata.goog', true],
    ['metadata.google.internal.example.org', false],
    ['www.hespress.com', false],
  ] as const) {
    it(`${host} → ${expected}`, () => assert.equal(isMetadataHost(host), expected));
  }
});

describe('AllowList', () => {
  const list = new AllowList(['127.0.0.1', '10.0.0.0/8', 'fd00::/8', 'Intranet.Example', '.corp.example', '[::1]']);
  // [question, expected]
  const cases: Array<[string, boolean, (l: AllowList) => boolean]> = [
    ['address 127.0.0.1', true, (l) => l.allowsAddress('127.0.0.1')],
    ['address 127.0.0.2', false, (l) => l.allowsAddress('127.0.0.2')],
    ['mapped ::ffff:127.0.0.1 by its IPv4 entry', true, (l) => l.allowsAddress('::ffff:127.0.0.1')],
    ['address 10.200.3.4 in 10.0.0.0/8', true, (l) => l.allowsAddress('10.200.3.4')],
    ['address 11.0.0.1 outside 10.0.0.0/8', false, (l) => l.allowsAddress('11.0.0.1')],
    ['address fd12::5 in fd00::/8', true, (l) => l.allowsAddress('fd12::5')],
    ['address fe80::1 outside fd00::/8', false, (l) => l.allowsAddress('fe80::1')],
    ['address ::1', true, (l) => l.allowsAddress('::1')],
    ['host intranet.example (case-insensitive)', true, (l) => l.allowsHost('INTRANET.example.')],
    ['host www.intranet.example (no implicit subdomains)', false, (l) => l.allowsHost('www.intranet.example')],
    ['host a.b.corp.example under .corp.example', true, (l) => l.allowsHost('a.b.corp.example')],
    ['host corp.example itself under .corp.example', true, (l) => l.allowsHost('corp.example')],
    ['host notcorp.example', false, (l) => l.allowsHost('notcorp.example')],
    ['IP-literal host 10.1.1.1', true, (l) => l.allowsHost('10.1.1.1')],
    ['an empty list allows nothing', false, () => new AllowList([]).allowsAddress('127.0.0.1')],
  ];
  for (const [question, expected, ask] of cases) {
    it(`${question} → ${expected}`, () => assert.equal(ask(list), expected));
  }

  it('refuses an entry that is neither a host, an address nor a block, naming it', () => {
    for (const bad of ['10.0.0.0/33', 'http://x', 'a b', '::1/129', '1.2.3.4/8/9']) {
      const err = thrownError(() => new AllowList([bad]));
      assert.equal(err.code, 'BAD_ARGUMENT', bad);
      assert.ok(err.message.includes(bad), err.message);
    }
  });

  it('reads MARSAD_ALLOW_HOSTS, comma- or space-separated, before the given entries', () => {
    assert.deepEqual(allowHostsFromEnv(['x.example'], { MARSAD_ALLOW_HOSTS: '127.0.0.1, 10.0.0.0/8 y.example' }), ['127.0.0.1', '10.0.0.0/8', 'y.example', 'x.example']);
    assert.deepEqual(allowHostsFromEnv([], {}), []);
  });
});
