/**
 * Throughput of `recogniseEntities` on one core, in tokens per second.
 *
 *   npm run bench:ner [-- --tokens 300000] [-- --json]
 *
 * Text: the ANERcorp and AQMAR tokens in ../shared/data/ner joined back into running text
 * (one paragraph per sentence), else the seed articles in ../shared/seeds; repeated to at
 * least --tokens tokens. Timed: one warm-up pass over the first 20,000 tokens (model load,
 * caches), then the whole text in articles of about 600 tokens, as the analyse stage calls
 * it. Also reported: the same with the per-word feature cache emptied before each article
 * (a colder figure for a fresh vocabulary).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { tokenize } from '../src/arabic/index.js';
import { readConll } from '../src/analyse/conll.js';
import { recogniseEntities } from '../src/analyse/entities.js';
import { defaultTagger } from '../src/analyse/ner-model.js';
import { sharedPath } from '../src/model/paths.js';

function corpus(): { paragraphs: string[]; from: string } {
  const files = [sharedPath('data', 'ner', 'anercorp-camel-train.txt'), sharedPath('data', 'ner', 'aqmar-dev')].filter((p): p is string => !!p);
  if (files.length) return { paragraphs: readConll(files).map((s) => s.tokens.join(' ')), from: files.join(', ') };
  const seeds = sharedPath('seeds');
  if (!seeds) throw new Error('bench-ner: ../shared not found');
  const paragraphs = readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()
    .flatMap((f) => readFileSync(join(seeds, f), 'utf8').split(/\n\s*\n/));
  return { paragraphs, from: seeds };
}

function main(): void {
  const args = process.argv.slice(2);
  const ti = args.indexOf('--tokens');
  const want = ti >= 0 ? Number(args[ti + 1]) : 300_000;
  const { paragraphs, from } = corpus();
  const articles: string[] = [];
  let cur: string[] = [];
  let curTokens = 0;
  let total = 0;
  while (total < want) {
    for (const p of paragraphs) {
      const n = tokenize(p).length;
      cur.push(p);
      curTokens += n;
      total += n;
      if (curTokens >= 600) articles.push(cur.join('\n')), (cur = []), (curTokens = 0);
      if (total >= want) break;
    }
  }
  if (cur.length) articles.push(cur.join('\n'));
  let warm = 0;
  for (const a of articles) {
    recogniseEntities(a);
    warm += 600;
    if (warm >= 20_000) break;
  }
  const run = (cold: boolean): { tps: number; mentions: number; seconds: number } => {
    const tagger = defaultTagger();
    let mentions = 0;
    const t0 = performance.now();
    for (const a of articles) {
      if (cold) tagger.features.clear();
      mentions += recogniseEntities(a).length;
    }
    const seconds = (performance.now() - t0) / 1000;
    return { tps: total / seconds, mentions, seconds };
  };
  const warmRun = run(false);
  const coldRun = run(true);
  const result = {
    text: from,
    tokens: total,
    articles: articles.length,
    tokens_per_s: Math.round(warmRun.tps),
    tokens_per_s_cold_cache: Math.round(coldRun.tps),
    mentions: warmRun.mentions,
    seconds: Number(warmRun.seconds.toFixed(2)),
  };
  if (args.includes('--json')) console.log(JSON.stringify(result));
  else {
    console.log(`recogniseEntities over ${total} tokens (${articles.length} articles of ~600 tokens) from ${from}`);
    console.log(`  ${result.tokens_per_s.toLocaleString('en')} tokens/s (${result.mentions} mentions, ${result.seconds} s)`);
    console.log(`  ${result.tokens_per_s_cold_cache.toLocaleString('en')} tokens/s with the word-feature cache emptied before each article`);
  }
}

main();
