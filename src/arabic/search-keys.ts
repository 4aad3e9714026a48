import { createHash } from 'node:crypto';
import { tokenize } from './tokenize.js';
import { lightStem } from './segment.js';
import { fold } from './normalize.js';

/** A search key with the span of the original word it came from. */
export interface SearchKey {
  key: string;
  start: number;
  end: number;
}

/**
 * Search keys of a text: Arabic words reduced to their light stem (clitics and inflection
 * suffixes off, letters folded, spelling variants unified), Latin words and acronyms
 * lower-cased, numbers in ASCII digits. Punctuation, URLs and e-mail are not searchable words.
 * @example searchKeys('والاستخبارات الأميركية').map(k => k.key) // same keys as for 'الاستخبارات أمريكية'
 */
export function searchKeys(text: string): SearchKey[] {
  const keys: SearchKey[] = [];
  for (const t of tokenize(text)) {
    let key: string;
    switch (t.kind) {
      case 'arabic':
        key = lightStem(t.text);
        break;
      case 'latin':
      case 'acronym':
        key = fold(t.text).replace(/\./g, '');
        break;
      case 'number':
        key = fold(t.text).replace(/[^0-9]/g, '');
        break;
      case 'hashtag':
        key = /[\u0600-\u06FF]/.test(t.text) ? lightStem(t.text.slice(1)) : fold(t.text.slice(1));
        break;
      default:
        continue;
    }
    if (key) keys.push({ key, start: t.start, end: t.end });
  }
  return keys;
}

// Words that exercise every rule (clitics, suffixes, variants, digits, Latin): when the
// analyser's output on them changes, so does its version, and stores rebuild their index.
const PROBE =
  'والاستخبارات للاستخبارات الأميركية أمريكيين وبالساحل فسيكتبونها لبنان والي بيان بيرنز بورنز ' +
  'الحموشي كتابهم مدرستنا المعلمات ٢٠٢٢ CIA U.S. #الأمن إف بي آي';

/**
 * The analyser the store indexes with. Its version fingerprints the keys of a probe text,
 * so an improved stemmer or lexicon invalidates old indexes without anyone remembering to.
 */
export const arabicSearchAnalyzer = {
  version: 'arabic-light-stem:' + createHash('sha256').update(JSON.stringify(searchKeys(PROBE))).digest('hex').slice(0, 16),
  keys: searchKeys,
} as const;
