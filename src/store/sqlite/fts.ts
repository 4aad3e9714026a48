import type { QueryNode } from '../search-query.js';
import type { SearchAnalyzer } from '../search.js';

/**
 * Turns a parsed query into an FTS5 MATCH expression over the analysed index. Every word
 * goes through the same analyser as the index; keys are quoted, so no user text ever
 * reaches FTS5's own syntax. Returns null when no word survives analysis.
 * @example toFtsMatch(parseQuery('حموشي -واشنطن').match!, analyzer) // '("حموشي") NOT ("واشنطن")'
 */
export function toFtsMatch(node: QueryNode, analyzer: SearchAnalyzer): string | null {
  switch (node.kind) {
    case 'term': {
      const keys = analyzer.keys(node.word).map((k) => k.key);
      if (keys.length === 0) return null;
      return quote(keys) + (node.prefix ? ' *' : '');
    }
    case 'phrase': {
      const keys = node.words.flatMap((w) => analyzer.keys(w).map((k) => k.key));
      return keys.length ? quote(keys) : null;
    }
    case 'or': {
      const parts = node.children.map((c) => toFtsMatch(c, analyzer)).filter((p): p is string => p !== null);
      if (parts.length === 0) return null;
      return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
    }
    case 'and': {
      const positives = node.children
        .filter((c) => c.kind !== 'not')
        .map((c) => toFtsMatch(c, analyzer))
        .filter((p): p is string => p !== null);
      const negatives = node.children
        .filter((c): c is Extract<QueryNode, { kind: 'not' }> => c.kind === 'not')
        .map((c) => toFtsMatch(c.child, analyzer))
        .filter((p): p is string => p !== null);
      if (positives.length === 0) return null;
      // FTS5's NOT is binary: (a AND b) NOT (c) NOT (d).
      let expr = positives.length === 1 ? positives[0]! : `(${positives.join(' AND ')})`;
      for (const n of negatives) expr = `(${expr} NOT ${n})`;
      return expr;
    }
    case 'not':
      return null;
  }
}

function quote(keys: string[]): string {
  return `"${keys.join(' ').replace(/"/g, '""')}"`;
}
