import { existsSync } from 'node:fs';
import { MarsadError } from '../model/errors.js';
import { openStore } from './open-store.js';
import { copyCorpus, type CorpusTables, type CopyReport } from '../store/transfer.js';
import { openSqliteTables } from '../store/sqlite/sqlite-transfer.js';
import { openPostgresTables } from '../store/postgres/postgres-transfer.js';
import { splitSchema, maskUrl } from '../store/postgres/pg-db.js';

const isPostgres = (location: string) => /^postgres(ql)?:\/\//i.test(location);

function tablesOf(location: string): CorpusTables {
  if (!isPostgres(location)) return openSqliteTables(location);
  const { url, schema } = splitSchema(location);
  return openPostgresTables(url, schema);
}

export interface MigrateReport extends CopyReport {
  /** articles in the target after the copy, its search index rebuilt */
  articles: number;
}

/**
 * Copies a whole corpus from one database to another, either way between a SQLite file and
 * a postgres:// URL (`?schema=` picks a schema): articles with their raw pages, fetch state,
 * entities with analysts' corrections, mentions, quotes, events, signatures, duplicate links,
 * stories, affiliations. The target must hold no corpus yet; it is brought to the current
 * schema first and its search index is rebuilt after the copy.
 * @example await migrateCorpus('marsad.db', 'postgres://postgres@127.0.0.1/marsad')
 */
export async function migrateCorpus(from: string, to: string, onTable?: (name: string, rows: number) => void): Promise<MigrateReport> {
  if (from === to) throw new MarsadError('BAD_ARGUMENT', `the same database as source and target (${maskUrl(from)})`, '--to');
  if (!isPostgres(from) && !existsSync(from)) throw new MarsadError('INPUT_NOT_FOUND', `no database file at ${from}`, '--from');
  // Opening each as a store brings its schema up to date before rows are copied.
  for (const location of [from, to]) await (await openStore(location)).close();
  const source = tablesOf(from);
  const target = tablesOf(to);
  let report: CopyReport;
  try {
    report = await copyCorpus(source, target, onTable);
  } finally {
    await source.close();
    await target.close();
  }
  const store = await openStore(to); // rebuilds the search index, cleared by the copy
  try {
    return { ...report, articles: await store.count() };
  } finally {
    await store.close();
  }
}
