/**
 * The PLOVER quad class and intensity score of each event type and mode, from
 * `data/events/plover-scores.json` (its header says where the values come from).
 */
import { readFileSync } from 'node:fs';
import { MarsadError } from '../model/errors.js';
import { dataFile } from '../model/paths.js';

export type QuadClass = 'verbal_cooperation' | 'material_cooperation' | 'verbal_conflict' | 'material_conflict';

export const QUAD_CLASSES: readonly QuadClass[] = ['verbal_cooperation', 'material_cooperation', 'verbal_conflict', 'material_conflict'];

export interface PloverScores {
  /** where the table comes from (the file's "source") */
  source: string;
  types: Map<string, { quad: QuadClass; score: number; modes: Map<string, number> }>;
}

export const SCORES_FILE = dataFile('events/plover-scores.json');

let cached: PloverScores | null = null;

/**
 * The score table, read and checked once.
 * @example ploverScores().types.get('CONSULT')?.quad // 'verbal_cooperation'
 */
export function ploverScores(path: string = SCORES_FILE): PloverScores {
  if (cached && path === SCORES_FILE) return cached;
  const bad = (what: string): never => {
    throw new MarsadError('DATA_FILE_INVALID', what, path);
  };
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    return bad(`not readable JSON (${(err as Error).message})`);
  }
  if (typeof doc['source'] !== 'string' || typeof doc['licence'] !== 'string') bad('"source" and "licence" must be strings');
  const types = new Map<string, { quad: QuadClass; score: number; modes: Map<string, number> }>();
  for (const [type, v] of Object.entries((doc['types'] ?? {}) as Record<string, { quad?: unknown; score?: unknown; modes?: unknown }>)) {
    if (!QUAD_CLASSES.includes(v.quad as QuadClass)) bad(`types.${type}.quad must be one of ${QUAD_CLASSES.join(', ')}`);
    if (typeof v.score !== 'number') bad(`types.${type}.score must be a number`);
    const modes = new Map<string, number>();
    for (const [m, s] of Object.entries((v.modes ?? {}) as Record<string, unknown>)) {
      if (typeof s !== 'number') bad(`types.${type}.modes.${m} must be a number`);
      modes.set(m, s as number);
    }
    types.set(type, { quad: v.quad as QuadClass, score: v.score as number, modes });
  }
  const table = { source: doc['source'] as string, types };
  if (path === SCORES_FILE) cached = table;
  return table;
}

/**
 * The score of one event: its mode's value where the table has one, else its type's; null for a type the table lacks.
 * @example eventScore(ploverScores(), 'CONSULT', 'visit') // 1.9
 */
export function eventScore(table: PloverScores, type: string, mode: string | null): number | null {
  const t = table.types.get(type);
  if (!t) return null;
  return (mode !== null ? t.modes.get(mode) : undefined) ?? t.score;
}
