import { PassThrough } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { REPO_ROOT, SHARED_DIR, fixturePath } from '../../src/model/paths.js';

export const ROOT = REPO_ROOT;

export const FIXTURES = fixturePath();
export const SHARED = SHARED_DIR;

/** Runs the CLI in-process and captures what it prints. */
export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough() as unknown as NodeJS.WriteStream;
  let o = '';
  let e = '';
  out.on('data', (d) => (o += d));
  (err as unknown as PassThrough).on('data', (d: Buffer) => (e += d));
  const code = await main(['node', 'marsad', ...args], { out, err });
  return { code, out: o, err: e };
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function jsonLines(s: string): any[] {
  return s.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}
