import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from './analyze.js';
import { splitSentences } from './sentences.js';
import { lightStem } from './segment.js';
import { fixturePath, sharedPath } from '../model/paths.js';


test('analyze: keys and original spans', () => {
  const text = 'والاستخباراتُ الأميركية، وحموشي';
  const { terms } = analyze(text);
  assert.deepEqual(terms.map((t) => t.key), [lightStem('استخبارات'), lightStem('أمريكية'), lightStem('حموشي')]);
  assert.deepEqual(terms.map((t) => text.slice(t.start, t.end)), ['والاستخباراتُ', 'الأميركية', 'وحموشي']);
  assert.deepEqual(terms[0]!.proclitics, ['و', 'ال']);
});

test('analyze: non-Arabic terms keep their kind', () => {
  const { terms } = analyze('زار FBI admin14 بنسبة ٣٫٥٪ #المغرب');
  assert.deepEqual(terms.map((t) => `${t.kind}:${t.key}`), ['arabic:زار', 'acronym:fbi', 'latin:admin', 'number:14', 'arabic:نسب', 'number:3.5%', 'hashtag:#المغرب']);
});

test('fixture article: every term span is a word of the original; sentences and keys', () => {
  const path = fixturePath('arabic', 'sample-article.txt');
  assert.ok(path, 'fixture missing');
  const text = readFileSync(path, 'utf8');
  const { terms } = analyze(text);
  assert.ok(terms.length > 100);
  for (const t of terms) assert.ok(t.end > t.start && !/\s/.test(text.slice(t.start, t.end)), text.slice(t.start, t.end));
  const keys = (w: string): number => terms.filter((t) => t.key === lightStem(w)).length;
  assert.ok(keys('أمريكي') >= 4, 'الأميركي / الأمريكي / الأمريكية share a key');
  assert.ok(keys('استخبارات') >= 1);
  assert.ok(terms.some((t) => t.kind === 'url') && terms.some((t) => t.kind === 'email'));
  const sentences = splitSentences(text);
  assert.ok(sentences.some((s) => s.text.startsWith('وقال الوزير') && s.text.endsWith('الاستقرار».')), 'quoted two-sentence statement stays whole');
  assert.ok(sentences.some((s) => s.text.includes('د. أحمد بنعلي')), 'abbreviation kept inside');
});

test('seed articles (shared/seeds): analysis covers the text and related forms share keys', (t) => {
  const dir = sharedPath('seeds');
  if (!dir) {
    t.skip('shared/seeds not found — seed checks skipped');
    return;
  }
  const texts = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(dir, f), 'utf8'));
  if (!texts.length) {
    t.skip('shared/seeds is empty — seed checks skipped');
    return;
  }
  const byKey = new Map<string, Set<string>>();
  for (const text of texts) {
    const { terms } = analyze(text);
    let last = 0;
    for (const term of terms) {
      assert.ok(term.start >= last && term.end <= text.length);
      last = term.start;
      if (term.kind === 'arabic') {
        const surface = text.slice(term.start, term.end);
        if (!byKey.has(term.key)) byKey.set(term.key, new Set());
        byKey.get(term.key)!.add(surface);
      }
    }
    for (const s of splitSentences(text)) assert.equal(text.slice(s.start, s.end), s.text);
  }
  // whenever the seeds contain these forms, they fall under one key
  for (const group of [['الحموشي', 'حموشي'], ['الاستخبارات', 'والاستخبارات', 'للاستخبارات'], ['الأمريكية', 'الأميركية', 'أمريكية']]) {
    const present = group.filter((w) => [...byKey.values()].some((set) => set.has(w)));
    const keys = new Set(present.map((w) => lightStem(w)));
    assert.ok(keys.size <= 1, `${present.join(', ')} → ${[...keys].join(', ')}`);
  }
});
