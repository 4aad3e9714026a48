/**
 * Affiliations: which organisation a person represents, which country an organisation
 * belongs to. They are how a person's events count for their agency and its country in the
 * dyad view, and they are data, kept in the store, that an analyst can see and correct.
 */

/**
 * Where an affiliation comes from: the curated actors file, a role seen with the name in
 * articles ("مدير وكالة الاستخبارات المركزية" → CIA), or an analyst. An analyst's record wins
 * over the derived ones for the same pair.
 */
export type AffiliationOrigin = 'curated' | 'role' | 'analyst';

export const AFFILIATION_ORIGINS: readonly AffiliationOrigin[] = ['curated', 'role', 'analyst'];

/** One affiliation: `member` (a person or an organisation) belongs to `of` (an organisation or a country). */
export interface Affiliation {
  /** entity id of the person or organisation */
  member: string;
  /** entity id of the organisation or country (countries are `country-xx`) */
  of: string;
  /** first and last day it holds (YYYY-MM-DD, or YYYY / YYYY-MM); null when open or unknown */
  from: string | null;
  to: string | null;
  origin: AffiliationOrigin;
  /** why: the role text it was read from, the curated file, or the analyst's note; null when none */
  basis: string | null;
  /** analyst records: who made it and when (ISO 8601); null for derived ones */
  by: string | null;
  at: string | null;
}

/** An analyst's statement that `member` does not belong to `of`: derived records for the pair are set aside. */
export interface AffiliationRemoval {
  member: string;
  of: string;
  by: string;
  at: string;
}
