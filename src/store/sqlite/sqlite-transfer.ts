import Database from 'better-sqlite3';
import type { CorpusTables, TableRow, TableShape } from '../transfer.js';

const BATCH = 500;

/**
 * A table or column name as a quoted SQL identifier. The names come from a database file's own
 * catalogue, which `migrate --from` may be given by someone else: a quote inside one must stay
 * part of the name, never end it.
 */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The SQLite backend as tables of rows (see CorpusTables), on a file whose schema the store
 * has already brought up to date (open it with openSqliteStore first). The full-text index
 * (articles_fts and its shadow tables) is derived and left out; clearing `index_version`
 * makes the next open rebuild it.
 * @example const tables = openSqliteTables('marsad.db'); await tables.tables();
 */
export function openSqliteTables(path: string): CorpusTables {
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  const hasRowid = (table: string): boolean => {
    try {
      db.prepare(`SELECT rowid FROM ${ident(table)} LIMIT 0`).all();
      return true;
    } catch {
      return false; // a WITHOUT ROWID table: its primary key is its order
    }
  };
  return {
    where: path,
    async tables(): Promise<TableShape[]> {
      const names = db
        .prepare<[], { name: string }>(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'articles_fts%' ORDER BY rowid`,
        )
        .all()
        .map((r) => r.name);
      const columnsOf = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?) ORDER BY cid');
      return names.map((name) => ({ name, columns: columnsOf.all(name).map((c) => c.name) }));
    },
    async *rows(table: TableShape): AsyncIterable<TableRow[]> {
      const cols = table.columns.map(ident).join(', ');
      if (hasRowid(table.name)) {
        const page = db.prepare(`SELECT rowid AS __r, ${cols} FROM ${ident(table.name)} WHERE rowid > ? ORDER BY rowid LIMIT ${BATCH}`).raw();
        for (let last = -Infinity; ; ) {
          const rows = page.all(last === -Infinity ? Number.MIN_SAFE_INTEGER : last) as unknown[][];
          if (rows.length === 0) return;
          last = rows[rows.length - 1]![0] as number;
          yield rows.map((r) => r.slice(1) as TableRow);
        }
      } else {
        // Read as they come, a batch at a time: a large key table need not fit in memory at once.
        let batch: TableRow[] = [];
        for (const row of db.prepare(`SELECT ${cols} FROM ${ident(table.name)}`).raw().iterate() as IterableIterator<TableRow>) {
          batch.push(row);
          if (batch.length === BATCH) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length) yield batch;
      }
    },
    async count(table: string): Promise<number> {
      return (db.prepare(`SELECT COUNT(*) AS n FROM ${ident(table)}`).get() as { n: number }).n;
    },
    async replaceAll(fill): Promise<void> {
      // Rows arrive table by table, so references may point forward; checked once, at the end.
      db.pragma('foreign_keys = OFF');
      db.exec('BEGIN IMMEDIATE');
      try {
        for (const { name } of await this.tables()) db.exec(`DELETE FROM ${ident(name)}`);
        db.exec('DELETE FROM articles_fts');
        db.prepare("DELETE FROM store_meta WHERE key = 'index_version'").run();
        const inserts = new Map<string, Database.Statement>();
        await fill(async (table, rows) => {
          let stmt = inserts.get(table.name);
          if (!stmt) {
            stmt = db.prepare(`INSERT INTO ${ident(table.name)} (${table.columns.map(ident).join(', ')}) VALUES (${table.columns.map(() => '?').join(', ')})`);
            inserts.set(table.name, stmt);
          }
          for (const row of rows) stmt.run(...row.map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : v)));
        });
        const broken = db.prepare('PRAGMA foreign_key_check').all();
        if (broken.length) throw new Error(`the copied rows break ${broken.length} reference(s), first ${JSON.stringify(broken[0])}`);
        db.exec('COMMIT');
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      } finally {
        db.pragma('foreign_keys = ON');
      }
    },
    async close(): Promise<void> {
      if (db.open) db.close();
    },
  };
}
