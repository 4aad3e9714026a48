/**
 * Near-duplicates and stories at ingest time, and what `marsad stories` / `marsad events`
 * read back.
 *
 * One tracker per open store (per process): its NearDuplicateIndex is loaded from the stored
 * signatures the first time an article needs it (signatures made by another version of the
 * code are recomputed then), its StoryClusterer is rebuilt from the store the first time an
 * article needs a story — articles replayed in the order they were first assigned, then the
 * ones never assigned in published order — and both are kept up to date as articles arrive.
 */
import type { Article } from '../model/article.js';
import type { ArticleEntity } from '../model/entity.js';
import type { ArticleEvent } from '../model/event.js';
import { decodeSignature, encodeSignature, NearDuplicateIndex, NEAR_DUPLICATE_VERSION } from '../resolve/near-duplicates.js';
import { StoryClusterer, type StoryItem, type StoryText } from '../resolve/stories.js';
import { mergeEvents, outletOf, type EventArticleInfo, type MergedEvent } from '../resolve/event-merge.js';
import { refreshMergedEvents } from './merged-events.js';
import type { MarsadStore } from '../store/store.js';
import type { HappeningListOptions } from '../store/merged-event-store.js';
import type { DuplicateLink, StoredStory } from '../store/story-store.js';
import { ANALYSIS_VERSION } from './analyse.js';

/** The clusterer's key of an event: type and actor pair (unordered for CONSULT, where either may be the actor). */
export function storyEventKey(e: Pick<ArticleEvent, 'type' | 'source' | 'target'>): string {
  const a = e.source.id;
  const b = e.target?.id ?? '';
  return e.type === 'CONSULT' && b && b < a ? `${e.type}:${b}>${a}` : `${e.type}:${a}>${b}`;
}

function storyItem(id: string, article: Article, entities: ArticleEntity[], events: ArticleEvent[]): StoryItem {
  return {
    id,
    published: article.published,
    title: article.title,
    text: article.text,
    entities: entities.filter((e) => !e.id.startsWith('local:')).map((e) => e.id),
    events: events.map(storyEventKey),
  };
}

const trackers = new WeakMap<MarsadStore, StoryTracker>();

/** The tracker of an open store (one per store object, made on first use). */
export function storyTracker(store: MarsadStore): StoryTracker {
  let t = trackers.get(store);
  if (!t) trackers.set(store, (t = new StoryTracker(store)));
  return t;
}

export class StoryTracker {
  private dup: NearDuplicateIndex | null = null;
  private clusterer: StoryClusterer | null = null;
  /** stories whose label and summary must be stored again */
  private readonly dirty = new Set<string>();
  /** articles recorded since the last flush: complete only once their story's label is stored */
  private unmarked: string[] = [];

  constructor(private readonly store: MarsadStore) {}

  /**
   * Records a new or changed article: its signature and the earlier article it duplicates,
   * and its story. Returns the duplicate link (null when it duplicates nothing). The article
   * is marked analysed (`store.markAnalysed`) by the next `flush`, once its story's label is
   * stored too: a process killed before then leaves it pending, to be analysed again.
   */
  async record(id: string, article: Article, entities: ArticleEntity[], events: ArticleEvent[]): Promise<DuplicateLink | null> {
    const dup = await this.duplicates(id);
    const signed = dup.sign(article.text);
    const match = dup.addSigned(id, signed.exactKey, signed.signature);
    let link = match && match.id !== id ? { id: match.id, similarity: match.similarity, exact: match.exact } : null;
    // an updated article must not become the copy of its own copy
    if (link && (await this.store.duplicateOf(link.id))?.id === id) link = null;
    await this.store.setSignature({ article: id, exactKey: signed.exactKey, signature: encodeSignature(signed.signature), version: NEAR_DUPLICATE_VERSION });
    await this.store.setDuplicateOf(id, link);

    const clusterer = await this.stories(id);
    const { story } = clusterer.add(storyItem(id, article, entities, events));
    await this.store.assignStory(id, story);
    this.dirty.add(story);
    this.unmarked.push(id);
    if (this.dirty.size >= 100 || this.unmarked.length >= 100) await this.flush();
    return link;
  }

  /**
   * Stores the label and summary of every story that changed since the last flush, then
   * marks the articles recorded since then analysed.
   */
  async flush(): Promise<void> {
    const clusterer = this.clusterer;
    if (!clusterer) return;
    for (const id of this.dirty) {
      // the clusterer keeps no text: its memory would grow with every article ever ingested
      const texts = new Map<string, StoryText>();
      for (const item of clusterer.centralItems(id)) {
        const stored = await this.store.get(item);
        if (stored) texts.set(item, { title: stored.article.title, text: stored.article.text });
      }
      await this.store.setStory({ id, label: clusterer.storyLabel(id, texts), summary: clusterer.summarise(id, 3, texts) });
    }
    this.dirty.clear();
    const done = this.unmarked;
    this.unmarked = [];
    for (const id of done) await this.store.markAnalysed(id, ANALYSIS_VERSION);
  }

  /**
   * Recomputes every signature, duplicate link and story from the stored articles (after
   * `reprocess`): duplicates in the order articles were stored, stories in published order.
   */
  async rebuild(): Promise<void> {
    const ids = await this.store.ids();
    this.dup = new NearDuplicateIndex();
    for (const id of ids) {
      const stored = await this.store.get(id);
      if (!stored) continue;
      const s = this.dup.sign(stored.article.text);
      const m = this.dup.addSigned(id, s.exactKey, s.signature);
      await this.store.setSignature({ article: id, exactKey: s.exactKey, signature: encodeSignature(s.signature), version: NEAR_DUPLICATE_VERSION });
      await this.store.setDuplicateOf(id, m ? { id: m.id, similarity: m.similarity, exact: m.exact } : null);
    }
    await this.store.clearStories();
    this.clusterer = new StoryClusterer({ keepText: false });
    this.dirty.clear();
    for (const id of await publishedOrder(this.store, ids)) {
      const item = await this.itemOf(id);
      if (!item) continue;
      const { story } = this.clusterer.add(item);
      await this.store.assignStory(id, story);
      this.dirty.add(story);
    }
    await this.flush();
  }

  /** The duplicate index, loaded from the store on first use (`except`: the article being recorded). */
  private async duplicates(except: string): Promise<NearDuplicateIndex> {
    if (this.dup) return this.dup;
    const dup = new NearDuplicateIndex();
    const stored = new Map((await this.store.signatures()).map((r) => [r.article, r]));
    for (const id of await this.store.ids()) {
      if (id === except) continue;
      const r = stored.get(id);
      if (r && r.version === NEAR_DUPLICATE_VERSION) {
        dup.addSigned(id, r.exactKey, decodeSignature(r.signature));
        continue;
      }
      // made by another version of the code, or stored before signatures were kept
      const a = await this.store.get(id);
      if (!a) continue;
      const s = dup.sign(a.article.text);
      const m = dup.addSigned(id, s.exactKey, s.signature);
      await this.store.setSignature({ article: id, exactKey: s.exactKey, signature: encodeSignature(s.signature), version: NEAR_DUPLICATE_VERSION });
      if (!r) await this.store.setDuplicateOf(id, m ? { id: m.id, similarity: m.similarity, exact: m.exact } : null);
    }
    this.dup = dup;
    return dup;
  }

  /**
   * The clusterer, rebuilt from the store on first use: stored assignments replayed in their
   * order (the same articles in the same order give the same stories), then the articles
   * never assigned, in published order. Where the replay places an article elsewhere than
   * the store says (its entities changed since), the store follows the replay.
   */
  private async stories(except: string): Promise<StoryClusterer> {
    if (this.clusterer) return this.clusterer;
    const clusterer = new StoryClusterer({ keepText: false });
    const assigned = (await this.store.storyAssignments()).filter((a) => a.article !== except);
    const seen = new Set(assigned.map((a) => a.article));
    const rest = (await publishedOrder(this.store, (await this.store.ids()).filter((id) => !seen.has(id) && id !== except)));
    const storedStory = new Map(assigned.map((a) => [a.article, a.story]));
    for (const id of [...assigned.map((a) => a.article), ...rest]) {
      const item = await this.itemOf(id);
      if (!item) continue;
      const { story } = clusterer.add(item);
      if (storedStory.get(id) !== story) {
        await this.store.assignStory(id, story);
        this.dirty.add(story);
        const before = storedStory.get(id);
        if (before) this.dirty.add(before);
      }
    }
    this.clusterer = clusterer;
    return clusterer;
  }

  private async itemOf(id: string): Promise<StoryItem | null> {
    const stored = await this.store.get(id);
    if (!stored) return null;
    return storyItem(id, stored.article, await this.store.articleEntities(id), await this.store.articleEvents(id));
  }
}

async function publishedOrder(store: MarsadStore, ids: string[]): Promise<string[]> {
  const refs = await store.articleRefs(ids);
  const key = (p: string | null) => p ?? '\uffff';
  return refs
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (key(a.r.published) < key(b.r.published) ? -1 : key(a.r.published) > key(b.r.published) ? 1 : a.i - b.i))
    .map((x) => x.r.id);
}

// ------------------------------------------------------------------ reading back

/**
 * Merged events over the store, newest first (`marsad events`, the events API, exports, the
 * dyad): the stored merged events, after merging again the buckets changed since the last
 * read (src/app/merged-events.ts). Filters apply to merged events: actor on either end (an id
 * merged away counts as the kept entity), type, and the days its reports cover overlapping
 * [from, to] (an undated report by its article's publication day). `sourcesLimit` lists only
 * the first sources of each (the events page); the CLI and exports list every one.
 * @example await listMergedEvents(store, { actor: 'e1a2b3', type: 'CONSULT', limit: 50 })
 */
export async function listMergedEvents(store: MarsadStore, options: Omit<HappeningListOptions, 'limit' | 'offset'> & { limit?: number; offset?: number }): Promise<MergedEvent[]> {
  await refreshMergedEvents(store);
  return store.listHappenings({ ...options, limit: options.limit ?? Number.MAX_SAFE_INTEGER, offset: options.offset ?? 0 });
}

/** A story as `marsad stories --json` prints it. */
export interface StoryReport {
  id: string;
  label: string | null;
  summary: string;
  articles: { id: string; source: string; site: string | null; published: string | null }[];
  entities: { id: string; type: string; label: string; articles: number }[];
  events: MergedEvent[];
  /** what each outlet carries of the story, and what it leaves out that others report */
  outlets: OutletCoverage[];
}

/** One outlet's share of a story: entity ids and merged-event ids it reports or leaves out, its quotes. */
export interface OutletCoverage {
  outlet: string;
  articles: string[];
  entities: string[];
  missing_entities: string[];
  events: string[];
  missing_events: string[];
  quotes: number;
}

/**
 * What the stories list shows of a story (GET /api/stories): its stored label and summary and
 * the counts of its report — articles, outlets, merged events — with its first and last
 * publication dates. No entity, mention or quote is read: the full report (`storyReport`)
 * read them for every listed story, 700 ms a page at 100k articles.
 */
export interface StorySummary {
  id: string;
  label: string | null;
  summary: string;
  /** = storyReport(…).articles.length */
  num_articles: number;
  /** = storyReport(…).outlets.length */
  num_outlets: number;
  /** = storyReport(…).events.length */
  num_events: number;
  /** earliest and latest publication date of its articles, null when none is dated */
  first_published: string | null;
  last_published: string | null;
}

/**
 * The list's view of stored stories: the counts their reports would show, from their article
 * refs and the kept count of their merged events (`store.storyEventCounts`, after merging
 * again the buckets changed since the last read) — no story's events are read or merged.
 * @example (await storySummaries(store, [story]))[0]!.num_events // storyReport(store, story).events.length
 */
export async function storySummaries(store: MarsadStore, stories: readonly StoredStory[]): Promise<StorySummary[]> {
  if (!stories.length) return [];
  await refreshMergedEvents(store);
  const counts = await store.storyEventCounts(stories.map((s) => s.id));
  return stories.map((story) => {
    const days = story.articles.map((a) => a.published).filter((p): p is string => !!p).sort();
    return {
      id: story.id,
      label: story.label,
      summary: story.summary.join(' '),
      num_articles: story.articles.length,
      num_outlets: new Set(story.articles.map((a) => outletOf(a, a.id))).size,
      num_events: counts.get(story.id) ?? 0,
      first_published: days[0] ?? null,
      last_published: days.at(-1) ?? null,
    };
  });
}

/**
 * One story's `storySummaries`.
 * @example (await storySummary(store, story)).num_events // storyReport(store, story).events.length
 */
export async function storySummary(store: MarsadStore, story: StoredStory): Promise<StorySummary> {
  return (await storySummaries(store, [story]))[0]!;
}

/** A story's events merged among themselves, and what the merge knew of its articles. */
async function storyEvents(store: MarsadStore, story: StoredStory): Promise<{ info: Map<string, EventArticleInfo>; merged: MergedEvent[] }> {
  const events = await store.storyEvents(story.id);
  const info = new Map(story.articles.map((a) => [a.id, { source: a.source, site: a.site, published: a.published, story: story.id }]));
  return { info, merged: mergeEvents(events, info) };
}

/** A stored story with its entities (by the number of its articles naming them) and its merged events. */
export async function storyReport(store: MarsadStore, story: StoredStory): Promise<StoryReport> {
  const entities = new Map<string, { id: string; type: string; label: string; articles: number }>();
  // each article's entities are read once (the outlets below reuse them)
  const entitiesOf = new Map<string, Set<string>>();
  for (const a of story.articles) {
    const seen = new Set<string>();
    for (const e of await store.articleEntities(a.id)) {
      if (e.id.startsWith('local:') || seen.has(e.id)) continue;
      seen.add(e.id);
      const x = entities.get(e.id);
      if (x) x.articles++;
      else entities.set(e.id, { id: e.id, type: e.type, label: e.label, articles: 1 });
    }
    entitiesOf.set(a.id, seen);
  }
  const { info, merged } = await storyEvents(store, story);
  // the merged events each article reports, in their order (not every merged event searched per article)
  const eventsOf = new Map<string, string[]>();
  for (const m of merged) for (const x of m.sources) (eventsOf.get(x.article) ?? eventsOf.set(x.article, []).get(x.article)!).push(m.id);
  const byOutlet = new Map<string, { articles: string[]; entities: Set<string>; events: Set<string>; quotes: number }>();
  for (const a of story.articles) {
    const name = outletOf(info.get(a.id), a.id);
    const o = byOutlet.get(name) ?? { articles: [], entities: new Set<string>(), events: new Set<string>(), quotes: 0 };
    o.articles.push(a.id);
    for (const id of entitiesOf.get(a.id)!) o.entities.add(id);
    o.quotes += (await store.articleQuotes(a.id)).length;
    for (const id of eventsOf.get(a.id) ?? []) o.events.add(id);
    byOutlet.set(name, o);
  }
  const outlets: OutletCoverage[] = [...byOutlet].map(([outlet, o]) => ({
    outlet,
    articles: o.articles,
    entities: [...o.entities],
    // Only what another outlet of the story reports counts as left out.
    missing_entities: [...entities.keys()].filter((id) => !o.entities.has(id)),
    events: [...o.events],
    missing_events: merged.map((m) => m.id).filter((id) => !o.events.has(id)),
    quotes: o.quotes,
  }));
  return {
    id: story.id,
    label: story.label,
    summary: story.summary.join(' '),
    articles: story.articles.map((a) => ({ id: a.id, source: a.source, site: a.site, published: a.published })),
    entities: [...entities.values()].sort((a, b) => b.articles - a.articles || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)),
    events: merged,
    outlets,
  };
}
