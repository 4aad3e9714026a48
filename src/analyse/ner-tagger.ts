/**
 * The NER tagger: the statistical model's IOB2 tags, then the high-precision gazetteer
 * rules on top.
 *
 * Rules (measured on the development split before being kept):
 * - a multi-word country or organisation name matched exactly ("الأمم المتحدة",
 *   "حلف شمال الأطلسي", "الولايات المتحدة الأمريكية") is a mention of that type where the
 *   model tagged none of its words;
 * - a known Latin acronym of an organisation ("CIA", "FBI", "(NATO)") is an ORG mention;
 * - a one-word mention that is a function word as written ("على", "إلى") is dropped.
 * Single Arabic words of the gazetteers are left to the model (as features): "صور" is Tyre
 * and "pictures", "القاعدة" al-Qaeda and "the base".
 */
import type { MentionSource } from '../model/entity.js';
import { DOC_EXTRA, FeatureExtractor, withExtra, type WordFeatures } from './ner-features.js';
import { isFunctionWordAsWritten } from './ner-function-words.js';
import type { Perceptron } from './perceptron.js';

export interface Tagged {
  tags: string[];
  /** per token: what produced its tag */
  sources: MentionSource[];
}

export interface TaggerOptions {
  /** apply the gazetteer rules (default true) */
  rules?: boolean;
  /**
   * the second-pass model over document features (see `tagDocument`); without it,
   * `tagDocument` tags each sentence on its own
   */
  docModel?: Perceptron | null;
  /** sentences either side that make a sentence's document (default: the doc model's, else 30) */
  window?: number;
}

export class NerTagger {
  readonly model: Perceptron;
  readonly features: FeatureExtractor;
  readonly docModel: Perceptron | null;
  readonly window: number;
  private readonly rules: boolean;

  constructor(model: Perceptron, options: TaggerOptions = {}, features = new FeatureExtractor()) {
    this.model = model;
    this.features = features;
    this.rules = options.rules ?? true;
    this.docModel = options.docModel ?? null;
    const w = options.window ?? Number(this.docModel?.notes['window'] ?? 30);
    this.window = Number.isFinite(w) && w >= 0 ? w : 30;
  }

  /**
   * Tags the sentences of one document (an article, in order). With a document model, in
   * two passes: the sentence model first, then the document model, which also sees what
   * the first pass made of the same words elsewhere in the document (`window` sentences
   * either side).
   * @example tagger.tagDocument([['قالت', 'فولكسفاغن'], ['باعت', 'فولكسفاغن']]).map((t) => t.tags)
   */
  tagDocument(sentences: readonly (readonly string[])[]): Tagged[] {
    if (!this.docModel) return sentences.map((s) => this.tag(s));
    const sents = sentences.map((s) => this.features.sentence(s));
    const first = sents.map((s, i) =>
      s.words.length ? this.finish(this.model, s.feats, s.offsets, s.words, sentences[i]!) : { tags: [], sources: [] });
    const index = new Map(this.model.tags.map((t, i) => [t, i]));
    const docFeats = this.features.documentFeatures(
      sents.map((s) => s.words),
      first.map((t) => Uint8Array.from(t.tags, (x) => index.get(x) ?? 0)),
      this.window,
    );
    return sents.map((s, i) => {
      if (!s.words.length) return first[i]!;
      const x = withExtra(s, docFeats[i]!, DOC_EXTRA);
      return this.finish(this.docModel!, x.feats, x.offsets, s.words, sentences[i]!);
    });
  }

  /**
   * Tags one sentence of tokens.
   * @example tagger.tag(['قال', 'جو', 'بايدن']).tags // ['O', 'B-PERSON', 'I-PERSON']
   */
  tag(tokens: readonly string[]): Tagged {
    const n = tokens.length;
    if (!n) return { tags: [], sources: [] };
    const { feats, offsets, words } = this.features.sentence(tokens);
    return this.finish(this.model, feats, offsets, words, tokens);
  }

  /** Decodes with `model`, then applies the rules. */
  private finish(model: Perceptron, feats: Uint32Array, offsets: Uint32Array, words: WordFeatures[], tokens: readonly string[]): Tagged {
    const n = tokens.length;
    const idx = model.decode(feats, offsets);
    const tags = Array.from(idx, (i) => model.tags[i]!);
    const sources: MentionSource[] = new Array(n).fill('tagger');
    if (!this.rules) return { tags, sources };
    const overrides: Array<{ start: number; end: number; type: string; source: MentionSource }> = [];
    for (const m of this.features.gazetteerMatches(words)) {
      const multi = m.end - m.start > 1;
      if (multi && (m.entry.kind === 'country' || m.entry.kind === 'org')) {
        overrides.push({ start: m.start, end: m.end, type: m.entry.type, source: 'gazetteer' });
      } else if (!multi && m.entry.kind === 'org' && /^[A-Z][A-Z0-9]+$/.test(tokens[m.start]!)) {
        overrides.push({ start: m.start, end: m.end, type: 'ORG', source: 'rule' });
      }
    }
    for (const o of overrides) {
      // the rules fill what the model left out; where it read the words as (part of) a
      // mention, its reading stands (on the development split, overriding it cost precision:
      // the corpus marks "الأمم المتحدة" inside longer names the gazetteer does not know)
      let free = true;
      for (let i = o.start; i < o.end && free; i++) free = tags[i] === 'O';
      if (!free || (o.end < n && tags[o.end]!.startsWith('I-'))) continue;
      for (let i = o.start; i < o.end; i++) {
        tags[i] = (i === o.start ? 'B-' : 'I-') + o.type;
        sources[i] = o.source;
      }
    }
    // a one-word mention that is a function word as written ("على", ى kept) is none: the
    // features fold ى into ي, so "على" shares the name "علي"'s identity and gazetteer flag
    // (ANERcorp and AQMAR have 6 such one-word entities in 146k tokens, all oddities)
    for (let i = 0; i < n; i++) {
      if (tags[i]!.startsWith('B-') && (i + 1 >= n || !tags[i + 1]!.startsWith('I-')) && isFunctionWordAsWritten(tokens[i]!, false)) {
        tags[i] = 'O';
        sources[i] = 'tagger';
      }
    }
    return { tags, sources };
  }
}
