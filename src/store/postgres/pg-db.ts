import pg from 'pg';
import { AsyncLocalStorage } from 'node:async_hooks';
import { MarsadError } from '../../model/errors.js';

type Row = Record<string, any>;

/** What a query runs on: the pool, or the one client of a transaction. */
interface Queryable {
  query<R extends Row = Row>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * A PostgreSQL URL fit to print: the password, if any, replaced by ***.
 * @example maskUrl('postgres://me:secret@db/marsad') // 'postgres://me:***@db/marsad'
 */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/(:\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}

/**
 * A PostgreSQL location split into the connection URL and the schema named by its
 * `schema` parameter (several corpora in one database), `public` when none.
 * @example splitSchema('postgres://db/marsad?schema=news') // { url: 'postgres://db/marsad', schema: 'news' }
 */
export function splitSchema(location: string): { url: string; schema: string } {
  try {
    const u = new URL(location);
    const schema = u.searchParams.get('schema');
    if (schema === null) return { url: location, schema: 'public' };
    u.searchParams.delete('schema');
    return { url: u.toString(), schema: checkSchemaName(schema) };
  } catch (err) {
    if (err instanceof MarsadError) throw err;
    return { url: location, schema: 'public' };
  }
}

/** A schema name safe to put in SQL unquoted-by-the-user: letters, digits, underscores. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/i.test(schema)) {
    throw new MarsadError('BAD_ARGUMENT', `schema name ${JSON.stringify(schema)}; use letters, digits and underscores`, 'postgres schema');
  }
  return schema;
}

// COUNT(*) and BIGSERIAL columns are int8, which pg returns as strings by default; every
// number Marsad keeps fits a double exactly.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * One pool per store, with every connection on the store's schema. `tx` runs a function in
 * a transaction on one client, and every `query` made while it runs (by any of the store's
 * parts) goes to that client, so the parts compose into one transaction as they do on
 * SQLite's single connection.
 */
export class PgDb {
  readonly pool: pg.Pool;
  private readonly current = new AsyncLocalStorage<pg.PoolClient>();

  constructor(
    readonly url: string,
    readonly schema: string,
    max = 4,
  ) {
    this.pool = new pg.Pool({
      connectionString: url,
      max,
      options: `-c search_path=${checkSchemaName(schema)}`,
      types,
      connectionTimeoutMillis: 10_000,
    });
    // A connection dropped by the server while idle must not crash the process.
    this.pool.on('error', () => {});
  }

  /** The URL as it may be printed. */
  get where(): string {
    return maskUrl(this.url) + (this.schema === 'public' ? '' : ` (schema ${this.schema})`);
  }

  async query<R extends Row = Row>(sql: string, params: unknown[] = []): Promise<R[]> {
    const on: Queryable = this.current.getStore() ?? this.pool;
    return (await on.query<R>(sql, params)).rows;
  }

  async one<R extends Row = Row>(sql: string, params: unknown[] = []): Promise<R | null> {
    return (await this.query<R>(sql, params))[0] ?? null;
  }

  /** Runs `fn` in a transaction; nested calls join the outer one. */
  async tx<T>(fn: () => Promise<T>): Promise<T> {
    if (this.current.getStore()) return fn();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await this.current.run(client, fn);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * Connects once to check the server answers, and creates the schema if needed. Throws
 * STORE_UNREACHABLE naming the (masked) URL and what to do.
 * @example await connectChecked('postgres://postgres@127.0.0.1/test', 'public')
 */
export async function connectChecked(url: string, schema: string): Promise<PgDb> {
  checkSchemaName(schema);
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  probe.on('error', () => {});
  try {
    await probe.connect();
  } catch (err) {
    await probe.end().catch(() => {});
    throw new MarsadError(
      'STORE_UNREACHABLE',
      `no PostgreSQL server letting Marsad in (${(err as Error).message || (err as { code?: string }).code || 'connection failed'})`,
      maskUrl(url),
      { cause: err },
    );
  }
  try {
    // Processes opening a new schema at once would race on IF NOT EXISTS: one at a time.
    if (schema !== 'public') {
      await probe.query('SELECT pg_advisory_lock(hashtext($1))', [`marsad:schema:${schema}`]);
      await probe.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    }
  } catch (err) {
    throw new MarsadError('STORE_FAILED', `the schema ${schema} could not be created (${(err as Error).message})`, maskUrl(url), { cause: err });
  } finally {
    await probe.end().catch(() => {}); // ending the session releases the lock
  }
  return new PgDb(url, schema);
}
