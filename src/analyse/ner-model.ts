/**
 * The committed NER model (`data/ner/ner-model.bin.gz`, trained by `npm run train:ner`),
 * loaded once on first use: reading and expanding it takes a fraction of a second and some
 * 30 MB, which a process that never tags should not pay.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dataFile } from '../model/paths.js';
import { FeatureExtractor } from './ner-features.js';
import { NerTagger } from './ner-tagger.js';
import { Perceptron } from './perceptron.js';

/** The tag set, in model order: O, then B-/I- for each of Marsad's entity types. */
export const NER_TAGS: readonly string[] = ['O', 'B-PERSON', 'I-PERSON', 'B-ORG', 'I-ORG', 'B-LOCATION', 'I-LOCATION'];

/** Where the committed model lives. */
export const NER_MODEL_FILE = 'ner/ner-model.bin.gz';
/** The second-pass (document) model, used where present (see NerTagger.tagDocument). */
export const NER_DOC_MODEL_FILE = 'ner/ner-model-doc.bin.gz';

let model: Perceptron | null = null;
let docModel: Perceptron | null | undefined;
let tagger: NerTagger | null = null;

/** The committed model, loaded on first call. */
export function nerModel(): Perceptron {
  if (!model) model = Perceptron.deserialise(readFileSync(dataFile(NER_MODEL_FILE)));
  return model;
}

/** The committed document model, or null where there is none. */
export function nerDocModel(): Perceptron | null {
  if (docModel === undefined) {
    const f = dataFile(NER_DOC_MODEL_FILE);
    docModel = existsSync(f) ? Perceptron.deserialise(readFileSync(f)) : null;
  }
  return docModel;
}

/** The tagger over the committed model (with the gazetteer rules), created on first call. */
export function defaultTagger(): NerTagger {
  if (!tagger) {
    const m = nerModel();
    tagger = new NerTagger(m, { docModel: nerDocModel() }, new FeatureExtractor(m.vocab.length ? new Set(m.vocab) : null));
  }
  return tagger;
}
