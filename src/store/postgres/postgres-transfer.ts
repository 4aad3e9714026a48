import type { CorpusTables, TableRow, TableShape } from '../transfer.js';
import { PgDb } from './pg-db.js';
import { PG_DERIVED_COLUMNS, PG_ORDER_COLUMN } from './migrations.js';

const BATCH = 500;

/**
 * A table or column name as a quoted SQL identifier: names come from a database's own
 * catalogue, which `migrate --from` may be given by someone else, so a quote inside one must
 * stay part of the name.
 */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
/** PostgreSQL takes at most 65535 parameters in one statement. */
const MAX_PARAMS = 60_000;

/**
 * The PostgreSQL backend as tables of rows (see CorpusTables), on a schema the store has
 * already brought up to date (open it with openPostgresStore first). Derived columns (the
 * search vector, the order column) are left out; clearing `index_version` makes the next
 * open rebuild the index.
 * @example const tables = openPostgresTables('postgres://…', 'public');
 */
export function openPostgresTables(url: string, schema = 'public'): CorpusTables {
  const db = new PgDb(url, schema, 2);
  const shapes = async (): Promise<Array<TableShape & { order: string[] }>> => {
    const cols = await db.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_version'
       ORDER BY c.table_name, c.ordinal_position`,
    );
    const keys = await db.query<{ table_name: string; column_name: string }>(
      `SELECT k.table_name, k.column_name FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema
       WHERE tc.table_schema = current_schema() AND tc.constraint_type = 'PRIMARY KEY' ORDER BY k.ordinal_position`,
    );
    const byTable = new Map<string, { columns: string[]; order: string[] }>();
    for (const c of cols) {
      const t = byTable.get(c.table_name) ?? { columns: [], order: [] };
      byTable.set(c.table_name, t);
      if (c.column_name === PG_ORDER_COLUMN) t.order.unshift(PG_ORDER_COLUMN);
      if (!PG_DERIVED_COLUMNS.has(c.column_name)) t.columns.push(c.column_name);
    }
    for (const k of keys) {
      const t = byTable.get(k.table_name);
      if (t && !t.order.includes(PG_ORDER_COLUMN)) t.order.push(k.column_name);
    }
    return [...byTable].map(([name, t]) => ({ name, ...t }));
  };
  const quoted = (cols: string[]) => cols.map(ident).join(', ');
  return {
    where: db.where,
    async tables(): Promise<TableShape[]> {
      return (await shapes()).map(({ name, columns }) => ({ name, columns }));
    },
    async *rows(table: TableShape): AsyncIterable<TableRow[]> {
      const shape = (await shapes()).find((t) => t.name === table.name)!;
      const order = shape.order.length ? shape.order : table.columns;
      // Keyset pages on the order columns: no cursor held open across batches.
      for (let last: unknown[] | null = null; ; ) {
        const params: unknown[] = [];
        let where = '';
        if (last) {
          params.push(...last);
          where = `WHERE (${quoted(order)}) > (${order.map((_, i) => `$${i + 1}`).join(', ')})`;
        }
        const result = await db.pool.query({
          text: `SELECT ${quoted(order)}, ${quoted(table.columns)} FROM ${ident(table.name)} ${where} ORDER BY ${quoted(order)} LIMIT ${BATCH}`,
          values: params,
          rowMode: 'array',
        });
        const rows = result.rows as unknown[][];
        if (rows.length === 0) return;
        last = rows[rows.length - 1]!.slice(0, order.length);
        yield rows.map((r) => r.slice(order.length) as TableRow);
      }
    },
    async count(table: string): Promise<number> {
      return (await db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM ${ident(table)}`))!.n;
    },
    async replaceAll(fill): Promise<void> {
      await db.tx(async () => {
        // References may point forward while tables are filled one by one: checked at commit.
        await db.query('SET CONSTRAINTS ALL DEFERRED');
        const all = await shapes();
        await db.query(`TRUNCATE ${all.map((t) => ident(t.name)).join(', ')}`);
        await fill(async (table, rows) => {
          const per = Math.max(1, Math.min(BATCH, Math.floor(MAX_PARAMS / table.columns.length)));
          for (let i = 0; i < rows.length; i += per) {
            const chunk = rows.slice(i, i + per);
            const values = chunk.map((_, r) => `(${table.columns.map((_, c) => `$${r * table.columns.length + c + 1}`).join(', ')})`);
            await db.query(`INSERT INTO ${ident(table.name)} (${quoted(table.columns)}) VALUES ${values.join(', ')}`, chunk.flat());
          }
        });
        await db.query("DELETE FROM store_meta WHERE key = 'index_version'");
        // Serial columns given explicit values (sequence numbers of corrections, story
        // assignments…) must go on counting after the copied ones.
        const serials = await db.query<{ table_name: string; column_name: string }>(
          `SELECT table_name, column_name FROM information_schema.columns
           WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`,
        );
        for (const s of serials) {
          await db.query(
            `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX(${ident(s.column_name)}) FROM ${ident(s.table_name)}), 0) + 1, false)`,
            [ident(s.table_name), s.column_name],
          );
        }
      });
      // Fresh statistics, so that the first queries on the copy are planned for its real size.
      await db.query('ANALYZE');
    },
    close: () => db.close(),
  };
}
