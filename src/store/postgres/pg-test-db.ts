import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { MarsadStore } from '../store.js';
import type { SearchAnalyzer } from '../search.js';
import { openPostgresStore } from './postgres-store.js';

/** The server tests use: MARSAD_TEST_POSTGRES, else the one on this machine. */
export const TEST_POSTGRES_URL = process.env.MARSAD_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Why PostgreSQL tests cannot run here, or null when the server answers.
 * @example const why = await postgresUnavailable(); test('…', { skip: why ?? false }, …)
 */
export async function postgresUnavailable(url = TEST_POSTGRES_URL): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return `PostgreSQL is not reachable at ${url} (${(err as Error).message || 'connection failed'}); set MARSAD_TEST_POSTGRES to a server to run these tests`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A fresh schema name, so that test files running in parallel never meet. */
export function freshSchema(prefix = 'marsad_test'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string, url = TEST_POSTGRES_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * A store in its own fresh schema, dropped when the store is closed.
 * @example const store = await openTestPostgresStore(arabicSearchAnalyzer);
 */
export async function openTestPostgresStore(analyzer: SearchAnalyzer, schema = freshSchema()): Promise<MarsadStore> {
  const store = await openPostgresStore(TEST_POSTGRES_URL, analyzer, { schema });
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await dropSchema(schema);
  };
  return store;
}
