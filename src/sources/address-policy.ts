import { isIP } from 'node:net';

import { MarsadError } from '../model/errors.js';

/**
 * Which network addresses a fetch of a user-supplied URL may reach. Marsad fetches URLs that
 * arrive over the API, so a URL must not become a way into the machine's own services, the
 * local network or a cloud metadata endpoint (server-side request forgery). Everything that
 * is not a public unicast address is refused unless the operator allow-lists it.
 */

/** Why an address is refused; null means it is a public address. */
export type AddressClass =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'carrier-grade NAT'
  | 'link-local'
  | 'cloud metadata'
  | 'multicast'
  | 'reserved';

/** Host names that cloud platforms answer with instance credentials, whatever they resolve to. */
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

interface V4Range {
  base: number;
  bits: number;
  kind: AddressClass;
}

// Order matters: the first matching range names the class, so the metadata hosts come before
// the link-local and CGNAT ranges that contain them.
const V4_RANGES: V4Range[] = [
  v4('169.254.169.254', 32, 'cloud metadata'), // AWS, GCP, Azure, OpenStack instance metadata
  v4('169.254.170.2', 32, 'cloud metadata'), // AWS ECS task credentials
  v4('100.100.100.200', 32, 'cloud metadata'), // Alibaba Cloud
  v4('168.63.129.16', 32, 'cloud metadata'), // Azure host platform (public block, but the host's own agent)
  v4('0.0.0.0', 8, 'unspecified'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'carrier-grade NAT'),
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'), // IETF protocol assignments
  v4('192.0.2.0', 24, 'reserved'), // documentation
  v4('192.88.99.0', 24, 'reserved'), // deprecated 6to4 relay anycast
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'reserved'), // benchmarking
  v4('198.51.100.0', 24, 'reserved'), // documentation
  v4('203.0.113.0', 24, 'reserved'), // documentation
  v4('224.0.0.0', 4, 'multicast'),
  v4('240.0.0.0', 4, 'reserved'), // includes the broadcast address 255.255.255.255
];

function v4(address: string, bits: number, kind: AddressClass): V4Range {
  return { base: ipv4ToInt(address)!, bits, kind };
}

function ipv4ToInt(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

function inV4Range(n: number, base: number, bits: number): boolean {
  if (bits === 0) return true;
  const mask = bits === 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
  return ((n & mask) >>> 0) === ((base & mask) >>> 0);
}

/** The eight 16-bit groups of an IPv6 address (zone id dropped), or null if it is not one. */
function parseIPv6(address: string): number[] | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIP(bare) !== 6) return null;
  let text = bare;
  const groups: number[] = [];
  // A trailing dotted quad (::ffff:1.2.3.4) stands for the last two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let tail: number[] = [];
  if (dotted) {
    const n = ipv4ToInt(dotted[1]!);
    if (n === null) return null;
    tail = [n >>> 16, n & 0xffff];
    text = text.slice(0, -dotted[1]!.length);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const parse = (s: string) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const missing = 8 - left.length - right.length - tail.length;
  if (rest === undefined && missing !== 0) return null;
  groups.push(...left, ...new Array<number>(Math.max(missing, 0)).fill(0), ...right, ...tail);
  return groups.length === 8 ? groups : null;
}

function v4FromGroups(hi: number, lo: number): string {
  return [hi >>> 8, hi & 0xff, lo >>> 8, lo & 0xff].join('.');
}

/**
 * The IPv4 address an IPv6 address stands for, when it embeds one in a way that reaches that
 * IPv4 host: IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96)
 * and 6to4 (2002:AABB:CCDD::/48).
 */
function embeddedIPv4(g: number[]): string | null {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return v4FromGroups(g[6]!, g[7]!);
  if (zeros(0, 6) && (g[6] !== 0 || g[7]! > 1)) return v4FromGroups(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4FromGroups(g[6]!, g[7]!);
  if (g[0] === 0x2002) return v4FromGroups(g[1]!, g[2]!);
  return null;
}

function classifyIPv6(g: number[]): AddressClass | null {
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  const embedded = embeddedIPv4(g);
  if (embedded) return classifyAddress(embedded);
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254) return 'cloud metadata';
  const first = g[0]!;
  if ((first & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local
  if ((first & 0xff00) === 0xff00) return 'multicast';
  if (first === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'private'; // local-use NAT64 (RFC 8215)
  if (first === 0x2001 && g[1] === 0x0db8) return 'reserved'; // documentation
  if (first === 0x2001 && g[1] === 0) return 'reserved'; // Teredo: tunnels to an address it hides
  // Only 2000::/3 is global unicast; everything else is reserved or special-purpose.
  if ((first & 0xe000) !== 0x2000) return 'reserved';
  return null;
}

/**
 * Classifies an IP address (v4 or v6, any textual form Node accepts); null for a public
 * unicast address, otherwise the kind of non-public address it is.
 *
 * @example classifyAddress('10.1.2.3') // 'private'
 * @example classifyAddress('::ffff:127.0.0.1') // 'loopback'
 * @example classifyAddress('93.184.216.34') // null
 */
export function classifyAddress(address: string): AddressClass | null {
  const n = ipv4ToInt(address);
  if (n !== null) return V4_RANGES.find((r) => inV4Range(n, r.base, r.bits))?.kind ?? null;
  const groups = parseIPv6(address);
  if (!groups) throw new Error(`not an IP address: ${address}`);
  return classifyIPv6(groups);
}

/** True for a host name known to serve cloud instance metadata. */
export function isMetadataHost(hostname: string): boolean {
  return METADATA_HOSTS.has(hostname.toLowerCase().replace(/\.$/, ''));
}

interface AllowedNet {
  family: 4 | 6;
  groups: number[]; // v4: one 32-bit number; v6: eight 16-bit groups
  bits: number;
}

/**
 * The operator's exceptions: host names (exact, case-insensitive; `.example.org` also covers
 * its subdomains), IP addresses and CIDR blocks.
 *
 * @example new AllowList(['127.0.0.1', 'intranet.example', '10.0.0.0/8']).allowsAddress('10.2.3.4') // true
 */
export class AllowList {
  private readonly names: string[] = [];
  private readonly nets: AllowedNet[] = [];

  /** Throws BAD_ARGUMENT naming an entry that is neither a host name, an address nor a CIDR block. */
  constructor(entries: Iterable<string> = []) {
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase().replace(/^\[|\]$/g, '');
      if (!entry) continue;
      const net = parseNet(entry);
      if (net) this.nets.push(net);
      else if (/^\.?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/.test(entry)) {
        this.names.push(entry.replace(/\.$/, ''));
      } else {
        throw new MarsadError('BAD_ARGUMENT', `"${raw}" as an allowed host (want a host name, an IP address or a CIDR block such as 10.0.0.0/8)`, '--allow-host');
      }
    }
  }

  get size(): number {
    return this.names.length + this.nets.length;
  }

  /** True when the URL's host name itself is allow-listed (then any address it resolves to is). */
  allowsHost(hostname: string): boolean {
    const h = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
    if (this.names.some((n) => (n.startsWith('.') ? h.endsWith(n) || h === n.slice(1) : h === n))) return true;
    return isIP(h) !== 0 && this.allowsAddress(h);
  }

  /** True when a resolved address falls in an allowed address or block. */
  allowsAddress(address: string): boolean {
    const n = ipv4ToInt(address);
    const g = n === null ? parseIPv6(address) : null;
    // An IPv4-mapped IPv6 address is allowed by the IPv4 entry it maps.
    const mapped = g && g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff ? ipv4ToInt(v4FromGroups(g[6]!, g[7]!)) : null;
    const v4n = n ?? mapped;
    return this.nets.some((net) => {
      if (net.family === 4) return v4n !== null && inV4Range(v4n, net.groups[0]!, net.bits);
      if (!g) return false;
      for (let i = 0, bits = net.bits; bits > 0; i++, bits -= 16) {
        const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
        if ((g[i]! & mask) !== (net.groups[i]! & mask)) return false;
      }
      return true;
    });
  }
}

function parseNet(entry: string): AllowedNet | null {
  const [addr, prefix, extra] = entry.split('/');
  if (extra !== undefined || !addr) return null;
  const n = ipv4ToInt(addr);
  if (n !== null) {
    const bits = prefix === undefined ? 32 : Number(prefix);
    if (!/^\d+$/.test(prefix ?? '32') || bits > 32) return null;
    return { family: 4, groups: [n], bits };
  }
  const g = parseIPv6(addr);
  if (!g) return null;
  const bits = prefix === undefined ? 128 : Number(prefix);
  if (!/^\d+$/.test(prefix ?? '128') || bits > 128) return null;
  return { family: 6, groups: g, bits };
}

/**
 * Entries of MARSAD_ALLOW_HOSTS (comma- or space-separated) followed by the given ones.
 * @example allowHostsFromEnv(['127.0.0.1'], { MARSAD_ALLOW_HOSTS: '10.0.0.0/8' }) // ['10.0.0.0/8', '127.0.0.1']
 */
export function allowHostsFromEnv(extra: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = (env.MARSAD_ALLOW_HOSTS ?? '').split(/[\s,]+/).filter(Boolean);
  return [...fromEnv, ...extra];
}
