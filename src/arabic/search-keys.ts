import { createHash } from 'node:crypto';
import { analyze } from './analyze.js';
import { lightStem } from './segment.js';

/** A search key with the span of the original word it came from. */
export interface SearchKey {
  key: string;
  start: number;
  end: number;
}

/**
 * Search keys of a text: Arabic words reduced to their light stem (clitics and inflection
 * suffixes off, letters folded, spelling variants unified), Latin words and acronyms
 * lower-cased, numbers in ASCII digits, hashtags by their word. URLs and e-mail addresses
 * are not searchable words.
 * @example searchKeys('والاستخبارات الأميركية').map(k => k.key) // same keys as for 'الاستخبارات أمريكية'
 */
export function searchKeys(text: string): SearchKey[] {
  const keys: SearchKey[] = [];
  for (const t of analyze(text).terms) {
    let key: string;
    switch (t.kind) {
      case 'arabic':
      case 'latin':
        key = t.key;
        break;
      case 'acronym':
        key = t.key.replace(/\./g, '');
        break;
      case 'number':
        key = t.key.replace(/[^0-9]/g, '');
        break;
      case 'hashtag':
        key = /[\u0600-\u06FF]/.test(t.norm) ? lightStem(t.norm.slice(1)) : t.key.slice(1);
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
