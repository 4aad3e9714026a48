import { MarsadError } from '../model/errors.js';

/** One stored value as both backends read and write it. */
export type CellValue = string | number | null | Uint8Array;
export type TableRow = CellValue[];

/** A table as copied: its name and the columns that carry data (not derived ones such as a search index). */
export interface TableShape {
  name: string;
  columns: string[];
}

/**
 * A backend seen as tables of rows, for copying a whole corpus between backends
 * (`marsad migrate`). Rows come and go in the order they were stored, so that what depends
 * on insertion order (article ids, signatures, an entity's latest mentions) survives a copy.
 * Derived data (the search index) is not copied: the target rebuilds it when next opened.
 */
export interface CorpusTables {
  /** Where it is, fit to print (passwords masked). */
  readonly where: string;
  tables(): Promise<TableShape[]>;
  /** Rows of a table, in batches, in the order they were stored. */
  rows(table: TableShape): AsyncIterable<TableRow[]>;
  /** How many rows a table holds. */
  count(table: string): Promise<number>;
  /**
   * Empties the backend's tables and fills them, in one transaction: nothing is kept of a
   * copy that fails half-way. `fill` calls `insert` with rows in order.
   */
  replaceAll(fill: (insert: (table: TableShape, rows: TableRow[]) => Promise<void>) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/**
 * Tables a freshly opened store may already fill by itself (the curated actors and their
 * names, bookkeeping): a target holding rows only there still counts as empty.
 */
const SEEDED_TABLES = new Set(['entities', 'entity_keys', 'entity_aliases', 'store_meta']);
/** Bookkeeping rows that belong to the backend, not to the corpus. */
export const NOT_COPIED_META = new Set(['index_version']);

export interface CopyReport {
  /** rows copied per table, in copy order */
  tables: Array<{ name: string; rows: number }>;
}

/**
 * Copies every row of `from` into `to`, which must hold no corpus yet. Fails, copying
 * nothing, when the target already holds articles or analysts' work, or when the two
 * schemas differ (one Marsad is older than the other).
 * @example await copyCorpus(sqliteTables, postgresTables)
 */
export async function copyCorpus(from: CorpusTables, to: CorpusTables, onTable?: (name: string, rows: number) => void): Promise<CopyReport> {
  const source = await from.tables();
  const target = new Map((await to.tables()).map((t) => [t.name, t]));
  for (const t of source) {
    const there = target.get(t.name);
    const missing = there ? t.columns.filter((c) => !there.columns.includes(c)) : [];
    if (!there || missing.length) {
      throw new MarsadError(
        'BAD_ARGUMENT',
        `${there ? `table ${t.name} without column(s) ${missing.join(', ')}` : `no table ${t.name}`} in ${to.where}, which ${from.where} has; run the same Marsad version on both`,
        'migrate --to',
      );
    }
  }
  for (const t of target.values()) {
    if (SEEDED_TABLES.has(t.name)) continue;
    const n = await to.count(t.name);
    if (n > 0) {
      throw new MarsadError(
        'BAD_ARGUMENT',
        `${to.where} already holding data (${n} row(s) in ${t.name}); migrate copies into an empty database only — give a new file, a new database or a new schema`,
        'migrate --to',
      );
    }
  }
  const report: CopyReport = { tables: [] };
  await to.replaceAll(async (insert) => {
    for (const t of source) {
      let copied = 0;
      for await (const batch of from.rows(t)) {
        const rows = t.name === 'store_meta' ? batch.filter((r) => !NOT_COPIED_META.has(String(r[t.columns.indexOf('key')]))) : batch;
        if (rows.length) await insert(t, rows);
        copied += rows.length;
      }
      report.tables.push({ name: t.name, rows: copied });
      onTable?.(t.name, copied);
    }
  });
  return report;
}
