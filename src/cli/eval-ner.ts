/**
 * `marsad eval ner FILE [--json]`: entity-level scores of the entity tagger on a CoNLL file
 * (or a folder of them, read in name order), as the CoNLL evaluation counts them. Each file
 * is tagged as one document, as an article is.
 */
import { readConll } from '../analyse/conll.js';
import { tagDocumentTokens } from '../analyse/entities.js';
import { formatScore, scoreNer } from '../analyse/ner-eval.js';
import { ENTITY_TYPES } from '../model/entity.js';

const r4 = (x: number): number => Math.round(x * 10000) / 10000;

/**
 * Scores the tagger on `file` and returns what the command prints: with `json`, exactly
 * `{"precision", "recall", "f1", "by_type": {"PERSON": {…}, "ORG": {…}, "LOCATION": {…}}}`
 * (numbers 0..1, four decimals); without, a table. Throws MarsadError (INPUT_NOT_FOUND,
 * INPUT_EMPTY, BAD_ARGUMENT …) naming the file when it cannot be read as CoNLL.
 * @example await evalNer('tmp/ner-dev.conll', true) // '{"precision":0.8,…}'
 */
export async function evalNer(file: string, json: boolean): Promise<string> {
  const sentences = readConll([file]);
  // Each file is a document, tagged as Marsad tags an article (both passes); files in order.
  const predicted: string[][] = [];
  for (let i = 0; i < sentences.length; ) {
    let j = i;
    while (j < sentences.length && sentences[j]!.file === sentences[i]!.file) j++;
    predicted.push(...tagDocumentTokens(sentences.slice(i, j).map((s) => s.tokens)));
    i = j;
  }
  const score = scoreNer(sentences.map((s) => s.tags), predicted);
  if (!json) return formatScore(score, file);
  const prf = (p: { precision: number; recall: number; f1: number }) => ({ precision: r4(p.precision), recall: r4(p.recall), f1: r4(p.f1) });
  return JSON.stringify({
    ...prf(score),
    by_type: Object.fromEntries(ENTITY_TYPES.map((t) => [t, prf(score.by_type[t])])),
  });
}
