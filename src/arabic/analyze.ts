/**
 * The Arabic text pipeline in one pass: normalise (SEGMENT options) → tokenise → segment
 * Arabic words → light-stem keys, with every term's span in the original text.
 * This is what indexing and matching read; offsets let any match be highlighted in the
 * original.
 */
import { normalize, SEGMENT, type Normalized } from './normalize.js';
import { scanTokens, type TokenKind } from './tokenize.js';
import { wordInfo } from './segment.js';

/** SEGMENT without lower-casing, so that acronyms (CIA, FBI) are still told apart; keys are lower-cased. */
const ANALYZE = { ...SEGMENT, lowercase: false };

export interface Term {
  kind: TokenKind;
  /** span in the original text */
  start: number;
  end: number;
  /** normalised surface form (SEGMENT options, then ة/ى/hamza seats folded) */
  norm: string;
  /** matching key: light stem for Arabic words, the folded form for everything else */
  key: string;
  /** proclitics and enclitics removed from an Arabic word (empty otherwise) */
  proclitics?: string[];
  enclitics?: string[];
}

export interface Analysis {
  normalized: Normalized;
  terms: Term[];
}

/**
 * Analyses `text` (normalised with the SEGMENT options except lower-casing, which is applied
 * to keys). Punctuation tokens are dropped unless `keepPunct`.
 * @example analyze('والاستخبارات الأمريكية').terms.map(t => t.key) // ['استخبار', 'امريك']
 */
export function analyze(text: string, keepPunct = false): Analysis {
  const normalized = normalize(text, ANALYZE);
  const terms: Term[] = [];
  const norm = normalized.text;
  const origin = normalized.origin;
  const n = norm.length;
  scanTokens(norm, (kind, s, e) => {
    if (!keepPunct && (kind === 'punct' || kind === 'ellipsis' || kind === 'other')) return;
    // inline spanToOriginal (hot path)
    const start = origin[s]!;
    const last = origin[e - 1]!;
    let j = e;
    while (j < n && origin[j] === last) j++;
    const end = origin[j]!;
    const text = norm.slice(s, e);
    if (kind === 'arabic') {
      const w = wordInfo(text);
      terms.push({ kind, start, end, norm: w.norm, key: w.key, proclitics: w.proclitics, enclitics: w.enclitics });
    } else {
      const lower = text.toLowerCase();
      terms.push({ kind, start, end, norm: lower, key: lower });
    }
  });
  return { normalized, terms };
}
