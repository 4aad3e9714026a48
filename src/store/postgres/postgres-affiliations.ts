import type { Affiliation, AffiliationOrigin, AffiliationRemoval } from '../../model/affiliation.js';
import { AFFILIATIONS_BASIS, type AffiliationListOptions, type AffiliationStore } from '../affiliation-store.js';
import type { PgDb } from './pg-db.js';

interface AffiliationRow {
  member: string;
  of_id: string;
  date_from: string | null;
  date_to: string | null;
  origin: string;
  basis: string | null;
  removed: number;
  by_name: string | null;
  at: string | null;
}

function toAffiliation(r: AffiliationRow): Affiliation {
  return { member: r.member, of: r.of_id, from: r.date_from, to: r.date_to, origin: r.origin as AffiliationOrigin, basis: r.basis, by: r.by_name, at: r.at };
}

/**
 * The affiliation half of the PostgreSQL backend (as src/store/sqlite/sqlite-affiliations.ts):
 * derived and analyst rows in one table; an analyst row per pair states the pair or, with
 * `removed`, sets the pair's derived rows aside.
 */
export class PgAffiliations implements AffiliationStore {
  constructor(private readonly db: PgDb) {}

  async setDerivedAffiliations(records: Affiliation[], basis?: string): Promise<void> {
    const derived = records.filter((r) => r.origin !== 'analyst');
    await this.db.tx(async () => {
      await this.db.query("DELETE FROM affiliations WHERE origin <> 'analyst'");
      if (basis === undefined) await this.db.query(`DELETE FROM store_meta WHERE key = '${AFFILIATIONS_BASIS}'`);
      else {
        await this.db.query(`INSERT INTO store_meta (key, value) VALUES ('${AFFILIATIONS_BASIS}', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [basis]);
      }
      if (derived.length === 0) return;
      await this.db.query(
        `INSERT INTO affiliations (member, of_id, date_from, date_to, origin, basis, removed, by_name, at)
         SELECT m, o, f, t, g, b, 0, NULL, NULL
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS x(m, o, f, t, g, b, i) ORDER BY i`,
        [derived.map((r) => r.member), derived.map((r) => r.of), derived.map((r) => r.from), derived.map((r) => r.to), derived.map((r) => r.origin), derived.map((r) => r.basis)],
      );
    });
  }

  async derivedAffiliationsBasis(): Promise<string | null> {
    return (await this.db.one<{ value: string }>(`SELECT value FROM store_meta WHERE key = '${AFFILIATIONS_BASIS}'`))?.value ?? null;
  }

  private async analystRow(member: string, of: string, from: string | null, to: string | null, basis: string | null, removed: 0 | 1, by: string, at: string) {
    await this.db.tx(async () => {
      await this.db.query("DELETE FROM affiliations WHERE origin = 'analyst' AND member = $1 AND of_id = $2", [member, of]);
      await this.db.query(
        `INSERT INTO affiliations (member, of_id, date_from, date_to, origin, basis, removed, by_name, at)
         VALUES ($1, $2, $3, $4, 'analyst', $5, $6, $7, $8)`,
        [member, of, from, to, basis, removed, by, at],
      );
    });
  }

  async affiliate(record: Pick<Affiliation, 'member' | 'of' | 'from' | 'to' | 'basis'>, by: string): Promise<Affiliation> {
    const at = new Date().toISOString();
    await this.analystRow(record.member, record.of, record.from, record.to, record.basis, 0, by, at);
    return { ...record, origin: 'analyst', by, at };
  }

  async unaffiliate(member: string, of: string, by: string): Promise<AffiliationRemoval> {
    const at = new Date().toISOString();
    await this.analystRow(member, of, null, null, null, 1, by, at);
    return { member, of, by, at };
  }

  async listAffiliations(options: AffiliationListOptions = {}): Promise<Affiliation[]> {
    const where = ['a.removed = 0'];
    const params: unknown[] = [];
    const narrow = (value: unknown, test: (p: string) => string) => {
      if (value === undefined || value === null) return;
      params.push(value);
      where.push(test(`$${params.length}`));
    };
    narrow(options.member, (p) => `a.member = ${p}`);
    narrow(options.of, (p) => `a.of_id = ${p}`);
    narrow(options.members, (p) => `a.member = ANY(${p}::text[])`);
    narrow(options.ofAny, (p) => `a.of_id = ANY(${p}::text[])`);
    const rows = await this.db.query<AffiliationRow>(
      `SELECT a.* FROM affiliations a
       WHERE ${where.join(' AND ')}
         AND (a.origin = 'analyst' OR NOT EXISTS (
           SELECT 1 FROM affiliations x WHERE x.origin = 'analyst' AND x.member = a.member AND x.of_id = a.of_id))
       ORDER BY a.member, a.of_id, a.origin, a.date_from, a.id`,
      params,
    );
    return rows.map(toAffiliation);
  }

  async affiliationRemovals(): Promise<AffiliationRemoval[]> {
    const rows = await this.db.query<AffiliationRow>("SELECT * FROM affiliations WHERE origin = 'analyst' AND removed = 1 ORDER BY id");
    return rows.map((r) => ({ member: r.member, of: r.of_id, by: r.by_name ?? '', at: r.at ?? '' }));
  }
}
