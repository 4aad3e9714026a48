import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import type { Page } from '../model/article.js';
import { MarsadError } from '../model/errors.js';
import { decodePage } from './decode.js';

/** Default cap on one page, on disk and after decompression. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** Extensions a folder walk picks up: saved web pages and text. Extension-less files count too. */
const PAGE_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml', '.txt', '.php', '.asp', '.aspx', '.jsp']);
/** Folders that hold tooling, never pages someone saved. */
const SKIPPED_FOLDERS = new Set(['node_modules', '__MACOSX', '__pycache__']);

/**
 * Lists the page files at `path`: the path itself when it is a file (whatever its
 * extension: the user named it), or every page file under it, recursively, sorted.
 * Dotfiles, dot-folders and tool folders (node_modules…) are skipped; so are files whose
 * extension says they are not pages (images, scripts, styles…). `x.html.gz` counts as `.html`.
 *
 * @example await listInputFiles('saved/') // ['saved/2024/a.html', 'saved/b.txt']
 */
export async function listInputFiles(path: string): Promise<string[]> {
  const info = await statOrThrow(path);
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  await walk(path, out);
  return out;
}

async function walk(dir: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw fsError(err, dir);
  }
  const names = entries.filter((e) => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of names) {
    const full = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // Follow links to files only: a linked folder can loop back on itself.
      const target = await stat(full).catch(() => null);
      isFile = target?.isFile() ?? false;
      isDir = false;
    }
    if (isDir) {
      if (!SKIPPED_FOLDERS.has(entry.name)) await walk(full, out);
    } else if (isFile && looksLikePage(entry.name)) {
      out.push(full);
    }
  }
}

function looksLikePage(name: string): boolean {
  const inner = name.toLowerCase().endsWith('.gz') ? name.slice(0, -3) : name;
  const ext = extname(inner).toLowerCase();
  return ext === '' || PAGE_EXTENSIONS.has(ext);
}

/**
 * Reads one local file as a `Page`. The size is checked before reading, so a huge file
 * costs nothing; gzip files (by magic number) are decompressed under the same cap.
 *
 * @example const page = await readFilePage('saved/a.html'); page.url // null
 */
export async function readFilePage(path: string, opts: { maxBytes?: number } = {}): Promise<Page> {
  const bytes = await readFileBytes(path, opts);
  return decodePage(bytes, { source: path, url: null, contentType: null });
}

/**
 * Reads a file's bytes under the size cap, gunzipping `.gz` content.
 * @example await readFileBytes('sitemap.xml.gz') // the decompressed XML bytes
 */
export async function readFileBytes(path: string, opts: { maxBytes?: number } = {}): Promise<Uint8Array> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const info = await statOrThrow(path);
  if (info.isDirectory()) throw new MarsadError('INPUT_UNREADABLE', 'a folder where a file was expected', path);
  if (info.size > maxBytes) throw new MarsadError('INPUT_TOO_LARGE', `${formatBytes(info.size)} (limit ${formatBytes(maxBytes)})`, path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw fsError(err, path);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') {
        throw new MarsadError('INPUT_TOO_LARGE', `more than ${formatBytes(maxBytes)} once decompressed`, path);
      }
      throw new MarsadError('INPUT_UNREADABLE', `a corrupt gzip file (${(err as Error).message})`, path, { cause: err });
    }
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

async function statOrThrow(path: string) {
  try {
    return await stat(path);
  } catch (err) {
    throw fsError(err, path);
  }
}

function fsError(err: unknown, path: string): MarsadError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new MarsadError('INPUT_NOT_FOUND', `nothing at this path`, path, { cause: err });
  const why = code === 'EACCES' || code === 'EPERM' ? 'no permission to read it' : (err as Error).message;
  return new MarsadError('INPUT_UNREADABLE', why, path, { cause: err });
}

/**
 * Human-readable size, for error messages.
 * @example formatBytes(26214400) // '25.0 MB (26214400 bytes)'
 */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB (${n} bytes)`;
  return n >= 1024 ? `${(n / 1024).toFixed(1)} KB (${n} bytes)` : `${n} bytes`;
}

