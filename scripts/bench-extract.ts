/**
 * Throughput of extractHtml vs Mozilla Readability on jsdom over the same WCXB pages.
 *
 *   npm run bench:extract [-- --limit N] [-- --json]
 *
 * Pages are decompressed before timing; each side gets a warm-up pass over a few pages,
 * then one timed pass over all pages. Readability is timed as `new JSDOM(html, {url})`
 * plus `new Readability(doc).parse()`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { extractHtml } from '../src/extract/html.js';
import { sharedPath } from '../src/model/paths.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const li = args.indexOf('--limit');
  const limit = li >= 0 ? Number(args[li + 1]) : 200;
  const shared = sharedPath();
  const dir = shared ? join(shared, 'data', 'wcxb-dev-articles') : null;
  if (!dir || !existsSync(dir)) {
    console.log('bench-extract: skipped — shared/data/wcxb-dev-articles not found');
    return;
  }
  const pages = readdirSync(join(dir, 'ground-truth'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .slice(0, limit)
    .map((f) => {
      const id = f.replace(/\.json$/, '');
      const url = JSON.parse(readFileSync(join(dir, 'ground-truth', f), 'utf8')).url ?? undefined;
      return { url: url as string | undefined, html: gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`))).toString('utf8') };
    });
  const bytes = pages.reduce((s, p) => s + p.html.length, 0);

  const time = (fn: (p: (typeof pages)[number]) => void): number => {
    for (const p of pages.slice(0, 10)) fn(p); // warm-up
    const t0 = performance.now();
    for (const p of pages) fn(p);
    return (performance.now() - t0) / 1000;
  };

  const tm = time((p) => void extractHtml(p.html, { url: p.url ?? null }));
  const { JSDOM, VirtualConsole } = await import('jsdom');
  const { Readability } = await import('@mozilla/readability');
  const vc = new VirtualConsole();
  const tr = time((p) => {
    try {
      const dom = new JSDOM(p.html, { url: p.url, virtualConsole: vc });
      new Readability(dom.window.document).parse();
      dom.window.close();
    } catch {
      // jsdom throws on some real-world CSS; the time spent still counts
    }
  });
  const res = {
    pages: pages.length,
    megabytes: Math.round(bytes / 1e5) / 10,
    marsadPagesPerSec: Math.round((10 * pages.length) / tm) / 10,
    readabilityPagesPerSec: Math.round((10 * pages.length) / tr) / 10,
    ratio: Math.round((10 * tr) / tm) / 10,
  };
  if (args.includes('--json')) console.log(JSON.stringify(res, null, 2));
  else {
    console.log(`pages: ${res.pages} (${res.megabytes} MB of HTML, node ${process.version})`);
    console.log(`marsad extractHtml:      ${res.marsadPagesPerSec} pages/s`);
    console.log(`readability + jsdom:     ${res.readabilityPagesPerSec} pages/s`);
    console.log(`ratio:                   ${res.ratio}x`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
