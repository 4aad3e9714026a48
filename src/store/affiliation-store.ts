import type { Affiliation, AffiliationRemoval } from '../model/affiliation.js';

export interface AffiliationListOptions {
  /** only affiliations of this member */
  member?: string;
  /** only affiliations to this organisation or country */
  of?: string;
}

/**
 * Affiliations kept beside the entities (person → organisation, organisation → country).
 * Derived records (curated, role-inferred) are replaced wholesale each time they are derived
 * again; analyst records are kept apart and win: for a pair (member, of) with an analyst
 * record only that record answers, and a pair the analyst removed answers nothing, whatever
 * is derived later.
 */
export interface AffiliationStore {
  /**
   * Replaces every derived (curated and role) affiliation with these; analyst records stay.
   * @example await store.setDerivedAffiliations(deriveAffiliations(inputs))
   */
  setDerivedAffiliations(records: Affiliation[]): Promise<void>;
  /**
   * Records an analyst's affiliation (replacing an earlier one or a removal of the same pair).
   * @example await store.affiliate({ member: 'william-burns', of: 'cia', from: '2021-03-19', to: null, basis: null }, 'analyst1')
   */
  affiliate(record: Pick<Affiliation, 'member' | 'of' | 'from' | 'to' | 'basis'>, by: string): Promise<Affiliation>;
  /**
   * Records that `member` does not belong to `of`: derived records of the pair no longer
   * answer, and an analyst record of the pair is dropped.
   * @example await store.unaffiliate('e123', 'cia', 'analyst1')
   */
  unaffiliate(member: string, of: string, by: string): Promise<AffiliationRemoval>;
  /** The affiliations in force after analysts' corrections, by member then organisation. */
  listAffiliations(options?: AffiliationListOptions): Promise<Affiliation[]>;
  /** The pairs analysts removed. */
  affiliationRemovals(): Promise<AffiliationRemoval[]>;
}
