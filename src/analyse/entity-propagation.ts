/**
 * Document-level consistency for entity mentions. A tagger decides word by word and misses
 * a name the second time it is written ("الحموشي" after "عبد اللطيف حموشي"), or writes
 * one name as two mentions; within one article a name means the same thing every time, so
 * every later occurrence of a recognised (or curated) name is a mention too, and a person's
 * family name alone is that person.
 *
 * A name known before reading (a curated actor's label or alias) written in full also wins
 * over the tagger's shorter reading of its words: in "كتائب عز الدين القسام" the tagger sees
 * a person, "عز الدين القسام", the curated file the armed group.
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

/** A list of known names keyed once (`compileNames`). */
interface CompiledNames {
  /** name key (`nameKey` of its words) → type */
  names: Map<string, EntityType>;
  /** the most words of a name (1 when there is none) */
  longest: number;
  /** the key of the first word of every name of two words or more */
  firsts: Set<string>;
}

// The curated names are the same list for every article: keyed once per list, not per text.
const compiled = new WeakMap<readonly KnownName[], CompiledNames>();

function compileNames(known: readonly KnownName[]): CompiledNames {
  let c = compiled.get(known);
  if (c) return c;
  c = { names: new Map(), longest: 1, firsts: new Set() };
  for (const k of known) {
    const words = k.name.split(/\s+/).filter(Boolean);
    const key = nameKey(words);
    if (key.replace(/\s/g, '').length < 3 || c.names.has(key)) continue;
    c.names.set(key, k.type);
    c.longest = Math.max(c.longest, words.length);
    if (words.length >= 2) c.firsts.add(wordKey(words[0]!));
  }
  compiled.set(known, c);
  return c;
}

/** The words of a text that names are made of (no punctuation, digits or symbols). */
function nameTokens(text: string): Token[] {
  return tokenize(text).filter((t) => t.kind === 'arabic' || t.kind === 'latin' || t.kind === 'acronym');
}

/**
 * Known names of two words or more written in full win over the tagger's reading of their
 * words: each such name (leftmost, longest first; joined و/ف/ب/ل/ك and لل allowed on its
 * first word, ال optional) that overlaps mentions at least no longer than itself replaces
 * them with its own span and type. A known name inside a longer mention leaves it alone
 * ("القسام" in "عز الدين القسام", "مجلس الأمن" in "مجلس الأمن القومي"); one-word names
 * never change a mention (a one-word alias such as "الأسد" or "القاعدة" is too often an
 * ordinary word for its curated type to overrule the tagger); a name no mention touches is
 * left to propagation. Cost: a set lookup per token, a run comparison only where a name's
 * first word is written.
 * @example preferKnownSpans('وأعلنت كتائب عز الدين القسام', [{type: 'PERSON', text: 'عز الدين القسام', …}], [{name: 'كتائب عز الدين القسام', type: 'ORG'}]) // [{type: 'ORG', text: 'كتائب عز الدين القسام', …}]
 */
export function preferKnownSpans(text: string, mentions: Mention[], known: readonly KnownName[], tokens: Token[] = nameTokens(text)): Mention[] {
  const c = compileNames(known);
  if (!c.firsts.size || !mentions.length) return mentions;
  const lookup = (key: string) => c.names.get(key);
  let out = mentions;
  for (let i = 0; i < tokens.length; i++) {
    if (!startsName(tokens[i]!.text, c.firsts)) continue;
    for (let n = Math.min(c.longest, tokens.length - i); n >= 2; n--) {
      const run = tokens.slice(i, i + n);
      if (!contiguous(text, run)) continue;
      const hit = matchRun(run, lookup);
      if (!hit) continue;
      const start = run[0]!.start + hit.skip;
      const end = run[n - 1]!.end;
      if (isFunctionWordAsWritten(text.slice(start, run[0]!.end))) continue;
      const over = out.filter((m) => m.start < end && start < m.end);
      const same = over.length === 1 && over[0]!.start === start && over[0]!.end === end && over[0]!.type === hit.type;
      // longest wins: a longer mention overlapping the name keeps its reading
      if (over.length && !same && over.every((m) => m.end - m.start <= end - start)) {
        out = [...out.filter((m) => !over.includes(m)), { type: hit.type, text: text.slice(start, end), start, end, source: 'rule' as const }];
        out.sort((a, b) => a.start - b.start);
      }
      i += n - 1;
      break;
    }
  }
  return out;
}

/** Whether a word (as written, or without joined conjunctions/prepositions) is the first word of a known name. */
function startsName(word: string, firsts: Set<string>): boolean {
  if (firsts.has(wordKey(word))) return true;
  for (const { rest } of procliticReadings(word)) if (firsts.has(wordKey(rest))) return true;
  return false;
}

/**
 * A word read as joined conjunctions/prepositions plus the rest, for each such reading that
 * leaves three letters or more: the rest, and how many code units were skipped.
 * @example [...procliticReadings('للحموشي')] // [{ rest: 'حموشي', skip: 2 }]
 */
function* procliticReadings(word: string): Generator<{ rest: string; skip: number }> {
  for (const p of PROCLITICS) {
    if (!word.startsWith(p) || word.length - p.length < 3) continue;
    let rest = word.slice(p.length);
    let skip = p.length;
    // "للحموشي": the article is written as the second ل; the span starts after both.
    if (p.endsWith('ل') && rest.startsWith('ل') && !rest.startsWith('ال')) {
      rest = rest.slice(1);
      skip += 1;
    }
    yield { rest, skip };
  }
}

/**
 * Adds the mentions a tagger missed: later occurrences of the names it found (and of
 * curated names), and a person's family name written alone; then joins a person's name
 * written as two adjacent mentions. First, a known name written in full replaces the
 * tagger's shorter reading of it (`preferKnownSpans`); other mentions are kept as they are.
 * @example propagateMentions('التقى عبد اللطيف حموشي ... وأكد الحموشي', tagged) // adds PERSON 'الحموشي'
 */
export function propagateMentions(text: string, mentions: Mention[], known: readonly KnownName[] = []): Mention[] {
  const tokens = nameTokens(text);
  mentions = preferKnownSpans(text, mentions, known, tokens);
  const pre = compileNames(known);
  const names = new Map<string, EntityType>();
  let longest = pre.longest;
  const addName = (words: string[], type: EntityType) => {
    const key = nameKey(words);
    if (key.replace(/\s/g, '').length < 3 || pre.names.has(key) || names.has(key)) return;
    names.set(key, type);
    longest = Math.max(longest, words.length);
  };
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
  if (names.size === 0 && pre.names.size === 0) return mentions;
  // curated names first: their type wins over the tagger's for the same words
  const lookup = (key: string) => pre.names.get(key) ?? names.get(key);

  const taken = mentions.map((m) => [m.start, m.end] as const);
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);
  const added: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (let n = Math.min(longest, tokens.length - i); n >= 1; n--) {
      const run = tokens.slice(i, i + n);
      if (!contiguous(text, run)) continue;
      const hit = matchRun(run, lookup);
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
function matchRun(run: Token[], lookup: (key: string) => EntityType | undefined): { type: EntityType; skip: number } | null {
  const words = run.map((t) => t.text);
  const first = words[0]!;
  const direct = lookup(nameKey(words));
  if (direct) return { type: direct, skip: 0 };
  for (const { rest, skip } of procliticReadings(first)) {
    const type = lookup(nameKey([rest, ...words.slice(1)]));
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
