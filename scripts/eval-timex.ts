/**
 * Prints every temporal expression Marsad finds in the seed pages, with its resolved value,
 * for a person to check.
 *
 *   npx tsc -p . && node dist/scripts/eval-timex.js [folder]
 *
 * Each page of ../shared/seeds (or the folder given) is decoded and extracted as `marsad
 * extract` does; the anchor is the publication date the extractor gives, and the timexes are
 * found in the extracted (byline-free) text. Nothing is written; when ../shared is absent the
 * script says so and exits 0.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { findTimexes } from '../src/analyse/timexes.js';
import { extractArticle } from '../src/extract/extract.js';
import { sharedPath } from '../src/model/paths.js';
import { readFilePage } from '../src/sources/files.js';

/** Line of text around a span, the span in [brackets], newlines flattened. */
function context(text: string, start: number, end: number, width = 30): string {
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  return `…${flat(text.slice(Math.max(0, start - width), start))}[${flat(text.slice(start, end))}]${flat(text.slice(end, end + width))}…`;
}

export async function main(argv: string[]): Promise<number> {
  const dir = argv[0] ?? sharedPath('seeds');
  if (!dir) {
    console.log('eval-timex: ../shared/seeds is absent; nothing to evaluate (pass a folder to use another one).');
    return 0;
  }
  const files = readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
  const counts = new Map<string, number>();
  let total = 0;
  let unresolved = 0;
  for (const name of files) {
    const path = join(dir, name);
    let text: string;
    let anchor: string | null;
    try {
      const article = extractArticle(await readFilePage(path));
      text = article.text;
      anchor = article.published;
    } catch (err) {
      console.log(`\n## ${name}: not extracted (${(err as Error).message})`);
      continue;
    }
    const found = findTimexes(text, anchor);
    console.log(`\n## ${name}  anchor=${anchor ?? 'null'}  ${found.length} timex(es)`);
    for (const t of found) {
      total++;
      if (t.value === null) unresolved++;
      counts.set(t.granularity, (counts.get(t.granularity) ?? 0) + 1);
      console.log(`  ${String(t.start).padStart(5)}-${String(t.end).padEnd(5)} ${t.granularity.padEnd(8)} ${(t.value ?? 'null').padEnd(23)} «${t.text}»  ${context(text, t.start, t.end)}`);
    }
  }
  const by = [...counts].map(([g, n]) => `${g} ${n}`).join(', ');
  console.log(`\n${files.length} page(s), ${total} timex(es) (${by || 'none'}), ${unresolved} without a value`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
