/**
 * Prints the quotes Marsad finds in the seed pages, with their cue and speaker, for a person
 * to check (there is no ground truth to score against).
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/eval-quotes.js [--all-cues] [FILE…]
 *
 * Pages: ../shared/seeds/*.txt (or the files given), each decoded and extracted as `marsad
 * ingest` does. Entities come from the recogniser (src/analyse/entities.ts) with roles and
 * within-article clustering; when the recogniser is not there, quotes are printed without
 * speakers. Skipped with a message when ../shared is absent.
 *
 * For each quote: its offset, the cue, the speaker (cluster label, or a label in brackets
 * when no entity is named, "?" when unknown), the words of the speaker span, and the quote.
 * Quoted stretches that were not taken as quotes (names, scare quotes) are listed after, so
 * that a missed quote shows too. `--all-cues` also lists every reporting cue.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findCues, findQuotes } from '../src/analyse/quotes.js';
import { attachRoles } from '../src/analyse/roles.js';
import { extractArticle } from '../src/extract/extract.js';
import type { Mention } from '../src/model/entity.js';
import { sharedPath } from '../src/model/paths.js';
import { clusterMentions } from '../src/resolve/entity-coref.js';
import { attributeSpeakers } from '../src/resolve/quote-speakers.js';
import { decodePage } from '../src/sources/decode.js';

type Recognise = (text: string) => Mention[];

async function loadRecogniser(): Promise<Recognise | null> {
  try {
    const mod = (await import(new URL('../src/analyse/entities.js', import.meta.url).href)) as { recogniseEntities?: Recognise };
    return mod.recogniseEntities ?? null;
  } catch {
    return null;
  }
}

const clip = (s: string, n = 110): string => {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n) + '…' : one;
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const allCues = args.includes('--all-cues');
  let files = args.filter((a) => !a.startsWith('--'));
  if (!files.length) {
    const seeds = sharedPath('seeds');
    if (!seeds) {
      console.log('eval-quotes: ../shared/seeds not found — nothing to evaluate (skipped).');
      return;
    }
    files = readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort().map((f) => join(seeds, f));
  }
  const recognise = await loadRecogniser();
  if (!recognise) console.log('(no entity recogniser in this build: quotes are shown without speakers)\n');
  let nQuotes = 0;
  let nAttributed = 0;
  for (const file of files) {
    const page = decodePage(readFileSync(file), { source: file });
    const article = extractArticle(page);
    const text = article.text;
    const quotes = findQuotes(text);
    console.log(`=== ${basename(file)} — ${article.title ?? '(no title)'}`);
    let speakers: ReturnType<typeof attributeSpeakers> | null = null;
    if (recognise) {
      const mentions = attachRoles(text, recognise(text));
      const clusters = clusterMentions(text, mentions);
      speakers = attributeSpeakers(text, quotes, clusters);
      const people = clusters.map((c, i) => `${i}:${c.label}${c.roles.length ? ` (${c.roles.join('؛ ')})` : ''}`).filter((_, i) => clusters[i]!.type !== 'LOCATION');
      console.log(`entities: ${people.join(' | ')}`);
    }
    quotes.forEach((q, i) => {
      nQuotes++;
      const sp = speakers?.[i]?.speaker;
      if (sp) nAttributed++;
      const who = speakers ? (sp ? (sp.cluster === null ? `[${sp.label}]` : `${sp.label} #${sp.cluster}`) : '?') : '-';
      const spanText = q.speakerSpan ? text.slice(q.speakerSpan.start, q.speakerSpan.end) : '';
      console.log(`  @${q.start} cue=${q.cue?.text ?? '-'} span=${spanText || '-'} → ${who}`);
      console.log(`      «${clip(q.text)}»`);
    });
    // quoted stretches not taken as quotes
    const skipped: string[] = [];
    for (const m of text.matchAll(/[“"«]([^“”"«»\n]{1,80})[”"»]/g)) {
      const s = m.index + 1;
      if (quotes.some((q) => s >= q.start - 1 && s <= q.end)) continue;
      skipped.push(m[1]!);
    }
    if (skipped.length) console.log(`  not quotes: ${skipped.map((s) => `“${clip(s, 40)}”`).join(' ')}`);
    if (allCues) {
      for (const c of findCues(text)) {
        const spanText = c.speakerSpan ? text.slice(c.speakerSpan.start, c.speakerSpan.end) : '-';
        console.log(`  cue @${c.start} ${c.kind} ${c.text} span=${spanText}${c.quote ? ' (quote)' : ''}`);
      }
    }
    console.log('');
  }
  console.log(`${files.length} pages, ${nQuotes} quotes, ${nAttributed} with a speaker`);
}

await main();
