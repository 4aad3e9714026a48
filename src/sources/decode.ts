import chardet from 'chardet';
import iconv from 'iconv-lite';

import type { Page, PageKind } from '../model/article.js';
import { MarsadError } from '../model/errors.js';

/** How far into a document a `<meta charset>` or XML declaration may appear (as HTML5 prescribes, roughly). */
const PRESCAN_BYTES = 4096;
/** Bytes inspected when deciding whether a file is binary: enough to see through any header. */
const BINARY_SNIFF_BYTES = 8192;

/** Magic numbers of formats people mistakenly pass as pages. */
const MAGIC: ReadonlyArray<{ name: string; offset: number; bytes: number[] }> = [
  { name: 'a PNG image', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'a JPEG image', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', offset: 0, bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'a WebP image', offset: 8, bytes: [0x57, 0x45, 0x42, 0x50] },
  { name: 'a PDF document', offset: 0, bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'a ZIP archive (or Office document)', offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'gzip-compressed data', offset: 0, bytes: [0x1f, 0x8b] },
  { name: 'a 7-Zip archive', offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'an RAR archive', offset: 0, bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { name: 'an ELF executable', offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'an MP4/MOV video', offset: 4, bytes: [0x66, 0x74, 0x79, 0x70] },
  { name: 'an SQLite database', offset: 0, bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66] },
];

/**
 * Labels meaning "Western single-byte" that servers send by default (Apache, IIS, old CMSes)
 * whatever the page is really in; a declaration of one of these is the least trustworthy.
 */
const WESTERN_DEFAULTS = new Set(['windows-1252']);
const ARABIC_SINGLE_BYTE = ['windows-1256', 'iso-8859-6'] as const;

/** Result of turning bytes into text. */
export interface DecodedText {
  text: string;
  /** Canonical lowercase label actually used ("utf-8", "windows-1256", …). */
  encoding: string;
}

/**
 * Turns raw page bytes into a `Page`: detects the encoding, rejects empty and binary input,
 * strips a BOM and normalises line ends to LF.
 *
 * @example
 * const page = decodePage(iconv.encode('<p>خبر عاجل</p>', 'windows-1256'), { source: 'a.html' });
 * page.encoding // 'windows-1256'; page.content // '<p>خبر عاجل</p>'; page.kind // 'html'
 */
export function decodePage(
  bytes: Uint8Array,
  meta: { source: string; url?: string | null; contentType?: string | null; fetchedAt?: string },
): Page {
  assertTextual(bytes, meta.source);
  const { text, encoding } = decodeBytes(bytes, meta.contentType ?? null);
  const content = text.replace(/\r\n?/g, '\n');
  return {
    source: meta.source,
    url: meta.url ?? null,
    bytes,
    content,
    kind: pageKind(content, meta.contentType ?? null),
    encoding,
    contentType: meta.contentType ?? null,
    fetchedAt: meta.fetchedAt ?? new Date().toISOString(),
  };
}

/**
 * Throws INPUT_EMPTY or INPUT_BINARY when the bytes cannot be a page.
 * @example assertTextual(new Uint8Array(0), 'a.html') // throws INPUT_EMPTY
 */
export function assertTextual(bytes: Uint8Array, input: string): void {
  if (bytes.length === 0) throw new MarsadError('INPUT_EMPTY', '0 bytes', input);
  const bom = bomEncoding(bytes);
  if (!bom || bom.encoding === 'utf-8') {
    const magic = MAGIC.find((m) => m.bytes.every((b, i) => bytes[m.offset + i] === b));
    if (magic) throw new MarsadError('INPUT_BINARY', magic.name, input);
  }
  // UTF-16 text is full of NULs by design; its BOM already told us what it is.
  if (bom && bom.encoding !== 'utf-8') {
    if (iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), bom.encoding).trim() === '') {
      throw new MarsadError('INPUT_EMPTY', 'only whitespace', input);
    }
    return;
  }
  const n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) throw new MarsadError('INPUT_BINARY', 'NUL bytes, so binary data', input);
    // TAB, LF, VT, FF, CR and ESC (ISO-2022) legitimately occur in text.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
  }
  if (control / n > 0.05) {
    throw new MarsadError('INPUT_BINARY', `${Math.round((100 * control) / n)}% control characters, so binary data`, input);
  }
  let start = bom ? bom.length : 0;
  while (start < bytes.length && isAsciiSpace(bytes[start]!)) start++;
  if (start === bytes.length) throw new MarsadError('INPUT_EMPTY', 'only whitespace', input);
}

/**
 * Decodes bytes to text. Order of evidence: BOM, then the declared charset (HTTP header,
 * then `<meta>` / XML declaration) unless the bytes contradict it, then a statistical guess.
 * The BOM is not part of the returned text.
 *
 * @example decodeBytes(iconv.encode('مرحبا', 'iso-8859-6'), 'text/html; charset=iso-8859-6').text // 'مرحبا'
 */
export function decodeBytes(bytes: Uint8Array, contentType: string | null = null): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = bomEncoding(bytes);
  if (bom) return { text: iconv.decode(buf.subarray(bom.length), bom.encoding, { stripBOM: true }), encoding: bom.encoding };

  const encoding = chooseEncoding(buf, [charsetFromContentType(contentType), charsetFromMarkup(buf)]);
  return { text: iconv.decode(buf, encoding, { stripBOM: true }), encoding };
}

function chooseEncoding(buf: Buffer, declarations: Array<string | null>): string {
  const ascii = isAscii(buf);
  const utf8 = !ascii && isValidUtf8(buf);
  for (const declared of declarations) {
    if (!declared) continue;
    if (ascii) return declared;
    if (declared === 'utf-8') {
      if (utf8) return declared;
      continue; // declared UTF-8 yet invalid: the declaration is wrong (often a CMS template default)
    }
    // Non-ASCII text that is valid UTF-8 is almost never a single-byte encoding by chance
    // (Arabic windows-1256 letters, e.g. "ال" = C7 E1, are invalid UTF-8), so the bytes win.
    if (utf8) return 'utf-8';
    if (!decodesCleanly(buf, declared)) continue;
    if (WESTERN_DEFAULTS.has(declared)) {
      const arabic = guessArabicSingleByte(buf);
      if (arabic) return arabic;
    }
    if (declared === 'windows-1256' || declared === 'iso-8859-6') return betterArabicSingleByte(buf, declared);
    return declared;
  }
  if (ascii || utf8) return 'utf-8';
  return guessArabicSingleByte(buf) ?? statisticalGuess(buf) ?? 'windows-1256';
}

/**
 * When the bytes read as mostly Arabic in a single-byte Arabic encoding, says which one;
 * otherwise null. Only consulted for non-UTF-8 bytes.
 */
function guessArabicSingleByte(buf: Buffer): string | null {
  const sample = buf.subarray(0, 65536);
  // French accents map to themselves in windows-1256, so Latin text stays well below this.
  if (arabicShare(iconv.decode(sample, 'windows-1256')) < 0.6) return null;
  let best: string = 'windows-1256';
  let bestConfidence = -1;
  for (const match of chardet.analyse(sample)) {
    const name = normaliseLabel(match.name);
    if (name && (ARABIC_SINGLE_BYTE as readonly string[]).includes(name) && match.confidence > bestConfidence) {
      best = name;
      bestConfidence = match.confidence;
    }
  }
  // ISO-8859-6 leaves many byte values unassigned; text using them cannot be ISO-8859-6.
  if (best === 'iso-8859-6' && !decodesCleanly(sample, 'iso-8859-6')) best = 'windows-1256';
  return best;
}

/**
 * The two Arabic single-byte encodings put letters at different byte values, so the wrong one
 * yields Arabic sprinkled with Latin accented letters (ISO-8859-6 "ه" is windows-1256 "ç").
 * Switches to the other only when it decodes cleanly and reads clearly more Arabic.
 */
function betterArabicSingleByte(buf: Buffer, declared: 'windows-1256' | 'iso-8859-6'): string {
  const other = declared === 'windows-1256' ? 'iso-8859-6' : 'windows-1256';
  if (!decodesCleanly(buf, other)) return declared;
  const sample = buf.subarray(0, 65536);
  return arabicShare(iconv.decode(sample, other)) > arabicShare(iconv.decode(sample, declared)) + 0.1 ? other : declared;
}

/** Share of non-ASCII characters that are Arabic letters or marks. */
function arabicShare(text: string): number {
  let high = 0;
  let arabic = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    high++;
    if (c >= 0x0600 && c <= 0x06ff) arabic++;
  }
  return high === 0 ? 0 : arabic / high;
}

function statisticalGuess(buf: Buffer): string | null {
  for (const match of chardet.analyse(buf.subarray(0, 65536))) {
    const name = normaliseLabel(match.name);
    if (name && decodesCleanly(buf, name)) return name;
  }
  return null;
}

/** False when decoding produces replacement characters, i.e. bytes the encoding does not define. */
function decodesCleanly(buf: Buffer, encoding: string): boolean {
  return !iconv.decode(buf.subarray(0, 65536), encoding).includes('\uFFFD');
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * Extracts and normalises the charset parameter of a Content-Type header.
 * @example charsetFromContentType('text/html; charset="UTF8"') // 'utf-8'
 */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = contentType ? /charset\s*=\s*["']?\s*([^"';,\s]+)/i.exec(contentType) : null;
  return m ? normaliseLabel(m[1]!) : null;
}

function charsetFromMarkup(buf: Buffer): string | null {
  const head = buf.subarray(0, PRESCAN_BYTES).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return normaliseLabel(xml[1]!);
  // Covers both <meta charset="…"> and <meta http-equiv="Content-Type" content="text/html; charset=…">.
  for (const tag of head.matchAll(/<meta\b[^>]*>/gi)) {
    const m = /charset\s*=\s*["']?\s*([^"'\s;\/>]+)/i.exec(tag[0]);
    if (m) {
      const label = normaliseLabel(m[1]!);
      // HTML5: a <meta> claiming UTF-16 in an ASCII-compatible byte stream means UTF-8.
      if (label === 'utf-16le' || label === 'utf-16be' || label === 'utf-16') return 'utf-8';
      if (label) return label;
    }
  }
  return null;
}

/** Maps a charset label to the canonical name we report, or null when iconv-lite cannot decode it. */
function normaliseLabel(label: string): string | null {
  const l = label.trim().toLowerCase();
  const aliases: Record<string, string> = {
    utf8: 'utf-8',
    'utf-8': 'utf-8',
    'unicode-1-1-utf-8': 'utf-8',
    // Browsers decode these as windows-1252 (WHATWG Encoding), a superset; so do we.
    latin1: 'windows-1252',
    'iso8859-1': 'windows-1252',
    'iso_8859-1': 'windows-1252',
    'iso-8859-1': 'windows-1252',
    ascii: 'windows-1252',
    'us-ascii': 'windows-1252',
    cp1252: 'windows-1252',
    'windows-1252': 'windows-1252',
    cp1256: 'windows-1256',
    'windows-1256': 'windows-1256',
    'x-cp1256': 'windows-1256',
    'iso-8859-6': 'iso-8859-6',
    'iso8859-6': 'iso-8859-6',
    'iso_8859-6': 'iso-8859-6',
    'iso-8859-6-i': 'iso-8859-6',
    'iso-8859-6-e': 'iso-8859-6',
    arabic: 'iso-8859-6',
    'asmo-708': 'iso-8859-6',
    'ecma-114': 'iso-8859-6',
  };
  const name = aliases[l] ?? l;
  return iconv.encodingExists(name) ? name : null;
}

function isAscii(buf: Buffer): boolean {
  for (let i = 0; i < buf.length; i++) if (buf[i]! >= 0x80) return false;
  return true;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
function isValidUtf8(buf: Buffer): boolean {
  try {
    strictUtf8.decode(buf);
    return true;
  } catch {
    return false;
  }
}

function isAsciiSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0b || b === 0x0c || b === 0x0d;
}

/**
 * 'html' when the Content-Type says so or the start of the text looks like markup.
 * @example pageKind('<!doctype html><p>x', null) // 'html'
 */
export function pageKind(content: string, contentType: string | null): PageKind {
  const type = contentType?.split(';')[0]!.trim().toLowerCase() ?? '';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  const head = content.slice(0, 4096);
  return /<(?:!doctype\s+html|html|head|body|p|div|article|main|section|meta|title|h[1-6]|br|span|table|a)[\s>\/]/i.test(
    head,
  )
    ? 'html'
    : 'text';
}
