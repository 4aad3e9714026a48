/**
 * Agreement between two annotations of the same gold units: how far two careful readers, following
 * the same conventions (data/events/gold.README.md), agree on events, dates and quotes — the
 * ceiling any system's score against one of them can be read against.
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/eval-events-agreement.js A.jsonl B.jsonl [--errors] [--json]
 *
 * B is scored against A with exactly the matching rules of `npm run eval:events` (the `score` of
 * scripts/eval-events.ts), B's annotations standing in for Marsad's predictions:
 *   - an event of B is a predicted event whose actors go by every alternative label B lists;
 *   - a quote of B is the unit text from B's first words on (so that A's and B's `start_words`
 *     of different lengths still meet);
 *   - a timex of B is the first occurrence of its text after the previous one, with B's value.
 * Event F1 is symmetric up to the one-to-one matching (B's precision against A is A's recall
 * against B). Only units present in both files are compared; each must carry the same checksum.
 *
 * Skipped, with a message and exit status 0, when ../shared is absent.
 */
import { fileURLToPath } from 'node:url';
import { SHARED_DIR, sharedPath } from '../src/model/paths.js';
import {
  alternatives, checksum, locateTimexes, quoteWords, readGold, score,
  type GoldLabel, type GoldUnit, type PredActor, type Scores, type UnitPrediction, TextResolver,
} from './eval-events.js';

const actor = (g: GoldLabel | null): PredActor | null => {
  if (g === null) return null;
  const names = alternatives(g);
  return { label: names[0]!, names };
};

/**
 * One annotation's unit as if it were a prediction, for scoring against another annotation.
 *
 * @example annotationAsPrediction(unit, 'قال الوزير "نحن هنا"').quotes[0].text // from B's start words on
 */
export function annotationAsPrediction(unit: GoldUnit, text: string): UnitPrediction {
  const events = unit.events.map((e) => ({
    type: e.type,
    mode: e.mode,
    status: e.status ?? null,
    source: actor(e.source),
    target: actor(e.target),
    date: e.date,
  }));
  const words = quoteWords(text);
  const quotes = unit.quotes.map((q) => {
    const start = quoteWords(q.start_words);
    let at = -1;
    for (let i = 0; i + start.length <= words.length && at < 0; i++) if (start.every((w, j) => words[i + j] === w)) at = i;
    return { text: at < 0 ? start.join(' ') : words.slice(at).join(' '), speaker: q.speaker === null ? null : { label: alternatives(q.speaker)[0]! } };
  });
  const spans = locateTimexes(text, unit.timexes);
  const timexes = unit.timexes.flatMap((t, i) => (spans[i]!.start < 0 ? [] : [{ text: t.text, start: spans[i]!.start, end: spans[i]!.end, value: t.value }]));
  return { events, quotes, timexes };
}

/** B scored against A over the units both hold (texts to place quotes and timexes). */
export function agreement(a: GoldUnit[], b: GoldUnit[], texts: Map<string, string>): Scores & { shared: number } {
  const byId = new Map(b.map((u) => [u.id, u]));
  const units = a.flatMap((u) => {
    const other = byId.get(u.id);
    const text = texts.get(u.id);
    return other && text !== undefined ? [{ unit: u, text, pred: annotationAsPrediction(other, text) }] : [];
  });
  return { ...score(units), shared: units.length };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const files = args.filter((x) => !x.startsWith('--'));
  if (files.length !== 2) throw new Error('eval-events-agreement: expected two gold files, A (reference) and B (compared)');
  if (!sharedPath()) {
    console.log(`eval-events-agreement: ${SHARED_DIR} not found — the gold sets refer to texts there; nothing to compare (skipped).`);
    return;
  }
  const [a, b] = files.map((f) => readGold(f)) as [GoldUnit[], GoldUnit[]];
  const resolver = new TextResolver(SHARED_DIR);
  const texts = new Map<string, string>();
  const bIds = new Map(b.map((u) => [u.id, u]));
  for (const u of a) {
    const o = bIds.get(u.id);
    if (!o) continue;
    if (o.checksum !== u.checksum) throw new Error(`${u.id}: checksum ${o.checksum} in ${files[1]} is not ${u.checksum} of ${files[0]} (not the same text)`);
    const text = await resolver.text(u.ref);
    if (checksum(text) !== u.checksum) throw new Error(`${u.id}: the referenced text changed (checksum ${checksum(text)}, gold ${u.checksum})`);
    texts.set(u.id, text);
  }
  const s = agreement(a, b, texts);
  if (args.includes('--json')) {
    const { errors, causes, ...rest } = s;
    console.log(JSON.stringify(args.includes('--errors') ? s : rest));
    void causes;
    void errors;
    return;
  }
  const pct = (x: number): string => (100 * x).toFixed(1);
  const line = (p: { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number }): string =>
    `P ${pct(p.precision)}  R ${pct(p.recall)}  F1 ${pct(p.f1)}  (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;
  console.log(`${files[1]} against ${files[0]}: ${s.shared} shared units (${a.length} in A, ${b.length} in B)`);
  console.log(`events (type + source/target):  ${line(s.events)}`);
  for (const [t, p] of Object.entries(s.events.byType)) console.log(`  ${t.padEnd(10)} ${line(p)}`);
  console.log(`event dates (matched events):   ${pct(s.eventDates.accuracy)}% (${s.eventDates.right}/${s.eventDates.total})`);
  console.log(`timexes (A's, B's value):       ${pct(s.timexes.accuracy)}% (${s.timexes.right}/${s.timexes.total}); ${s.timexes.spurious} of B's not in A`);
  console.log(`quotes:                         ${line(s.quotes)}`);
  console.log(`speakers (matched quotes):      ${pct(s.speakers.accuracy)}% (${s.speakers.right}/${s.speakers.total})`);
  if (args.includes('--errors')) {
    console.log('event differences by cause (B as the prediction):');
    for (const [c, n] of Object.entries(s.causes)) console.log(`  ${String(n).padStart(4)}  ${c}`);
    for (const e of s.errors) console.log(`  - ${e}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
