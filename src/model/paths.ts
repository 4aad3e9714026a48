/**
 * Where the project's own files are: found once by walking up from this module to the
 * package root, so the same code works from `src/` (type-checking) and `dist/src/` (run).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (package) root. */
export const REPO_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
})();

/**
 * A data file shipped with Marsad (lexicons, gazetteers, phrase lists).
 * @example dataFile('months.ar.json') // '<root>/data/months.ar.json'
 */
export function dataFile(name: string): string {
  return join(REPO_ROOT, 'data', name);
}

/** A test fixture: `fixturePath('html', 'no-date.html')`. */
export function fixturePath(...parts: string[]): string {
  return join(REPO_ROOT, 'test', 'fixtures', ...parts);
}

/** The shared corpus beside the project (`../shared`); it is absent from a fresh clone elsewhere. */
export const SHARED_DIR: string = resolve(REPO_ROOT, '..', 'shared');

/** A path inside ../shared, or null when it is not there (tests then skip and say so). */
export function sharedPath(...parts: string[]): string | null {
  const p = join(SHARED_DIR, ...parts);
  return existsSync(p) ? p : null;
}
