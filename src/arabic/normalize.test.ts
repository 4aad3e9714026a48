import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLEAN, MATCH, SEGMENT, normalize, type NormalizeOptions } from './normalize.js';

// [input, expected MATCH form, label]
const MATCH_CASES: Array<[string, string, string]> = [
  ['الأَمريكيّة', 'الامريكيه', 'hamza on alef, harakat, shadda and ta marbuta'],
  ['إسرائيل', 'اسراييل', 'alef with hamza below; hamza on ya'],
  ['آلاف', 'الاف', 'alef madda'],
  ['ٱلرحمن', 'الرحمن', 'alef wasla'],
  ['مصطفى', 'مصطفي', 'alef maqsura to ya'],
  ['مؤتمر', 'موتمر', 'hamza on waw'],
  ['الاستـــخبارات', 'الاستخبارات', 'tatweel removed'],
  ['٢٠٢٢', '2022', 'Arabic-Indic digits'],
  ['۱۴۰۲', '1402', 'Persian digits'],
  ['٣٫٥', '3.5', 'Arabic decimal separator'],
  ['٥٠٪', '50%', 'Arabic percent sign'],
  ['ﻻ', 'لا', 'lam-alef ligature (NFKC 1→2)'],
  ['ﺍﻟﻠﻪ', 'الله', 'isolated/final presentation forms'],
  ['ﷺ', 'صلي الله عليه وسلم', 'honorific ligature expands, then folds'],
  ['«الوزير»', '"الوزير"', 'guillemets to ASCII quote'],
  ['“إف بي آي”', '"اف بي اي"', 'curly quotes'],
  ['„x‟ ‹y›', '"x" "y"', 'low-9 and single guillemets'],
  ['قال، ثم؛ لماذا؟', 'قال, ثم; لماذا?', 'Arabic comma, semicolon, question mark'],
  ['حمو\u200Cشي', 'حموشي', 'ZWNJ removed'],
  ['\u200Fنص\u202Bمضمن\u202C', 'نصمضمن', 'bidi controls removed'],
  ['\uFEFFبداية', 'بداية'.replace('ة', 'ه'), 'BOM removed'],
  ['CIA  FBI', 'cia fbi', 'lower-cased, spaces collapsed'],
  ['a\u00A0b', 'a b', 'no-break space'],
  ['ا\u0654', 'ا', 'decomposed alef + hamza above composes then folds'],
  ['ي\u0654', 'ي', 'decomposed ya + hamza above'],
  ['ک\u06CC', 'كي', 'Persian keheh and yeh'],
  ['— –', '- -', 'dashes'],
  ['ﻟﺒﻨﺎﻥ', 'لبنان', 'presentation forms of لبنان'],
  ['ＡＢＣ', 'abc', 'full-width Latin'],
  ['', '', 'empty'],
];
for (const [input, expected, label] of MATCH_CASES) {
  test(`normalize MATCH: ${label}`, () => assert.equal(normalize(input).text, expected));
}

const SEGMENT_CASES: Array<[string, string, string]> = [
  ['الحكومة', 'الحكومة', 'ta marbuta kept'],
  ['إلى', 'الى', 'alef maqsura kept, alef folded'],
  ['أعضاؤها', 'اعضاؤها', 'hamza seat kept'],
  ['CIA', 'cia', 'lower-cased'],
];
for (const [input, expected, label] of SEGMENT_CASES) {
  test(`normalize SEGMENT: ${label}`, () => assert.equal(normalize(input, SEGMENT).text, expected));
}

test('CLEAN keeps letters as written', () => {
  assert.equal(normalize('الأَمريـكية\u200F ﻻ', CLEAN).text, 'الأَمريكية لا');
});

test('options are independent: only digits', () => {
  assert.equal(normalize('أحمد ٢٠', { digits: true }).text, 'أحمد 20');
});

test('offset map: deletions and expansions', () => {
  const n = normalize('قالَ ﻻ «نعم»');
  assert.equal(n.text, 'قال لا "نعم"');
  // "قال" spans the fatha after it
  assert.deepEqual(n.spanToOriginal(0, 3), [0, 4]);
  // "لا" maps to the one ligature character
  assert.deepEqual(n.spanToOriginal(4, 6), [5, 6]);
  // half of the ligature maps to the whole ligature
  assert.deepEqual(n.spanToOriginal(5, 6), [5, 6]);
  // the quoted word
  const i = n.text.indexOf('نعم');
  assert.deepEqual(n.spanToOriginal(i, i + 3), [8, 11]);
  assert.equal(n.toOriginal(n.text.length), 12);
  assert.equal(n.origin.length, n.text.length + 1);
});

test('offset map: highlight a folded match in the original', () => {
  const original = 'التقى عبداللطيف الحَمُّوشي، بمدير مكتب';
  const n = normalize(original);
  const i = n.text.indexOf('الحموشي');
  const [a, b] = n.spanToOriginal(i, i + 'الحموشي'.length);
  assert.equal(original.slice(a, b), 'الحَمُّوشي');
});

// ------------------------------------------------------------------ property

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [
  'ا', 'أ', 'إ', 'آ', 'ٱ', 'ب', 'ت', 'ة', 'ى', 'ي', 'ؤ', 'ئ', 'ء', 'ل', 'م', 'ه', 'و',
  '\u064E', '\u0651', '\u0652', '\u0670', '\u0653', '\u0654', '\u0655', 'ـ', '\u200C', '\u200F', '\u202B', '\uFEFF', '\u00AD',
  '٣', '۴', '٫', '٪', '،', '؟', '«', '»', '“', '”', 'ﻻ', 'ﷺ', 'ﺍ', 'ﻟ', 'ﻪ', '…', 'ﬁ', 'Ａ',
  ' ', ' ', '  ', '\n', '\u00A0', 'A', 'b', 'Σ', 'İ', '1', '.', '😀', '\uD800', 'x',
];

const OPTION_SETS: Array<[string, NormalizeOptions]> = [
  ['MATCH', MATCH],
  ['SEGMENT', SEGMENT],
  ['CLEAN', CLEAN],
  ['marks only', { marks: true }],
  ['nfkc+whitespace', { nfkc: true, whitespace: true }],
];

for (const [name, opts] of OPTION_SETS) {
  test(`property (${name}): every output span maps back to an original span that normalises to it`, () => {
    const rand = rng(name.length * 7919);
    for (let iter = 0; iter < 400; iter++) {
      const len = 1 + Math.floor(rand() * 24);
      let s = '';
      for (let k = 0; k < len; k++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
      const n = normalize(s, opts);
      assert.equal(n.origin.length, n.text.length + 1);
      for (let i = 1; i < n.origin.length; i++) assert.ok(n.origin[i]! >= n.origin[i - 1]!, 'origin is monotone');
      for (let t = 0; t < 12 && n.text.length > 0; t++) {
        let st = Math.floor(rand() * n.text.length);
        let en = st + 1 + Math.floor(rand() * (n.text.length - st));
        // widen to whole expansion groups
        while (st > 0 && n.origin[st - 1] === n.origin[st]) st--;
        while (en < n.text.length && n.origin[en] === n.origin[en - 1]) en++;
        const [a, b] = n.spanToOriginal(st, en);
        assert.ok(a >= 0 && a <= b && b <= s.length);
        assert.equal(
          normalize(s.slice(a, b), opts).text,
          n.text.slice(st, en),
          `${JSON.stringify(s)} [${st},${en}) → [${a},${b})`,
        );
      }
    }
  });
}

test('normalises a large text linearly', () => {
  const big = 'وقال الوزيرُ «إن ٣٫٥٪ من الميزانية» ﻻ تكفي.\n'.repeat(50_000);
  const t0 = performance.now();
  const n = normalize(big);
  const ms = performance.now() - t0;
  assert.equal(n.origin.length, n.text.length + 1);
  assert.ok(ms < 2000, `took ${ms} ms`);
});
