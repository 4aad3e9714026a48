import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evalNer } from './eval-ner.js';
import { rejectedError } from '../model/errors.testkit.js';
import { sharedPath } from '../model/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'marsad-eval-ner-'));

test('--json prints exactly precision, recall, f1 and by_type', async () => {
  const file = join(dir, 'small.conll');
  writeFileSync(file, 'وصل O\nالرئيس O\nإلى O\nالقاهرة B-LOC\n. O\n');
  const out = JSON.parse(await evalNer(file, true));
  assert.deepEqual(Object.keys(out), ['precision', 'recall', 'f1', 'by_type']);
  assert.deepEqual(Object.keys(out.by_type), ['PERSON', 'ORG', 'LOCATION']);
  for (const t of ['PERSON', 'ORG', 'LOCATION']) assert.deepEqual(Object.keys(out.by_type[t]), ['precision', 'recall', 'f1']);
  assert.equal(out.recall, 1);
  assert.equal(out.by_type.LOCATION.f1, 1);
  const table = await evalNer(file, false);
  assert.match(table, /LOCATION\s+100\.00\s+100\.00\s+100\.00/);
});

test('bad files reject with catalogued errors naming the file', async () => {
  const missing = join(dir, 'nope.conll');
  const e = await rejectedError(evalNer(missing, true));
  assert.equal(e.code, 'INPUT_NOT_FOUND');
  assert.match(e.message, /nope\.conll/);
  const empty = join(dir, 'empty.conll');
  writeFileSync(empty, '');
  assert.equal((await rejectedError(evalNer(empty, false))).code, 'INPUT_EMPTY');
  const prose = join(dir, 'prose.conll');
  writeFileSync(prose, 'هذه جملة عادية\n');
  assert.equal((await rejectedError(evalNer(prose, false))).code, 'BAD_ARGUMENT');
});

const aqmar = sharedPath('data', 'ner', 'aqmar-dev');
test('a folder of CoNLL files is scored as one set', { skip: aqmar ? false : '../shared not present' }, async () => {
  const out = JSON.parse(await evalNer(aqmar!, true));
  assert.ok(out.f1 > 0 && out.f1 <= 1);
});
