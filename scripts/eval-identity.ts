/**
 * Precision, recall and F1 of the name matcher's merge decision on
 * data/identity/name-pairs.tsv, for the tuned part and the held-out tail apart.
 *
 *   npx tsc -p . && node dist/scripts/eval-identity.js [--json] [--tuning]
 *
 * A pair counts as a true positive when it is labelled "same" and `nameMatch` says same.
 * The errors are listed (false merges first). `--tuning` leaves the held-out tail out of
 * everything printed, so weights can be adjusted without seeing it; `--json` prints one JSON
 * object instead of the text report.
 */
import { pathToFileURL } from 'node:url';
import { nameMatch, MATCH_THRESHOLD } from '../src/resolve/name-match.js';
import { readNamePairs, type NamePair } from '../src/resolve/name-pairs.js';

export interface Scores {
  pairs: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

export interface IdentityError {
  line: number;
  a: string;
  b: string;
  type: string;
  expected: 'same' | 'different';
  score: number;
  reasons: string[];
  note: string;
  heldOut: boolean;
}

export interface IdentityEval {
  threshold: number;
  tuned: Scores;
  heldOut: Scores;
  all: Scores;
  errors: IdentityError[];
}

function scores(results: Array<{ pair: NamePair; same: boolean }>): Scores {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const r of results) {
    if (r.pair.same && r.same) tp++;
    else if (!r.pair.same && r.same) fp++;
    else if (r.pair.same) fn++;
    else tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const n = results.length;
  return { pairs: n, tp, fp, fn, tn, precision, recall, f1, accuracy: n ? (tp + tn) / n : 0 };
}

export function evaluateIdentity(pairs: NamePair[] = readNamePairs()): IdentityEval {
  const results = pairs.map((pair) => ({ pair, ...nameMatch(pair.a, pair.b) }));
  const errors: IdentityError[] = results
    .filter((r) => r.same !== r.pair.same)
    .map((r) => ({
      line: r.pair.line,
      a: r.pair.a.name,
      b: r.pair.b.name,
      type: r.pair.a.type,
      expected: r.pair.same ? ('same' as const) : ('different' as const),
      score: r.score,
      reasons: r.reasons,
      note: r.pair.note,
      heldOut: r.pair.heldOut,
    }))
    .sort((x, y) => (x.expected === y.expected ? x.line - y.line : x.expected === 'different' ? -1 : 1));
  return {
    threshold: MATCH_THRESHOLD,
    tuned: scores(results.filter((r) => !r.pair.heldOut)),
    heldOut: scores(results.filter((r) => r.pair.heldOut)),
    all: scores(results),
    errors,
  };
}

function line(name: string, s: Scores): string {
  const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
  return `${name.padEnd(10)} pairs ${String(s.pairs).padStart(4)}  P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  acc ${pct(s.accuracy)}  (tp ${s.tp} fp ${s.fp} fn ${s.fn} tn ${s.tn})`;
}

function main(argv: string[]): void {
  const tuning = argv.includes('--tuning');
  const result = evaluateIdentity();
  if (tuning) {
    result.errors = result.errors.filter((e) => !e.heldOut);
    (result as Partial<IdentityEval>).heldOut = undefined;
    (result as Partial<IdentityEval>).all = undefined;
  }
  if (argv.includes('--json')) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  const out: string[] = [`identity: merge decision of nameMatch (threshold ${result.threshold}) on data/identity/name-pairs.tsv`];
  out.push(line('tuned', result.tuned));
  if (!tuning) {
    out.push(line('held-out', result.heldOut));
    out.push(line('all', result.all));
  }
  out.push('', result.errors.length ? 'errors:' : 'no errors');
  for (const e of result.errors) {
    const kind = e.expected === 'different' ? 'false merge' : 'missed    ';
    out.push(`  ${kind} ${e.heldOut ? '[held-out] ' : ''}line ${e.line}: ${e.a} / ${e.b} (${e.type}, score ${e.score}) — ${e.note}; ${e.reasons.join('; ')}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
