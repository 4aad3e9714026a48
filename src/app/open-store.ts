import type { MarsadStore } from '../store/store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { arabicSearchAnalyzer } from '../arabic/search-keys.js';

/** Where the database lives when the user says nothing. */
export const DEFAULT_DB = './marsad.db';

/**
 * Opens the store a location names: a postgres:// (or postgresql://) URL is the PostgreSQL
 * store, a file path the embedded SQLite store.
 * @example const store = await openStore(process.env.MARSAD_DB ?? DEFAULT_DB);
 */
export async function openStore(location: string): Promise<MarsadStore> {
  if (/^postgres(ql)?:\/\//i.test(location)) return openPostgresStore(location, arabicSearchAnalyzer);
  return openSqliteStore(location, arabicSearchAnalyzer);
}
