/**
 * A check of the event rules beyond the gold set: sentence-level PROTEST / ASSAULT detection
 * from the events Marsad builds (`analyseText` then `buildEvents`, as `marsad analyze` does,
 * without a store) on the labelled sentences of the OEDA Arabic event GSR
 * (../shared/data/events/{protest,assault}-dev.csv, MIT), leaving out the rows the gold set
 * (data/events/gold.jsonl) annotates, on which the rules were studied, and the rows of the
 * held-out sets (data/events/gold-heldout*.jsonl), which must stay unseen.
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/eval-events-built-gsr.js [--out FILE]
 *
 * A sentence counts as detected for a type when one of its built events has that type and no
 * status (not negated, future, hypothetical or historical). "yes" rows are events, "easy no"
 * and "difficult no" are not, "ambiguous" rows are left out (the data's README). Printed:
 * precision, recall and F1 per type. `--out FILE` writes one line per sentence (id, type,
 * label, the built events) to compare two versions of the rules; the file holds no text.
 *
 * This is not the classifier's evaluation (scripts/eval-events-gsr.ts): the pipeline does not
 * read the classifier, and this measures the argument rules' output. Skipped, with a message
 * and exit status 0, when ../shared is absent.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseText } from '../src/app/analyse.js';
import { dataFile, SHARED_DIR } from '../src/model/paths.js';
import { buildEvents } from '../src/resolve/events.js';
import { readGsrSentences } from './events-gsr-data.js';
import { prf, readGold } from './eval-events.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const o = args.indexOf('--out');
  const out = o >= 0 ? args[o + 1] : undefined;
  // the gold set's rows were studied; the held-out sets' rows must never be looked at while
  // writing rules (this script's --out shows each row's events), so both are left out
  const leftOut = ['events/gold.jsonl', 'events/gold-heldout.jsonl', 'events/gold-heldout-b.jsonl'].filter((f) => existsSync(dataFile(f)));
  const gold = new Set(leftOut.flatMap((f) => readGold(dataFile(f))).filter((u) => u.ref.kind === 'event-gsr').map((u) => u.ref.id));
  const lines: string[] = [];
  for (const kind of ['protest', 'assault'] as const) {
    const rows = readGsrSentences(kind);
    if (!rows) {
      console.log(`skipped: ${SHARED_DIR}/data/events is absent`);
      return;
    }
    const type = kind.toUpperCase();
    let tp = 0, fp = 0, fn = 0, n = 0;
    for (const s of rows) {
      if (s.label === 'ambiguous' || gold.has(s.id)) continue;
      n++;
      const found = analyseText({ title: null, published: null, author: null, site: null, section: null, tags: [], url: null, lang: 'ar', text: s.text });
      const events = buildEvents(s.text, found.triggers, found.clusters, found.clusters.map(() => null), found.timexes, 'gsr');
      const hit = events.some((e) => e.type === type && !e.status);
      const yes = s.label === 'yes';
      if (hit && yes) tp++;
      else if (hit) fp++;
      else if (yes) fn++;
      if (out) lines.push([s.id, type, s.label, events.map((e) => `${e.type}:${e.source.label}>${e.target?.label ?? ''}${e.status ? `[${e.status}]` : ''}`).join(' ; ')].join('\t'));
    }
    const p = prf(tp, fp, fn);
    console.log(`${type.padEnd(8)} P ${(100 * p.precision).toFixed(1)}  R ${(100 * p.recall).toFixed(1)}  F1 ${(100 * p.f1).toFixed(1)}  (tp ${tp}, fp ${fp}, fn ${fn}; ${n} sentences)`);
  }
  if (out) writeFileSync(out, lines.join('\n') + '\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exitCode = 1;
  });
}
