/**
 * Named-entity recognition over Arabic text: PERSON, ORG and LOCATION mentions with exact
 * spans.
 *
 * The text is tokenised with the Arabic core (offsets into the text as given), cut into
 * sentences at . ! ? ؟ and line breaks, and the sentences are tagged as one document
 * (sentence model, then the document model where there is one; gazetteer rules; see
 * ner-tagger.ts). The model tags whole tokens, as its training corpus does
 * ("والمغرب" is one LOC token there); a mention's span then starts after the conjunctions
 * and prepositions attached to its first word, keeping the article as written
 * ("والمغرب" → "المغرب", "بالملك" → "الملك"; after لل, whose article is written as a
 * single ل, the span starts at the stem: "للمغرب" → "مغرب").
 */
import { normalize, SEGMENT, tokenize, wordInfo, type Token } from '../arabic/index.js';
import type { Mention } from '../model/entity.js';
import { cliticVariants, gazKey, loadGazetteers, type Gazetteers } from './gazetteer.js';
import { defaultTagger } from './ner-model.js';
import { iobSpans } from './ner-eval.js';
import { isFunctionWordAsWritten } from './ner-function-words.js';
import type { NerTagger } from './ner-tagger.js';

const SENTENCE_END = new Set(['.', '!', '?', '؟']);
const KEEP_CASE = { ...SEGMENT, lowercase: false };

/**
 * IOB2 tags (O, B-/I-PERSON, ORG, LOCATION) for pre-tokenised text, one sentence at a time;
 * the evaluation entry point for CoNLL input.
 * @example tagTokens(['التقى', 'جو', 'بايدن']) // ['O', 'B-PERSON', 'I-PERSON']
 */
export function tagTokens(tokens: string[], tagger: NerTagger = defaultTagger()): string[] {
  return tagger.tag(tokens).tags;
}

/**
 * IOB2 tags for the sentences of one document, tagged as `recogniseEntities` tags a text:
 * the second pass sees how the same words were tagged in nearby sentences.
 * @example tagDocumentTokens([['التقى', 'جو', 'بايدن'], ['وقال', 'بايدن']])
 */
export function tagDocumentTokens(sentences: string[][], tagger: NerTagger = defaultTagger()): string[][] {
  return tagger.tagDocument(sentences).map((t) => t.tags);
}

/**
 * The PERSON, ORG and LOCATION mentions of a text, in text order; each mention's `text` is
 * `text.slice(start, end)`.
 * @example recogniseEntities('زار بايدن والمغرب') // [{type:'PERSON', text:'بايدن', …}, {type:'LOCATION', text:'المغرب', start: 11, end: 17, …}]
 */
export function recogniseEntities(text: string, tagger: NerTagger = defaultTagger()): Mention[] {
  const tokens = tokenize(text);
  const g = loadGazetteers();
  const mentions: Mention[] = [];
  const sentences: Token[][] = [];
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const end = !next || SENTENCE_END.has(t.text) || text.slice(t.end, next.start).includes('\n');
    if (!end) continue;
    sentences.push(tokens.slice(from, i + 1));
    from = i + 1;
  }
  // the text is one document: the tagger's second pass reads each sentence with the others
  const tagged = tagger.tagDocument(sentences.map((s) => s.map((x) => x.text)));
  sentences.forEach((sentence, k) => {
    const { tags, sources } = tagged[k]!;
    for (const span of iobSpans(tags)) {
      const first = sentence[span.start]!;
      const last = sentence[span.end - 1]!;
      let start = first.start + procliticOffset(first, g);
      // a tagged name is never a clitic plus a function word: "بان" (Ban Ki-moon) is not
      // ب + "ان", "واين" (Wayne) not و + "أين", "فان" not ف + "ان"
      if (start > first.start && isFunctionWordAsWritten(text.slice(start, first.end))) start = first.start;
      if (start >= last.end) continue;
      mentions.push({ type: span.type, text: text.slice(start, last.end), start, end: last.end, source: sources[span.start]! });
    }
  });
  return mentions;
}

/** Letters of attached proclitics before ال (ل of لل counted with the article). */
function lettersBeforeArticle(pro: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < pro.length; i++) {
    const m = pro[i]!;
    if (m === 'ال') return i > 0 && pro[i - 1] === 'ل' ? n + 1 : n;
    n += m.length;
  }
  return -1;
}

/**
 * How many code units of a mention's first token are attached conjunctions/prepositions.
 * The segmenter is sure of a clitic before ال; without the article, names are mostly
 * unknown words it leaves whole, so the gazetteers decide ("وليد" is a name, "ولبنان" is
 * و + لبنان), and failing them a leading و before three or more letters is taken as the
 * conjunction — far more common before a name than a name starting with و.
 */
function procliticOffset(token: Token, g: Gazetteers): number {
  if (token.kind !== 'arabic' || token.text.length < 3) return 0;
  const n = normalize(token.text, KEEP_CASE);
  const seg = n.text;
  const info = wordInfo(seg);
  const art = lettersBeforeArticle(info.proclitics);
  if (art > 0) return n.toOriginal(art);
  if (art === 0) return 0;
  const gk = gazKey(token.text);
  const known = (k: string): boolean => g.flags.has(k) || g.byFirst.has(k);
  const variants = cliticVariants(gk);
  if (!known(gk)) {
    for (let i = 1; i < variants.length; i++) {
      const v = variants[i]!;
      // the لل → ال variant is the article case, handled above
      if (v.length < gk.length && gk.endsWith(v) && known(v)) return n.toOriginal(gk.length - v.length);
    }
  } else return 0;
  // a two-letter first word of a multi-word name ("وتل أبيب" → "تل أبيب")
  if ((gk[0] === 'و' || gk[0] === 'ف') && gk.length === 3 && g.byFirst.has(gk.slice(1))) return n.toOriginal(1);
  if (seg[0] === 'و' && seg.length >= 4) return n.toOriginal(1);
  let pl = 0;
  for (const m of info.proclitics) pl += m.length;
  return pl ? n.toOriginal(pl) : 0;
}
