/**
 * The gazetteers of `data/gazetteers/`: countries, cities, regions and organisations (names,
 * multi-word, with Latin acronyms), plus given names, person titles, the head words of
 * organisation and place names, and nationality adjectives (single-word flags, features only).
 *
 * Names are compared on a folded key (MATCH normalisation: alef forms, ة/ه, ى/ي, hamza
 * seats, marks and tatweel folded) but with case kept, so that the acronym "WHO" does not
 * match the English word "who". A name's first word may carry attached clitics in text
 * ("والأمم المتحدة", "للمغرب", "بلبنان"): matching tries the word as written and with
 * و/ف and ب/ك/ل removed (لل read as ال), because the segmenter keeps ب/ل on unknown
 * words and names are mostly unknown to it.
 */
import { readFileSync } from 'node:fs';
import { fold, MATCH, tokenize } from '../arabic/index.js';
import type { EntityType } from '../model/entity.js';
import { dataFile } from '../model/paths.js';

export type GazKind = 'country' | 'city' | 'region' | 'org';

/** Single-word membership flags (a bit set). */
export const G_COUNTRY = 1, G_CITY = 2, G_REGION = 4, G_ORG = 8, G_GIVEN = 16, G_TITLE = 32, G_ACRONYM = 64;
/** Head words of organisation names ("وزارة", "حزب"), of place names ("مدينة", "نهر"), and nationality adjectives ("البرازيلي"). */
export const G_ORG_HEAD = 128, G_LOC_HEAD = 256, G_NATIONALITY = 512;

export interface GazEntry {
  /** folded keys of the name's words */
  words: string[];
  type: EntityType;
  kind: GazKind;
  /** the file's key: ISO code for countries and cities, acronym or slug for organisations */
  key: string;
}

export interface GazMatch {
  /** tokens [start, end) */
  start: number;
  end: number;
  entry: GazEntry;
}

export interface Gazetteers {
  /** first-word key → entries starting with it, longest first */
  byFirst: Map<string, GazEntry[]>;
  /** word key → single-word flags (whole names, given names, titles) */
  flags: Map<string, number>;
  /** Latin acronyms of organisations (case kept) */
  acronyms: Set<string>;
  entries: number;
}

const GAZ_FOLD = { ...MATCH, lowercase: false };

/**
 * The gazetteer key of one word.
 * @example gazKey('الأُمم') === gazKey('الامم') // true
 */
export function gazKey(word: string): string {
  return fold(word, GAZ_FOLD);
}

/**
 * Keys a first word can match under: as written, then without و/ف and ب/ك/ل (لل → ال),
 * keeping at least two letters.
 * @example cliticVariants('وللمغرب') // ['وللمغرب', 'للمغرب', 'لمغرب', 'المغرب']
 */
export function cliticVariants(key: string): string[] {
  const out = [key];
  const c0 = key.charCodeAt(0);
  let rest = key;
  if ((c0 === 0x0648 || c0 === 0x0641) && key.length > 3) {
    rest = key.slice(1);
    out.push(rest);
  }
  const c1 = rest.charCodeAt(0);
  if ((c1 === 0x0628 || c1 === 0x0643 || c1 === 0x0644) && rest.length > 3) {
    const r2 = rest.slice(1);
    out.push(r2);
    if (c1 === 0x0644 && r2.charCodeAt(0) === 0x0644) out.push('\u0627' + r2);
  }
  return out;
}

let cached: Gazetteers | null = null;

function readLines(file: string): string[] {
  return readFileSync(dataFile(`gazetteers/${file}`), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() && !l.startsWith('#'));
}

function nameWords(name: string): string[] {
  return tokenize(name).filter((t) => t.kind !== 'punct' && t.kind !== 'other').map((t) => gazKey(t.text));
}

/** Loads the gazetteers once. */
export function loadGazetteers(): Gazetteers {
  if (cached) return cached;
  const g: Gazetteers = { byFirst: new Map(), flags: new Map(), acronyms: new Set(), entries: 0 };
  const seen = new Set<string>();
  const addFlag = (k: string, f: number): void => {
    g.flags.set(k, (g.flags.get(k) ?? 0) | f);
  };
  const add = (name: string, key: string, kind: GazKind): void => {
    const words = nameWords(name);
    if (!words.length) return;
    const type: EntityType = kind === 'org' ? 'ORG' : 'LOCATION';
    const id = `${type}\t${words.join(' ')}`;
    if (seen.has(id)) return;
    seen.add(id);
    const entry: GazEntry = { words, type, kind, key };
    const list = g.byFirst.get(words[0]!) ?? [];
    list.push(entry);
    g.byFirst.set(words[0]!, list);
    g.entries++;
    const flag = kind === 'country' ? G_COUNTRY : kind === 'city' ? G_CITY : kind === 'region' ? G_REGION : G_ORG;
    if (words.length === 1) addFlag(words[0]!, flag);
    if (kind === 'org' && /^[A-Z][A-Z0-9]+$/.test(name.trim())) {
      g.acronyms.add(name.trim());
      addFlag(words[0]!, G_ACRONYM);
    }
  };
  const tsv = (file: string, kind: (col0: string) => GazKind): void => {
    for (const line of readLines(file)) {
      const [key, name] = line.split('\t');
      if (key && name) add(name.trim(), key.trim(), kind(key.trim()));
    }
  };
  tsv('countries.tsv', () => 'country');
  tsv('cities.tsv', () => 'city');
  tsv('regions.tsv', () => 'region');
  tsv('organisations.tsv', () => 'org');
  for (const list of g.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  for (const line of readLines('given-names.txt')) for (const w of nameWords(line)) addFlag(w, G_GIVEN);
  const everyWord = (file: string, flag: number): void => {
    for (const line of readLines(file)) for (const w of nameWords(line)) addFlag(w, flag);
  };
  everyWord('org-heads.txt', G_ORG_HEAD);
  everyWord('loc-heads.txt', G_LOC_HEAD);
  everyWord('nationalities.txt', G_NATIONALITY);
  for (const line of readLines('titles.txt')) {
    const w = nameWords(line)[0];
    if (w) addFlag(w, G_TITLE);
  }
  cached = g;
  return g;
}

/** Single-word flags of a word key, also under its clitic-stripped variants ("والرئيس" is a title). */
export function wordFlags(g: Gazetteers, key: string): number {
  let f = 0;
  for (const v of cliticVariants(key)) f |= g.flags.get(v) ?? 0;
  return f;
}

/**
 * Longest gazetteer names in a sentence of word keys (`gazKey` of each token), left to
 * right without overlap.
 * @example matchGazetteer(g, ['في','الولايات','المتحدة']) // [{ start: 1, end: 3, entry: {kind: 'country', key: 'US', …} }]
 */
export function matchGazetteer(g: Gazetteers, keys: readonly string[]): GazMatch[] {
  const out: GazMatch[] = [];
  for (let i = 0; i < keys.length; ) {
    let best: GazMatch | null = null;
    for (const first of cliticVariants(keys[i]!)) {
      const list = g.byFirst.get(first);
      if (!list) continue;
      for (const e of list) {
        const n = e.words.length;
        if (best && n <= best.end - best.start) break;
        if (i + n > keys.length) continue;
        let ok = true;
        for (let k = 1; k < n && ok; k++) ok = keys[i + k] === e.words[k];
        if (ok) {
          best = { start: i, end: i + n, entry: e };
          break;
        }
      }
    }
    if (best) {
      out.push(best);
      i = best.end;
    } else i++;
  }
  return out;
}
