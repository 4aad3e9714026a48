import { MarsadError } from '../model/errors.js';
import { dayBound } from '../model/day-bounds.js';

/** A parsed search query: what to match in the text, and filters on metadata. */
export interface SearchQuery {
  match: QueryNode | null;
  filters: SearchFilters;
}

export interface SearchFilters {
  /** Outlet names or host names to keep (any of them). */
  site: string[];
  /** Inclusive bounds on the publication date, `YYYY-MM-DD`. */
  from: string | null;
  to: string | null;
}

export type QueryNode =
  | { kind: 'term'; word: string; prefix: boolean }
  | { kind: 'phrase'; words: string[] }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode };

type Token =
  | { t: 'word'; v: string; prefix: boolean; at: number }
  | { t: 'phrase'; v: string; at: number }
  | { t: 'filter'; name: string; v: string; at: number }
  | { t: 'or' | 'not' | 'minus' | 'open' | 'close'; at: number };

const FILTERS = new Set(['site', 'from', 'to']);
/** Deepest nesting of brackets and NOT a query may have. */
const MAX_DEPTH = 32;

/**
 * Parses the query language: words (all must match), "exact phrases", OR, NOT or -word,
 * prefix*, brackets, and the filters site:, from:, to:. A malformed query throws BAD_QUERY
 * with a message that says where and what is wrong.
 * @example parseQuery('حموشي "مكتب التحقيقات" -واشنطن site:hespress.com from:2022')
 */
export function parseQuery(input: string): SearchQuery {
  const tokens = lex(input);
  const filters: SearchFilters = { site: [], from: null, to: null };
  const rest: Token[] = [];
  for (const tok of tokens) {
    if (tok.t !== 'filter') {
      rest.push(tok);
      continue;
    }
    if (tok.name === 'site') filters.site.push(tok.v.toLowerCase());
    else filters[tok.name as 'from' | 'to'] = dateBound(tok.v, tok.name === 'to', input);
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    throw bad(input, `from:${filters.from} after to:${filters.to}`);
  }
  let pos = 0;
  const peek = () => rest[pos];

  const parseOr = (): QueryNode => {
    const children = [parseAnd()];
    while (peek()?.t === 'or') {
      pos++;
      if (!peek() || peek()!.t === 'close' || peek()!.t === 'or') throw bad(input, 'OR with nothing after it');
      children.push(parseAnd());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  };
  const parseAnd = (): QueryNode => {
    const children: QueryNode[] = [];
    while (peek() && peek()!.t !== 'or' && peek()!.t !== 'close') children.push(parseUnary());
    if (children.length === 0) throw bad(input, peek()?.t === 'or' ? 'OR with nothing before it' : 'empty brackets');
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  };
  // Each bracket or NOT is a level of recursion here and in every reader of the tree: a
  // bound keeps "((((…" from overflowing the stack (fuzzing, issue #8).
  let depth = 0;
  const parseUnary = (): QueryNode => {
    const tok = peek()!;
    if ((tok.t === 'not' || tok.t === 'minus' || tok.t === 'open') && depth >= MAX_DEPTH) {
      throw bad(input, `brackets or NOT nested more than ${MAX_DEPTH} deep at position ${tok.at + 1}`);
    }
    if (tok.t === 'not' || tok.t === 'minus') {
      pos++;
      if (!peek() || peek()!.t === 'or' || peek()!.t === 'close') throw bad(input, `${tok.t === 'not' ? 'NOT' : '-'} with nothing after it`);
      depth++;
      const child = parseUnary();
      depth--;
      return { kind: 'not', child };
    }
    pos++;
    if (tok.t === 'word') return { kind: 'term', word: tok.v, prefix: tok.prefix };
    if (tok.t === 'phrase') {
      const words = tok.v.split(/\s+/).filter(Boolean);
      if (words.length === 0) throw bad(input, `an empty phrase at position ${tok.at + 1}`);
      return words.length === 1 ? { kind: 'term', word: words[0]!, prefix: false } : { kind: 'phrase', words };
    }
    if (tok.t === 'open') {
      depth++;
      const inner = parseOr();
      depth--;
      if (peek()?.t !== 'close') throw bad(input, `a bracket opened at position ${tok.at + 1} and never closed`);
      pos++;
      return inner;
    }
    throw bad(input, `an unexpected ")" at position ${tok.at + 1}`);
  };

  let match: QueryNode | null = null;
  if (rest.length > 0) {
    match = parseOr();
    if (pos < rest.length) throw bad(input, `an unexpected ")" at position ${rest[pos]!.at + 1}`);
    if (!hasPositive(match)) throw bad(input, 'only words to exclude; add at least one word to look for');
  }
  if (!match && filters.site.length === 0 && !filters.from && !filters.to) throw bad(input, 'an empty query');
  return { match, filters };
}

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  const s = input.normalize('NFC').replace(/[“”„«»]/g, '"');
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === '"') {
      const end = s.indexOf('"', i + 1);
      if (end < 0) throw bad(input, `a quote opened at position ${at + 1} and never closed`);
      tokens.push({ t: 'phrase', v: s.slice(i + 1, end), at });
      i = end + 1;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ t: c === '(' ? 'open' : 'close', at });
      i++;
      continue;
    }
    if (c === '-' && i + 1 < s.length && !/\s/.test(s[i + 1]!)) {
      tokens.push({ t: 'minus', at });
      i++;
      continue;
    }
    let j = i;
    while (j < s.length && !/[\s"()]/.test(s[j]!)) j++;
    const word = s.slice(i, j);
    i = j;
    const filter = /^([a-z]+):(.*)$/i.exec(word);
    if (filter && FILTERS.has(filter[1]!.toLowerCase())) {
      let value = filter[2]!;
      if (!value && s[i] === '"') {
        const end = s.indexOf('"', i + 1);
        if (end < 0) throw bad(input, `a quote opened at position ${i + 1} and never closed`);
        value = s.slice(i + 1, end);
        i = end + 1;
      }
      if (!value.trim()) throw bad(input, `${filter[1]}: with no value`);
      tokens.push({ t: 'filter', name: filter[1]!.toLowerCase(), v: value.trim(), at });
    } else if (word === 'OR' || word === '|') tokens.push({ t: 'or', at });
    else if (word === 'NOT') tokens.push({ t: 'not', at });
    else {
      const prefix = word.endsWith('*');
      const bare = word.replace(/\*+$/, '');
      if (!/[\p{L}\p{N}]/u.test(bare)) {
        if (prefix) throw bad(input, `"${word}": a * needs letters before it`);
        continue; // lone punctuation carries nothing to search for
      }
      tokens.push({ t: 'word', v: bare, prefix, at });
    }
  }
  return tokens;
}

/** from:2022 → 2022-01-01, to:2022-06 → 2022-06-30: partial dates cover the whole period. */
function dateBound(value: string, end: boolean, input: string): string {
  const day = dayBound(value, end ? 'end' : 'start');
  if (day === 'shape') throw bad(input, `"${value}", not a date (use YYYY, YYYY-MM or YYYY-MM-DD)`);
  if (day === 'impossible') throw bad(input, `"${value}", not a real date`);
  return day;
}

function hasPositive(node: QueryNode): boolean {
  switch (node.kind) {
    case 'not':
      return false;
    case 'and':
      return node.children.some(hasPositive);
    case 'or':
      return node.children.every(hasPositive);
    default:
      return true;
  }
}

function bad(input: string, found: string): MarsadError {
  return new MarsadError('BAD_QUERY', found, `query ${JSON.stringify(input)}`);
}
