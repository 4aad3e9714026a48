/**
 * Accuracy of clitic segmentation on data/arabic/segmentation-gold.tsv.
 *
 *   npx tsc -p . && node dist/scripts/eval-segment.js [--errors]
 *
 * A word counts as correct when its morphemes (proclitics, stem, enclitics), each folded
 * with the MATCH options, equal the gold ones. Also reported: stem accuracy (stem alone).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { dataFile } from '../src/model/paths.js';
import { fold } from '../src/arabic/normalize.js';
import { segment } from '../src/arabic/segment.js';

export interface SegmentEval {
  total: number;
  correct: number;
  stemCorrect: number;
  accuracy: number;
  stemAccuracy: number;
  /** the words after "# @heldout2": written after all tuning, never used to adjust anything */
  heldout2: { total: number; correct: number; accuracy: number };
  /** the words after the "# @heldout" marker (includes heldout2; not used to build the lexicon) */
  heldout: { total: number; correct: number; accuracy: number };
  errors: Array<{ word: string; expected: string; got: string; heldout: boolean }>;
}

export function evaluateSegmentation(): SegmentEval {
  const errors: SegmentEval['errors'] = [];
  let total = 0;
  let correct = 0;
  let stemCorrect = 0;
  let inHeldout = false;
  let inHeldout2 = false;
  const heldout = { total: 0, correct: 0, accuracy: 0 };
  const heldout2 = { total: 0, correct: 0, accuracy: 0 };
  for (const raw of readFileSync(dataFile('arabic/segmentation-gold.tsv'), 'utf8').split(/\r?\n/)) {
    if (raw.startsWith('# @heldout2')) inHeldout2 = true;
    else if (raw.startsWith('# @heldout')) inHeldout = true;
    if (!raw.trim() || raw.startsWith('#')) continue;
    const [word, gold] = raw.split('\t');
    if (!word || !gold) continue;
    total++;
    const s = segment(word);
    const got = [...s.proclitics, s.stem, ...s.enclitics].map((m) => fold(m)).join('+');
    const expected = gold.split('+').map((m) => fold(m)).join('+');
    if (inHeldout) heldout.total++;
    if (inHeldout2) heldout2.total++;
    if (got === expected) {
      correct++;
      if (inHeldout) heldout.correct++;
      if (inHeldout2) heldout2.correct++;
    } else errors.push({ word, expected: gold, got: [...s.proclitics, s.stem, ...s.enclitics].join('+'), heldout: inHeldout });
    const goldMorphemes = gold.split('+');
    // the gold stem is the longest non-clitic morpheme: clitics are the listed ones
    const CLITICS = new Set(['و', 'ف', 'ب', 'ك', 'ل', 'س', 'ال', 'ه', 'ها', 'هم', 'هما', 'هن', 'كم', 'كما', 'كن', 'نا', 'ي']);
    const goldStem = goldMorphemes.find((m) => !CLITICS.has(m)) ?? goldMorphemes.find((m) => m === 'ل' || m === 'ب') ?? '';
    if (fold(goldStem) === fold(s.stem)) stemCorrect++;
  }
  heldout.accuracy = heldout.total ? heldout.correct / heldout.total : 0;
  heldout2.accuracy = heldout2.total ? heldout2.correct / heldout2.total : 0;
  return { heldout, heldout2, total, correct, stemCorrect, accuracy: correct / total, stemAccuracy: stemCorrect / total, errors };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = evaluateSegmentation();
  console.log(`segmentation: ${r.correct}/${r.total} = ${(100 * r.accuracy).toFixed(1)}% exact; stem ${(100 * r.stemAccuracy).toFixed(1)}%; held-out ${r.heldout.correct}/${r.heldout.total} = ${(100 * r.heldout.accuracy).toFixed(1)}%; untouched held-out ${r.heldout2.correct}/${r.heldout2.total} = ${(100 * r.heldout2.accuracy).toFixed(1)}%`);
  if (process.argv.includes('--errors')) for (const e of r.errors) console.log(`${e.heldout ? 'H ' : '  '}${e.word}\texpected ${e.expected}\tgot ${e.got}`);
}
