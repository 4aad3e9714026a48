import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarsadStore } from '../store/store.js';
import { sharedPass } from './shared-pass.js';

test('concurrent calls on one store share one pass; other stores and later calls run their own', async () => {
  let runs = 0;
  const pass = sharedPass(async () => {
    const run = ++runs;
    await new Promise((r) => setTimeout(r, 5));
    return run;
  });
  const a = {} as MarsadStore;
  const b = {} as MarsadStore;
  const [x, y, z] = await Promise.all([pass(a), pass(a), pass(b)]);
  assert.equal(runs, 2, 'one pass for a, one for b');
  assert.equal(x, y, 'the second call on a got the first one’s result');
  assert.notEqual(x, z);
  assert.equal(await pass(a), 3, 'a call after the pass settled starts a new one');
});

test('a failed pass is not kept: the next call runs again', async () => {
  let runs = 0;
  const pass = sharedPass(async () => {
    if (++runs === 1) throw new Error('first fails');
    return runs;
  });
  const s = {} as MarsadStore;
  await assert.rejects(pass(s), /first fails/);
  assert.equal(await pass(s), 2);
});
