import { gunzipSync } from 'node:zlib';

import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { MarsadError } from '../model/errors.js';
import { decodeBytes } from './decode.js';
import { DEFAULT_MAX_BYTES, formatBytes } from './files.js';

export type FeedKind = 'rss' | 'atom' | 'sitemap' | 'sitemapindex';

/** URLs a feed or sitemap lists: article pages, or child sitemaps for a sitemap index. */
export interface FeedLinks {
  kind: FeedKind;
  urls: string[];
}

/** Root elements (namespace prefix removed) we understand. RSS 1.0 is `rdf:RDF`. */
const ROOTS: Record<string, FeedKind> = { rss: 'rss', RDF: 'rss', feed: 'atom', urlset: 'sitemap', sitemapindex: 'sitemapindex' };
const REPEATED = new Set(['item', 'entry', 'url', 'sitemap', 'link']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

/**
 * Reads an RSS 2.0/1.0, Atom, sitemap or sitemap-index document and lists its URLs,
 * resolved against `baseUrl`, http(s) only, de-duplicated in document order. Gzip input
 * is decompressed first. Returns null for anything else (an HTML page, other XML), but
 * throws FEED_NOT_XML when the document claims to be a feed — by its root element, an XML
 * Content-Type, or a .xml/.rss/.atom URL — and is not well-formed XML.
 *
 * @example
 * parseFeedOrSitemap('<urlset><url><loc>/a.html</loc></url></urlset>', 'https://x.ma/sitemap.xml')
 * // { kind: 'sitemap', urls: ['https://x.ma/a.html'] }
 */
export function parseFeedOrSitemap(
  bytes: Uint8Array | string,
  baseUrl: string,
  contentType: string | null = null,
): FeedLinks | null {
  const text = typeof bytes === 'string' ? bytes.replace(/^\uFEFF/, '') : decodeBytes(gunzipIfNeeded(bytes, baseUrl), contentType).text;
  const root = rootElementName(text);
  const known = root !== null && root in ROOTS;
  if (!known && !claimsToBeXml(baseUrl, contentType)) return null;

  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    if (!known && root !== null && /^html$/i.test(root)) return null; // an HTML page at a .xml URL: not our business
    const where = valid.err.line ? ` at line ${valid.err.line}` : '';
    throw new MarsadError('FEED_NOT_XML', `malformed XML${where} (${valid.err.msg})`, baseUrl);
  }
  if (!known) return null;

  const doc = parser.parse(text) as Record<string, unknown>;
  const rootKey = Object.keys(doc).find((k) => k in ROOTS);
  if (!rootKey) return null;
  const kind = ROOTS[rootKey]!;
  const node = asObject(doc[rootKey]);
  const raw: string[] = [];
  if (kind === 'rss') {
    const channel = asObject(node['channel']);
    // RSS 2.0 nests items in <channel>; RSS 1.0 puts them beside it.
    for (const item of [...asArray(channel['item']), ...asArray(node['item'])]) raw.push(...rssItemLink(asObject(item)));
  } else if (kind === 'atom') {
    for (const entry of asArray(node['entry'])) raw.push(...atomEntryLink(asObject(entry)));
  } else {
    const key = kind === 'sitemap' ? 'url' : 'sitemap';
    for (const entry of asArray(node[key])) {
      const loc = textOf(asObject(entry)['loc']);
      if (loc) raw.push(loc);
    }
  }
  return { kind, urls: resolveAll(raw, baseUrl) };
}

function rssItemLink(item: Record<string, unknown>): string[] {
  for (const link of asArray(item['link'])) {
    // Items may also carry <atom:link href=…>, which arrives here as an object with @_href.
    const href = typeof link === 'object' && link !== null ? attr(link, 'href') ?? textOf(link) : textOf(link);
    if (href) return [href];
  }
  const guid = item['guid'];
  const guidText = textOf(guid);
  const permaLink = typeof guid === 'object' && guid !== null ? attr(guid, 'isPermaLink') : null;
  if (guidText && permaLink?.toLowerCase() !== 'false' && /^https?:\/\//i.test(guidText)) return [guidText];
  return [];
}

function atomEntryLink(entry: Record<string, unknown>): string[] {
  const links = asArray(entry['link']).map(asObject);
  const alternate = links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate' && attr(l, 'href'));
  const href = alternate ? attr(alternate, 'href') : null;
  if (href) return [href];
  const id = textOf(entry['id']);
  return id && /^https?:\/\//i.test(id) ? [id] : [];
}

function resolveAll(raw: string[], baseUrl: string): string[] {
  const seen = new Set<string>();
  for (const value of raw) {
    try {
      const url = new URL(value.trim(), baseUrl);
      if (url.protocol === 'http:' || url.protocol === 'https:') seen.add(url.href);
    } catch {
      // A malformed link in one item should not lose the rest of the feed.
    }
  }
  return [...seen];
}

function gunzipIfNeeded(bytes: Uint8Array, input: string): Uint8Array {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: DEFAULT_MAX_BYTES * 5 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new MarsadError('INPUT_TOO_LARGE', `more than ${formatBytes(DEFAULT_MAX_BYTES * 5)} once decompressed`, input);
    }
    throw new MarsadError('FEED_NOT_XML', `corrupt gzip data (${(err as Error).message})`, input, { cause: err });
  }
}

/** Name of the first element, skipping the XML declaration, comments, doctype and processing instructions. */
function rootElementName(text: string): string | null {
  const m = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*<([A-Za-z_][\w.:-]*)/i.exec(text.slice(0, 65536));
  if (!m) return null;
  const name = m[1]!;
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

function claimsToBeXml(baseUrl: string, contentType: string | null): boolean {
  const type = contentType?.split(';')[0]!.trim().toLowerCase();
  if (type) return type.endsWith('/xml') || type.endsWith('+xml');
  let path = baseUrl;
  try {
    path = new URL(baseUrl).pathname;
  } catch {
    // a local path: use it as is
  }
  return /\.(xml|rss|atom)(\.gz)?$/i.test(path);
}

function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function attr(node: unknown, name: string): string | null {
  const value = asObject(node)[`@_${name}`];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function textOf(node: unknown): string | null {
  if (typeof node === 'string') return node.trim() || null;
  if (typeof node === 'number') return String(node);
  const text = asObject(node)['#text'];
  return typeof text === 'string' && text.trim() ? text.trim() : null;
}
