import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseContext, parsePairLine, readNamePairs } from './name-pairs.js';

test('parsePairLine: names, contexts, type, label, note', () => {
  const p = parsePairLine('بيرنز\trole=مدير الوكالة;with=واشنطن|الرباط\tبورنز\t-\tPERSON\tsame\tvowel letter', 7);
  assert.deepEqual(p.a, { name: 'بيرنز', type: 'PERSON', roles: ['مدير الوكالة'], cooccurring: ['واشنطن', 'الرباط'] });
  assert.deepEqual(p.b, { name: 'بورنز', type: 'PERSON' });
  assert.equal(p.same, true);
  assert.equal(p.note, 'vowel letter');
  assert.equal(p.line, 7);
});

/** line, error fragment, label */
const bad: [string, string, string][] = [
  ['a\t-\tb\t-\tPERSON\tsame', '7 tab-separated columns', 'missing column'],
  ['a\t-\tb\t-\tPERS\tsame\tn', 'type', 'bad type'],
  ['a\t-\tb\t-\tPERSON\tmaybe\tn', 'label', 'bad label'],
  ['a\trole:x\tb\t-\tPERSON\tsame\tn', 'context', 'bad context'],
  ['\t-\tb\t-\tPERSON\tsame\tn', 'empty name', 'empty name'],
];
for (const [line, needle, label] of bad) {
  test(`parsePairLine: ${label} is refused`, () => {
    assert.throws(() => parsePairLine(line, 3), (e: Error) => e.message.includes('line 3') && e.message.includes(needle));
  });
}

test('parseContext: several roles, empty context', () => {
  assert.deepEqual(parseContext('role=أ;role=ب'), { roles: ['أ', 'ب'] });
  assert.deepEqual(parseContext('-'), {});
});

test('readNamePairs: the shipped set is large, roughly balanced, with a held-out tail', () => {
  const pairs = readNamePairs();
  assert.ok(pairs.length >= 60);
  const same = pairs.filter((p) => p.same).length;
  assert.ok(same / pairs.length > 0.35 && same / pairs.length < 0.65, `${same} same of ${pairs.length}`);
  const held = pairs.filter((p) => p.heldOut);
  assert.ok(held.length >= 10 && held.length < pairs.length / 2);
  assert.ok(pairs.findIndex((p) => p.heldOut) > 0 && pairs.slice(pairs.findIndex((p) => p.heldOut)).every((p) => p.heldOut));
});
