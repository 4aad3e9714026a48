/**
 * Entity lookups as the store grows (issue #6): a name word (محمد، حسين، سعد) is a lookup key
 * of a share of all people, a list that grows with the corpus. This times
 * `store.entityCandidates` — the lookup linking makes for each name of each article — for the
 * most reported people of a stored corpus, then again after every entity and its keys have
 * been copied `--copies` times over (ids suffixed), as if the corpus were that many times
 * larger with as many distinct people. Beside it, the same lookup as it was before the keys
 * were weighted and capped (SQLite v19): every entity of every key grouped.
 *
 *   npm run bench:linking -- --db FILE [--copies 99] [--names 20] [--repeat 20]
 *
 * FILE is a Marsad SQLite database, e.g. one kept by `npm run bench:ingest -- --articles 1000
 * --keep-db FILE`. It is copied to a temp folder (opening migrates it); the copy is removed.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../src/app/open-store.js';
import { lookupKeys } from '../src/resolve/entity-linking.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const source = opt('db', '');
const copies = Number(opt('copies', '99'));
const names = Number(opt('names', '20'));
const repeat = Number(opt('repeat', '20'));
if (!source || !existsSync(source) || ![copies, names, repeat].every((n) => Number.isInteger(n) && n >= 1)) {
  console.error(`bench-linking: expected --db FILE naming a Marsad SQLite database (found '${source}'), and --copies, --names, --repeat ≥ 1`);
  process.exit(2);
}

/** The lookup before SQLite v19: every entity of every key, grouped. */
const UNCAPPED = (n: number) => `SELECT k.entity_id FROM entity_keys k CROSS JOIN entities e ON e.id = k.entity_id
  WHERE k.key IN (${Array.from({ length: n }, () => '?').join(',')}) AND e.type = ?
  GROUP BY k.entity_id ORDER BY COUNT(*) DESC, e.curated DESC, k.entity_id LIMIT 40`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(file: string, label: string, people: string[]) {
  const store = await openStore(file);
  const db = new Database(file, { readonly: true });
  const keyRows = (db.prepare('SELECT COUNT(*) AS n FROM entity_keys').get() as { n: number }).n;
  const longest = db.prepare('SELECT key, COUNT(*) AS n FROM entity_keys GROUP BY key ORDER BY n DESC LIMIT 1').get() as { key: string; n: number };
  const lookups: number[] = [];
  const uncapped: number[] = [];
  try {
    for (const name of people) {
      const keys = [...new Set(lookupKeys(name, 'PERSON'))];
      await store.entityCandidates('PERSON', keys);
      let t = performance.now();
      for (let i = 0; i < repeat; i++) await store.entityCandidates('PERSON', keys);
      lookups.push((performance.now() - t) / repeat);
      const q = db.prepare(UNCAPPED(keys.length));
      q.all(...keys, 'PERSON');
      t = performance.now();
      for (let i = 0; i < repeat; i++) q.all(...keys, 'PERSON');
      uncapped.push((performance.now() - t) / repeat);
    }
  } finally {
    db.close();
    await store.close();
  }
  const f = (xs: number[]) => `median ${median(xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)}`;
  console.log(`${label.padEnd(28)} ${String(keyRows).padStart(9)} key rows (longest: ${longest.n}, '${longest.key}')`);
  console.log(`  entityCandidates (capped, with the candidates' data): ${f(lookups)} ms`);
  console.log(`  the uncapped key query alone (before v19):            ${f(uncapped)} ms`);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-bench-linking-'));
  try {
    const file = join(dir, 'corpus.db');
    copyFileSync(source, file);
    await (await openStore(file)).close(); // migrate first, so that both measures see the same schema
    const db = new Database(file);
    const people = (
      db
        .prepare(
          `SELECT e.label FROM entities e JOIN entity_article_counts c ON c.entity_id = e.id
           WHERE e.type = 'PERSON' AND e.merged_into IS NULL ORDER BY c.articles DESC, e.label LIMIT ?`,
        )
        .all(names) as { label: string }[]
    ).map((r) => r.label);
    db.close();
    console.log(`${people.length} most reported people of ${source}: ${people.slice(0, 6).join('، ')}…`);
    await measure(file, 'as stored', people);
    const big = new Database(file);
    big.transaction(() => {
      big.exec(`
        CREATE TEMP TABLE n(i INTEGER PRIMARY KEY);
        WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < ${copies}) INSERT INTO n SELECT i FROM r;
        INSERT INTO entities (id, type, label, label_en, country, sectors, wikidata, curated, created_at)
          SELECT e.id || 'x' || n.i, e.type, e.label, NULL, NULL, '[]', NULL, 0, e.created_at FROM entities e, n WHERE e.merged_into IS NULL AND e.curated = 0;
        INSERT INTO entity_article_counts (entity_id, articles)
          SELECT c.entity_id || 'x' || n.i, c.articles FROM entity_article_counts c JOIN entities e ON e.id = c.entity_id, n WHERE e.curated = 0 AND e.merged_into IS NULL;
        INSERT INTO entity_keys (key, entity_id, weight)
          SELECT k.key, k.entity_id || 'x' || n.i, k.weight FROM entity_keys k JOIN entities e ON e.id = k.entity_id, n WHERE e.curated = 0 AND e.merged_into IS NULL;
      `);
    })();
    big.close();
    await measure(file, `${copies + 1}× the entities`, people);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
