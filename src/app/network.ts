/**
 * The actor network: who acts on whom, built from merged events (counted per actor pair by the store).
 *
 * A node is an actor (an entity, or a generic actor such as `generic:COP:MA`) that is the
 * source or the target of at least one event with both; an edge is a directed pair
 * source → target of one PLOVER type, with the number of (merged) events behind it. Events
 * without a recipient, and events whose actor is its own recipient, make no edge.
 * A node's degree is the number of distinct actors it is linked to in either direction;
 * nodes are listed most connected first (then by events, label, id), and a limit keeps the
 * most connected nodes and the edges between them.
 *
 * `buildNetwork` is pure; `storeNetwork` reads the merged events and the actors' types from
 * a store.
 */
import type { MergedEvent } from '../resolve/event-merge.js';
import type { EventListOptions } from '../store/event-store.js';
import type { MarsadStore } from '../store/store.js';
import { refreshMergedEvents } from './merged-events.js';

/** Node type of an actor that is no stored entity (data/events/README.md: `generic:SECTOR[:CC]`). */
export const GENERIC_TYPE = 'GENERIC';
/** Node type of an actor whose entity is no longer in the store. */
export const UNKNOWN_TYPE = 'UNKNOWN';

export const DEFAULT_NETWORK_LIMIT = 100;

export interface NetworkNode {
  id: string;
  label: string;
  /** PERSON, ORG, LOCATION, GENERIC (a generic actor) or UNKNOWN */
  type: string;
  /** distinct actors linked to this one, in either direction, over all the events given (before any limit) */
  degree: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  /** PLOVER event type */
  type: string;
  /** events of this type from source to target */
  count: number;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

/** What the builder needs of an event: its type and its actor pair; `count` stands for that many events alike (default 1). */
export type NetworkEvent = Pick<MergedEvent, 'type' | 'source' | 'target'> & { count?: number };

export interface NetworkOptions {
  /** keep at most this many nodes, the most connected (default 100) */
  limit?: number;
  /** the node type of an actor id; by default GENERIC for `generic:` ids, else UNKNOWN */
  typeOf?: (id: string) => string | null | undefined;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The default node type of an actor id, without a store. */
export function actorKind(id: string): string {
  return id.startsWith('generic:') ? GENERIC_TYPE : UNKNOWN_TYPE;
}

/**
 * The actor network of some events.
 * @example
 * buildNetwork([{ type: 'CONSULT', source: { id: 'a', label: 'أ' }, target: { id: 'b', label: 'ب' } }])
 * // { nodes: [{ id: 'a', label: 'أ', type: 'UNKNOWN', degree: 1 }, { id: 'b', … }], edges: [{ source: 'a', target: 'b', type: 'CONSULT', count: 1 }] }
 */
export function buildNetwork(events: Iterable<NetworkEvent>, options: NetworkOptions = {}): Network {
  const limit = options.limit ?? DEFAULT_NETWORK_LIMIT;
  const labels = new Map<string, string>();
  const neighbours = new Map<string, Set<string>>();
  const weight = new Map<string, number>();
  const edges = new Map<string, NetworkEdge>();
  const link = (a: string, b: string, n: number) => {
    let s = neighbours.get(a);
    if (!s) neighbours.set(a, (s = new Set()));
    s.add(b);
    weight.set(a, (weight.get(a) ?? 0) + n);
  };
  for (const e of events) {
    if (!e.target || e.target.id === e.source.id) continue;
    const s = e.source.id;
    const t = e.target.id;
    // the first label seen wins: events come newest first, so an actor shows its current name
    if (!labels.has(s)) labels.set(s, e.source.label);
    if (!labels.has(t)) labels.set(t, e.target.label);
    const n = e.count ?? 1;
    link(s, t, n);
    link(t, s, n);
    const key = `${s}\u0000${t}\u0000${e.type}`;
    const edge = edges.get(key);
    if (edge) edge.count += n;
    else edges.set(key, { source: s, target: t, type: e.type, count: n });
  }
  const typeOf = (id: string) => options.typeOf?.(id) ?? actorKind(id);
  const nodes: NetworkNode[] = [...neighbours]
    .map(([id, n]) => ({ id, label: labels.get(id) ?? id, type: '', degree: n.size }))
    .sort((a, b) => b.degree - a.degree || (weight.get(b.id) ?? 0) - (weight.get(a.id) ?? 0) || cmp(a.label, b.label) || cmp(a.id, b.id))
    .slice(0, Math.max(0, limit));
  for (const n of nodes) n.type = typeOf(n.id);
  const kept = new Set(nodes.map((n) => n.id));
  const keptEdges = [...edges.values()]
    .filter((e) => kept.has(e.source) && kept.has(e.target))
    .sort((a, b) => b.count - a.count || cmp(a.source, b.source) || cmp(a.target, b.target) || cmp(a.type, b.type));
  return { nodes, edges: keptEdges };
}

/**
 * The actor network of the stored events matching the filters (merged across articles),
 * each node typed by its stored entity.
 * @example await storeNetwork(store, { type: 'CONSULT', from: '2024-01-01' }, 50)
 */
export async function storeNetwork(
  store: MarsadStore,
  filters: Pick<EventListOptions, 'actor' | 'type' | 'from' | 'to'>,
  limit = DEFAULT_NETWORK_LIMIT,
): Promise<Network> {
  await refreshMergedEvents(store);
  // counted per pair by the store, newest pair first (so labels are those of the newest event, as before)
  const network = buildNetwork(await store.happeningPairs(filters), { limit });
  const unknown = network.nodes.filter((n) => n.type === UNKNOWN_TYPE);
  // the types in one read through the keys (a whole entity each read its co-occurring entities, a list that grows with the corpus)
  const typeOf = new Map((await store.entityFacts(unknown.map((n) => n.id))).map((f) => [f.id, f.type]));
  for (const node of unknown) {
    // an entity named by no article any more, or merged away, is not among the facts: asked for alone
    const type = typeOf.get(node.id) ?? (await store.getEntity(node.id))?.type;
    if (type) node.type = type;
  }
  return network;
}
