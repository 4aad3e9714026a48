/**
 * The identity test set `data/identity/name-pairs.tsv`: pairs of names with short contexts
 * and whether they are one entity. Read by `scripts/eval-identity.ts`.
 *
 * Line format (tab-separated): name_a, context_a, name_b, context_b, type, label, note.
 * A context is "-" or ";"-separated fields "role=ROLE" (repeatable) and "with=A|B|C".
 * Lines after a line "# held-out" belong to the held-out tail.
 */
import { readFileSync } from 'node:fs';
import { ENTITY_TYPES, type EntityType } from '../model/entity.js';
import { dataFile } from '../model/paths.js';
import { MarsadError } from '../model/errors.js';
import type { NameEvidence } from './name-match.js';

export interface NamePair {
  a: NameEvidence;
  b: NameEvidence;
  same: boolean;
  note: string;
  heldOut: boolean;
  /** 1-based line number in the file */
  line: number;
}

export const NAME_PAIRS_FILE = dataFile('identity/name-pairs.tsv');

/** The context column: roles and co-occurring entities. */
export function parseContext(field: string): Pick<NameEvidence, 'roles' | 'cooccurring'> {
  const out: Pick<NameEvidence, 'roles' | 'cooccurring'> = {};
  const f = field.trim();
  if (!f || f === '-') return out;
  for (const part of f.split(';')) {
    const m = /^\s*(role|with)\s*=\s*(.*?)\s*$/.exec(part);
    if (!m) throw new Error(`bad context field "${part}" (expected role=… or with=…)`);
    if (!m[2]) continue;
    if (m[1] === 'role') (out.roles ??= []).push(m[2]);
    else (out.cooccurring ??= []).push(...m[2].split('|').map((s) => s.trim()).filter(Boolean));
  }
  return out;
}

/**
 * One data line of the pair file; throws with the reason when malformed.
 * @example parsePairLine('بيرنز\t-\tبورنز\trole=مدير\tPERSON\tsame\tnote').same // true
 */
export function parsePairLine(raw: string, line = 0, heldOut = false): NamePair {
  const cols = raw.split('\t');
  if (cols.length !== 7) throw new Error(`line ${line}: expected 7 tab-separated columns, got ${cols.length}`);
  const [nameA, ctxA, nameB, ctxB, type, label, note] = cols.map((c) => c.trim()) as [string, string, string, string, string, string, string];
  if (!nameA || !nameB) throw new Error(`line ${line}: empty name`);
  if (!ENTITY_TYPES.includes(type as EntityType)) throw new Error(`line ${line}: type "${type}" is not one of ${ENTITY_TYPES.join(', ')}`);
  if (label !== 'same' && label !== 'different') throw new Error(`line ${line}: label "${label}" is not same or different`);
  const t = type as EntityType;
  try {
    return {
      a: { name: nameA, type: t, ...parseContext(ctxA) },
      b: { name: nameB, type: t, ...parseContext(ctxB) },
      same: label === 'same',
      note,
      heldOut,
      line,
    };
  } catch (e) {
    throw new Error(`line ${line}: ${(e as Error).message}`);
  }
}

/** Every pair of the file, with the held-out tail marked. */
export function readNamePairs(path: string = NAME_PAIRS_FILE): NamePair[] {
  const pairs: NamePair[] = [];
  let heldOut = false;
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      if (/^#\s*held-out\s*$/.test(raw)) heldOut = true;
      if (!raw.trim() || raw.startsWith('#')) return;
      try {
        pairs.push(parsePairLine(raw, i + 1, heldOut));
      } catch (e) {
        throw new MarsadError('DATA_FILE_INVALID', (e as Error).message, path);
      }
    });
  return pairs;
}
