/**
 * The fuzz targets of ./targets.ts with a fixed seed and bounded runs, so CI repeats exactly
 * and the suite stays under a minute; `node dist/scripts/fuzz.js` runs them at length.
 * Each test prints how many inputs it tried.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeFuzzResources, fuzzTargets, loadCorpus, runTarget } from './targets.js';
import { sharedPath } from '../../src/model/paths.js';

const SEED = 20261207;
// A few WCXB pages join the mutated corpus when ../shared is present; the fixtures always do.
const corpus = loadCorpus({ wcxb: 6 });

after(closeFuzzResources);

for (const target of fuzzTargets(corpus)) {
  test(`fuzz ${target.name}: only catalogued errors, each call under the time limit`, { timeout: 60_000 }, async (t) => {
    if (target.name === 'extract:mutated-pages' && !sharedPath('seeds')) t.diagnostic('../shared absent: mutating test fixtures only');
    const r = await runTarget(target, { numRuns: target.ciRuns, seed: SEED, shrink: false });
    t.diagnostic(`${target.name}: ${r.tried} inputs tried (seed ${SEED}), slowest call ${r.slowestMs} ms, ${r.ms} ms in all`);
    assert.ok(!r.failed, `${r.report}\nreplay: node dist/scripts/fuzz.js --target ${target.name} --seed ${r.seed} --path ${r.counterexamplePath}`);
  });
}
