/**
 * Draws the candidate units of an events gold sample: by default those of the held-out set
 * (data/events/gold-heldout.jsonl; what it is: data/events/gold-heldout.README.md), with other
 * options a further development sample (data/events/gold-dev2.jsonl). The same command prints
 * the same list.
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/events-gold-sample.js [--text]
 *     [--seed N] [--exclude GOLD.jsonl]... [--counts A,O,G] [--prefix P]
 *
 * Options (defaults give the held-out list; another seed and --exclude of the held-out files
 * draw a further, disjoint development sample, e.g. data/events/gold-dev2.jsonl):
 *   --seed N        seed of the generator (default SEED below)
 *   --exclude FILE  a gold file whose units are left out as gold.jsonl's are (by their refs and
 *                   the texts those refs point to; nothing else of the file is used); repeatable
 *   --counts A,O,G  ANERcorp sentences with event words, without, and GSR rows per label and
 *                   file (default ANERCORP_EVENT, ANERCORP_OTHER, GSR_PER_LABEL)
 *   --prefix P      id prefix of the drawn units (default "heldout")
 *
 * One JSON line per unit, in the gold format's reference shape (id, ref, checksum, anchor), plus
 * `why` (the stratum it was drawn from) and, with --text, the unit's text for reading (texts stay
 * in ../shared: never commit them).
 *
 * Sampling, with one seeded generator (src/model/seeded-random.ts, seed SEED below), units
 * already in data/events/gold.jsonl left out:
 *   - ANERcorp (data/ner/anercorp-camel-train.txt, sentences of 8 tokens or more): the
 *     sentences are split into those with at least one word of EVENT_WORDS (common news event
 *     verbs and nouns, written for this sampling from general knowledge of Arabic news, not from
 *     Marsad's trigger tables) and those with none; each group is shuffled and the first
 *     ANERCORP_EVENT and ANERCORP_OTHER are taken (the second group tests false positives).
 *   - the event GSR (data/events/{protest,assault}-dev.csv): per file, rows of each label
 *     shuffled and the first GSR_PER_LABEL taken ("ambiguous" rows never).
 * Mechanical skip rule: a drawn unit whose text equals the text of a unit already chosen or of
 * a gold.jsonl unit is skipped (the next one of its stratum is taken instead).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checksum, readGold, TextResolver, type GoldRef } from './eval-events.js';
import { readGsrSentences } from './events-gsr-data.js';
import { seededRandom } from '../src/model/seeded-random.js';
import { dataFile, SHARED_DIR, sharedPath } from '../src/model/paths.js';

const SEED = 20261207;
const ANERCORP_EVENT = 40;
const ANERCORP_OTHER = 8;
const MIN_TOKENS = 8;
/** per file: yes, easy no, difficult no */
const GSR_PER_LABEL: Record<string, number> = { yes: 4, 'easy no': 3, 'difficult no': 3 };
const ANERCORP_FILE = 'data/ner/anercorp-camel-train.txt';

/** Event verbs and nouns of Arabic news, a few inflections each (meet, visit, receive, talks, call, agree, sign, condemn, accuse, demand, threaten, attack, kill, arrest, protest, sanction, support, reject, aid). */
const EVENT_WORDS = `
التقى يلتقي لقاء اجتمع يجتمع اجتماع اجتماعا اجتماعات
زار يزور زارت تزور زيارة زيارته
استقبل يستقبل استقبلت استقبال
محادثات مباحثات مفاوضات بحث يبحث بحثا
اتصال اتصالا هاتفي هاتفيا
اتفق اتفقا اتفاق اتفاقا اتفاقية
وقع يوقع وقعت توقيع
دان أدان يدين أدانت إدانة ندد يندد نددت انتقد ينتقد انتقدت
اتهم يتهم اتهمت اتهام اتهامات
طالب يطالب طالبت مطالبة دعا يدعو دعت
هدد يهدد هددت تهديد تهديدات
هاجم يهاجم هجوم هجمات هجوما اعتداء اعتداءات غارة غارات
قتل يقتل قتلت مقتل قتلى اغتيال
اعتقل يعتقل اعتقلت اعتقال احتجز احتجاز
احتج احتجاج احتجاجا احتجاجات تظاهر مظاهرة مظاهرات تظاهرة متظاهرين متظاهرون اعتصام إضراب
عقوبات
دعم يدعم أيد يؤيد تأييد
رفض يرفض رفضت
مساعدات مساعدة`;

/** Folding for the word match only: no diacritics or tatweel, one alef, ى → ي, ة → ه. */
const norm = (w: string): string =>
  w.replace(/[\u064B-\u0652\u0640]/g, '').replace(/[أإآ]/g, 'ا').replace(/ى/g, 'ي').replace(/ة/g, 'ه');
const WORDS = new Set(EVENT_WORDS.split(/\s+/).filter(Boolean).map(norm));
/** proclitics a token may carry before the word (conjunction, preposition, article) */
const PREFIXES = ['', 'و', 'ف', 'ب', 'ل', 'ال', 'وال', 'بال', 'لل', 'وب', 'ول', 'فال', 'وبال', 'ولل'];

function eventWord(tokens: string[]): string | null {
  for (const t of tokens) {
    const n = norm(t);
    for (const p of PREFIXES) if (n.startsWith(p) && WORDS.has(n.slice(p.length))) return t;
  }
  return null;
}

function shuffle<T>(xs: T[], random: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** The values of every `--name V` in args. */
function optionValues(args: string[], name: string): string[] {
  const out: string[] = [];
  args.forEach((a, i) => {
    if (a === name) {
      const v = args[i + 1];
      if (v === undefined) throw new Error(`${name} needs a value`);
      out.push(v);
    }
  });
  return out;
}

/** The refs of a gold file, and nothing else of it: excluded units are only named, never read. */
function goldRefs(path: string): GoldRef[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { ref: GoldRef }).ref);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const withText = args.includes('--text');
  const seedArg = optionValues(args, '--seed').at(-1);
  const seed = seedArg === undefined ? SEED : Number(seedArg);
  if (!Number.isInteger(seed)) throw new Error(`--seed: not an integer: ${seedArg}`);
  const countsArg = optionValues(args, '--counts').at(-1);
  let anercorpEvent = ANERCORP_EVENT;
  let anercorpOther = ANERCORP_OTHER;
  let gsrPerLabel = GSR_PER_LABEL;
  if (countsArg !== undefined) {
    const c = countsArg.split(',').map(Number);
    if (c.length !== 3 || c.some((x) => !Number.isInteger(x) || x < 0)) throw new Error(`--counts: want A,O,G: ${countsArg}`);
    [anercorpEvent, anercorpOther] = [c[0]!, c[1]!];
    gsrPerLabel = Object.fromEntries(Object.keys(GSR_PER_LABEL).map((l) => [l, c[2]!]));
  }
  const prefix = optionValues(args, '--prefix').at(-1) ?? 'heldout';
  const excluded = optionValues(args, '--exclude').flatMap(goldRefs);
  if (!sharedPath(ANERCORP_FILE)) {
    console.log('../shared is absent: nothing to sample');
    return;
  }
  const random = seededRandom(seed);
  const resolver = new TextResolver(SHARED_DIR);
  const gold = readGold(dataFile('events/gold.jsonl'));
  const seen = new Set<string>();
  const goldKeys = new Set<string>();
  for (const u of gold) {
    goldKeys.add(`${u.ref.file}#${JSON.stringify(u.ref.index ?? u.ref.id)}`);
    seen.add(await resolver.text(u.ref));
  }
  for (const ref of excluded) {
    goldKeys.add(`${ref.file}#${JSON.stringify(ref.index ?? ref.id)}`);
    seen.add(await resolver.text(ref));
  }
  const out: Array<{ ref: GoldRef; id: string; anchor: string | null; why: string }> = [];
  const take = async (ref: GoldRef, id: string, anchor: string | null, why: string): Promise<boolean> => {
    if (goldKeys.has(`${ref.file}#${JSON.stringify(ref.index ?? ref.id)}`)) return false;
    const text = await resolver.text(ref);
    if (seen.has(text)) return false;
    seen.add(text);
    out.push({ ref, id, anchor, why });
    return true;
  };

  // ANERcorp: sentences as TextResolver reads them
  const sentences = readFileSync(join(SHARED_DIR, ANERCORP_FILE), 'utf8')
    .split(/\n\s*\n/)
    .map((b) => b.split('\n').filter((l) => l.trim()).map((l) => l.trim().split(/\s+/)[0]!))
    .filter((s) => s.length > 0);
  const withWord: number[] = [];
  const without: number[] = [];
  sentences.forEach((s, i) => {
    if (s.length < MIN_TOKENS) return;
    (eventWord(s) ? withWord : without).push(i);
  });
  for (const [pool, n, why] of [[withWord, anercorpEvent, 'event word'], [without, anercorpOther, 'no event word']] as const) {
    let k = 0;
    for (const i of shuffle(pool, random)) {
      if (k === n) break;
      const word = eventWord(sentences[i]!);
      if (await take({ kind: 'anercorp', file: ANERCORP_FILE, index: i }, `${prefix}-anercorp-${i}`, null, word ? `${why}: ${word}` : why)) k++;
    }
  }

  // event GSR: stratified by label
  for (const kind of ['protest', 'assault'] as const) {
    const rows = readGsrSentences(kind) ?? [];
    for (const [label, n] of Object.entries(gsrPerLabel)) {
      let k = 0;
      for (const r of shuffle(rows.filter((x) => x.label === label), random)) {
        if (k === n) break;
        const m = /^AAW_ARB_(\d{4})(\d{2})(\d{2})/.exec(r.id);
        const anchor = m ? `${m[1]}-${m[2]}-${m[3]}` : null;
        const short = m ? r.id : `${r.id.slice(0, 8)}…${r.id.slice(-12)}`;
        if (await take({ kind: 'event-gsr', file: `data/events/${kind}-dev.csv`, id: r.id }, `${prefix}-gsr-${kind}-${short}`, anchor, label)) k++;
      }
    }
  }

  for (const u of out) {
    const text = await resolver.text(u.ref);
    console.log(JSON.stringify({ id: u.id, ref: u.ref, checksum: checksum(text), anchor: u.anchor, why: u.why, ...(withText ? { text } : {}) }));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
