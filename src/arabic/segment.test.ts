import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lightStem, segment } from './segment.js';
import { evaluateSegmentation } from '../../scripts/eval-segment.js';

const show = (w: string): string => {
  const s = segment(w);
  return [...s.proclitics, s.stem, ...s.enclitics].join('+');
};

// [word, expected segmentation (SEGMENT form), label]
const CASES: Array<[string, string, string]> = [
  ['والاستخبارات', 'و+ال+استخبارات', 'conjunction + article'],
  ['للاستخبارات', 'ل+ال+استخبارات', 'ل + ال written لل'],
  ['بالاستخبارات', 'ب+ال+استخبارات', 'preposition + article'],
  ['الحموشي', 'ال+حموشي', 'article before a name'],
  ['والي', 'والي', 'governor stays whole'],
  ['والى', 'و+الى', '"and to" (final ى) is split'],
  ['بيان', 'بيان', 'بيان stays whole'],
  ['وبيان', 'و+بيان', 'و + known stem'],
  ['لبنان', 'لبنان', 'لبنان stays whole'],
  ['ولبنان', 'و+لبنان', 'و + لبنان'],
  ['كلمة', 'كلمة', 'كلمة stays whole'],
  ['كلمته', 'كلمة+ه', 'ت restored to ة before pronoun'],
  ['فلسطين', 'فلسطين', 'فلسطين stays whole'],
  ['بريطانيا', 'بريطانيا', 'بريطانيا stays whole'],
  ['سوريا', 'سوريا', 'سوريا stays whole'],
  ['ليبيا', 'ليبيا', 'ليبيا stays whole'],
  ['الله', 'الله', 'الله stays whole'],
  ['فبراير', 'فبراير', 'فبراير stays whole'],
  ['باريس', 'باريس', 'باريس stays whole'],
  ['بباريس', 'ب+باريس', 'ب + باريس'],
  ['كبير', 'كبير', 'كبير stays whole'],
  ['حكومتها', 'حكومة+ها', 'feminine noun + ها'],
  ['أعضاؤها', 'اعضاء+ها', 'hamza seat restored before pronoun'],
  ['مستواه', 'مستوى+ه', 'alef restored to ى before pronoun'],
  ['عليه', 'علي+ه', 'preposition host + ه'],
  ['لهم', 'ل+هم', 'single-letter host ل + هم'],
  ['بها', 'ب+ها', 'single-letter host ب + ها'],
  ['وسيتم', 'و+س+يتم', 'future س'],
  ['سياسة', 'سياسة', 'س that is not the future'],
  ['سيارة', 'سيارة', 'سيارة stays whole'],
  ['وقال', 'و+قال', 'و + verb'],
  ['وأكد', 'و+اكد', 'و + verb with hamza'],
  ['ويتعلق', 'و+يتعلق', 'و + imperfect'],
  ['وزارة', 'وزارة', 'initial و of a noun'],
  ['وتيرة', 'وتيرة', 'و + ت… ending in ة is not a verb'],
  ['التزام', 'التزام', 'form VIII masdar starts with ال'],
  ['الالتزام', 'ال+التزام', 'article + التزام'],
  ['اتجاه', 'اتجاه', 'final ه that is not a pronoun'],
  ['تفاهم', 'تفاهم', 'final هم that is not a pronoun'],
  ['كورونا', 'كورونا', 'final نا that is not a pronoun'],
  ['بتنفيذ', 'ب+تنفيذ', 'ب + تفعيل verbal noun (unknown stem)'],
  ['لمواجهة', 'ل+مواجهة', 'ل + مفاعلة verbal noun (unknown stem)'],
  ['والمتظاهرين', 'و+ال+متظاهرين', 'unknown stem after وال'],
  ['فيروس', 'فيروس', 'ف that is not a conjunction'],
  ['باب', 'باب', 'ب + short known stem is not licensed'],
  ['بينهما', 'بين+هما', 'بين + هما'],
  ['CIA', 'cia', 'Latin passes through'],
];
for (const [word, expected, label] of CASES) {
  test(`segment: ${label} (${word})`, () => assert.equal(show(word), expected));
}

test('segment: offsets refer to the word as given', () => {
  const w = 'وَالاستِخبارات';
  const s = segment(w);
  assert.deepEqual(s.parts.map((p) => w.slice(p.start, p.end)), ['وَ', 'ال', 'استِخبارات']);
  const l = segment('للجيش');
  assert.deepEqual(l.parts.map((p) => [p.morpheme, 'للجيش'.slice(p.start, p.end)]), [['ل', 'ل'], ['ال', 'ل'], ['جيش', 'جيش']]);
  const h = segment('حكومتها');
  assert.equal('حكومتها'.slice(h.stemStart, h.stemEnd), 'حكومت');
  assert.equal(h.stem, 'حكومة');
});

// groups of words that must share a light stem
const SAME_STEM: Array<[string[], string]> = [
  [['الاستخبارات', 'والاستخبارات', 'للاستخبارات', 'استخبارات', 'بالاستخبارات'], 'intelligence'],
  [['حموشي', 'الحموشي', 'والحموشي', 'للحموشي'], 'Hammouchi'],
  [['أمريكية', 'الأمريكية', 'الأميركية', 'أميركي', 'الأمريكي', 'الأمريكيون', 'والأميركيين'], 'American'],
  [['حكومة', 'الحكومة', 'حكومته', 'حكومتها', 'للحكومة', 'والحكومات'], 'government'],
  [['المغرب', 'والمغرب', 'بالمغرب', 'للمغرب'], 'Morocco'],
  [['ترامب', 'ترمب', 'وترامب'], 'Trump variants'],
  [['الانتخابات', 'انتخابات', 'للانتخابات'], 'elections'],
  [['معلومات', 'المعلومات', 'معلومة'], 'information sg/pl'],
];
for (const [words, label] of SAME_STEM) {
  test(`lightStem: ${label} share one key`, () => {
    const keys = new Set(words.map(lightStem));
    assert.equal(keys.size, 1, words.map((w) => `${w}→${lightStem(w)}`).join(' '));
  });
}

const DIFFERENT: Array<[string, string]> = [
  ['لبنان', 'بنان'], ['والي', 'الي'], ['بيان', 'يان'], ['كبير', 'كبر'], ['فلسطين', 'فلسط'], ['الأمن', 'الأمم'],
];
for (const [a, b] of DIFFERENT) test(`lightStem: ${a} ≠ ${b}`, () => assert.notEqual(lightStem(a), lightStem(b)));

/**
 * Threshold: the gold list has 639 words. Measured: 98.4% overall; 95.6% on the 206 held-out
 * words (87.3% on the first 142 of them before the scoring rules were last adjusted) and
 * 95.3% on the last 64, written after all tuning. 95% overall / 90% held-out leaves room for
 * lexicon edits while failing on any real regression: a quarter of the list are words that
 * only look cliticised and must stay whole, which a lexicon-free stripper gets wrong.
 */
test('segmentation accuracy on data/arabic/segmentation-gold.tsv ≥ 95% (held-out ≥ 90%)', () => {
  const r = evaluateSegmentation();
  assert.ok(r.total >= 300, `gold list has ${r.total} words`);
  assert.ok(r.accuracy >= 0.95, `accuracy ${r.accuracy}: ${r.errors.slice(0, 10).map((e) => `${e.word}→${e.got}`).join(', ')}`);
  assert.ok(r.heldout.accuracy >= 0.9, `held-out accuracy ${r.heldout.accuracy}`);
});
