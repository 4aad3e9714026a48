import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConll } from './conll.js';
import { formatScore, iobSpans, scoreNer } from './ner-eval.js';

test('iobSpans follows CoNLL: an I- without its B- starts an entity', () => {
  assert.deepEqual(iobSpans(['B-PERSON', 'I-PERSON', 'O', 'I-ORG', 'I-ORG', 'B-ORG', 'I-LOCATION']), [
    { type: 'PERSON', start: 0, end: 2 },
    { type: 'ORG', start: 3, end: 5 },
    { type: 'ORG', start: 5, end: 6 },
    { type: 'LOCATION', start: 6, end: 7 },
  ]);
  assert.deepEqual(iobSpans(['B-PERSON', 'I-ORG']), [{ type: 'PERSON', start: 0, end: 1 }, { type: 'ORG', start: 1, end: 2 }]);
});

// gold: PERSON جو بايدن, LOCATION عمان, ORG الأمم المتحدة, LOCATION المغرب (4 entities)
const GOLD = `التقى O
جو B-PERS
بايدن I-PERS
في O
عمان B-LOC

قالت O
الأمم B-ORG
المتحدة I-ORG
إن O
المغرب B-LOC
`;
// predicted: PERSON جو بايدن (right), LOCATION عمان (right), ORG الأمم alone (wrong span),
// PERSON المغرب (wrong type), LOCATION قالت (spurious)
const PRED = `التقى O
جو B-PER
بايدن I-PER
في O
عمان B-LOC

قالت B-LOC
الأمم B-ORG
المتحدة O
إن O
المغرب B-PER
`;

test('scores are entity-level, exact span and type, micro-averaged', () => {
  const g = parseConll(GOLD, 'gold');
  const p = parseConll(PRED, 'pred');
  const s = scoreNer(g.map((x) => x.tags), p.map((x) => x.tags));
  // 2 correct of 5 predicted, of 4 gold
  assert.equal(s.precision, 2 / 5);
  assert.equal(s.recall, 2 / 4);
  assert.equal(s.f1, (2 * 0.4 * 0.5) / 0.9);
  assert.deepEqual(s.counts.PERSON, { tp: 1, predicted: 2, gold: 1 });
  assert.deepEqual(s.by_type.PERSON, { precision: 0.5, recall: 1, f1: 2 / 3 });
  assert.deepEqual(s.by_type.ORG, { precision: 0, recall: 0, f1: 0 });
  assert.deepEqual(s.by_type.LOCATION, { precision: 0.5, recall: 0.5, f1: 0.5 });
  assert.equal(s.tokens, 10);
  const table = formatScore(s);
  assert.match(table, /micro\s+40\.00\s+50\.00\s+44\.44/);
});

test('mismatched sentence lengths are a programming error', () => {
  assert.throws(() => scoreNer([['O']], [['O', 'O']]), /sentence 1/);
});
