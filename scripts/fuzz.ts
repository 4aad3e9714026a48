/**
 * Runs the fuzz targets of test/fuzz/targets.ts at length (issue #8): the extractor, the
 * date readers, the quote finder and the search-query parser must never throw anything but
 * a MarsadError of the catalogue, nor take more than CALL_LIMIT_MS on one input.
 *
 *   node dist/scripts/fuzz.js [--runs N] [--seed S] [--target NAME] [--path P] [--wcxb N] [--no-shrink]
 *
 * --runs     inputs per target (default 10× the CI runs); --seed: default a random one,
 *            printed so the run can be repeated; --target: one target (prefix match);
 * --path     replays the failure reported with that seed and path;
 * --wcxb     how many WCXB pages join the mutation corpus (default all, when ../shared has them).
 * Prints, per target, the inputs tried and the slowest call; a failure with its seed, path and
 * replay command. Exits 1 when any target failed.
 */
import { CALL_LIMIT_MS, closeFuzzResources, fuzzTargets, loadCorpus, runTarget } from '../test/fuzz/targets.js';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const runs = option(args, '--runs');
  const seed = Number(option(args, '--seed') ?? Math.floor(Math.random() * 0x7fffffff));
  const only = option(args, '--target');
  const path = option(args, '--path');
  const corpus = loadCorpus({ wcxb: Number(option(args, '--wcxb') ?? -1) });
  const targets = fuzzTargets(corpus).filter((t) => !only || t.name.startsWith(only));
  if (targets.length === 0) {
    console.error(`no target named ${only}`);
    return 2;
  }
  console.log(`fuzz: seed ${seed}, ${corpus.length} real pages to mutate, call limit ${CALL_LIMIT_MS} ms`);
  let failures = 0;
  let total = 0;
  try {
    for (const target of targets) {
      const numRuns = runs ? Number(runs) : target.ciRuns * 10;
      const r = await runTarget(target, { numRuns, seed, path, shrink: !args.includes('--no-shrink') });
      total += r.tried;
      console.log(`${r.failed ? 'FAIL' : 'ok  '} ${target.name.padEnd(24)} ${String(r.tried).padStart(7)} inputs  slowest ${r.slowestMs} ms  (${(r.ms / 1000).toFixed(1)} s)  ${target.inputs}`);
      if (r.failed) {
        failures++;
        console.log(r.report);
        console.log(`replay: node dist/scripts/fuzz.js --target ${target.name} --seed ${r.seed} --path ${r.counterexamplePath}`);
      }
    }
  } finally {
    await closeFuzzResources();
  }
  console.log(`${total} inputs tried over ${targets.length} targets; ${failures} failed`);
  return failures ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err) => {
    console.error(err);
    process.exitCode = 2;
  },
);
