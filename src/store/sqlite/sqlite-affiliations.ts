import type Database from 'better-sqlite3';
import type { Affiliation, AffiliationOrigin, AffiliationRemoval } from '../../model/affiliation.js';
import { AFFILIATIONS_BASIS, type AffiliationListOptions, type AffiliationStore } from '../affiliation-store.js';

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
  private readonly replaceDerived: Database.Transaction<(records: Affiliation[], basis: string | undefined) => void>;
  /** listAffiliations' statements, by their filters */
  private readonly lists = new Map<string, Database.Statement<[Record<string, unknown>], AffiliationRow>>();

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
      basis: db.prepare<[], { value: string }>(`SELECT value FROM store_meta WHERE key = '${AFFILIATIONS_BASIS}'`),
      setBasis: db.prepare(`INSERT INTO store_meta (key, value) VALUES ('${AFFILIATIONS_BASIS}', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`),
      clearBasis: db.prepare(`DELETE FROM store_meta WHERE key = '${AFFILIATIONS_BASIS}'`),
      removals: db.prepare<[], AffiliationRow>("SELECT * FROM affiliations WHERE origin = 'analyst' AND removed = 1 ORDER BY id"),
    };
    this.replaceDerived = db.transaction((records: Affiliation[], basis: string | undefined) => {
      this.q.clearDerived.run();
      for (const r of records) {
        if (r.origin === 'analyst') continue;
        this.q.addDerived.run(r.member, r.of, r.from, r.to, r.origin, r.basis);
      }
      if (basis === undefined) this.q.clearBasis.run();
      else this.q.setBasis.run(basis);
    });
  }

  async setDerivedAffiliations(records: Affiliation[], basis?: string): Promise<void> {
    this.replaceDerived.immediate(records, basis);
  }

  async derivedAffiliationsBasis(): Promise<string | null> {
    return this.q.basis.get()?.value ?? null;
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
    const where = ['a.removed = 0'];
    const params: Record<string, unknown> = {};
    const narrow = (name: string, value: unknown, test: string) => {
      if (value === undefined || value === null) return;
      params[name] = typeof value === 'string' ? value : JSON.stringify(value);
      where.push(test);
    };
    narrow('member', options.member, 'a.member = @member');
    narrow('of', options.of, 'a.of_id = @of');
    narrow('members', options.members, 'a.member IN (SELECT value FROM json_each(@members))');
    narrow('ofAny', options.ofAny, 'a.of_id IN (SELECT value FROM json_each(@ofAny))');
    const sql = where.join(' AND ');
    let q = this.lists.get(sql);
    if (!q) {
      // Derived rows give way to any analyst row of their pair (a statement or a removal).
      q = this.db.prepare<[Record<string, unknown>], AffiliationRow>(
        `SELECT a.* FROM affiliations a
         WHERE ${sql}
           AND (a.origin = 'analyst' OR NOT EXISTS (
             SELECT 1 FROM affiliations x WHERE x.origin = 'analyst' AND x.member = a.member AND x.of_id = a.of_id))
         ORDER BY a.member, a.of_id, a.origin, a.date_from, a.id`,
      );
      this.lists.set(sql, q);
    }
    return q.all(params).map(toAffiliation);
  }

  async affiliationRemovals(): Promise<AffiliationRemoval[]> {
    return this.q.removals.all().map((r) => ({ member: r.member, of: r.of_id, by: r.by_name ?? '', at: r.at ?? '' }));
  }
}
