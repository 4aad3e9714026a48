import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

import { Agent, buildConnector } from 'undici';

import { type AddressClass, type AllowList, classifyAddress, isMetadataHost } from './address-policy.js';

/**
 * Raised at connect time when every address a host resolves to is refused. The fetcher turns
 * it into FETCH_FORBIDDEN_ADDRESS naming the URL; it carries what that message needs.
 */
export class ForbiddenAddressError extends Error {
  constructor(
    readonly hostname: string,
    /** The refused address, or the host name itself for a metadata host refused by name. */
    readonly address: string,
    readonly kind: AddressClass,
  ) {
    super(`${hostname} resolves to ${address} (${kind}), which Marsad does not fetch from`);
    this.name = 'ForbiddenAddressError';
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The shape of `dns.lookup` that `net.connect` calls; tests inject their own resolver. */
export type LookupFunction = (
  hostname: string,
  options: { family?: number | string; hints?: number; all?: boolean },
  callback: LookupCallback,
) => void;

const systemLookup: LookupFunction = (hostname, options, callback) =>
  dnsLookup(hostname, { ...options, family: normaliseFamily(options.family), all: true }, (err, addresses) =>
    callback(err, addresses ?? []),
  );

function normaliseFamily(family: number | string | undefined): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

/**
 * A `lookup` for `net.connect` that drops every resolved address the policy refuses. It runs
 * for each new connection, after DNS, so a name that resolves to a public address when checked
 * and to 127.0.0.1 when connecting (DNS rebinding) is still refused.
 *
 * @example net.connect({ host: 'example.org', port: 80, lookup: guardedLookup(new AllowList()) })
 */
export function guardedLookup(allow: AllowList, resolve: LookupFunction = systemLookup): LookupFunction {
  return (hostname, options, callback) => {
    if (isMetadataHost(hostname) && !allow.allowsHost(hostname)) {
      process.nextTick(callback, new ForbiddenAddressError(hostname, hostname, 'cloud metadata'), []);
      return;
    }
    resolve(hostname, { ...options, all: true }, (err, found) => {
      if (err) return callback(err, []);
      const addresses = Array.isArray(found) ? found : [{ address: found, family: isIP(found) }];
      const hostAllowed = allow.allowsHost(hostname);
      const kept = addresses.filter((a) => hostAllowed || classifyAddress(a.address) === null || allow.allowsAddress(a.address));
      if (kept.length === 0) {
        const first = addresses[0];
        if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
        return callback(new ForbiddenAddressError(hostname, first.address, classifyAddress(first.address)!), []);
      }
      if (options.all) callback(null, kept);
      else callback(null, kept[0]!.address, kept[0]!.family);
    });
  };
}

/**
 * An undici connector that applies the address policy to every connection: host names through
 * `guardedLookup`, IP literals (which `net.connect` never looks up) directly.
 *
 * @example new Agent({ connect: guardedConnector(new AllowList(['127.0.0.1'])) })
 */
export function guardedConnector(allow: AllowList, resolve?: LookupFunction, timeoutMs?: number): buildConnector.connector {
  const base = buildConnector({ lookup: guardedLookup(allow, resolve) as never, ...(timeoutMs ? { timeout: timeoutMs } : {}) });
  return (options, callback) => {
    const host = options.hostname;
    if (isIP(host) !== 0) {
      const kind = classifyAddress(host);
      if (kind && !allow.allowsAddress(host)) {
        process.nextTick(() => callback(new ForbiddenAddressError(host, host, kind), null));
        return;
      }
    }
    base(options, callback);
  };
}

/**
 * The HTTP dispatcher the fetcher sends every request through, redirects included.
 * @example await fetch(url, { dispatcher: guardedAgent(new AllowList()) })
 */
export function guardedAgent(allow: AllowList, resolve?: LookupFunction, connectTimeoutMs?: number): Agent {
  return new Agent({ connect: guardedConnector(allow, resolve, connectTimeoutMs) });
}

/** The policy refusal inside an error thrown by fetch (it wraps the connect error as its cause). */
export function forbiddenAddressIn(err: unknown): ForbiddenAddressError | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof ForbiddenAddressError) return e;
  }
  return null;
}
