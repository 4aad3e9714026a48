/**
 * Throughput of the Arabic core: normalise + tokenise + segment (+ light-stem keys) on one
 * core, in MB/s of UTF-8 input.
 *
 *   npm run bench:arabic [-- --mb 20] [-- --json]
 *
 * Text: the seed articles in shared/seeds (found by walking up from the repository),
 * concatenated and repeated to at least --mb megabytes; when absent, the fixtures in
 * test/fixtures/arabic. Timed: one warm-up pass over 1 MB, then one pass over everything in
 * 256 KB chunks (articles are analysed one at a time in real use). Also reported: the same
 * with the segmentation cache cleared before every chunk (a colder, more realistic figure
 * for a corpus with a fresh vocabulary).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze } from '../src/arabic/analyze.js';
import { clearSegmentCache } from '../src/arabic/segment.js';
import { fixturePath, sharedPath } from '../src/model/paths.js';


function corpus(): { text: string; from: string } {
  const seeds = sharedPath('seeds');
  let dir = seeds;
  let files = dir ? readdirSync(dir).filter((f) => f.endsWith('.txt')) : [];
  if (!files.length) {
    dir = fixturePath('arabic');
    files = dir ? readdirSync(dir).filter((f) => f.endsWith('.txt')) : [];
  }
  if (!dir || !files.length) throw new Error('bench-arabic: no seeds and no fixtures found');
  return { text: files.sort().map((f) => readFileSync(join(dir!, f), 'utf8')).join('\n\n'), from: dir };
}

function main(): void {
  const args = process.argv.slice(2);
  const mi = args.indexOf('--mb');
  const mb = mi >= 0 ? Number(args[mi + 1]) : 20;
  const { text: base, from } = corpus();
  const chunks: string[] = [];
  let bytes = 0;
  const baseBytes = Buffer.byteLength(base, 'utf8');
  const CHUNK = 256 * 1024;
  // chunks of about 256 KB of text made by repeating the base
  const reps = Math.max(1, Math.round(CHUNK / baseBytes));
  const chunk = Array(reps).fill(base).join('\n\n');
  const chunkBytes = Buffer.byteLength(chunk, 'utf8');
  while (bytes < mb * 1e6) {
    chunks.push(chunk);
    bytes += chunkBytes;
  }
  const run = (cold: boolean): { secs: number; terms: number } => {
    let terms = 0;
    const t0 = performance.now();
    for (const c of chunks) {
      if (cold) clearSegmentCache();
      terms += analyze(c).terms.length;
    }
    return { secs: (performance.now() - t0) / 1000, terms };
  };
  for (let i = 0; i < Math.ceil(1e6 / chunkBytes); i++) analyze(chunk); // warm-up
  const warm = run(false);
  const cold = run(true);
  const result = {
    source: from,
    megabytes: +(bytes / 1e6).toFixed(2),
    terms: warm.terms,
    mbPerSec: +(bytes / 1e6 / warm.secs).toFixed(2),
    mbPerSecColdCache: +(bytes / 1e6 / cold.secs).toFixed(2),
    termsPerSec: Math.round(warm.terms / warm.secs),
  };
  if (args.includes('--json')) console.log(JSON.stringify(result));
  else {
    console.log(`bench-arabic: ${result.megabytes} MB from ${from}`);
    console.log(`  normalise+tokenise+segment: ${result.mbPerSec} MB/s (${result.termsPerSec} terms/s), ` +
      `${result.mbPerSecColdCache} MB/s with the segmentation cache cleared per 256 KB chunk; goal ≥ 10 MB/s`);
  }
}

main();
