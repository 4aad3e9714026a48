/**
 * Function words (prepositions, particles, pronouns, demonstratives…) as the NER stages
 * need them: by their spelling as written, final ى and ي kept apart.
 *
 * Matching folds ى into ي (MATCH normalisation), which is right for names ("مصطفى" /
 * "مصطفي") but makes the preposition "على" the name "علي", "لدى" "لدي" and "إلى" "إلي":
 * the given-name gazetteer then flags "على" as a name, the tagger's word features cannot tell
 * them apart, and a document's "علي" was propagated onto every "على". Written with ى, these
 * words are function words and never names; written with ي, they are ambiguous (texts that
 * write no ى at all spell "على" as "علي", as part of ANERcorp does).
 *
 * The list is the [function] section of the segmenter's lexicon (`data/arabic/lexicon-stems.txt`).
 */
import { fold, MATCH, normalize, SEGMENT } from '../arabic/index.js';
import { readDataList } from '../model/data-lists.js';

interface FunctionWords {
  /** SEGMENT forms (ى, ة and hamza seats as written, alef forms folded) */
  written: Set<string>;
  /** MATCH-folded forms */
  folded: Set<string>;
}

let cached: FunctionWords | null = null;

function load(): FunctionWords {
  if (cached) return cached;
  const fw: FunctionWords = { written: new Set(), folded: new Set() };
  for (const { section, text } of readDataList('arabic/lexicon-stems.txt', ['function', 'stems', 'names'], 'stems')) {
    if (section !== 'function') continue;
    for (const w of text.split(/\s+/)) {
      if (w.length < 2) continue;
      fw.written.add(normalize(w, SEGMENT).text);
      fw.folded.add(fold(w, MATCH));
    }
  }
  cached = fw;
  return fw;
}

/**
 * The word without one attached و/ف (SEGMENT form), for "وعلى", "فإلى"; at least three
 * letters must remain: "فان" (van) and "وان" are names far more often than ف/و + "ان".
 */
function withoutConjunction(seg: string): string | null {
  const c = seg.charCodeAt(0);
  return (c === 0x0648 || c === 0x0641) && seg.length > 3 ? seg.slice(1) : null;
}

/**
 * Whether a word, as written (after one attached و/ف unless `conjunction` is false), is a
 * function word of the lexicon; ى and ي are told apart, alef forms and marks are not.
 * @example isFunctionWordAsWritten('على') // true; isFunctionWordAsWritten('وعلى') // true; isFunctionWordAsWritten('علي') // false
 */
export function isFunctionWordAsWritten(word: string, conjunction = true): boolean {
  const { written } = load();
  const seg = normalize(word, SEGMENT).text;
  if (written.has(seg)) return true;
  if (!conjunction) return false;
  const rest = withoutConjunction(seg);
  return rest !== null && written.has(rest);
}

/**
 * Whether a word spells a function word once ى/ي, ة/ه and hamza seats are folded — "علي"
 * (the name Ali, or "على" written with ي) as well as "على" itself.
 * @example spellsFunctionWord('علي') // true; spellsFunctionWord('بايدن') // false
 */
export function spellsFunctionWord(word: string): boolean {
  const { folded } = load();
  const f = fold(word, MATCH);
  return folded.has(f);
}

/**
 * Whether a text writes a word-final ى anywhere: a text that does tells "على" from "علي";
 * one that does not may spell the preposition "علي" too.
 * @example writesAlifMaqsura('سافر إلى باريس') // true; writesAlifMaqsura('سافر الي باريس') // false
 */
export function writesAlifMaqsura(text: string): boolean {
  return /\u0649(?![\u0621-\u064A])/.test(text);
}
