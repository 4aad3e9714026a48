import type { Affiliation, AffiliationRemoval } from '../model/affiliation.js';

export interface AffiliationListOptions {
  /** only affiliations of this member */
  member?: string;
  /** only affiliations to this organisation or country */
  of?: string;
  /** only affiliations of one of these members (read through the members' index) */
  members?: readonly string[];
  /** only affiliations to one of these organisations or countries */
  ofAny?: readonly string[];
}

/** The store_meta key of what the derived affiliations were derived from (`setDerivedAffiliations`' basis). */
export const AFFILIATIONS_BASIS = 'affiliations_basis';

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
   * `basis` names what they were derived from (`derivedAffiliationsBasis` gives it back until
   * the next call; none given, none kept), in the same transaction.
   * @example await store.setDerivedAffiliations(deriveAffiliations(inputs), `${factsVersion}:${rules}`)
   */
  setDerivedAffiliations(records: Affiliation[], basis?: string): Promise<void>;
  /**
   * The basis given with the derived affiliations stored last, or null (none given, or none derived yet).
   * @example if ((await store.derivedAffiliationsBasis()) !== basis) await derive()
   */
  derivedAffiliationsBasis(): Promise<string | null>;
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
  /**
   * The affiliations in force after analysts' corrections, by member then organisation (the
   * options narrow, together).
   * @example await store.listAffiliations({ members: ['william-burns', 'cia'] })
   */
  listAffiliations(options?: AffiliationListOptions): Promise<Affiliation[]>;
  /** The pairs analysts removed. */
  affiliationRemovals(): Promise<AffiliationRemoval[]>;
}
