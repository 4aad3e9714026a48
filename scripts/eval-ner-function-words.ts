/**
 * Counts the entity mentions that are function words — the preposition "على" read as the
 * name "علي", "إلى", "عن", "بين", "أمام"… — on news text, before and after the entity stage's
 * document propagation (as the analyse stage runs them: `propagateMentions(text,
 * recogniseEntities(text))`, without curated names).
 *
 *   node <build>/scripts/eval-ner-function-words.js [--articles 2000] [--seed 7] [--json] [--examples 10]
 *
 * Texts (from ../shared; the script stops when it is absent):
 * - gsr: the event sentences of data/events (arabic_event_gsr), one text per source document
 *   (its sentences joined) — out of the NER model's training data;
 * - anercorp-dev: the last 10% of the ANERcorp training file (the training script's held-out
 *   block) in texts of 15 consecutive sentences — in the committed model's training data, not
 *   in the dev model's;
 * - mixed: --articles synthetic articles of 8–18 sentences drawn (seeded) from the GSR and
 *   ANERcorp sentences, as the ingest benchmark (scripts/bench-ingest.ts) builds its articles.
 *
 * Counted per text set: PERSON mentions and mentions of any type that are one function word
 * exactly as written (the [function] section of data/arabic/lexicon-stems.txt, ى and ي told
 * apart; alef forms folded, so "إمام" counts as "أمام"), and multi-word mentions that start with one; also single-word
 * PERSON mentions spelled "علي"-like (a function word once ى/ي is folded: the name, or the
 * preposition in a text written without ى) — reported, not counted as errors.
 */
import { readFileSync } from 'node:fs';
import { readConll } from '../src/analyse/conll.js';
import { recogniseEntities } from '../src/analyse/entities.js';
import { propagateMentions } from '../src/analyse/entity-propagation.js';
import { isFunctionWordAsWritten, spellsFunctionWord } from '../src/analyse/ner-function-words.js';
import type { Mention } from '../src/model/entity.js';
import { seededRandom } from '../src/model/seeded-random.js';
import { sharedPath } from '../src/model/paths.js';
import { readGsrSentences } from './events-gsr-data.js';

interface Counts {
  texts: number;
  mentions: number;
  persons: number;
  /** single-word PERSON mentions that are a function word as written */
  personFw: number;
  /** single-word mentions of any type that are a function word as written */
  anyFw: number;
  /** multi-word mentions whose first word is a function word as written */
  startsFw: number;
  /** single-word PERSON mentions that spell a function word with ى/ي folded, but not as written */
  personAmbiguous: number;
  words: Map<string, number>;
  examples: string[];
}

const empty = (): Counts => ({ texts: 0, mentions: 0, persons: 0, personFw: 0, anyFw: 0, startsFw: 0, personAmbiguous: 0, words: new Map(), examples: [] });

function count(c: Counts, text: string, ms: Mention[], maxExamples: number): void {
  c.texts++;
  for (const m of ms) {
    c.mentions++;
    if (m.type === 'PERSON') c.persons++;
    const words = m.text.split(/\s+/).filter(Boolean);
    // exactly as written: "واين" (Wayne) and "وأين" cannot be told apart, the former is counted nowhere
    const fw = isFunctionWordAsWritten(words[0]!, false);
    if (words.length === 1 && fw) {
      c.anyFw++;
      const key = `${m.type}:${words[0]}`;
      c.words.set(key, (c.words.get(key) ?? 0) + 1);
      if (m.type === 'PERSON') {
        c.personFw++;
        if (c.examples.length < maxExamples) c.examples.push(text.slice(Math.max(0, m.start - 40), m.end + 40).replace(/\s+/g, ' '));
      }
    } else if (words.length > 1 && fw) c.startsFw++;
    else if (words.length === 1 && m.type === 'PERSON' && spellsFunctionWord(words[0]!)) c.personAmbiguous++;
  }
}

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?؟])\s+/).map((s) => s.trim()).filter((s) => s.length > 40 && /[\u0600-\u06FF]/.test(s));
}

function main(): void {
  const args = process.argv.slice(2);
  const opt = (k: string, d: number): number => {
    const i = args.indexOf(k);
    return i >= 0 ? Number(args[i + 1]) : d;
  };
  const nArticles = opt('--articles', 2000);
  const seed = opt('--seed', 7);
  const maxExamples = opt('--examples', 10);
  const json = args.includes('--json');
  const aner = sharedPath('data', 'ner', 'anercorp-camel-train.txt');
  const gsr = [...(readGsrSentences('protest') ?? []), ...(readGsrSentences('assault') ?? [])];
  if (!aner || !gsr.length) {
    console.error('eval-ner-function-words: ../shared/data/ner and ../shared/data/events are needed');
    process.exit(2);
  }

  const sets: Record<string, string[]> = {};
  const byDoc = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const s of gsr) {
    if (seen.has(s.text)) continue; // a sentence can be in both files
    seen.add(s.text);
    const list = byDoc.get(s.doc) ?? [];
    list.push(s.text);
    byDoc.set(s.doc, list);
  }
  sets['gsr'] = [...byDoc.values()].map((ss) => ss.join('\n'));
  const all = readConll([aner]);
  const dev = all.slice(all.length - Math.round(all.length * 0.1));
  const devTexts: string[] = [];
  for (let i = 0; i < dev.length; i += 15) devTexts.push(dev.slice(i, i + 15).map((s) => s.tokens.join(' ')).join('\n'));
  sets['anercorp-dev'] = devTexts;
  const pool = [...new Set([...seen].flatMap(sentencesOf).concat(
    readFileSync(aner, 'utf8').split(/\n\s*\n/).flatMap((b) => sentencesOf(b.split('\n').map((l) => l.split(' ')[0]).join(' ')))))];
  const rand = seededRandom(seed);
  const mixed: string[] = [];
  for (let a = 0; a < nArticles; a++) {
    const n = 8 + Math.floor(rand() * 11);
    const ss: string[] = [];
    for (let k = 0; k < n; k++) ss.push(pool[Math.floor(rand() * pool.length)]!);
    mixed.push(ss.join(' '));
  }
  sets['mixed'] = mixed;

  const report: Record<string, Record<string, unknown>> = {};
  for (const [name, texts] of Object.entries(sets)) {
    const tagger = empty();
    const propagated = empty();
    for (const t of texts) {
      const ms = recogniseEntities(t);
      count(tagger, t, ms, maxExamples);
      count(propagated, t, propagateMentions(t, ms), maxExamples);
    }
    const view = (c: Counts) => ({
      texts: c.texts, mentions: c.mentions, persons: c.persons, personFunctionWord: c.personFw, anyFunctionWord: c.anyFw,
      startsWithFunctionWord: c.startsFw, personAmbiguousSpelling: c.personAmbiguous,
      top: [...c.words].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([w, n]) => `${w} ${n}`),
    });
    report[name] = { tagger: view(tagger), propagated: view(propagated), examples: tagger.examples, examplesPropagated: propagated.examples };
  }
  if (json) {
    console.log(JSON.stringify({ articles: nArticles, seed, report }));
    return;
  }
  for (const [name, r] of Object.entries(report)) {
    console.log(`\n== ${name}`);
    for (const stage of ['tagger', 'propagated'] as const) {
      const v = r[stage] as ReturnType<typeof Object>;
      console.log(`${stage.padEnd(10)} ${JSON.stringify(v)}`);
    }
    for (const e of r['examples'] as string[]) console.log(`  tagger, e.g. …${e}…`);
    for (const e of r['examplesPropagated'] as string[]) console.log(`  propagated, e.g. …${e}…`);
  }
}

main();
