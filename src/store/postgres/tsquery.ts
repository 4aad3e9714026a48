import type { QueryNode } from '../search-query.js';
import type { SearchAnalyzer } from '../search.js';

/**
 * A parsed query as a SQL tsquery expression over the analysed index. Every word goes
 * through the same analyser as the index, and its keys reach PostgreSQL only as bound
 * parameters, read by the same 'simple' configuration that built the index: no user text
 * is ever spliced into SQL or into tsquery syntax. `params` receives the values; `$n`
 * placeholders are numbered after those already in it. Returns null when no word survives
 * analysis (mirrors src/store/sqlite/fts.ts).
 * @example const p: unknown[] = []; toTsQuery(parseQuery('حموشي -واشنطن').match!, analyzer, p)
 *   // "(phraseto_tsquery('simple', $1) && !!phraseto_tsquery('simple', $2))", p = ['حموشي', 'واشنطن']
 */
export function toTsQuery(node: QueryNode, analyzer: SearchAnalyzer, params: unknown[]): string | null {
  const bind = (value: string): string => {
    params.push(value);
    return `$${params.length}`;
  };
  switch (node.kind) {
    case 'term': {
      const keys = analyzer.keys(node.word).map((k) => k.key);
      if (keys.length === 0) return null;
      if (!node.prefix) return `phraseto_tsquery('simple', ${bind(keys.join(' '))})`;
      // A prefix needs the :* label, which only to_tsquery's syntax carries: the key is
      // quoted and escaped in SQL, on the bound value, as tsquery syntax requires.
      const quoted = `'''' || replace(replace(${bind(keys.join(' '))}::text, '\\', '\\\\'), '''', '''''') || ''':*'`;
      return `to_tsquery('simple', ${quoted})`;
    }
    case 'phrase': {
      const keys = node.words.flatMap((w) => analyzer.keys(w).map((k) => k.key));
      return keys.length ? `phraseto_tsquery('simple', ${bind(keys.join(' '))})` : null;
    }
    case 'or': {
      const parts = node.children.map((c) => toTsQuery(c, analyzer, params)).filter((p): p is string => p !== null);
      if (parts.length === 0) return null;
      return parts.length === 1 ? parts[0]! : `(${parts.join(' || ')})`;
    }
    case 'and': {
      const positives = node.children
        .filter((c) => c.kind !== 'not')
        .map((c) => toTsQuery(c, analyzer, params))
        .filter((p): p is string => p !== null);
      const negatives = node.children
        .filter((c): c is Extract<QueryNode, { kind: 'not' }> => c.kind === 'not')
        .map((c) => toTsQuery(c.child, analyzer, params))
        .filter((p): p is string => p !== null);
      if (positives.length === 0) return null;
      return `(${[...positives, ...negatives.map((n) => `!!${n}`)].join(' && ')})`;
    }
    case 'not':
      return null;
  }
}
