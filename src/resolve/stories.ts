/**
 * Stories: articles from many outlets about one happening, grouped online as they arrive.
 *
 * Each new article is compared with the stories an index proposes — never with every story:
 * an inverted index from light-stem terms (and from entity ids and event keys) to the stories
 * that hold them, scanned from the most recent end, gives a few dozen candidates. Its score
 * with a candidate is a weighted combination of
 *   - TF-IDF cosine between the article's vector over light stems (title words count twice,
 *     function words and short numbers left out, IDF from the articles seen so far) and the
 *     story's centroid (the sum of its articles' unit vectors, kept incrementally);
 *   - shared entities: weighted Jaccard between the article's entity ids and the story's, each
 *     story entity weighted by the share of the story's articles that mention it;
 *   - shared events (keys like 'CONSULT:a>b'), the same way;
 * multiplied by a time factor: 1 within `windowDays` of the story's span, decaying after, and
 * 0 (not a candidate) beyond `maxGapDays`. An undated article or story is not penalised.
 * The article joins the best story scoring at least `threshold`, or starts its own.
 * Deterministic: the same articles in the same order give the same stories (ties go to the
 * older story).
 *
 * Measured with `scripts/eval-stories.ts` (seed 7; 2,819 articles, 2,372 gold stories: event
 * sentences grouped by news document, plus the 7 real pages with 4 edited copies each; see the
 * script for how the set is built):
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/eval-stories.js [--sizes 1000,10000,100000]
 *
 *   threshold  B³ P   B³ R   B³ F1  (text only; with tagger entities as ids F1 is 0.912 at 0.4)
 *     0.20     0.938  0.867  0.901
 *     0.30     0.976  0.857  0.912
 *     0.40     0.988  0.852  0.915   ← default
 *     0.50     0.991  0.852  0.916
 * Pages and their copies: B³ R 1.000 at every threshold, P 0.857 at 0.4 (two seeds from two
 * days apart on the same meeting of the same official join — labelled apart, arguably one
 * story), 0.571 at ≤ 0.35. Sentences of one event document (756 articles) are found together
 * with R 0.45 only: they are different parts of one long article, often on different matters.
 * Cost (synthetic stories recombined from real sentences, 200 articles a day): ≈ 12 stories
 * scored per article at 1k, ≈ 33 at 10k and ≈ 31 at 100k — bounded by the index caps, not by the
 * corpus; time per article 0.36 ms at 1k, 0.42 ms at 10k. Memory: each article's vector (12
 * bytes a term) and, unless `keepText: false`, its text.
 */
import { analyze, lightStem, splitSentences } from '../arabic/index.js';

/** An article as the clusterer sees it. */
export interface StoryItem {
  id: string;
  /** ISO 8601 date or date-time, null when unknown */
  published: string | null;
  text: string;
  title: string | null;
  /** canonical entity ids mentioned */
  entities: string[];
  /** event keys, e.g. 'CONSULT:a>b' */
  events?: string[];
}

export interface StoryOptions {
  /** least score to join a story (default 0.4; see the measured figures above) */
  threshold?: number;
  /** days around a story's span within which time does not count against (default 3) */
  windowDays?: number;
  /** beyond this many days from a story's span, an article cannot join it (default 4 × windowDays) */
  maxGapDays?: number;
  /** weights of text cosine, entity overlap and event overlap (default 0.6, 0.3, 0.1) */
  weights?: { text: number; entities: number; events: number };
  /** an article's highest-weighted terms that look up candidate stories (default 12) */
  queryTerms?: number;
  /** an article's highest-weighted terms under which its story is indexed (default 30) */
  indexTerms?: number;
  /** most recent index entries read per term, entity or event (default 300) */
  maxPostings?: number;
  /** candidates scored in full (default 40) */
  maxCandidates?: number;
  /**
   * Keep each article's text for labels and summaries (default true). Without it the caller
   * hands the texts of a story's central articles (`centralItems`) to `storyLabel` and
   * `summarise`: a long-running ingest keeps them in its store, not in memory.
   */
  keepText?: boolean;
}

/** The title and text of an article, as `storyLabel` and `summarise` read them when texts are not kept. */
export interface StoryText {
  title: string | null;
  text: string;
}

/** A story as reported: its articles in arrival order, its span, its entities and events by frequency. */
export interface Story {
  /** the id of the article that started it */
  id: string;
  items: string[];
  /** earliest and latest `published` of its dated articles */
  first: string | null;
  last: string | null;
  entities: { id: string; count: number }[];
  events: { key: string; count: number }[];
}

export interface StoryAssignment {
  story: string;
  created: boolean;
  /** score with the story joined (0 for a new story) */
  score: number;
}

const DAY = 86_400_000;
/** articles whose sentences a summary chooses from, the most central of the story */
const SUMMARY_ARTICLES = 20;

/**
 * A sparse vector: term ids ascending and their weights. Every article's vector is kept for
 * its story's centroid and summary; as parallel typed arrays it costs 12 bytes a term, where
 * a Map of term strings to boxed numbers cost about ten times that (node's default heap ran
 * out at 88k articles).
 */
interface Vec {
  ids: Int32Array;
  w: Float64Array;
}

interface ItemRec {
  id: string;
  title: string | null;
  /** null when the clusterer was made with `keepText: false` */
  text: string | null;
  published: string | null;
  vec: Vec;
}

interface StoryRec {
  index: number;
  id: string;
  items: ItemRec[];
  /** the sum of its articles' vectors: the one article's own vector while it has one */
  centroid: Vec;
  norm2: number;
  first: number | null;
  last: number | null;
  firstIso: string | null;
  lastIso: string | null;
  entities: Map<string, number>;
  entityTotal: number;
  events: Map<string, number>;
  eventTotal: number;
}

/** Function words and reporting verbs: no evidence of what a story is about. */
const STOP_WORDS = (
  'في من على إلى الى عن مع أن ان إن لا ما لم لن قد كان كانت يكون تكون هذا هذه ذلك تلك هناك هنا التي الذي الذين اللذين ' +
  'هو هي هم هن نحن أنا كما حيث بين بعد قبل عند منذ حتى أو او أم ثم كل بعض غير أي أيضا ايضا قال قالت يقول تقول ' +
  'أضاف اضاف أكد اكد أشار اشار أوضح اوضح وفق وفقا حسب إذ اذا إذا لكن لكن بل إلا الا مثل نحو عبر لدى ضمن خلال ' +
  'اليوم أمس غدا يوم عام العام سنة شهر أول ثاني ليس وقد فقد فيما بينما كذلك وذلك وهو وهي وهذا وهذه عليه عليها ' +
  'له لها لهم به بها فيه فيها منه منها عنه عنها إليه إليها كل جميع'
).split(/\s+/);

let stopKeys: Set<string> | null = null;
function stops(): Set<string> {
  if (!stopKeys) stopKeys = new Set(STOP_WORDS.map((w) => lightStem(w)).filter(Boolean));
  return stopKeys;
}

/** The content terms of a text: light-stem keys of Arabic and Latin words, acronyms, numbers of 3+ digits. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  const stop = stops();
  for (const t of analyze(text).terms) {
    let key: string;
    switch (t.kind) {
      case 'arabic':
      case 'latin':
        key = t.key;
        if (key.length < 2 || stop.has(key)) continue;
        break;
      case 'acronym':
        key = t.key.replace(/\./g, '');
        break;
      case 'number':
        key = t.key.replace(/[^0-9]/g, '');
        if (key.length < 3) continue;
        break;
      case 'hashtag':
        key = t.key.slice(1);
        break;
      default:
        continue;
    }
    if (key) out.push(key);
  }
  return out;
}

function parseDate(s: string | null): number | null {
  if (!s) return null;
  const t = Date.parse(s.length === 10 ? s + 'T00:00:00Z' : s);
  return Number.isFinite(t) ? t : null;
}

function dot(a: Vec, b: Vec): number {
  const ai = a.ids, bi = b.ids, aw = a.w, bw = b.w;
  let i = 0, j = 0, s = 0;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!, y = bi[j]!;
    if (x === y) s += aw[i++]! * bw[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** a + b, term by term. */
function plus(a: Vec, b: Vec): Vec {
  const ids = new Int32Array(a.ids.length + b.ids.length);
  const w = new Float64Array(ids.length);
  let i = 0, j = 0, n = 0;
  while (i < a.ids.length || j < b.ids.length) {
    const x = i < a.ids.length ? a.ids[i]! : Infinity, y = j < b.ids.length ? b.ids[j]! : Infinity;
    if (x === y) (ids[n] = x), (w[n++] = a.w[i++]! + b.w[j++]!);
    else if (x < y) (ids[n] = x), (w[n++] = a.w[i++]!);
    else (ids[n] = y), (w[n++] = b.w[j++]!);
  }
  return { ids: ids.slice(0, n), w: w.slice(0, n) };
}

/** Weighted Jaccard of a set (weights 1) with a story's counts (weight count / n). */
function weightedJaccard(set: readonly string[], counts: Map<string, number>, total: number, n: number): number {
  if (!set.length && !counts.size) return 0;
  let shared = 0;
  for (const e of set) shared += (counts.get(e) ?? 0) / n;
  const rest = total / n - shared;
  return shared / (set.length + rest);
}

/** Sentence-level redundancy: share of the smaller sentence's stems that the other holds. */
function overlap(a: Set<string>, b: Set<string>): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  if (!small.size) return 0;
  let n = 0;
  for (const k of small) if (big.has(k)) n++;
  return n / small.size;
}

/**
 * Online story clustering.
 * @example
 * const c = new StoryClusterer();
 * c.add({ id: 'a', published: '2022-06-20', title, text, entities: ['e1', 'e2'] }); // { story: 'a', created: true }
 * c.add({ id: 'b', published: '2022-06-21', title: t2, text: t2text, entities: ['e1'] }); // { story: 'a', created: false }
 * c.storyLabel('a'); c.summarise('a');
 */
export class StoryClusterer {
  readonly threshold: number;
  readonly windowDays: number;
  readonly maxGapDays: number;
  readonly weights: { text: number; entities: number; events: number };
  private readonly queryTerms: number;
  private readonly indexTerms: number;
  private readonly maxPostings: number;
  private readonly maxCandidates: number;
  private readonly keepText: boolean;
  /** document frequency by term id */
  private readonly df: number[] = [];
  private docs = 0;
  private readonly storyList: StoryRec[] = [];
  private readonly byId = new Map<string, StoryRec>();
  private readonly itemStory = new Map<string, StoryRec>();
  private readonly termPostings = new Map<number, number[]>();
  private readonly entityPostings = new Map<string, number[]>();
  private readonly eventPostings = new Map<string, number[]>();
  /** term ids, and each id's term (the tie-breaker when ranking an article's terms) */
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /**
   * One string per distinct entity id and event key, shared by every story that holds it:
   * the copy each article's rows arrive with would otherwise be kept once per story.
   */
  private readonly keyPool = new Map<string, string>();
  /** Stories scored in full so far: the work done, for measurements. */
  comparisons = 0;

  constructor(options: StoryOptions = {}) {
    this.threshold = options.threshold ?? 0.4;
    this.windowDays = options.windowDays ?? 3;
    this.maxGapDays = options.maxGapDays ?? 4 * this.windowDays;
    this.weights = options.weights ?? { text: 0.6, entities: 0.3, events: 0.1 };
    this.queryTerms = options.queryTerms ?? 12;
    this.indexTerms = options.indexTerms ?? 30;
    this.maxPostings = options.maxPostings ?? 300;
    this.maxCandidates = options.maxCandidates ?? 40;
    this.keepText = options.keepText ?? true;
  }

  /** Number of stories. */
  get size(): number {
    return this.storyList.length;
  }

  /** Places an article in the best story or starts one. An id seen before keeps its story. */
  add(item: StoryItem): StoryAssignment {
    const known = this.itemStory.get(item.id);
    if (known) return { story: known.id, created: false, score: 1 };
    const terms = contentTerms(item.text);
    const titleTerms = item.title ? contentTerms(item.title) : [];
    const vec = this.vectorize([...terms, ...titleTerms, ...titleTerms]);
    const entities = [...new Set(item.entities)].map((k) => this.pooled(k));
    const events = [...new Set(item.events ?? [])].map((k) => this.pooled(k));
    const time = parseDate(item.published);
    const ranked: [number, number][] = Array.from(vec.ids, (id, i) => [id, vec.w[i]!]);
    ranked.sort((a, b) => b[1] - a[1] || (this.terms[a[0]]! < this.terms[b[0]]! ? -1 : 1));

    let best: StoryRec | null = null;
    let bestScore = 0;
    for (const s of this.candidates(ranked, entities, events, time)) {
      this.comparisons++;
      const score = this.score(vec, entities, events, time, s);
      if (score > bestScore || (score === bestScore && best && s.index < best.index)) {
        best = s;
        bestScore = score;
      }
    }
    // document frequencies count the article once it has been compared
    this.docs++;
    for (const k of vec.ids) this.df[k]!++;

    const rec: ItemRec = { id: item.id, title: item.title, text: this.keepText ? item.text : null, published: item.published, vec };
    let story: StoryRec;
    let created = false;
    if (best && bestScore >= this.threshold) story = best;
    else {
      story = {
        index: this.storyList.length, id: item.id, items: [], centroid: vec, norm2: 0,
        first: null, last: null, firstIso: null, lastIso: null,
        entities: new Map(), entityTotal: 0, events: new Map(), eventTotal: 0,
      };
      this.storyList.push(story);
      this.byId.set(story.id, story);
      created = true;
    }
    this.join(story, rec, ranked, entities, events, time);
    return { story: story.id, created, score: created ? 0 : bestScore };
  }

  /** The story an article was put in. */
  storyOf(itemId: string): string | undefined {
    return this.itemStory.get(itemId)?.id;
  }

  story(id: string): Story | undefined {
    const s = this.byId.get(id);
    return s ? this.report(s) : undefined;
  }

  /** Every story, in order of creation. */
  *stories(): IterableIterator<Story> {
    for (const s of this.storyList) yield this.report(s);
  }

  /**
   * The ids of a story's `max` most central articles (closest to its centroid), most central
   * first: the texts `storyLabel` and `summarise` read.
   * @example c.centralItems('a', 20) // ['b', 'a', …]
   */
  centralItems(id: string, max = SUMMARY_ARTICLES): string[] {
    const s = this.byId.get(id);
    return s ? this.central(s).slice(0, max).map((r) => r.id) : [];
  }

  /**
   * The title of the story's most central article (closest to the centroid); its first
   * sentence when no article has a title. `texts`: the texts of its central articles, when the
   * clusterer does not keep them.
   */
  storyLabel(id: string, texts?: ReadonlyMap<string, StoryText>): string | null {
    const s = this.byId.get(id);
    if (!s) return null;
    const ranked = this.central(s);
    const titled = ranked.find((r) => r.title && r.title.trim());
    if (titled) return titled.title!.trim();
    const text = ranked[0] && (ranked[0].text ?? texts?.get(ranked[0].id)?.text);
    const first = text && splitSentences(text)[0];
    return first ? first.text.trim() : null;
  }

  /**
   * An extractive summary of 2–3 sentences (fewer when the story has fewer): maximal marginal
   * relevance over the sentences of its most central articles — centrality is the cosine with
   * the story centroid, and a sentence is penalised by its stem overlap with those already
   * chosen (so what several outlets say in other words is said once); a sentence sharing
   * more than half its stems with a chosen one is never taken. `texts`: the texts of its
   * central articles (`centralItems`), when the clusterer does not keep them.
   */
  summarise(id: string, max = 3, texts?: ReadonlyMap<string, StoryText>): string[] {
    const s = this.byId.get(id);
    if (!s) return [];
    const norm = Math.sqrt(s.norm2) || 1;
    interface Cand { text: string; stems: Set<string>; central: number; order: number }
    const cands: Cand[] = [];
    const seenText = new Set<string>();
    let order = 0;
    for (const item of this.central(s).slice(0, SUMMARY_ARTICLES)) {
      const text = item.text ?? texts?.get(item.id)?.text;
      if (text === undefined) continue;
      const sents = splitSentences(text);
      sents.forEach((sent, i) => {
        const text = sent.text.trim();
        const terms = contentTerms(text);
        if (terms.length < 4 || terms.length > 60 || seenText.has(text)) return;
        seenText.add(text);
        const v = this.vectorize(terms);
        // the lead sentence of a news article usually says what happened
        const central = dot(v, s.centroid) / norm + (i === 0 ? 0.05 : 0);
        cands.push({ text, stems: new Set(terms), central, order: order++ });
      });
    }
    const chosen: Cand[] = [];
    const lambda = 0.7;
    while (chosen.length < max) {
      let best: Cand | null = null;
      let bestValue = -Infinity;
      for (const c of cands) {
        if (chosen.includes(c)) continue;
        const red = chosen.reduce((m, x) => Math.max(m, overlap(c.stems, x.stems)), 0);
        if (red > 0.5) continue;
        const value = lambda * c.central - (1 - lambda) * red;
        if (value > bestValue || (value === bestValue && best && c.order < best.order)) {
          best = c;
          bestValue = value;
        }
      }
      if (!best) break;
      chosen.push(best);
    }
    return chosen.map((c) => c.text);
  }

  // ---------------------------------------------------------------- internals

  /** Unit TF-IDF vector of a bag of terms, IDF from the articles seen so far. */
  private vectorize(terms: string[]): Vec {
    const tf = new Map<number, number>();
    for (const raw of terms) {
      const t = this.termId(raw);
      tf.set(t, (tf.get(t) ?? 0) + 1);
    }
    const ids = Int32Array.from(tf.keys()).sort();
    const w = new Float64Array(ids.length);
    let n2 = 0;
    ids.forEach((t, i) => {
      const x = (1 + Math.log(tf.get(t)!)) * (Math.log((this.docs + 1) / (this.df[t]! + 1)) + 1);
      w[i] = x;
      n2 += x * x;
    });
    const n = Math.sqrt(n2) || 1;
    for (let i = 0; i < w.length; i++) w[i]! /= n;
    return { ids, w };
  }

  /** A term's id; a new term is copied flat, so that it never holds on to the text it was sliced from. */
  private termId(term: string): number {
    let t = this.termIds.get(term);
    if (t === undefined) {
      t = this.terms.length;
      const flat = JSON.parse(JSON.stringify(term)) as string;
      this.terms.push(flat);
      this.df.push(0);
      this.termIds.set(flat, t);
    }
    return t;
  }

  /** The pool's instance of an entity id or event key. */
  private pooled(key: string): string {
    let k = this.keyPool.get(key);
    if (k === undefined) this.keyPool.set((k = JSON.parse(JSON.stringify(key)) as string), k);
    return k;
  }

  private gapDays(time: number | null, s: StoryRec): number {
    if (time === null || s.first === null || s.last === null) return 0;
    if (time >= s.first && time <= s.last) return 0;
    return (time < s.first ? s.first - time : time - s.last) / DAY;
  }

  private candidates(ranked: [number, number][], entities: string[], events: string[], time: number | null): StoryRec[] {
    const votes = new Map<number, number>();
    const common = this.docs >= 50 ? this.docs * 0.1 : Infinity;
    const scan = (list: number[] | undefined, weight: number) => {
      if (!list) return;
      const stop = Math.max(0, list.length - this.maxPostings);
      for (let i = list.length - 1; i >= stop; i--) {
        const si = list[i]!;
        votes.set(si, (votes.get(si) ?? 0) + weight);
      }
    };
    let q = 0;
    for (const [term, w] of ranked) {
      if (q >= this.queryTerms) break;
      if (this.df[term]! > common) continue;
      q++;
      scan(this.termPostings.get(term), w);
    }
    for (const e of entities) scan(this.entityPostings.get(e), 0.2);
    for (const e of events) scan(this.eventPostings.get(e), 0.2);
    const out: [StoryRec, number][] = [];
    for (const [si, v] of votes) {
      const s = this.storyList[si]!;
      if (this.gapDays(time, s) > this.maxGapDays) continue;
      out.push([s, v]);
    }
    out.sort((a, b) => b[1] - a[1] || a[0].index - b[0].index);
    return out.slice(0, this.maxCandidates).map((x) => x[0]);
  }

  private score(vec: Vec, entities: string[], events: string[], time: number | null, s: StoryRec): number {
    const n = s.items.length;
    const w = this.weights;
    let num = w.text * (s.norm2 > 0 ? dot(vec, s.centroid) / Math.sqrt(s.norm2) : 0);
    let den = w.text;
    if (entities.length) {
      num += w.entities * weightedJaccard(entities, s.entities, s.entityTotal, n);
      den += w.entities;
    }
    if (events.length) {
      num += w.events * weightedJaccard(events, s.events, s.eventTotal, n);
      den += w.events;
    }
    const gap = this.gapDays(time, s);
    if (gap > this.maxGapDays) return 0;
    const factor = gap <= this.windowDays ? 1 : Math.exp(-(gap - this.windowDays) / this.windowDays);
    return (num / den) * factor;
  }

  private join(s: StoryRec, rec: ItemRec, ranked: [number, number][], entities: string[], events: string[], time: number | null): void {
    if (s.items.length === 0) {
      // most stories never get a second article: the centroid of one is its vector, shared
      // until a second joins (the same numbers as summing it into an empty centroid)
      s.centroid = rec.vec;
      s.norm2 = 1;
    } else {
      s.norm2 += 2 * dot(rec.vec, s.centroid) + 1;
      s.centroid = plus(s.centroid, rec.vec);
    }
    s.items.push(rec);
    this.itemStory.set(rec.id, s);
    if (time !== null) {
      if (s.first === null || time < s.first) (s.first = time), (s.firstIso = rec.published);
      if (s.last === null || time > s.last) (s.last = time), (s.lastIso = rec.published);
    }
    for (const e of entities) s.entities.set(e, (s.entities.get(e) ?? 0) + 1);
    s.entityTotal += entities.length;
    for (const e of events) s.events.set(e, (s.events.get(e) ?? 0) + 1);
    s.eventTotal += events.length;
    const post = <K>(index: Map<K, number[]>, key: K) => {
      const list = index.get(key);
      if (!list) index.set(key, [s.index]);
      else if (list[list.length - 1] !== s.index) list.push(s.index);
    };
    for (const [term] of ranked.slice(0, this.indexTerms)) post(this.termPostings, term);
    for (const e of entities) post(this.entityPostings, e);
    for (const e of events) post(this.eventPostings, e);
  }

  /** A story's articles, most central first (cosine with the centroid; ties: earlier first). */
  private central(s: StoryRec): ItemRec[] {
    const norm = Math.sqrt(s.norm2) || 1;
    return s.items
      .map((r, i) => ({ r, i, c: dot(r.vec, s.centroid) / norm }))
      .sort((a, b) => b.c - a.c || a.i - b.i)
      .map((x) => x.r);
  }

  private report(s: StoryRec): Story {
    const byCount = <K extends string>(m: Map<string, number>, key: K) =>
      [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, count]) => ({ [key]: k, count }) as Record<K, string> & { count: number });
    return {
      id: s.id,
      items: s.items.map((r) => r.id),
      first: s.firstIso,
      last: s.lastIso,
      entities: byCount(s.entities, 'id'),
      events: byCount(s.events, 'key'),
    };
  }
}
