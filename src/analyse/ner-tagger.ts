/**
 * The NER tagger: the statistical model's IOB2 tags, then the high-precision gazetteer
 * rules on top.
 *
 * Rules (measured on the development split before being kept):
 * - a multi-word country or organisation name matched exactly ("الأمم المتحدة",
 *   "حلف شمال الأطلسي", "الولايات المتحدة الأمريكية") is a mention of that type where the
 *   model tagged none of its words;
 * - a known Latin acronym of an organisation ("CIA", "FBI", "(NATO)") is an ORG mention.
 * Single Arabic words of the gazetteers are left to the model (as features): "صور" is Tyre
 * and "pictures", "القاعدة" al-Qaeda and "the base".
 */
import type { MentionSource } from '../model/entity.js';
import { FeatureExtractor } from './ner-features.js';
import type { Perceptron } from './perceptron.js';

export interface Tagged {
  tags: string[];
  /** per token: what produced its tag */
  sources: MentionSource[];
}

export interface TaggerOptions {
  /** apply the gazetteer rules (default true) */
  rules?: boolean;
}

export class NerTagger {
  readonly model: Perceptron;
  readonly features: FeatureExtractor;
  private readonly rules: boolean;

  constructor(model: Perceptron, options: TaggerOptions = {}, features = new FeatureExtractor()) {
    this.model = model;
    this.features = features;
    this.rules = options.rules ?? true;
  }

  /**
   * Tags one sentence of tokens.
   * @example tagger.tag(['قال', 'جو', 'بايدن']).tags // ['O', 'B-PERSON', 'I-PERSON']
   */
  tag(tokens: readonly string[]): Tagged {
    const n = tokens.length;
    if (!n) return { tags: [], sources: [] };
    const { feats, offsets, words } = this.features.sentence(tokens);
    const idx = this.model.decode(feats, offsets);
    const tags = Array.from(idx, (i) => this.model.tags[i]!);
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
    return { tags, sources };
  }
}
