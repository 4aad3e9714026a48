/**
 * Exports: what the store holds in exchange formats, written in one place for the command
 * line (`marsad export`, `marsad events --csv`) and the HTTP API (`GET /api/export`).
 *
 * - `jsonl`: JSON Lines, one record a line (articles as stored, entities, merged events as
 *   `marsad events --json` prints them, quotes as `marsad quotes --json`).
 * - `csv`: RFC 4180 (header row, CRLF line ends, fields quoted where they hold a comma, a
 *   quote or a line break), UTF-8 with a byte-order mark so that spreadsheets show Arabic.
 *   Lists inside a field are joined with ';'.
 * - `plover`: events only, PLOVER-style JSON Lines, one record per reported event.
 * - `graphml`: events only, the actor network (src/app/network.ts) as GraphML.
 *
 * Exports are produced as text chunks (a page of records at a time) so a large store is
 * never held in memory as one string; merged events are the exception, since merging needs
 * every matching event at once.
 */
import { stringify } from 'csv-stringify/sync';
import type { CanonicalEntity } from '../model/entity.js';
import type { StoredEvent } from '../model/event.js';
import type { StoredQuote } from '../model/quote.js';
import type { MergedEvent } from '../resolve/event-merge.js';
import { ploverCountry } from '../resolve/countries.js';
import type { EventListOptions } from '../store/event-store.js';
import type { MarsadStore, StoredArticle } from '../store/store.js';
import { storeNetwork, type Network } from './network.js';
import { listMergedEvents } from './stories.js';

export const EXPORT_WHATS = ['articles', 'entities', 'events', 'quotes'] as const;
export const EXPORT_FORMATS = ['jsonl', 'csv', 'plover', 'graphml'] as const;
export type ExportWhat = (typeof EXPORT_WHATS)[number];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Which `what` each format can write. */
export const FORMAT_WHATS: Record<ExportFormat, readonly ExportWhat[]> = {
  jsonl: EXPORT_WHATS,
  csv: EXPORT_WHATS,
  plover: ['events'],
  graphml: ['events'],
};

/** Media type of each format (charset UTF-8). */
export const FORMAT_MEDIA_TYPES: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  plover: 'application/x-ndjson; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
};

const FORMAT_EXTENSIONS: Record<ExportFormat, string> = { jsonl: 'jsonl', csv: 'csv', plover: 'plover.jsonl', graphml: 'graphml' };

/** The byte-order mark that starts a CSV export. */
export const CSV_BOM = '\uFEFF';

/** Filters of an events export (ignored by the other exports). */
export type ExportFilters = Pick<EventListOptions, 'actor' | 'type' | 'from' | 'to'>;

export interface ExportRequest {
  what: ExportWhat;
  format: ExportFormat;
  filters?: ExportFilters;
}

export interface Export {
  mediaType: string;
  /** a file name for the download, e.g. `marsad-events.csv` */
  filename: string;
  /** the export as text chunks, in order */
  chunks: AsyncIterable<string>;
  /** records written so far (GraphML: nodes), complete once `chunks` is exhausted */
  readonly written: number;
}

/**
 * Whether a format can write a kind of record.
 * @example canExport('quotes', 'plover') // false
 */
export function canExport(what: ExportWhat, format: ExportFormat): boolean {
  return FORMAT_WHATS[format].includes(what);
}

/**
 * An export of the store; check `canExport` first (an impossible pair throws).
 * @example
 * const x = exportStore(store, { what: 'events', format: 'csv' });
 * for await (const chunk of x.chunks) process.stdout.write(chunk);
 */
export function exportStore(store: MarsadStore, request: ExportRequest): Export {
  const { what, format } = request;
  if (!canExport(what, format)) throw new Error(`no ${format} export of ${what}`);
  const filters = request.filters ?? {};
  let written = 0;
  const count = (n: number) => void (written += n);
  const source = (): AsyncIterable<string> => {
    if (format === 'plover') return ploverChunks(store, filters, count);
    if (format === 'graphml') return graphmlChunks(store, filters, count);
    return recordChunks(store, what, format, filters, count);
  };
  return {
    mediaType: FORMAT_MEDIA_TYPES[format],
    filename: `marsad-${what}.${FORMAT_EXTENSIONS[format]}`,
    chunks: { [Symbol.asyncIterator]: () => source()[Symbol.asyncIterator]() },
    get written() {
      return written;
    },
  };
}

/**
 * The whole export as one string (tests and small stores).
 * @example await exportText(store, { what: 'quotes', format: 'jsonl' })
 */
export async function exportText(store: MarsadStore, request: ExportRequest): Promise<string> {
  let s = '';
  for await (const chunk of exportStore(store, request).chunks) s += chunk;
  return s;
}

// ------------------------------------------------------------------ CSV

export type Cell = string | number | boolean | null | undefined;

/** A CSV table: column names and how a record fills them. */
interface CsvTable<T> {
  columns: readonly string[];
  row(record: T): Cell[];
}

/**
 * A text cell that a spreadsheet would read as a formula (OWASP "CSV injection": = + - @, tab,
 * CR, LF, and their full-width forms) gets a leading single quote, so that a scraped title such
 * as `=HYPERLINK("http://evil", "…")` shows as text instead of running. Numbers stay numbers,
 * and so does a text cell that is just a number (`-12.5`): it cannot hold a formula.
 *
 * @example neutraliseFormula('=1+1') // "'=1+1"
 * @example neutraliseFormula(-3) // -3
 */
export function neutraliseFormula(cell: Cell): Cell {
  if (typeof cell !== 'string' || !/^[=+\-@\t\r\n＝＋－＠]/.test(cell)) return cell;
  if (/^[+-]?\d+(\.\d+)?$/.test(cell)) return cell;
  return `'${cell}`;
}

/**
 * Rows as RFC 4180 CSV: CRLF line ends, a field quoted when it holds a comma, a quote or any
 * line break (a lone LF too), quotes doubled; null and undefined are empty fields; text that
 * would start a spreadsheet formula is neutralised.
 */
function csvRows(rows: Cell[][]): string {
  if (rows.length === 0) return '';
  return stringify(rows.map((row) => row.map(neutraliseFormula)), { record_delimiter: 'windows', quoted_match: /[\r\n]/, cast: { boolean: (b) => (b ? 'true' : 'false') } });
}

const list = (xs: readonly string[]) => xs.join(';');

const EVENTS_CSV: CsvTable<StoredEvent | MergedEvent> = {
  columns: [
    'id', 'article', 'published', 'type', 'mode', 'status', 'source_id', 'source_label', 'target_id', 'target_label',
    'location_id', 'location_label', 'date_start', 'date_end', 'date_text', 'contexts', 'num_sources', 'num_articles',
    'source_articles', 'evidence',
  ],
  row: (e) => [
    e.id, e.article, e.published, e.type, e.mode, e.status, e.source.id, e.source.label, e.target?.id, e.target?.label,
    e.location?.id, e.location?.label, e.date.start, e.date.end, e.date.text, list(e.contexts),
    'sources' in e ? e.num_sources : 1, 'sources' in e ? e.num_articles : 1,
    'sources' in e ? list(e.sources.map((x) => x.article)) : e.article, e.evidence.text,
  ],
};

const ARTICLES_CSV: CsvTable<StoredArticle> = {
  columns: ['id', 'source', 'title', 'published', 'author', 'site', 'section', 'tags', 'url', 'lang', 'created_at', 'updated_at', 'text'],
  row: ({ id, source, article: a, createdAt, updatedAt }) => [
    id, source, a.title, a.published, a.author, a.site, a.section, list(a.tags), a.url, a.lang, createdAt, updatedAt, a.text,
  ],
};

const ENTITIES_CSV: CsvTable<CanonicalEntity> = {
  columns: ['id', 'type', 'label', 'label_en', 'country', 'sectors', 'wikidata', 'articles', 'aliases', 'roles', 'cooccurring'],
  row: (e) => [
    e.id, e.type, e.label, e.label_en, e.country, list(e.sectors), e.wikidata, e.articles,
    list(e.aliases.map((a) => a.text)), list(e.roles.map((r) => r.role)), list(e.cooccurring),
  ],
};

const QUOTES_CSV: CsvTable<StoredQuote> = {
  columns: ['article_id', 'published', 'title', 'source', 'speaker_id', 'speaker_label', 'cue', 'start', 'end', 'text'],
  row: (q) => [q.article_id, q.published, q.title, q.source, q.speaker?.id, q.speaker?.label, q.cue, q.start, q.end, q.text],
};

/**
 * Events as CSV with a header row and no byte-order mark (`marsad events --csv`). A merged
 * event gives its outlet and article counts and the ids of the articles reporting it
 * (separated by ';'); a plain stored event counts as one of each.
 */
export function eventsCsv(rows: (StoredEvent | MergedEvent)[]): string {
  return csvRows([[...EVENTS_CSV.columns], ...rows.map(EVENTS_CSV.row)]);
}

// ------------------------------------------------------------------ JSON Lines and CSV of records

/** Page size when reading the store for an export. */
const PAGE = 500;

async function* pages<T>(fetch: (limit: number, offset: number) => Promise<T[]>): AsyncGenerator<T[]> {
  for (let offset = 0; ; offset += PAGE) {
    const rows = await fetch(PAGE, offset);
    if (rows.length) yield rows;
    if (rows.length < PAGE) return;
  }
}

async function* articlePages(store: MarsadStore): AsyncGenerator<StoredArticle[]> {
  for await (const summaries of pages((limit, offset) => store.list({ limit, offset }))) {
    const full: StoredArticle[] = [];
    for (const s of summaries) {
      const a = await store.get(s.id);
      if (a) full.push(a);
    }
    yield full;
  }
}

async function* recordChunks(
  store: MarsadStore,
  what: ExportWhat,
  format: 'jsonl' | 'csv',
  filters: ExportFilters,
  count: (n: number) => void,
): AsyncGenerator<string> {
  const write = <T>(table: CsvTable<T>) => {
    let first = true;
    return (rows: T[]): string => {
      count(rows.length);
      if (format === 'jsonl') return rows.map((r) => JSON.stringify(r) + '\n').join('');
      const head = first ? [[...table.columns]] : [];
      const text = (first ? CSV_BOM : '') + csvRows([...head, ...rows.map(table.row)]);
      first = false;
      return text;
    };
  };
  const run = async function* <T>(table: CsvTable<T>, source: AsyncIterable<T[]>): AsyncGenerator<string> {
    const out = write(table);
    let any = false;
    for await (const rows of source) {
      any = true;
      yield out(rows);
    }
    if (!any) {
      const empty = out([]);
      if (empty) yield empty; // CSV: the BOM and the header row, even with no record
    }
  };
  switch (what) {
    case 'articles':
      yield* run(ARTICLES_CSV, articlePages(store));
      return;
    case 'entities':
      yield* run(ENTITIES_CSV, pages((limit, offset) => store.listEntities({ limit, offset })));
      return;
    case 'quotes':
      yield* run(QUOTES_CSV, pages((limit, offset) => store.listQuotes({ limit, offset })));
      return;
    case 'events': {
      const merged = await listMergedEvents(store, filters);
      const chunks = async function* () {
        for (let i = 0; i < merged.length; i += PAGE) yield merged.slice(i, i + PAGE);
      };
      yield* run(EVENTS_CSV, chunks());
      return;
    }
  }
}

// ------------------------------------------------------------------ PLOVER

/** What the store knows of an actor that PLOVER codes: English name, country, sectors. */
export interface PloverActorInfo {
  type: string;
  label_en: string | null;
  country: string | null;
  sectors: string[];
}

/** Marsad's security-cooperation modes (data/events/README.md): plain PLOVER keeps the type and has no mode. */
const EXTENSION_MODES = new Set(['intelligence-sharing', 'training', 'extradition', 'judicial-assistance', 'joint-operation', 'mou']);

/**
 * One event as a PLOVER record (openeventdata/PLOVER data format): event_type, mode, context,
 * source and target actor names with their country (ISO 3166-1 alpha-3, as PLOVER and CAMEO
 * code actors: MAR, USA; the store keeps alpha-2) and agent (sector) codes, date with its resolution, location, the
 * evidence text. Marsad's extension modes become a null mode; the original mode is kept in
 * `marsad_mode`.
 */
export function ploverRecord(e: StoredEvent, source: PloverActorInfo | null, target: PloverActorInfo | null, location: PloverActorInfo | null): Record<string, unknown> {
  const ext = e.mode !== null && EXTENSION_MODES.has(e.mode);
  // a generic actor (generic:SECTOR[:CC], data/events/README.md) carries its sector and country in its id
  const generic = (ref: { id: string } | null, a: PloverActorInfo | null): PloverActorInfo | null => {
    const m = ref ? /^generic:([A-Z]{3})(?::([A-Z]{2}))?$/.exec(ref.id) : null;
    return m ? { type: 'GENERIC', label_en: null, country: m[2] ?? null, sectors: m[1] === 'UNK' ? [] : [m[1]!] } : a;
  };
  source = generic(e.source, source);
  target = generic(e.target, target);
  const country = (a: PloverActorInfo | null) => ploverCountry(a?.country);
  const resolution = !e.date.start ? null : e.date.end && e.date.end !== e.date.start ? 'range' : 'day';
  return {
    id: e.id,
    event_type: e.type,
    mode: ext ? null : e.mode,
    context: e.contexts,
    negated: e.status === 'negation',
    aux_mode: e.status,
    source_actor: e.source.label,
    source_actor_en: source?.label_en ?? null,
    source_actor_id: e.source.id,
    source_country: country(source),
    source_agent: source?.sectors ?? [],
    target_actor: e.target?.label ?? null,
    target_actor_en: target?.label_en ?? null,
    target_actor_id: e.target?.id ?? null,
    target_country: country(target),
    target_agent: target?.sectors ?? [],
    date: e.date.start,
    date_end: e.date.end,
    date_resolution: resolution,
    date_text: e.date.text,
    location: e.location ? { place_name: e.location.label, place_name_en: location?.label_en ?? null, country: country(location), id: e.location.id } : null,
    text: e.evidence.text,
    language: 'ar',
    story_id: e.article,
    publication_date: e.published ? e.published.slice(0, 10) : null,
    ...(ext ? { marsad_mode: e.mode } : {}),
  };
}

/** Looks up (once per id) what the store knows of an actor for PLOVER. */
function ploverActors(store: MarsadStore): (id: string | undefined) => Promise<PloverActorInfo | null> {
  const actors = new Map<string, PloverActorInfo | null>();
  return async (id) => {
    if (!id) return null;
    if (!actors.has(id)) {
      const e = await store.getEntity(id);
      actors.set(id, e ? { label_en: e.label_en, country: e.country, sectors: e.sectors, type: e.type } : null);
    }
    return actors.get(id)!;
  };
}

/** Every stored event matching the filters as a PLOVER record, one per report (not merged), newest first. */
async function* ploverChunks(store: MarsadStore, filters: ExportFilters, count: (n: number) => void): AsyncGenerator<string> {
  const info = ploverActors(store);
  for await (const rows of pages((limit, offset) => store.listEvents({ ...filters, limit, offset }))) {
    let text = '';
    for (const e of rows) text += JSON.stringify(ploverRecord(e, await info(e.source.id), await info(e.target?.id), await info(e.location?.id))) + '\n';
    count(rows.length);
    yield text;
  }
}

// ------------------------------------------------------------------ GraphML

/** Text safe inside an XML element or a double-quoted attribute (characters XML 1.0 forbids are dropped). */
function xml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * An actor network as GraphML (graphml.graphdrawing.org): a directed graph whose nodes carry
 * `label`, `type` and `degree`, and whose edges carry the PLOVER `event_type` and `count`,
 * every attribute declared with a `<key>`.
 * @example networkGraphml({ nodes: [], edges: [] }).startsWith('<?xml') // true
 */
export function networkGraphml(network: Network): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="degree" for="node" attr.name="degree" attr.type="int"/>',
    '  <key id="event_type" for="edge" attr.name="event_type" attr.type="string"/>',
    '  <key id="count" for="edge" attr.name="count" attr.type="int"/>',
    '  <graph id="marsad-actors" edgedefault="directed">',
  ];
  for (const n of network.nodes) {
    lines.push(
      `    <node id="${xml(n.id)}"><data key="label">${xml(n.label)}</data><data key="type">${xml(n.type)}</data><data key="degree">${n.degree}</data></node>`,
    );
  }
  network.edges.forEach((e, i) => {
    lines.push(
      `    <edge id="e${i + 1}" source="${xml(e.source)}" target="${xml(e.target)}"><data key="event_type">${xml(e.type)}</data><data key="count">${e.count}</data></edge>`,
    );
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

/** The whole actor network of the matching events (no node limit), typed by the stored entities. */
async function* graphmlChunks(store: MarsadStore, filters: ExportFilters, count: (n: number) => void): AsyncGenerator<string> {
  const network = await storeNetwork(store, filters, Number.POSITIVE_INFINITY);
  count(network.nodes.length);
  yield networkGraphml(network);
}
