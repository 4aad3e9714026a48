import type Database from 'better-sqlite3';
import type { Affiliation, AffiliationOrigin, AffiliationRemoval } from '../../model/affiliation.js';
import type { AffiliationListOptions, AffiliationStore } from '../affiliation-store.js';

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
  return {
    member: r.member,
    of: r.of_id,
    from: r.date_from,
    to: r.date_to,
    origin: r.origin as AffiliationOrigin,
    basis: r.basis,
    by: r.by_name,
    at: r.at,
  };
}

/**
 * The affiliation half of the SQLite backend, on the article store's connection. Derived
 * and analyst rows share one table; an analyst row (one per pair) either states the pair with
 * its dates or, with `removed`, sets the pair's derived rows aside.
 */
export class SqliteAffiliations implements AffiliationStore {
  private readonly q;
  private readonly replaceDerived: Database.Transaction<(records: Affiliation[]) => void>;

  constructor(private readonly db: Database.Database) {
    this.q = {
      clearDerived: db.prepare("DELETE FROM affiliations WHERE origin <> 'analyst'"),
      addDerived: db.prepare(
        `INSERT INTO affiliations (member, of_id, date_from, date_to, origin, basis, removed, by_name, at)
         VALUES (?, ?, ?, ?, ?, ?, 0, NULL, NULL)`,
      ),
      clearAnalyst: db.prepare("DELETE FROM affiliations WHERE origin = 'analyst' AND member = ? AND of_id = ?"),
      addAnalyst: db.prepare(
        `INSERT INTO affiliations (member, of_id, date_from, date_to, origin, basis, removed, by_name, at)
         VALUES (?, ?, ?, ?, 'analyst', ?, ?, ?, ?)`,
      ),
      // Derived rows give way to any analyst row of their pair (a statement or a removal).
      inForce: db.prepare<[{ member: string | null; of: string | null }], AffiliationRow>(
        `SELECT a.* FROM affiliations a
         WHERE a.removed = 0 AND (@member IS NULL OR a.member = @member) AND (@of IS NULL OR a.of_id = @of)
           AND (a.origin = 'analyst' OR NOT EXISTS (
             SELECT 1 FROM affiliations x WHERE x.origin = 'analyst' AND x.member = a.member AND x.of_id = a.of_id))
         ORDER BY a.member, a.of_id, a.origin, a.date_from, a.id`,
      ),
      removals: db.prepare<[], AffiliationRow>("SELECT * FROM affiliations WHERE origin = 'analyst' AND removed = 1 ORDER BY id"),
    };
    this.replaceDerived = db.transaction((records: Affiliation[]) => {
      this.q.clearDerived.run();
      for (const r of records) {
        if (r.origin === 'analyst') continue;
        this.q.addDerived.run(r.member, r.of, r.from, r.to, r.origin, r.basis);
      }
    });
  }

  async setDerivedAffiliations(records: Affiliation[]): Promise<void> {
    this.replaceDerived.immediate(records);
  }

  async affiliate(record: Pick<Affiliation, 'member' | 'of' | 'from' | 'to' | 'basis'>, by: string): Promise<Affiliation> {
    const at = new Date().toISOString();
    this.db.transaction(() => {
      this.q.clearAnalyst.run(record.member, record.of);
      this.q.addAnalyst.run(record.member, record.of, record.from, record.to, record.basis, 0, by, at);
    }).immediate();
    return { ...record, origin: 'analyst', by, at };
  }

  async unaffiliate(member: string, of: string, by: string): Promise<AffiliationRemoval> {
    const at = new Date().toISOString();
    this.db.transaction(() => {
      this.q.clearAnalyst.run(member, of);
      this.q.addAnalyst.run(member, of, null, null, null, 1, by, at);
    }).immediate();
    return { member, of, by, at };
  }

  async listAffiliations(options: AffiliationListOptions = {}): Promise<Affiliation[]> {
    return this.q.inForce.all({ member: options.member ?? null, of: options.of ?? null }).map(toAffiliation);
  }

  async affiliationRemovals(): Promise<AffiliationRemoval[]> {
    return this.q.removals.all().map((r) => ({ member: r.member, of: r.of_id, by: r.by_name ?? '', at: r.at ?? '' }));
  }
}
