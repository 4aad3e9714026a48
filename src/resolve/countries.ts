/**
 * Countries as curated entities: every name of `data/gazetteers/countries.tsv` links to one
 * LOCATION per ISO 3166-1 code, with its English name from CLDR (Node's Intl), so that
 * "المغرب" and "المملكة المغربية" are one place with `label_en` "Morocco" and country "MA".
 */
import { readFileSync } from 'node:fs';
import type { KnownActor } from '../model/entity.js';
import { MarsadError } from '../model/errors.js';
import { dataFile } from '../model/paths.js';
import isoCountries from 'i18n-iso-countries';

let cached: KnownActor[] | null = null;

/**
 * One curated LOCATION per country of the gazetteer, labelled with its CLDR Arabic name.
 * @example countryActors().find((c) => c.country === 'MA')?.label_en // 'Morocco'
 */
export function countryActors(): KnownActor[] {
  if (cached) return cached;
  const file = dataFile('gazetteers/countries.tsv');
  const names = new Map<string, string[]>();
  for (const [i, raw] of readFileSync(file, 'utf8').split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [code, name] = line.split('\t');
    if (!code || !name || !/^[A-Z]{2}$/.test(code)) {
      throw new MarsadError('DATA_FILE_INVALID', `line ${i + 1}: '${line.slice(0, 40)}', not 'CODE<TAB>name'`, file);
    }
    const list = names.get(code) ?? [];
    list.push(name.trim());
    names.set(code, list);
  }
  const english = new Intl.DisplayNames(['en'], { type: 'region' });
  const arabic = new Intl.DisplayNames(['ar'], { type: 'region' });
  cached = [...names].map(([code, list]): KnownActor => {
    // CLDR's Arabic name is the label where the file lists it: it is the common short form.
    const standard = arabic.of(code);
    const label = standard && list.includes(standard) ? standard : list[0]!;
    return {
      key: `country-${code.toLowerCase()}`,
      type: 'LOCATION',
      label,
      label_en: english.of(code) ?? code,
      aliases: list.filter((n) => n !== label),
      country: code,
      sectors: [],
      wikidata: null,
      roles: [],
    };
  });
  return cached;
}

/**
 * The PLOVER actor country code of an ISO 3166-1 alpha-2 code: PLOVER (like CAMEO) codes
 * countries by ISO 3166-1 alpha-3. Null for null or a code with no alpha-3 form.
 * @example ploverCountry('MA') // 'MAR'
 */
export function ploverCountry(alpha2: string | null | undefined): string | null {
  if (!alpha2) return null;
  return isoCountries.alpha2ToAlpha3(alpha2.toUpperCase()) ?? null;
}
