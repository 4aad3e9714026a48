/**
 * Scores Marsad's events, dates and quotes against the hand-annotated gold set
 * `data/events/gold.jsonl` (what it is and how it was made: `data/events/gold.README.md`).
 *
 *   npm run eval:events [-- --json] [-- --errors (each error with its cause, and counts by cause)] [-- --keep] [-- --split dev|test|all] [-- --gold FILE]
 *   (or: npx tsc -p tsconfig.json && node dist/scripts/eval-events.js [--json] [--errors] [--keep] [--split dev|test|all] [--gold FILE])
 *
 * --gold scores another gold file of the same format instead of data/events/gold.jsonl (such as
 * data/events/gold-heldout.jsonl, annotated after the rules were written: see its README).
 *
 * --split restricts scoring to half of the gold set: `dev` keeps the units at even positions of
 * gold.jsonl (0-based, counting unit lines only), `test` the odd ones, `all` (the default) every
 * unit. Work against `dev`; read `test` only to report.
 *
 * The gold file holds references, never text: each unit names a text in ../shared (an
 * ANERcorp sentence, a row of the event GSR, a paragraph or paragraph range of a seed page or
 * of an Arabic HTML page as Marsad extracts it) with a checksum of that text. The script
 * resolves each reference, checks the checksum (a mismatch is an error naming the unit),
 * writes the units' texts to a scratch file under os.tmpdir() (removed at the end unless
 * --keep), and analyses each unit as a short article of its own, published on the unit's
 * anchor date (null: no publication date), in an in-memory store — `analyseArticle` of
 * src/app/analyse.ts, as `marsad analyze --lines` does.
 *
 * Matching rules (the pure functions below; test/eval/eval-events.test.ts):
 *   - names: folded with `fold` (src/arabic), compound names joined ("عبد اللطيف" =
 *     "عبداللطيف"), each word loses a leading ال (also after و/ف/ب/ل/ك, and لل), then two labels match when one, as whole words, contains the other
 *     ("حموشي" ~ "عبد اللطيف حموشي", "الاستخبارات المركزية الأمريكية" ~ "مدير الاستخبارات
 *     المركزية الأمريكية"). A gold label may list alternatives (any one may match).
 *   - an actor: the predicted entity's label or any of its mentions in the unit, as written,
 *     matches the gold label ("المملكة المتحدة" written "بريطانيا" in the text is the gold
 *     "بريطانيا"): the gold names actors as the text does, Marsad reports one label per entity.
 *   - events: a predicted event matches a gold event of the same unit with the same type whose
 *     source matches (a null gold source — the text names no actor — matches any source) and
 *     whose target matches (a null gold target matches only a null predicted target). Gold
 *     events marked `symmetric` ("A و B عقدا مباحثات", "اتفق الجانبان") also match with source
 *     and target swapped. One-to-one, in gold order. Precision, recall, F1 micro-averaged.
 *     Mode, status and location are reported, not scored.
 *   - event dates: over matched events whose gold date is known, start and end must be equal.
 *   - timexes: each gold timex is located in the unit text (in order, each after the previous);
 *     the predicted timex overlapping it most is its match; it is right when its value equals
 *     the gold value (null included: without a publication date a relative date must stay
 *     null). Accuracy = right / gold timexes, also split into resolved and unresolved gold.
 *   - quotes: a predicted quote matches a gold quote when its first words (folded, punctuation
 *     and quote marks dropped) start with the gold `start_words`. One-to-one. Speaker accuracy
 *     is over matched quotes: the predicted speaker must match the gold label as an actor does
 *     (its entity label or one of its mentions in the unit: "كوفي عنان" written "أنان"; null
 *     gold: null predicted).
 *
 * Skipped, with a message and exit status 0, when ../shared is absent.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fold } from '../src/arabic/index.js';
import { dataFile, SHARED_DIR, sharedPath } from '../src/model/paths.js';

// ------------------------------------------------------------------ gold format

/** A label as written in the text, or alternatives for it. */
export type GoldLabel = string | string[];

export interface GoldRef {
  /** anercorp: `index` of a sentence; event-gsr: row `id`; seed / arabic-html: paragraph `index` or [first, last] */
  kind: 'anercorp' | 'event-gsr' | 'seed' | 'arabic-html';
  /** path relative to ../shared */
  file: string;
  index?: number | [number, number];
  id?: string;
}

export interface GoldEvent {
  type: string;
  mode: string | null;
  source: GoldLabel | null;
  target: GoldLabel | null;
  date: { start: string; end: string } | null;
  location: GoldLabel | null;
  status?: string | null;
  symmetric?: boolean;
}

export interface GoldQuote {
  start_words: string;
  speaker: GoldLabel | null;
}

export interface GoldTimex {
  text: string;
  value: string | null;
}

export interface GoldUnit {
  id: string;
  ref: GoldRef;
  checksum: string;
  anchor: string | null;
  events: GoldEvent[];
  quotes: GoldQuote[];
  timexes: GoldTimex[];
}

// ------------------------------------------------------------------ predictions (the analyse contract)

/** An event's actor as predicted: its entity's label and, where known, the names it goes by in the text. */
export interface PredActor {
  label: string;
  /** the entity's mentions in the unit, as written (`analyze`'s entities[].mentions[].text) */
  names?: string[];
}

export interface PredEvent {
  type: string;
  mode?: string | null;
  status?: string | null;
  source: PredActor | null;
  target: PredActor | null;
  date?: { start: string | null; end: string | null } | null;
}

export interface PredQuote {
  text: string;
  /** the speaker's entity label and, where known, the names it goes by in the text (as for actors) */
  speaker: PredActor | null;
}

export interface PredTimex {
  text: string;
  start: number;
  end: number;
  value: string | null;
  granularity?: string;
}

// ------------------------------------------------------------------ matching (pure)

const AL = /^(?:[وف]?[بلك]?ال|[وف]?لل)(?=\S\S)/;

/** A label folded for matching: `fold`, each word without its article. */
export function normLabel(label: string): string {
  return fold(label)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    // compound names: "عبد اللطيف" = "عبداللطيف", "ابو الحسن" = "ابوالحسن"
    .replace(/(^|\s)(عبد|ابو)\s*(?:ال)?(?=\S\S)/g, '$1$2')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(AL, ''))
    .join(' ');
}

/** The alternatives of a gold label (one label: itself). */
export const alternatives = (g: GoldLabel): string[] => (Array.isArray(g) ? g : [g]);

/** Whether a predicted label names the gold actor: whole-word containment either way. */
export function labelMatches(gold: GoldLabel, predicted: string | null | undefined): boolean {
  if (!predicted) return false;
  const p = ` ${normLabel(predicted)} `;
  if (!p.trim()) return false;
  return alternatives(gold).some((g) => {
    const n = ` ${normLabel(g)} `;
    return n.trim() !== '' && (p.includes(n) || n.includes(p));
  });
}

function sideMatches(gold: GoldLabel | null, pred: PredActor | null, nullIsWildcard: boolean): boolean {
  if (gold === null) return nullIsWildcard || pred === null;
  return labelMatches(gold, pred?.label) || (pred?.names ?? []).some((n) => labelMatches(gold, n));
}

/** Whether a predicted event is the gold event (type, source, target; see the module comment). */
export function eventMatches(gold: GoldEvent, pred: PredEvent): boolean {
  if (gold.type !== pred.type) return false;
  if (sideMatches(gold.source, pred.source, true) && sideMatches(gold.target, pred.target, false)) return true;
  if (!gold.symmetric) return false;
  return sideMatches(gold.target, pred.source, true) && sideMatches(gold.source, pred.target, false);
}

/** One-to-one greedy matching in gold order: pairs [goldIndex, predIndex]. */
export function matchOneToOne<G, P>(gold: G[], pred: P[], same: (g: G, p: P) => boolean): Array<[number, number]> {
  const used = new Set<number>();
  const pairs: Array<[number, number]> = [];
  gold.forEach((g, gi) => {
    const pi = pred.findIndex((p, i) => !used.has(i) && same(g, p));
    if (pi >= 0) {
      used.add(pi);
      pairs.push([gi, pi]);
    }
  });
  return pairs;
}

/** The words of a quote or of `start_words`, folded, without punctuation and quote marks. */
export function quoteWords(text: string): string[] {
  return fold(text)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/** Whether a predicted quote starts with the gold quote's first words. */
export function quoteMatches(gold: GoldQuote, pred: PredQuote): boolean {
  const g = quoteWords(gold.start_words);
  const p = quoteWords(pred.text);
  return g.length > 0 && g.every((w, i) => p[i] === w);
}

/** Whether the predicted speaker is the gold one, by its label or a name the text gives it, as actors are (null gold: null predicted). */
export function speakerMatches(gold: GoldLabel | null, pred: PredActor | null): boolean {
  if (gold === null) return pred === null;
  return sideMatches(gold, pred, false);
}

/** Where the gold timexes are in the text: each found after the end of the previous one; -1 when absent. */
export function locateTimexes(text: string, timexes: GoldTimex[]): Array<{ start: number; end: number }> {
  let from = 0;
  return timexes.map((t) => {
    const at = text.indexOf(t.text, from);
    if (at < 0) return { start: -1, end: -1 };
    from = at + t.text.length;
    return { start: at, end: at + t.text.length };
  });
}

/** The predicted timex overlapping a span most, or null. */
export function bestOverlap(span: { start: number; end: number }, preds: PredTimex[]): PredTimex | null {
  let best: PredTimex | null = null;
  let bestLen = 0;
  for (const p of preds) {
    const len = Math.min(span.end, p.end) - Math.max(span.start, p.start);
    if (len > bestLen) {
      best = p;
      bestLen = len;
    }
  }
  return best;
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

export interface Ratio {
  right: number;
  total: number;
  accuracy: number;
}

const ratio = (right: number, total: number): Ratio => ({ right, total, accuracy: total ? right / total : 0 });

/** What Marsad said about one unit. */
export interface UnitPrediction {
  /** null when the analysis has no `events` field (the events pipeline is not there) */
  events: PredEvent[] | null;
  quotes: PredQuote[];
  timexes: PredTimex[];
}

export interface Scores {
  units: number;
  events: Prf & { available: boolean; byType: Record<string, Prf> };
  eventDates: Ratio;
  timexes: Ratio & { resolved: Ratio; unresolved: Ratio; spurious: number };
  quotes: Prf;
  speakers: Ratio;
  errors: string[];
  /** event errors counted by cause (see missCause, spuriousCause) */
  causes: Record<string, number>;
}

const show = (g: GoldLabel | null): string => (g === null ? '∅' : alternatives(g).join('|'));

/**
 * Why a gold event was missed, given the unit's unmatched predicted events: `no event of the type`
 * (no trigger, or the builder skipped the clause), `wrong source` / `wrong target` / `wrong source
 * and target` (an event of the type is there with other arguments), `target expected` / `target
 * not expected` (one side is null where the other is not).
 */
export function missCause(g: GoldEvent, free: PredEvent[]): string {
  const same = free.filter((p) => p.type === g.type);
  if (!same.length) return 'no event of the type';
  const srcOk = (p: PredEvent) => sideMatches(g.source, p.source, true);
  const tgtOk = (p: PredEvent) => sideMatches(g.target, p.target, false);
  if (same.some((p) => srcOk(p))) {
    const p = same.find((q) => srcOk(q))!;
    return g.target === null ? 'target not expected' : p.target === null ? 'target expected, none found' : 'wrong target';
  }
  if (same.some((p) => tgtOk(p))) return g.source !== null && same.every((p) => p.source === null) ? 'source expected, none found' : 'wrong source';
  return 'wrong source and target';
}

/** Why a predicted event matched nothing, given the unit's unmatched gold events. */
export function spuriousCause(p: PredEvent, free: GoldEvent[]): string {
  if (free.some((g) => g.type === p.type)) return 'wrong arguments (counted missed too)';
  return free.length ? 'no gold event of the type (other types missed)' : 'no gold event of the type';
}

/** Scores predictions against the gold units (texts are needed to place the gold timexes). */
export function score(units: Array<{ unit: GoldUnit; text: string; pred: UnitPrediction }>): Scores {
  const errors: string[] = [];
  const causes: Record<string, number> = {};
  let etp = 0, efp = 0, efn = 0;
  const byType = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (t: string, k: 'tp' | 'fp' | 'fn') => {
    const c = byType.get(t) ?? { tp: 0, fp: 0, fn: 0 };
    c[k]++;
    byType.set(t, c);
  };
  let dateRight = 0, dateTotal = 0;
  let txRight = 0, txTotal = 0, resRight = 0, resTotal = 0, unresRight = 0, unresTotal = 0, spurious = 0;
  let qtp = 0, qfp = 0, qfn = 0, spRight = 0, spTotal = 0;
  const available = units.some((u) => u.pred.events !== null);

  for (const { unit, text, pred } of units) {
    // events
    const pe = pred.events ?? [];
    const pairs = matchOneToOne(unit.events, pe, eventMatches);
    const mg = new Set(pairs.map(([g]) => g));
    const mp = new Set(pairs.map(([, p]) => p));
    etp += pairs.length;
    for (const [gi, pi] of pairs) {
      bump(unit.events[gi]!.type, 'tp');
      const g = unit.events[gi]!;
      if (g.date) {
        dateTotal++;
        const d = pe[pi]!.date;
        if (d && d.start === g.date.start && d.end === g.date.end) dateRight++;
        else errors.push(`${unit.id}: event date ${g.type} ${show(g.source)}→${show(g.target)}: gold ${g.date.start}/${g.date.end}, got ${d ? `${d.start}/${d.end}` : 'none'}`);
      }
    }
    const freeGold = unit.events.map((_, i) => i).filter((i) => !mg.has(i));
    const freePred = pe.map((_, i) => i).filter((i) => !mp.has(i));
    freeGold.forEach((i) => {
      const g = unit.events[i]!;
      efn++;
      bump(g.type, 'fn');
      const cause = missCause(g, freePred.map((pi) => pe[pi]!));
      causes[`missed: ${cause}`] = (causes[`missed: ${cause}`] ?? 0) + 1;
      errors.push(`${unit.id}: missed event ${g.type} ${show(g.source)} → ${show(g.target)} [${cause}]`);
    });
    freePred.forEach((i) => {
      const p = pe[i]!;
      efp++;
      bump(p.type, 'fp');
      const cause = spuriousCause(p, freeGold.map((gi) => unit.events[gi]!));
      causes[`spurious: ${cause}`] = (causes[`spurious: ${cause}`] ?? 0) + 1;
      errors.push(`${unit.id}: spurious event ${p.type} ${p.source?.label ?? '∅'} → ${p.target?.label ?? '∅'} [${cause}]`);
    });

    // timexes
    const spans = locateTimexes(text, unit.timexes);
    const hit = new Set<PredTimex>();
    unit.timexes.forEach((g, i) => {
      const p = spans[i]!.start < 0 ? null : bestOverlap(spans[i]!, pred.timexes);
      if (p) hit.add(p);
      const right = p !== null && p.value === g.value;
      txTotal++;
      if (right) txRight++;
      if (g.value === null) {
        unresTotal++;
        if (right) unresRight++;
      } else {
        resTotal++;
        if (right) resRight++;
      }
      if (!right) errors.push(`${unit.id}: timex «${g.text}» gold ${g.value ?? 'null'}, got ${p ? `«${p.text}» ${p.value ?? 'null'}` : 'none'}`);
    });
    for (const p of pred.timexes) {
      if (!hit.has(p) && p.granularity !== 'duration') {
        spurious++;
        errors.push(`${unit.id}: timex not in gold «${p.text}» ${p.value ?? 'null'}`);
      }
    }

    // quotes
    const qpairs = matchOneToOne(unit.quotes, pred.quotes, quoteMatches);
    const qg = new Set(qpairs.map(([g]) => g));
    const qp = new Set(qpairs.map(([, p]) => p));
    qtp += qpairs.length;
    for (const [gi, pi] of qpairs) {
      spTotal++;
      const g = unit.quotes[gi]!;
      const p = pred.quotes[pi]!;
      if (speakerMatches(g.speaker, p.speaker)) spRight++;
      else errors.push(`${unit.id}: speaker of «${g.start_words}…»: gold ${show(g.speaker)}, got ${p.speaker?.label ?? 'null'}`);
    }
    unit.quotes.forEach((g, i) => {
      if (qg.has(i)) return;
      qfn++;
      errors.push(`${unit.id}: missed quote «${g.start_words}…»`);
    });
    pred.quotes.forEach((p, i) => {
      if (qp.has(i)) return;
      qfp++;
      errors.push(`${unit.id}: spurious quote «${quoteWords(p.text).slice(0, 5).join(' ')}…»`);
    });
  }

  return {
    units: units.length,
    events: { ...prf(etp, efp, efn), available, byType: Object.fromEntries([...byType].sort(([a], [b]) => a.localeCompare(b)).map(([t, c]) => [t, prf(c.tp, c.fp, c.fn)])) },
    eventDates: ratio(dateRight, dateTotal),
    timexes: { ...ratio(txRight, txTotal), resolved: ratio(resRight, resTotal), unresolved: ratio(unresRight, unresTotal), spurious },
    quotes: prf(qtp, qfp, qfn),
    speakers: ratio(spRight, spTotal),
    errors,
    causes: Object.fromEntries(Object.entries(causes).sort(([a, x], [b, y]) => y - x || a.localeCompare(b))),
  };
}

// ------------------------------------------------------------------ resolving references

/** First 8 hex digits of the SHA-256 of a text: guards a reference against drift. */
export function checksum(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
}

/** Minimal CSV reader (RFC 4180 quoting), enough for the event GSR files. */
export function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Resolves units' references to their texts, reading each shared file once. */
export class TextResolver {
  private cache = new Map<string, unknown>();
  constructor(private readonly shared: string) {}

  private once<T>(key: string, load: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, load());
    return this.cache.get(key) as T;
  }

  async text(ref: GoldRef): Promise<string> {
    const path = join(this.shared, ref.file);
    switch (ref.kind) {
      case 'anercorp': {
        const sentences = this.once(path, () =>
          readFileSync(path, 'utf8')
            .split(/\n\s*\n/)
            .map((b) => b.split('\n').filter((l) => l.trim()).map((l) => l.trim().split(/\s+/)[0]!))
            .filter((s) => s.length > 0)
            .map((s) => s.join(' ')),
        );
        const s = typeof ref.index === 'number' ? sentences[ref.index] : undefined;
        if (s === undefined) throw new Error(`no sentence ${JSON.stringify(ref.index)} in ${ref.file}`);
        return s;
      }
      case 'event-gsr': {
        const rows = this.once(path, () => {
          const [head, ...body] = parseCsv(readFileSync(path, 'utf8'));
          const id = head!.indexOf('id');
          const text = head!.indexOf('text');
          return new Map(body.filter((r) => r.length > text).map((r) => [r[id]!, r[text]!]));
        });
        const s = ref.id === undefined ? undefined : rows.get(ref.id);
        if (s === undefined) throw new Error(`no row ${ref.id} in ${ref.file}`);
        return s;
      }
      case 'seed':
      case 'arabic-html': {
        const paragraphs = await this.onceAsync(path, async () => {
          const { decodePage } = await import('../src/sources/decode.js');
          const { extractArticle } = await import('../src/extract/extract.js');
          return extractArticle(decodePage(readFileSync(path), { source: path })).text.split(/\n\s*\n/);
        });
        const [a, b] = typeof ref.index === 'number' ? [ref.index, ref.index] : (ref.index ?? [-1, -1]);
        if (a < 0 || b < a || b >= paragraphs.length) throw new Error(`no paragraph ${JSON.stringify(ref.index)} in ${ref.file} (${paragraphs.length} paragraphs)`);
        return paragraphs.slice(a, b + 1).join('\n\n');
      }
      default:
        throw new Error(`unknown reference kind ${(ref as GoldRef).kind}`);
    }
  }

  private async onceAsync<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, await load());
    return this.cache.get(key) as T;
  }
}

export type Split = 'dev' | 'test' | 'all';

/** The units of a split: dev = even positions (0-based over unit lines), test = odd, all = every unit. */
export function splitUnits<T>(units: T[], split: Split): T[] {
  if (split === 'all') return units;
  const parity = split === 'dev' ? 0 : 1;
  return units.filter((_, i) => i % 2 === parity);
}

/** The value of `--split` (`--split dev` or `--split=dev`); 'all' when absent. */
export function parseSplit(args: string[]): Split {
  let v: string | undefined;
  const i = args.indexOf('--split');
  if (i >= 0) v = args[i + 1];
  const eq = args.find((a) => a.startsWith('--split='));
  if (eq) v = eq.slice('--split='.length);
  if (v === undefined) return 'all';
  if (v === 'dev' || v === 'test' || v === 'all') return v;
  throw new Error(`--split must be dev, test or all (got ${JSON.stringify(v)})`);
}

/** Reads the gold file: one JSON unit a line. */
export function readGold(path: string): GoldUnit[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l, i) => [l.trim(), i + 1] as const)
    .filter(([l]) => l !== '')
    .map(([l, n]) => {
      try {
        return JSON.parse(l) as GoldUnit;
      } catch (err) {
        throw new Error(`${path}:${n}: not JSON (${(err as Error).message})`);
      }
    });
}

// ------------------------------------------------------------------ running Marsad

async function predict(units: Array<{ unit: GoldUnit; text: string }>): Promise<UnitPrediction[]> {
  const { openStore } = await import('../src/app/open-store.js');
  const { analyseArticle, ensureKnownActors } = await import('../src/app/analyse.js');
  const store = await openStore(':memory:');
  const out: UnitPrediction[] = [];
  try {
    await ensureKnownActors(store);
    for (const { unit, text } of units) {
      const article = { title: null, published: unit.anchor, author: null, site: null, section: null, tags: [], url: null, lang: 'ar', text };
      const raw = { bytes: new Uint8Array(), url: null, contentType: null, encoding: 'utf-8', kind: 'text' as const, fetchedAt: new Date().toISOString() };
      const { id } = await store.put({ source: `gold:${unit.id}`, raw, article });
      const r = (await analyseArticle(store, id, article)) as unknown as {
        entities: { id: string; mentions: { text: string }[] }[];
        events?: (Omit<PredEvent, 'source' | 'target'> & { source: { id: string; label: string } | null; target: { id: string; label: string } | null })[];
        quotes: (Omit<PredQuote, 'speaker'> & { speaker: { id: string | null; label: string } | null })[];
        timexes: PredTimex[];
      };
      // an actor goes by its entity's label and by every name the text gives it
      const names = new Map(r.entities.map((e) => [e.id, [...new Set(e.mentions.map((m) => m.text))]]));
      const actor = (a: { id: string; label: string } | null): PredActor | null => (a ? { label: a.label, names: names.get(a.id) ?? [] } : null);
      const events = Array.isArray(r.events) ? r.events.map((e) => ({ ...e, source: actor(e.source), target: actor(e.target) })) : null;
      const quotes = r.quotes.map((q) => ({ ...q, speaker: q.speaker ? { label: q.speaker.label, names: (q.speaker.id && names.get(q.speaker.id)) || [] } : null }));
      out.push({ events, quotes, timexes: r.timexes });
    }
  } finally {
    await store.close();
  }
  return out;
}

const pct = (x: number): string => (100 * x).toFixed(1);
const prfLine = (p: Prf): string => `P ${pct(p.precision)}  R ${pct(p.recall)}  F1 ${pct(p.f1)}  (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;
const ratioLine = (r: Ratio): string => `${pct(r.accuracy)}% (${r.right}/${r.total})`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const showErrors = args.includes('--errors');
  const keep = args.includes('--keep');
  const split = parseSplit(args);
  if (!sharedPath()) {
    console.log(`eval-events: ${SHARED_DIR} not found — the gold set refers to texts there; nothing to evaluate (skipped).`);
    return;
  }
  const gi = args.indexOf('--gold');
  if (gi >= 0 && !args[gi + 1]) throw new Error('--gold needs a file (a gold set in the format of data/events/gold.jsonl)');
  const goldPath = gi >= 0 ? resolve(args[gi + 1]!) : dataFile('events/gold.jsonl');
  if (!existsSync(goldPath)) throw new Error(`--gold ${args[gi + 1]}: no such file (expected a gold set in the format of data/events/gold.jsonl)`);
  const gold = splitUnits(readGold(goldPath), split);
  const resolver = new TextResolver(SHARED_DIR);
  const units: Array<{ unit: GoldUnit; text: string }> = [];
  const problems: string[] = [];
  for (const unit of gold) {
    let text: string;
    try {
      text = await resolver.text(unit.ref);
    } catch (err) {
      problems.push(`${unit.id}: ${(err as Error).message}`);
      continue;
    }
    const sum = checksum(text);
    if (sum !== unit.checksum) problems.push(`${unit.id}: checksum ${sum} of ${unit.ref.file} ${JSON.stringify(unit.ref.index ?? unit.ref.id)} is not the gold ${unit.checksum} (the referenced text changed)`);
    else units.push({ unit, text });
  }
  if (problems.length) {
    for (const p of problems) console.error(`eval-events: ${p}`);
    process.exitCode = 1;
    return;
  }

  const dir = mkdtempSync(join(tmpdir(), 'marsad-eval-events-'));
  const scratch = join(dir, 'units.jsonl');
  writeFileSync(scratch, units.map(({ unit, text }) => JSON.stringify({ id: unit.id, anchor: unit.anchor, text })).join('\n') + '\n');
  let scores: Scores;
  try {
    const preds = await predict(units);
    scores = score(units.map((u, i) => ({ ...u, pred: preds[i]! })));
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }

  if (json) {
    const { errors, causes, ...rest } = scores;
    console.log(JSON.stringify(showErrors ? scores : rest));
    void causes;
    return;
  }
  const goldEvents = gold.reduce((n, u) => n + u.events.length, 0);
  console.log(`gold: ${goldPath}${split === 'all' ? '' : ` (split ${split})`} — ${scores.units} units, ${goldEvents} events, ${scores.timexes.total} timexes, ${scores.quotes.tp + scores.quotes.fn} quotes`);
  if (keep) console.log(`unit texts: ${scratch}`);
  if (!scores.events.available) console.log('events: the analysis gives no `events` field yet — every gold event counts as missed');
  console.log(`events (type + source/target):  ${prfLine(scores.events)}`);
  for (const [t, p] of Object.entries(scores.events.byType)) console.log(`  ${t.padEnd(10)} ${prfLine(p)}`);
  console.log(`event dates (matched events):   ${ratioLine(scores.eventDates)}`);
  console.log(`date resolution (gold timexes): ${ratioLine(scores.timexes)} — resolved values ${ratioLine(scores.timexes.resolved)}, unresolved (null) ${ratioLine(scores.timexes.unresolved)}; ${scores.timexes.spurious} predicted timexes not in the gold`);
  console.log(`quotes:                         ${prfLine(scores.quotes)}`);
  console.log(`speaker accuracy (matched):     ${ratioLine(scores.speakers)}`);
  if (showErrors) {
    console.log('event errors by cause:');
    for (const [c, n] of Object.entries(scores.causes)) console.log(`  ${String(n).padStart(4)}  ${c}`);
    for (const e of scores.errors) console.log(`  - ${e}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exitCode = 1;
  });
}
