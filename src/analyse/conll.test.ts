import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatConll, mapTag, parseConll, readConll } from './conll.js';
import { thrownError } from '../model/errors.testkit.js';

test('corpus tags map onto PERSON/ORG/LOCATION; MISC and strays read sensibly', () => {
  assert.equal(mapTag('B-PERS'), 'B-PERSON');
  assert.equal(mapTag('I-PER'), 'I-PERSON');
  assert.equal(mapTag('B-LOC'), 'B-LOCATION');
  assert.equal(mapTag('I-ORG'), 'I-ORG');
  assert.equal(mapTag('B-MISC'), 'O');
  assert.equal(mapTag('I-MIS2'), 'O');
  assert.equal(mapTag('B-MIS-1'), 'O');
  assert.equal(mapTag('OO'), 'O', 'a doubled O is O');
  assert.equal(mapTag('I--ORG'), 'I-ORG', 'a doubled dash is one dash');
  assert.equal(mapTag('LOC'), 'I-LOCATION', 'a bare type reads as I-');
  assert.equal(mapTag('S-PER'), 'B-PERSON');
  assert.equal(mapTag('المغرب'), null, 'an Arabic word is not a tag');
});

test('parseConll splits sentences at blank lines and keeps first and last columns', () => {
  const s = parseConll('-DOCSTART- O\n\nزار O\nجو B-PERS\nبايدن I-PERS\n\n\nالرباط NNP B-LOC\n', 'x.conll');
  assert.deepEqual(s, [
    { tokens: ['زار', 'جو', 'بايدن'], tags: ['O', 'B-PERSON', 'I-PERSON'] },
    { tokens: ['الرباط'], tags: ['B-LOCATION'] },
  ]);
  assert.equal(formatConll(s), 'زار O\nجو B-PERSON\nبايدن I-PERSON\n\nالرباط B-LOCATION\n');
});

test('bad input throws catalogued errors naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-conll-'));
  const missing = join(dir, 'missing.conll');
  let e = thrownError(() => readConll([missing]));
  assert.equal(e.code, 'INPUT_NOT_FOUND');
  assert.equal(e.input, missing);
  const empty = join(dir, 'empty.conll');
  writeFileSync(empty, '\n  \n');
  e = thrownError(() => readConll([empty]));
  assert.equal(e.code, 'INPUT_EMPTY');
  assert.match(e.message, /empty\.conll/);
  const prose = join(dir, 'prose.txt');
  writeFileSync(prose, 'هذا نص عادي وليس ملفا موسوما\n');
  e = thrownError(() => readConll([prose]));
  assert.equal(e.code, 'BAD_ARGUMENT');
  assert.match(e.message, /line 1 is not CoNLL/);
  const single = join(dir, 'single.txt');
  writeFileSync(single, 'word\n');
  assert.equal(thrownError(() => readConll([single])).code, 'BAD_ARGUMENT');
  const english = join(dir, 'english.txt');
  writeFileSync(english, 'hello world\nfoo bar\n');
  assert.equal(thrownError(() => readConll([english])).code, 'BAD_ARGUMENT', 'no O/B-/I- tag anywhere');
  const binary = join(dir, 'bin.conll');
  writeFileSync(binary, Buffer.from([0x61, 0x00, 0x20, 0x4f]));
  assert.equal(thrownError(() => readConll([binary])).code, 'INPUT_BINARY');
  const emptyDir = join(dir, 'none');
  mkdirSync(emptyDir);
  assert.equal(thrownError(() => readConll([emptyDir])).code, 'INPUT_EMPTY');
});

test('a folder contributes its files in name order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-conll-'));
  writeFileSync(join(dir, 'b.txt'), 'بيروت B-LOC\n');
  writeFileSync(join(dir, 'a.txt'), 'دمشق B-LOC\n');
  writeFileSync(join(dir, 'notes.md'), 'ignored');
  assert.deepEqual(readConll([dir]).map((s) => s.tokens[0]), ['دمشق', 'بيروت']);
});
