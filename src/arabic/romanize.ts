/**
 * Romanisation of Arabic names into a consistent Latin key, and a looser `nameKey` that maps
 * spelling variants of one name to one key.
 *
 * `romanize` — deterministic, ASCII, lower case; a simplified IJMES-like scheme without
 * diacritics, because Arabic script does not write short vowels:
 * - consonants: ب b, ت t, ث th, ج j, ح h, خ kh, د d, ذ dh, ر r, ز z, س s, ش sh, ص s, ض d,
 *   ط t, ظ z, غ gh, ف f, ق q, ك k, ل l, م m, ن n, ه h, پ p, چ ch, ڤ v, گ g;
 *   ع ' and ء/أ/ؤ/ئ ' inside a word; nothing (or the vowel of the seat) at its start;
 * - long vowels: ا/آ/ى a; و u and ي i between consonants or at the end, w/y elsewhere;
 *   ة a; initial أ a, إ i, آ a;
 * - short vowels: written harakat are used (َ a, ُ u, ِ i, shadda doubles); when absent, "a"
 *   is inserted between two consonants when the second carries a vowel or the first opens the
 *   word (حموشي → hamushi, الرحمن → al-rahmn, بيرنز → birnz; never before a glide: surya) —
 *   a reading aid, not a pronunciation;
 * - the article ال → "al-" (no sun-letter assimilation: one spelling, one key); عبد + ال… →
 *   "abd al-…"; a few very common name words follow convention (محمد muhammad, أحمد ahmad,
 *   عبد abd, الله allah …, table below).
 *
 * `nameKey` — for matching transliteration variants: the MATCH-folded name with the article
 * dropped, long vowels and ع/ء removed, letters that writers interchange in foreign names
 * merged (ص/س, ط/ت, ض/د, ظ/ذ/ز, ث/س, ق/ك, ح/ه, غ/ج), doubled letters collapsed; compounds
 * (عبد، أبو، ابن، بن + next word) are joined. بيرنز and بورنز → "brnz";
 * الحافظي and الحافيظي → "hfz" (in Latin letters, one letter per consonant).
 */
import { normalize, MATCH } from './normalize.js';

const CONS: Record<string, string> = {
  ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z', س: 's', ش: 'sh',
  ص: 's', ض: 'd', ط: 't', ظ: 'z', ع: "'", غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ل: 'l', م: 'm', ن: 'n',
  ه: 'h', ء: "'", أ: "'", إ: "'", ؤ: "'", ئ: "'", پ: 'p', چ: 'ch', ڤ: 'v', گ: 'g', ک: 'k',
};

const CONVENTIONAL: Record<string, string> = {
  محمد: 'muhammad', أحمد: 'ahmad', احمد: 'ahmad', محمود: 'mahmud', عبد: 'abd', الله: 'allah', لله: 'llah',
  علي: 'ali', عمر: 'umar', عثمان: 'uthman', حسن: 'hasan', حسين: 'husayn', يوسف: 'yusuf', مصطفى: 'mustafa',
  إبراهيم: 'ibrahim', ابراهيم: 'ibrahim', فاطمة: 'fatima', أبو: 'abu', ابو: 'abu', بن: 'bin', ابن: 'ibn',
};

const SHORT: Record<string, string> = { '\u064E': 'a', '\u064F': 'u', '\u0650': 'i' };

interface Unit {
  /** consonant letters (Latin) or '' */
  c: string;
  /** vowel after it: explicit haraka, long vowel, or '' */
  v: string;
  long: boolean;
}

function romanizeWord(word: string): string {
  const conv = CONVENTIONAL[word.replace(/[\u064B-\u065F\u0670\u0640]/g, '')];
  if (conv) return conv;
  // article
  const bare = word.replace(/[\u064B-\u065F\u0670\u0640]/g, '');
  if (bare.length > 3 && /^[اٱ]ل/.test(bare)) return 'al-' + romanizeWord(word.replace(/^[اٱ][\u064B-\u065F]*ل[\u0652]?/, ''));
  if (bare.length > 5 && bare.startsWith('عبدال')) return 'abd ' + romanizeWord(word.slice(word.indexOf('د') + 1));
  const units: Unit[] = [];
  const chars = [...word];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const prev = units[units.length - 1];
    const atStart = units.length === 0;
    const next = chars.slice(i + 1).find((x) => !/[\u064B-\u065F\u0670\u0640]/.test(x));
    const atEnd = next === undefined;
    if (SHORT[ch]) {
      if (prev) prev.v = SHORT[ch]!;
      continue;
    }
    if (ch === '\u0651') {
      if (prev && prev.c) units.push({ c: prev.c, v: '', long: false });
      continue;
    }
    if (/[\u064B-\u065F\u0670\u0640]/.test(ch)) continue;
    if (ch === 'ا' || ch === 'آ' || ch === 'ى' || ch === 'ٱ') {
      if (atStart) units.push({ c: '', v: 'a', long: true });
      else if (prev && !prev.long) {
        prev.v = 'a';
        prev.long = true;
      } else units.push({ c: '', v: 'a', long: true });
      continue;
    }
    if (ch === 'ة') {
      if (prev && !prev.long) {
        prev.v = 'a';
        prev.long = true;
      }
      continue;
    }
    if (atStart && (ch === 'أ' || ch === 'إ' || ch === 'ع')) {
      const nextIsLong = next === 'ا' || next === 'و' || next === 'ي';
      units.push({ c: '', v: ch === 'إ' ? 'i' : nextIsLong ? '' : 'a', long: false });
      continue;
    }
    if ((ch === 'و' || ch === 'ي') && !atStart && prev && !prev.long && prev.c !== '') {
      const nextVowelish = next === 'ا' || next === 'ى' || next === 'ة';
      if (!nextVowelish || atEnd) {
        prev.v = ch === 'و' ? 'u' : 'i';
        prev.long = true;
        continue;
      }
    }
    if (ch === 'و' || ch === 'ي') {
      units.push({ c: ch === 'و' ? 'w' : 'y', v: '', long: false });
      continue;
    }
    const c = CONS[ch];
    if (c !== undefined) units.push({ c, v: '', long: false });
    else units.push({ c: ch, v: '', long: false });
  }
  // insert "a" between two consonants with no vowel between them
  let out = '';
  for (let k = 0; k < units.length; k++) {
    const u = units[k]!;
    out += u.c;
    let v = u.v;
    const nxt = units[k + 1];
    // "a" before a consonant that carries a vowel (حموشي → hamushi, اللطيف → latif) or after a
    // word-initial consonant (الرحمن → rahmn); never before a glide (سوريا → surya)
    if (!v && u.c && nxt && nxt.c && nxt.c !== 'y' && nxt.c !== 'w' && (nxt.v || k === 0)) v = 'a';
    out += v;
  }
  return out.replace(/^'+/, '').replace(/'+$/, '');
}

/**
 * Latin rendering of an Arabic name (or any Arabic words), deterministic.
 * @example romanize('عبد اللطيف حموشي') // 'abd al-latif hamushi'
 */
export function romanize(name: string): string {
  const clean = normalize(name, { nfkc: true, controls: true, tatweel: true, digits: true }).text;
  return clean
    .split(/[\s\u060C,.،\-–—_/]+/)
    .filter(Boolean)
    .map((w) => (/[\u0600-\u06FF]/.test(w) ? romanizeWord(w) : w.toLowerCase()))
    .join(' ');
}

const KEY_LETTER: Record<string, string> = {
  ب: 'b', ت: 't', ط: 't', ث: 's', س: 's', ص: 's', ج: 'j', غ: 'j', ح: 'h', ه: 'h', خ: 'x', د: 'd', ض: 'd',
  ذ: 'z', ز: 'z', ظ: 'z', ر: 'r', ش: 'c', ف: 'f', ڤ: 'f', ق: 'k', ك: 'k', گ: 'k', ل: 'l', م: 'm', ن: 'n',
  پ: 'b', چ: 'c',
};

/**
 * Consonant-skeleton key for matching spelling variants of a name.
 * @example nameKey('بيرنز') === nameKey('بورنز') // 'brnz'
 * @example nameKey('الحافظي') === nameKey('الحافيظي') // 'hfz'
 */
export function nameKey(name: string): string {
  const words = normalize(name, MATCH).text.split(/[^\u0621-\u064A]+/).filter(Boolean);
  const keys: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!;
    if (w.length > 3 && w.startsWith('ال')) w = w.slice(2);
    let k = '';
    for (let j = 0; j < w.length; j++) {
      const ch = w[j]!;
      // word-initial و/ي are consonants; elsewhere long vowels
      if ((ch === 'و' || ch === 'ي') && j === 0) k += ch === 'و' ? 'w' : 'y';
      const l = KEY_LETTER[ch];
      if (l && !k.endsWith(l)) k += l;
    }
    if (!k) continue;
    const prev = words[i - 1];
    if (prev !== undefined && keys.length && ['عبد', 'ابو', 'ابن', 'بن', 'بو'].includes(prev)) keys[keys.length - 1] += k;
    else keys.push(k);
  }
  return keys.join(' ');
}
