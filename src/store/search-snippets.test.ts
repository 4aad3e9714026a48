/**
 * Snippets are cut from the paragraph with the most matched words (the first on a tie).
 * `bestParagraph` analyses only the paragraphs whose probe count could still win; it must
 * choose exactly the paragraph that analysing every paragraph would, for words of every
 * frequency and for prefixes, on real Arabic news text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../model/paths.js';
import { arabicSearchAnalyzer as analyzer } from '../arabic/search-keys.js';
import { extractArticle } from '../extract/extract.js';
import { readFilePage } from '../sources/files.js';
import { bestParagraph, probeRegex } from './search.js';

/** Every paragraph the probe finds analysed: the reference `bestParagraph` must agree with. */
function reference(text: string, exact: Set<string>, prefixes: string[], probe: RegExp | null): { at: number; count: number } | null {
  let best: { at: number; count: number } | null = null;
  for (const para of text.matchAll(/[^\n]+(?:\n(?!\n)[^\n]*)*/g)) {
    if (!probe && best) break; // no probe at all: the first paragraph only
    if (probe && !new RegExp(probe.source, 'iu').test(para[0])) continue;
    const count = analyzer.keys(para[0]).filter((t) => exact.has(t.key) || prefixes.some((p) => t.key.startsWith(p))).length;
    if (!best || count > best.count) best = { at: para.index!, count };
  }
  return best;
}

test('the snippet paragraph is the one with the most matches, found without analysing every paragraph', async (t) => {
  const seeds = sharedPath('seeds');
  if (!seeds) return t.skip('../shared/seeds is absent: no real Arabic text to compare on');
  const texts = await Promise.all(readdirSync(seeds).map(async (f) => extractArticle(await readFilePage(join(seeds, f))).text));
  // Query keys of every frequency: each distinct key of the texts, and the 3-letter prefixes of some.
  const keys = [...new Set(texts.flatMap((x) => analyzer.keys(x).map((k) => k.key)))];
  assert.ok(keys.length > 300, 'the seed texts give hundreds of distinct keys');
  let compared = 0;
  let matched = 0;
  for (const [i, key] of keys.entries()) {
    const prefix = i % 7 === 0 && key.length > 3;
    const exact = new Set(prefix ? [] : [key, keys[(i * 31) % keys.length]!]);
    const prefixes = prefix ? [key.slice(0, 3)] : [];
    const probe = probeRegex([...exact, ...prefixes]);
    for (const text of texts) {
      const want = reference(text, exact, prefixes, probe);
      const got = bestParagraph(analyzer, text, exact, prefixes, probe);
      compared++;
      if (want && want.count > 0) matched++;
      assert.deepEqual(got && { at: got.at, count: got.count }, want, `query keys ${[...exact, ...prefixes].join(' ')}`);
    }
  }
  assert.ok(matched > 1000, `${matched} of ${compared} text/query pairs match somewhere`);
});
