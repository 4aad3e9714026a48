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

/** The analyser the store indexes with. Bump `version` whenever keys would change. */
export const arabicSearchAnalyzer = { version: 'arabic-light-stem-1', keys: searchKeys } as const;
