/**
 * The curated actors of `data/knowledge/actors.json`: well-known people, agencies,
 * international organisations and armed groups of Arab-world security and diplomacy, with
 * their Arabic and Latin names, spelling variants, country, PLOVER sectors and roles.
 *
 * The file is read once, lazily, and its shape is checked: a malformed file fails with an
 * error naming the file and the offending field rather than misbehaving later.
 */
import { readFileSync } from 'node:fs';
import { ENTITY_TYPES, type EntityType, type KnownActor } from '../model/entity.js';
import { dataFile } from '../model/paths.js';
import { MarsadError } from '../model/errors.js';

/** Where the curated actors are. */
export const ACTORS_FILE = dataFile('knowledge/actors.json');

const cache = new Map<string, KnownActor[]>();

function fail(path: string, where: string, what: string): never {
  throw new MarsadError('DATA_FILE_INVALID', `${where} ${what}`, path);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '');
}

/** Checks the parsed content of an actors file; returns its actors or throws naming the file. */
export function validateActors(doc: unknown, path: string): KnownActor[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) fail(path, 'the file', 'must hold a JSON object');
  const d = doc as Record<string, unknown>;
  if (typeof d['source'] !== 'string' || !d['source']) fail(path, '"source"', 'must be a non-empty string (where the data comes from)');
  if (typeof d['licence'] !== 'string' || !d['licence']) fail(path, '"licence"', 'must be a non-empty string');
  const actors = d['actors'];
  if (!Array.isArray(actors)) fail(path, '"actors"', 'must be an array');
  const keys = new Set<string>();
  const list = actors.map((a: unknown, i: number): KnownActor => {
    const at = `actors[${i}]`;
    if (typeof a !== 'object' || a === null || Array.isArray(a)) fail(path, at, 'must be an object');
    const o = a as Record<string, unknown>;
    const key = o['key'];
    if (typeof key !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(key)) fail(path, `${at}.key`, 'must be a lower-case slug');
    const where = `${at} ("${key}")`;
    if (keys.has(key)) fail(path, where, 'repeats a key');
    keys.add(key);
    if (!ENTITY_TYPES.includes(o['type'] as EntityType)) fail(path, `${where}.type`, `must be one of ${ENTITY_TYPES.join(', ')}`);
    if (typeof o['label'] !== 'string' || !o['label'].trim()) fail(path, `${where}.label`, 'must be a non-empty string');
    if (typeof o['label_en'] !== 'string' || !o['label_en'].trim()) fail(path, `${where}.label_en`, 'must be a non-empty string');
    if (!isStringArray(o['aliases'])) fail(path, `${where}.aliases`, 'must be an array of non-empty strings');
    if (o['country'] !== null && (typeof o['country'] !== 'string' || !/^[A-Z]{2}$/.test(o['country']))) {
      fail(path, `${where}.country`, 'must be an ISO 3166-1 alpha-2 code or null');
    }
    if (!isStringArray(o['sectors']) || !o['sectors'].every((s) => /^[A-Z]{3}$/.test(s))) {
      fail(path, `${where}.sectors`, 'must be an array of three-letter PLOVER sector codes');
    }
    if (o['wikidata'] !== null && (typeof o['wikidata'] !== 'string' || !/^Q[1-9]\d*$/.test(o['wikidata']))) {
      fail(path, `${where}.wikidata`, 'must be a Wikidata id (Q…) or null');
    }
    if (!isStringArray(o['roles'])) fail(path, `${where}.roles`, 'must be an array of non-empty strings');
    const memberOf = o['member_of'] === undefined ? [] : o['member_of'];
    if (!Array.isArray(memberOf)) fail(path, `${where}.member_of`, 'must be an array of {"key", "from", "to"}');
    const day = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v));
    for (const [j, m] of memberOf.entries()) {
      const mm = m as Record<string, unknown>;
      if (typeof m !== 'object' || m === null || typeof mm['key'] !== 'string' || !day(mm['from']) || !day(mm['to'])) {
        fail(path, `${where}.member_of[${j}]`, 'must be {"key": an actor key, "from"/"to": YYYY, YYYY-MM, YYYY-MM-DD or null}');
      }
    }
    return {
      key,
      type: o['type'] as EntityType,
      label: o['label'],
      label_en: o['label_en'],
      aliases: o['aliases'],
      country: o['country'] as string | null,
      sectors: o['sectors'],
      wikidata: o['wikidata'] as string | null,
      roles: o['roles'],
      member_of: memberOf.map((m) => {
        const mm = m as Record<string, unknown>;
        return { key: mm['key'] as string, from: (mm['from'] as string | null | undefined) ?? null, to: (mm['to'] as string | null | undefined) ?? null };
      }),
    };
  });
  for (const a of list) {
    for (const m of a.member_of ?? []) {
      if (!keys.has(m.key)) fail(path, `"${a.key}".member_of`, `names "${m.key}", which is no actor key of the file`);
    }
  }
  return list;
}

/**
 * The curated actors, read and checked once.
 * @example loadKnownActors().find(a => a.key === 'cia')?.label // 'وكالة الاستخبارات المركزية الأمريكية'
 */
export function loadKnownActors(path: string = ACTORS_FILE): KnownActor[] {
  const hit = cache.get(path);
  if (hit) return hit;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: cannot read the curated actors: ${(e as Error).message}`);
  }
  const actors = validateActors(doc, path);
  cache.set(path, actors);
  return actors;
}
