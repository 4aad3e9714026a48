/**
 * Can a page's own features tell which title its ground truth chose — the h1 or the metadata
 * title (JSON-LD headline, og:title, <title>)?
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/eval-title-choice.js [--folds 10] [--json]
 *
 * On the WCXB pages (../shared/data/wcxb-dev-articles) whose true title is stated by the h1
 * only or by a metadata title only (`titleTruthClass` 'h1', 'meta' or 'meta-part' of
 * scripts/eval-extract.ts — the pages where the choice decides the score; on the others both
 * candidates agree or neither is right), the script compares:
 *   - Marsad's extractor (its title right or wrong, exact match as eval-extract counts it);
 *   - always taking the metadata title, and always the h1 (the majority baselines);
 *   - a logistic regression over page features (lengths of both candidates, word overlap,
 *     containment each way, number of parts and of h1s, which metadata sources exist and
 *     agree, years and question marks), trained and scored by k-fold cross-validation. Its
 *     figure is an upper bound for a learned chooser: a right choice of "metadata" still has
 *     to cut the site name off correctly.
 * and prints what share of these pages a chooser must get right for the whole set to reach
 * a target title accuracy (95%, the goal of issue #2), given Marsad's results elsewhere.
 *
 * Skipped, with a message and exit status 0, when ../shared is absent.
 */
import { fileURLToPath } from 'node:url';
import { sharedPath } from '../src/model/paths.js';
import { light, loadWcxb, marsad, TITLE_PARTS, titleKey, titleSources, titleTruthClass } from './eval-extract.js';

/**
 * Features of a page's title candidates for the h1-or-metadata choice (a bias term first).
 *
 * @example titleChoiceFeatures([{ source: 'og', value: 'Garlic | Notes' }, { source: 'h1#0', value: 'Garlic' }]).length // 17
 */
export function titleChoiceFeatures(sources: { source: string; value: string }[]): number[] {
  const first = new Map<string, string>();
  for (const s of sources) if (!first.has(s.source)) first.set(s.source, s.value);
  const h1 = first.get('h1#0') ?? '';
  const meta = first.get('ld') ?? first.get('og') ?? first.get('title') ?? '';
  const site = titleKey(first.get('site') ?? '');
  const parts = meta.split(TITLE_PARTS).filter((p) => p.trim());
  const core = parts.filter((p) => titleKey(p) !== site);
  const m0 = (core.length ? core : parts)[0] ?? '';
  const hw = new Set(h1.split(/\s+/).map(titleKey).filter(Boolean));
  const mw = new Set(m0.split(/\s+/).map(titleKey).filter(Boolean));
  let inter = 0;
  for (const w of hw) if (mw.has(w)) inter++;
  const union = hw.size + mw.size - inter;
  const b = (x: boolean): number => (x ? 1 : 0);
  const nh1 = sources.filter((s) => s.source.startsWith('h1')).length;
  return [
    1,
    h1.split(/\s+/).filter(Boolean).length / 10,
    m0.split(/\s+/).filter(Boolean).length / 10,
    union ? inter / union : 0,
    b(titleKey(h1) !== '' && titleKey(meta).includes(titleKey(h1))),
    b(titleKey(m0) !== '' && titleKey(h1).includes(titleKey(m0))),
    parts.length / 3,
    nh1 / 3,
    b(first.has('ld')),
    b(first.has('og')),
    b(h1 === ''),
    b(hw.size <= 3),
    b(first.get('og') === first.get('title')),
    b(/\d{4}/.test(m0)),
    b(/\d{4}/.test(h1)),
    b(/\?\s*$/.test(h1)),
    b(titleKey(first.get('og') ?? '') === titleKey(first.get('title') ?? '')),
  ];
}

/**
 * L2-regularised logistic regression by batch gradient descent; returns the weights.
 *
 * @example trainLogistic([[1, 0], [1, 1]], [0, 1]) // weights whose second is positive
 */
export function trainLogistic(x: number[][], y: number[], l2 = 1, iterations = 2000, rate = 0.5): number[] {
  const d = x[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  const n = x.length;
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j]! * x[i]![j]!;
      const err = 1 / (1 + Math.exp(-z)) - y[i]!;
      for (let j = 0; j < d; j++) g[j]! += err * x[i]![j]!;
    }
    for (let j = 0; j < d; j++) w[j]! -= (rate * (g[j]! + l2 * w[j]!)) / n;
  }
  return w;
}

/**
 * k-fold cross-validated accuracy of `trainLogistic` (fold of example i: i mod k).
 *
 * @example crossValidatedAccuracy([[1, 0], [1, 1], [1, 0], [1, 1]], [0, 1, 0, 1], 2) // 1
 */
export function crossValidatedAccuracy(x: number[][], y: number[], k: number, l2 = 1): number {
  let right = 0;
  for (let f = 0; f < k; f++) {
    const tx: number[][] = [], ty: number[] = [];
    x.forEach((row, i) => {
      if (i % k !== f) tx.push(row), ty.push(y[i]!);
    });
    const w = trainLogistic(tx, ty, l2);
    x.forEach((row, i) => {
      if (i % k !== f) return;
      const z = row.reduce((a, v, j) => a + v * w[j]!, 0);
      if ((z > 0 ? 1 : 0) === y[i]) right++;
    });
  }
  return x.length ? right / x.length : 0;
}

function main(): void {
  const args = process.argv.slice(2);
  const fi = args.indexOf('--folds');
  const folds = fi >= 0 ? Number(args[fi + 1]) : 10;
  const shared = sharedPath();
  if (!shared) {
    console.log('eval-title-choice: ../shared not found — the WCXB pages live there; nothing to evaluate (skipped).');
    return;
  }
  const cases = loadWcxb(shared, Infinity).filter((c) => c.truth.title);
  let okElsewhere = 0;
  const x: number[][] = [], y: number[] = [];
  let marsadRight = 0;
  for (const c of cases) {
    const src = titleSources(c.html);
    const cls = titleTruthClass(src, c.truth.title!);
    const pred = marsad(c).title;
    const ok = pred !== null && light(pred) === light(c.truth.title!);
    if (cls === 'h1' || cls === 'meta' || cls === 'meta-part') {
      x.push(titleChoiceFeatures(src));
      y.push(cls === 'h1' ? 0 : 1);
      if (ok) marsadRight++;
    } else if (ok) okElsewhere++;
  }
  const n = x.length;
  const metaShare = y.reduce((a, v) => a + v, 0) / n;
  const learned = [0.1, 1, 10].map((l2) => ({ l2, accuracy: crossValidatedAccuracy(x, y, folds, l2) }));
  const needed = (target: number): number => (Math.ceil(target * cases.length) - okElsewhere) / n;
  const r = {
    pages: cases.length,
    choicePages: n,
    truthIsMeta: y.filter((v) => v === 1).length,
    truthIsH1: y.filter((v) => v === 0).length,
    marsad: marsadRight / n,
    alwaysMeta: metaShare,
    alwaysH1: 1 - metaShare,
    learned,
    rightElsewhere: okElsewhere,
    neededFor95: needed(0.95),
  };
  if (args.includes('--json')) {
    console.log(JSON.stringify(r));
    return;
  }
  const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
  console.log(`WCXB: ${r.pages} pages with a true title; on ${n} the truth is the h1 only (${r.truthIsH1}) or a metadata title only (${r.truthIsMeta})`);
  console.log(`  Marsad's extractor right on    ${pct(r.marsad)} of them`);
  console.log(`  always the metadata title      ${pct(r.alwaysMeta)}`);
  console.log(`  always the h1                  ${pct(r.alwaysH1)}`);
  for (const l of learned) console.log(`  learned chooser (l2 ${l.l2}, ${folds}-fold) ${pct(l.accuracy)} (upper bound: the choice only)`);
  console.log(`  right on the other ${cases.length - n} pages: ${okElsewhere}; 95% of all pages needs ${pct(r.neededFor95)} of these ${n}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
