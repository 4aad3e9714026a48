/**
 * Scores of a NER training setting over several shuffle seeds: the perceptron's scores move
 * by about a point of F1 from one seed to the next (ANERcorp dev 73.5–74.6, AQMAR 50.7–52.6
 * for the committed setting, seeds 1–3), so one run cannot tell a change from noise.
 *
 *   node <build>/scripts/eval-ner-seeds.js [--seeds 1,2,3] [-- TRAIN-NER ARGS…]
 *
 * Runs `train-ner --dev-only` of the same build once per seed (the other arguments passed
 * through, e.g. `-- --epochs 10`), and prints per seed and on average the held-out ANERcorp
 * dev F1 (sentence model; two passes, as `recogniseEntities`) and the AQMAR F1 of the dev
 * model. Nothing is written to data/.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The micro F1 of the score table after the line containing `title`. */
function microAfter(out: string, title: string): number {
  const at = out.indexOf(title);
  if (at < 0) return NaN;
  const m = /\nmicro\s+[\d.]+\s+[\d.]+\s+([\d.]+)/.exec(out.slice(at));
  return m ? Number(m[1]) : NaN;
}

function main(): void {
  const argv = process.argv.slice(2);
  const dash = argv.indexOf('--');
  const own = dash >= 0 ? argv.slice(0, dash) : argv;
  const pass = dash >= 0 ? argv.slice(dash + 1) : [];
  const si = own.indexOf('--seeds');
  const seeds = (si >= 0 ? own[si + 1]! : '1,2,3').split(',').map(Number);
  const script = join(dirname(fileURLToPath(import.meta.url)), 'train-ner.js');
  const rows: Array<{ seed: number; sentence: number; dev: number; aqmar: number }> = [];
  for (const seed of seeds) {
    const r = spawnSync(process.execPath, [script, '--dev-only', ...pass, '--seed', String(seed)], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) {
      process.stderr.write(r.stdout + r.stderr);
      process.exit(1);
    }
    const row = {
      seed,
      sentence: microAfter(r.stdout, 'sentence model, rules on'),
      dev: microAfter(r.stdout, 'two passes'),
      aqmar: microAfter(r.stdout, 'AQMAR'),
    };
    rows.push(row);
    console.log(`seed ${seed}: ANERcorp dev F1 sentence model ${row.sentence}, two passes ${row.dev}; AQMAR ${row.aqmar}`);
  }
  const mean = (k: 'sentence' | 'dev' | 'aqmar'): string => (rows.reduce((s, r) => s + r[k], 0) / rows.length).toFixed(2);
  console.log(`mean of ${rows.length} (args: ${pass.join(' ') || 'defaults'}): ANERcorp dev F1 sentence model ${mean('sentence')}, two passes ${mean('dev')}; AQMAR ${mean('aqmar')}`);
}

main();
