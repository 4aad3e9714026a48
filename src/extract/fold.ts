/**
 * Folding of Arabic text for matching and de-duplication. Display always keeps the
 * original text; these forms are only ever compared, hashed or indexed. It lives in the
 * extract stage because extraction already needs it (boilerplate phrases, repeated lines);
 * the Arabic core and every later stage build on it from here.
 */

// Harakat, Quranic annotation marks, superscript alef and tatweel carry no identity for matching.
const MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
const ZERO_WIDTH_AND_BIDI = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]/g;
const ALEF_FORMS = /[\u0622\u0623\u0625\u0671\u0672\u0673]/g;

/**
 * Folds letter variants that Arabic writers use interchangeably, so that two spellings of
 * the same word compare equal.
 * @example foldArabic('الأَمريكيّة') // 'الامريكيه'
 */
export function foldArabic(text: string): string {
  return text
    .normalize('NFKC')
    .replace(ZERO_WIDTH_AND_BIDI, '')
    .replace(MARKS, '')
    .replace(ALEF_FORMS, '\u0627')
    .replace(/\u0649/g, '\u064A')
    .replace(/\u0629/g, '\u0647')
    .replace(/[\u0624]/g, '\u0648')
    .replace(/[\u0626]/g, '\u064A')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .toLowerCase();
}

/**
 * The words of a text, folded, with punctuation and spacing differences dropped: two scrapes
 * of one article give the same key even when their quotes, commas or line breaks differ.
 * @example matchKey('قال، «الوزير»  اليوم.') // 'قال الوزير اليوم'
 */
export function matchKey(text: string): string {
  const words = foldArabic(text).match(/[\p{L}\p{N}]+/gu);
  return words ? words.join(' ') : '';
}
