/**
 * Document-level consistency for entity mentions. A tagger decides word by word and misses
 * a name the second time it is written ("الحموشي" after "عبد اللطيف حموشي"), or writes
 * one name as two mentions; within one article a name means the same thing every time, so
 * every later occurrence of a recognised (or curated) name is a mention too, and a person's
 * family name alone is that person.
 */
import { fold, isCommonWord, MATCH, tokenize, type Token } from '../arabic/index.js';
import type { EntityType, Mention } from '../model/entity.js';
import { isFunctionWordAsWritten, spellsFunctionWord, writesAlifMaqsura } from './ner-function-words.js';

/** A name known before reading the text (a curated actor's label or alias). */
export interface KnownName {
  name: string;
  type: EntityType;
}

/** Conjunctions and prepositions written joined to the next word. */
const PROCLITICS = ['وب', 'ول', 'وك', 'فب', 'فل', 'فك', 'و', 'ف', 'ب', 'ل', 'ك'];

/** Words that end a title, not a name: a family name is never one of them. */
const NOT_A_SURNAME = new Set(['بن', 'ابن', 'بنت', 'ابو', 'عبد', 'الثاني', 'الاول', 'الثالث', 'جونيور']);

// Every token is looked up once per run length and per proclitic: folding it each time was a
// tenth of the whole ingest. Words repeat across articles, so the cache is kept (and bounded).
const wordKeys = new Map<string, string>();
const MAX_CACHED_WORDS = 100_000;

function wordKey(word: string): string {
  let key = wordKeys.get(word);
  if (key === undefined) {
    const w = fold(word, MATCH);
    key = w.length > 3 && w.startsWith('ال') ? w.slice(2) : w;
    if (wordKeys.size >= MAX_CACHED_WORDS) wordKeys.clear();
    wordKeys.set(word, key);
  }
  return key;
}

function nameKey(words: string[]): string {
  return words.map(wordKey).join(' ');
}

/**
 * Adds the mentions a tagger missed: later occurrences of the names it found (and of
 * curated names), and a person's family name written alone; then joins a person's name
 * written as two adjacent mentions. Existing mentions are kept as they are.
 * @example propagateMentions('التقى عبد اللطيف حموشي ... وأكد الحموشي', tagged) // adds PERSON 'الحموشي'
 */
export function propagateMentions(text: string, mentions: Mention[], known: KnownName[] = []): Mention[] {
  const names = new Map<string, EntityType>();
  let longest = 1;
  const addName = (words: string[], type: EntityType) => {
    const key = nameKey(words);
    if (key.replace(/\s/g, '').length < 3 || names.has(key)) return;
    names.set(key, type);
    longest = Math.max(longest, words.length);
  };
  for (const k of known) addName(k.name.split(/\s+/).filter(Boolean), k.type);
  // A single dictionary word ("كامل", "الأمن") is a name only where the tagger says so;
  // propagating it would tag every ordinary use of the word. So is a name spelled like a
  // function word once ى/ي are folded ("علي" ~ "على") in a text that writes no final ى:
  // there "علي" is the preposition as often as the name.
  const maqsura = writesAlifMaqsura(text);
  const distinctive = (word: string) =>
    !isCommonWord(word) && !NOT_A_SURNAME.has(fold(word, MATCH)) && !isFunctionWordAsWritten(word) && (maqsura || !spellsFunctionWord(word));
  for (const m of mentions) {
    const words = m.text.split(/\s+/).filter(Boolean);
    if (words.length >= 2 || distinctive(words[0]!)) addName(words, m.type);
    const last = words[words.length - 1]!;
    if (m.type === 'PERSON' && words.length >= 2 && wordKey(last).length >= 4 && distinctive(last)) addName([last], 'PERSON');
  }
  if (names.size === 0) return mentions;

  const tokens = tokenize(text).filter((t) => t.kind === 'arabic' || t.kind === 'latin' || t.kind === 'acronym');
  const taken = mentions.map((m) => [m.start, m.end] as const);
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);
  const added: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (let n = Math.min(longest, tokens.length - i); n >= 1; n--) {
      const run = tokens.slice(i, i + n);
      if (!contiguous(text, run)) continue;
      const hit = matchRun(run, names);
      if (!hit) continue;
      const start = run[0]!.start + hit.skip;
      // the keys fold ى into ي: "على" as written is the preposition, not the name "علي"
      if (isFunctionWordAsWritten(text.slice(start, run[0]!.end))) continue;
      const end = run[n - 1]!.end;
      if (!free(start, end)) continue;
      added.push({ type: hit.type, text: text.slice(start, end), start, end, source: 'rule' });
      taken.push([start, end]);
      i += n - 1;
      break;
    }
  }
  const all = [...mentions, ...added].sort((a, b) => a.start - b.start);
  return joinAdjacentPersons(text, all);
}

/** Tokens separated by spaces only (no punctuation, no line break). */
function contiguous(text: string, run: Token[]): boolean {
  for (let j = 1; j < run.length; j++) if (!/^[ \t\u00A0]+$/.test(text.slice(run[j - 1]!.end, run[j]!.start))) return false;
  return true;
}

/** The type of the name a token run spells, allowing joined conjunctions/prepositions on its first word. */
function matchRun(run: Token[], names: Map<string, EntityType>): { type: EntityType; skip: number } | null {
  const words = run.map((t) => t.text);
  const first = words[0]!;
  const direct = names.get(nameKey(words));
  if (direct) return { type: direct, skip: 0 };
  for (const p of PROCLITICS) {
    if (!first.startsWith(p) || first.length - p.length < 3) continue;
    let rest = first.slice(p.length);
    let skip = p.length;
    // "للحموشي": the article is written as the second ل; the span starts after both.
    if (p.endsWith('ل') && rest.startsWith('ل') && !rest.startsWith('ال')) {
      rest = rest.slice(1);
      skip += 1;
    }
    const type = names.get(nameKey([rest, ...words.slice(1)]));
    if (type) return { type, skip };
  }
  return null;
}

/** "عبداللطيف" + "الحموشي" tagged as two persons side by side are one name. */
function joinAdjacentPersons(text: string, mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    const prev = out[out.length - 1];
    if (prev && prev.type === 'PERSON' && m.type === 'PERSON' && /^[ \t\u00A0]+$/.test(text.slice(prev.end, m.start))) {
      out[out.length - 1] = { ...prev, text: text.slice(prev.start, m.end), end: m.end, role: prev.role ?? m.role };
      continue;
    }
    out.push(m);
  }
  return out;
}
