import { Command } from 'commander';
import { DEFAULT_DB, openStore } from '../app/open-store.js';
import { availableParallelism, userInfo } from 'node:os';
import { randomBytes } from 'node:crypto';
import { analyseLines, analyseOnly, extractOnly, ingest, reprocess, type IngestResult } from '../app/ingest.js';
import { ENTITY_TYPES, type EntityType } from '../model/entity.js';
import { mentionKey } from '../resolve/entity-linking.js';
import { evalNer } from './eval-ner.js';
import { findTimexes } from '../analyse/timexes.js';
import { Fetcher } from '../sources/fetcher.js';
import { allowHostsFromEnv } from '../sources/address-policy.js';
import { MarsadError, toMarsadError } from '../model/errors.js';
import type { MarsadStore } from '../store/store.js';
import { eventsCsv, printAnalysis, printArticle, printDuplicate, printStoredEvents, printStoredQuotes, printEntities, printEntity, printList, printSearch, printStories, summarise } from './render.js';
import { listMergedEvents, storyReport } from '../app/stories.js';
import { EVENT_TYPES } from '../model/event.js';
import { closeSync, openSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { canExport, exportStore, EXPORT_FORMATS, EXPORT_WHATS, FORMAT_WHATS } from '../app/export.js';
import { parseQuery } from '../store/search-query.js';
import { Progress } from './progress.js';
import { dayBound as readDayBound, isDay } from '../model/day-bounds.js';
import { serveApi } from '../api/serve.js';
import { migrateCorpus } from '../app/migrate.js';
import { DYAD_QUOTES_LIMIT, dyadOf, MAX_DYAD_QUOTES_LIMIT, refreshAffiliations, resolveEntityRef } from '../app/dyad.js';
import { DYAD_LEVELS, DYAD_PERIODS, dyadCsv, type DyadLevel, type DyadPeriod } from '../resolve/dyad.js';
import { printAffiliations, printDyad } from './render-dyad.js';
import { enqueueFromCli, registerQueueCommands } from './queue-commands.js';

/** Repeatable: the operator's exceptions to the refusal of non-public addresses (SSRF guard). */
const allowHostOption = [
  '--allow-host <host-or-cidr>',
  'fetch from this host name, address or CIDR block although it is loopback, private or link-local (repeatable; also $MARSAD_ALLOW_HOSTS)',
  (value: string, previous: string[] = []) => [...previous, value],
] as const;

interface GlobalOptions {
  db?: string;
}

interface IngestCliOptions extends FetchOptions {
  json?: boolean;
  anyLanguage?: boolean;
  threads?: string;
}

interface ServeCliOptions {
  port: string;
  host: string;
  token?: string;
  threads?: string;
  allowHost?: string[];
}

interface FetchOptions {
  delay: string;
  timeout: string;
  maxBytes: string;
  robots: boolean;
  allowHost?: string[];
}

/**
 * The `marsad` command line. Returns the exit status: 0 when every input succeeded, 1 when
 * any failed, 2 for a usage error.
 * @example await main(['node', 'marsad', 'list', '--json'])
 */
export async function main(argv: string[], io: { out?: NodeJS.WritableStream; err?: NodeJS.WriteStream } = {}): Promise<number> {
  const out = io.out ?? process.stdout;
  const err = io.err ?? process.stderr;
  const write = (s: string) => void out.write(s + '\n');
  let exitCode = 0;

  const program = new Command()
    .name('marsad')
    .description('Marsad (مرصد): Arabic news pages in, clean searchable articles out.')
    .option('--db <path>', `database file (default ${DEFAULT_DB}, or $MARSAD_DB)`)
    .configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => err.write(s) })
    .exitOverride()
    .showHelpAfterError();

  const dbPath = () => (program.opts() as GlobalOptions).db ?? process.env.MARSAD_DB ?? DEFAULT_DB;
  const withStore = async <T>(fn: (store: MarsadStore) => Promise<T>): Promise<T> => {
    const store = await openStore(dbPath());
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  };
  const fetchOptions = (cmd: Command) =>
    cmd
      .option('--delay <ms>', 'pause between two requests to the same host', '1000')
      .option('--timeout <ms>', 'give up on a request after this long', '20000')
      .option('--max-bytes <n>', 'largest page accepted', String(20 * 1024 * 1024))
      .option('--no-robots', "ignore robots.txt (only for sites you are allowed to crawl)")
      .option(...allowHostOption);
  const makeFetcher = (o: FetchOptions, store?: MarsadStore) =>
    new Fetcher({
      delayMs: positiveInt(o.delay, '--delay'),
      timeoutMs: positiveInt(o.timeout, '--timeout'),
      maxBytes: positiveInt(o.maxBytes, '--max-bytes'),
      respectRobots: o.robots,
      stateStore: store,
      allowHosts: allowHostsFromEnv(o.allowHost),
    });

  fetchOptions(
    program
      .command('ingest')
      .description('read files, folders, URLs, RSS/Atom feeds or sitemaps; extract and store each article')
      .argument('<inputs...>', 'paths, folders or URLs')
      .option('--json', 'one JSON result per page, one per line')
      .option('--any-language', 'store pages that are not Arabic too')
      .option('--threads <n>', 'worker threads extracting and analysing pages ahead of the one writing the store; auto: one per spare core, up to 4; 0: none', 'auto')
      .option('--queue', 'enqueue the pages for `marsad worker` processes instead of processing them here')
      .option('--redis <url>', 'Redis URL of the job queue, with --queue (default $MARSAD_REDIS or redis://127.0.0.1:6379)'),
  ).action(async (inputs: string[], o: IngestCliOptions & { queue?: boolean; redis?: string }) => {
    if (o.queue) {
      const queueIo = { write, err, setExitCode: (c: number) => void (exitCode = c) };
      await enqueueFromCli(inputs, { ...o, maxBytes: positiveInt(o.maxBytes, '--max-bytes') }, queueIo);
      return;
    }
    await withStore((store) => runIngest(store, inputs, o));
  });

  registerQueueCommands(program, {
    openStore: () => openStore(dbPath()),
    write,
    err,
    setExitCode: (c) => void (exitCode = c),
    fetchOptions,
  });

  const serveOptions = (cmd: Command) =>
    cmd
      .option('--port <n>', 'port to listen on (0 picks a free one)', '8080')
      .option('--host <address>', 'address to listen on (reads need no token: keep it local)', '127.0.0.1')
      .option('--token <token>', 'bearer token that write requests must send (or $MARSAD_API_TOKEN); without one, writes are refused')
      .option('--threads <n>', 'worker threads analysing pages ahead in each ingest; auto: one per spare core, up to 4; 0: none', 'auto');

  serveOptions(
    program.command('serve').description('serve the HTTP API and the web workbench on the database, from this one process').option(...allowHostOption),
  ).action(async (o: ServeCliOptions) => {
    await withStore((store) => runServe(store, o));
  });

  serveOptions(
    fetchOptions(
      program
        .command('start')
        .description("a newcomer's first minute: ingest the sources given (if any), then serve the workbench")
        .argument('[inputs...]', 'paths, folders, URLs, feeds or sitemaps')
        .option('--any-language', 'store pages that are not Arabic too'),
    ),
  ).action(async (inputs: string[], o: IngestCliOptions & ServeCliOptions) => {
    await withStore(async (store) => {
      if (inputs.length) await runIngest(store, inputs, o);
      await runServe(store, o, { tokenIfNone: true });
    });
  });

  fetchOptions(
    program
      .command('extract')
      .description('extract articles without storing them')
      .argument('<inputs...>', 'paths, folders or URLs')
      .option('--json', 'one JSON object per input, one per line (JSON Lines)'),
  ).action(async (inputs: string[], o: FetchOptions & { json?: boolean }) => {
    for await (const r of extractOnly(inputs, { fetcher: makeFetcher(o), maxBytes: positiveInt(o.maxBytes, '--max-bytes') })) {
      if (r.error) exitCode = 1;
      if (o.json) write(JSON.stringify(r.error ? errorLine(r.source, r.error) : { source: r.source, article: r.article }));
      else if (r.error) err.write(`✗ ${r.error.message}\n`);
      else write(printArticle(r.source, r.article!));
    }
  });

  fetchOptions(
    program
      .command('analyze')
      .description('extract and analyse articles without storing them: entities (people, organisations, places) resolved across the pages given, quotes with their speakers, dates in the text, events (PLOVER)')
      .argument('[inputs...]', 'paths, folders or URLs')
      .option('--lines <file>', 'analyse each line of a text file as a short text of its own (no extraction, no date)')
      .option('--json', 'one JSON object per input, one per line (JSON Lines): source, article, entities, quotes, timexes, events'),
  ).action(async (inputs: string[], o: FetchOptions & { json?: boolean; lines?: string }) => {
    if (o.lines !== undefined) {
      if (inputs.length) throw new MarsadError('BAD_ARGUMENT', 'both --lines and page inputs; give one or the other', 'analyze');
      for await (const r of analyseLines(o.lines, { maxBytes: positiveInt(o.maxBytes, '--max-bytes') })) {
        if (o.json) write(JSON.stringify(r));
        else write(`${String(r.line).padStart(4)}  ${r.text}\n${printAnalysis(r)}`);
      }
      return;
    }
    if (!inputs.length) throw new MarsadError('BAD_ARGUMENT', 'no input; give paths, folders or URLs, or --lines FILE', 'analyze');
    for await (const r of analyseOnly(inputs, { fetcher: makeFetcher(o), maxBytes: positiveInt(o.maxBytes, '--max-bytes') })) {
      if (r.error) exitCode = 1;
      if (o.json) write(JSON.stringify(r.error ? errorLine(r.source, r.error) : { source: r.source, article: r.article, ...r.analysis }));
      else if (r.error) err.write(`✗ ${r.error.message}\n`);
      else write(printArticle(r.source, r.article!) + printAnalysis(r.analysis!));
    }
  });

  program
    .command('list')
    .description('list stored articles, newest first')
    .option('--limit <n>', 'how many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'one JSON object per article, one per line')
    .action(async (o: { limit: string; offset: string; json?: boolean }) => {
      const page = pageOptions(o); // a usage error is told before the database is opened
      await withStore(async (store) => {
        const rows = await store.list(page);
        if (o.json) for (const r of rows) write(JSON.stringify(r));
        else write(printList(rows, await store.count()));
      });
    });

  program
    .command('show')
    .description('show one stored article with its metadata')
    .argument('<id>', 'article id, as `marsad list` prints it')
    .option('--json', 'the article as JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      await withStore(async (store) => {
        const stored = await store.get(id);
        if (!stored) throw new MarsadError('ARTICLE_NOT_FOUND', 'no article with this id', id);
        const entities = await store.articleEntities(id);
        const quotes = await store.articleQuotes(id);
        const events = await store.articleEvents(id);
        const timexes = findTimexes(stored.article.text, stored.article.published);
        const duplicate_of = await store.duplicateOf(id);
        if (o.json) write(JSON.stringify({ id: stored.id, source: stored.source, article: stored.article, entities, quotes, timexes, events, duplicate_of, createdAt: stored.createdAt, updatedAt: stored.updatedAt }));
        else write(printArticle(stored.source, stored.article, stored.id) + printDuplicate(duplicate_of) + printAnalysis({ entities, quotes, timexes, events }));
      });
    });

  program
    .command('search')
    .description('full-text search that understands Arabic: words, "phrases", OR, NOT/-word, prefix*, site:, from:, to:')
    .argument('<query>', 'the query, quoted as one argument')
    .option('--limit <n>', 'how many results', '20')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'one JSON result per line: id, source, title, published, site, score, snippet')
    .action(async (q: string, o: { limit: string; offset: string; json?: boolean }) => {
      const query = parseQuery(q);
      const page = pageOptions(o); // a usage error is told before the database is opened
      await withStore(async (store) => {
        const hits = await store.search(query, { ...page });
        if (o.json) for (const h of hits) write(JSON.stringify(h));
        else write(printSearch(hits, Boolean((out as NodeJS.WriteStream).isTTY)));
      });
    });

  program
    .command('reprocess')
    .description('run extraction again over every stored raw page (after upgrading Marsad)')
    .option('--json', 'one JSON result per article, one per line')
    .option('--threads <n>', 'worker threads extracting and analysing articles ahead of the one writing the store; auto: one per spare core, up to 4; 0: none', 'auto')
    .action(async (o: { json?: boolean; threads?: string }) => {
      await withStore(async (store) => {
        const results: IngestResult[] = [];
        for await (const r of reprocess(store, { threads: threadCount(o.threads) })) {
          results.push(r);
          if (o.json) write(JSON.stringify(r));
        }
        if (!o.json) write(summarise(results));
        if (results.some((r) => r.status === 'failed')) exitCode = 1;
      });
    });

  program
    .command('entities')
    .description('list the people, organisations and places of the stored articles, most mentioned first')
    .option('--type <type>', 'PERSON, ORG or LOCATION')
    .option('--limit <n>', 'how many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'one JSON object per entity, one per line')
    .action(async (o: { type?: string; limit: string; offset: string; json?: boolean }) => {
      const type = o.type === undefined ? undefined : entityType(o.type);
      const page = pageOptions(o); // a usage error is told before the database is opened
      await withStore(async (store) => {
        const rows = await store.listEntities({ type, ...page });
        if (o.json) for (const e of rows) write(JSON.stringify(e));
        else write(printEntities(rows));
      });
    });

  const entity = program.command('entity').description('show one entity, or correct the resolver: merge two entities, split an alias off one');
  entity
    .command('show <id>', { isDefault: true })
    .description('show one entity: names, roles with dates, codes (also: marsad entity ID)')
    .option('--json', 'the entity as JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      await withStore(async (store) => {
        const e = await store.getEntity(id);
        if (!e) throw new MarsadError('ENTITY_NOT_FOUND', 'no entity with this id', id);
        // affiliations are derived again first, so the listing follows the corpus
        await refreshAffiliations(store);
        const memberOf = await store.listAffiliations({ member: e.id });
        const members = await store.listAffiliations({ of: e.id });
        if (o.json) {
          write(JSON.stringify({ ...e, affiliations: { member_of: memberOf, members } }));
          return;
        }
        const labels = new Map<string, string>();
        for (const x of [...memberOf.map((a) => a.of), ...members.map((a) => a.member)]) labels.set(x, (await store.getEntity(x))?.label ?? x);
        const label = (x: string) => labels.get(x) ?? x;
        const extra = [printAffiliations(memberOf, label, 'member of'), printAffiliations(members, label, 'members', 'member')].filter(Boolean);
        if (memberOf.length === 0 && e.type !== 'LOCATION') extra.push('member of  (unknown: `marsad entity affiliate ID ORG` records it)');
        write([printEntity(e), ...extra].join('\n'));
      });
    });
  entity
    .command('merge')
    .description('the two ids are one entity: B is folded into A, now and on every later ingest')
    .argument('<a>', 'the entity to keep')
    .argument('<b>', 'the entity folded into it')
    .option('--by <name>', 'who makes the correction (default: your user name)')
    .option('--json', 'the merged entity as JSON')
    .action(async (a: string, b: string, o: { by?: string; json?: boolean }) => {
      await withStore(async (store) => {
        const e = await store.mergeEntities(a, b, o.by ?? whoAmI());
        write(o.json ? JSON.stringify(e) : `merged ${b} into ${a}\n${printEntity(e)}`);
      });
    });
  entity
    .command('split')
    .description('mentions under one alias are someone else: they move to a new entity and never link back')
    .argument('<id>', 'the entity the alias is wrongly under')
    .requiredOption('--alias <name>', 'the name, as `marsad entity ID` lists it')
    .option('--by <name>', 'who makes the correction (default: your user name)')
    .option('--json', 'the new entity as JSON')
    .action(async (id: string, o: { alias: string; by?: string; json?: boolean }) => {
      await withStore(async (store) => {
        const e = await store.splitEntity(id, o.alias, mentionKey(o.alias), o.by ?? whoAmI());
        write(o.json ? JSON.stringify(e) : `split '${o.alias}' off ${id}\n${printEntity(e)}`);
      });
    });

  entity
    .command('affiliate')
    .description("an analyst's affiliation: the person belongs to the organisation (or the organisation to the country); it wins over derived ones")
    .argument('<member>', 'the person or organisation (id or name)')
    .argument('<of>', 'the organisation or country (id or name)')
    .option('--from <date>', 'first day it holds (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--to <date>', 'last day it holds')
    .option('--note <text>', 'why (a source, a biography)')
    .option('--by <name>', 'who makes the correction (default: your user name)')
    .option('--json', 'the affiliation as JSON')
    .action(async (member: string, of: string, o: { from?: string; to?: string; note?: string; by?: string; json?: boolean }) => {
      const from = o.from === undefined ? null : dayBound(o.from, '--from', 'start');
      const to = o.to === undefined ? null : dayBound(o.to, '--to', 'end');
      if (from && to && from > to) throw new MarsadError('BAD_ARGUMENT', `--from ${from} is after --to ${to}`, '--from');
      await withStore(async (store) => {
        const m = await resolveEntityRef(store, member);
        const x = await resolveEntityRef(store, of);
        if (m.id === x.id) throw new MarsadError('BAD_ARGUMENT', `an entity cannot belong to itself (${m.id})`, of);
        const a = await store.affiliate({ member: m.id, of: x.id, from, to, basis: o.note ?? null }, o.by ?? whoAmI());
        write(o.json ? JSON.stringify(a) : `${m.label} (${m.id}) belongs to ${x.label} (${x.id})${from || to ? ` from ${from ?? '…'} to ${to ?? '…'}` : ''}`);
      });
    });
  entity
    .command('unaffiliate')
    .description('the person does not belong to the organisation (or the organisation to the country): derived affiliations of the pair are set aside')
    .argument('<member>', 'the person or organisation (id or name)')
    .argument('<of>', 'the organisation or country (id or name)')
    .option('--by <name>', 'who makes the correction (default: your user name)')
    .option('--json', 'the removal as JSON')
    .action(async (member: string, of: string, o: { by?: string; json?: boolean }) => {
      await withStore(async (store) => {
        const m = await resolveEntityRef(store, member);
        const x = await resolveEntityRef(store, of);
        const r = await store.unaffiliate(m.id, x.id, o.by ?? whoAmI());
        write(o.json ? JSON.stringify(r) : `${m.label} (${m.id}) no longer counts for ${x.label} (${x.id})`);
      });
    });

  program
    .command('dyad')
    .description('the relationship of two actors over time: their events in either direction (persons rolled up to their organisations and countries), a time series, who carried it, what was said')
    .argument('<a>', 'first actor: an entity id or a name')
    .argument('<b>', 'second actor: an entity id or a name')
    .option('--level <level>', `person, org or country (default: from the actors' types)`)
    .option('--by <period>', 'week, month or year', 'month')
    .option('--from <date>', 'only events on or after this day (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--to <date>', 'only events on or before this day')
    .option('--quotes-limit <n>', `most quotes listed, the newest (0 to ${MAX_DYAD_QUOTES_LIMIT}); quotes_total counts them all`, String(DYAD_QUOTES_LIMIT))
    .option('--json', 'one JSON object: a, b, events, series, actors, unrolled, quotes, quotes_total')
    .option('--csv', 'the time series as CSV, one row per period')
    .action(async (a: string, b: string, o: { level?: string; by: string; from?: string; to?: string; quotesLimit: string; json?: boolean; csv?: boolean }) => {
      if (o.json && o.csv) throw new MarsadError('BAD_ARGUMENT', 'both --json and --csv; give one', '--csv');
      if (o.level !== undefined && !DYAD_LEVELS.includes(o.level as DyadLevel)) throw new MarsadError('BAD_ARGUMENT', `'${o.level}', not one of ${DYAD_LEVELS.join(', ')}`, '--level');
      if (!DYAD_PERIODS.includes(o.by as DyadPeriod)) throw new MarsadError('BAD_ARGUMENT', `'${o.by}', not one of ${DYAD_PERIODS.join(', ')}`, '--by');
      const from = o.from === undefined ? undefined : dayBound(o.from, '--from', 'start');
      const to = o.to === undefined ? undefined : dayBound(o.to, '--to', 'end');
      const quotesLimit = Number(o.quotesLimit);
      if (!/^\d+$/.test(o.quotesLimit) || quotesLimit > MAX_DYAD_QUOTES_LIMIT) {
        throw new MarsadError('BAD_ARGUMENT', `'${o.quotesLimit}', not a whole number from 0 to ${MAX_DYAD_QUOTES_LIMIT}`, '--quotes-limit');
      }
      await withStore(async (store) => {
        const r = await dyadOf(store, { a, b, level: o.level as DyadLevel | undefined, by: o.by as DyadPeriod, from, to, quotesLimit });
        if (o.json) write(JSON.stringify(r));
        else if (o.csv) out.write(dyadCsv(r));
        else write(printDyad(r));
      });
    });

  program
    .command('quotes')
    .description('what was said and by whom, across the stored articles, newest first')
    .option('--speaker <id>', 'only quotes of this entity (see `marsad entities`)')
    .option('--limit <n>', 'how many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'one JSON object per quote, one per line')
    .action(async (o: { speaker?: string; limit: string; offset: string; json?: boolean }) => {
      const page = pageOptions(o); // a usage error is told before the database is opened
      await withStore(async (store) => {
        if (o.speaker && !(await store.getEntity(o.speaker))) throw new MarsadError('ENTITY_NOT_FOUND', 'no entity with this id', o.speaker);
        const rows = await store.listQuotes({ speaker: o.speaker, ...page });
        if (o.json) for (const q of rows) write(JSON.stringify(q));
        else write(printStoredQuotes(rows));
      });
    });

  program
    .command('events')
    .description('who did what to whom, when, where (PLOVER events) across the stored articles, newest first')
    .option('--actor <id>', 'only events whose actor or recipient is this entity (see `marsad entities`)')
    .option('--type <type>', `PLOVER event type: ${EVENT_TYPES.join(', ')}`)
    .option('--from <date>', 'only events whose reports cover a day on or after this one (YYYY, YYYY-MM or YYYY-MM-DD; an undated report counts by its publication day)')
    .option('--to <date>', 'only events whose reports cover a day on or before this one (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--limit <n>', 'how many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'one JSON object per event, one per line (the events contract plus "article", "sources", "num_sources", "num_articles")')
    .option('--csv', 'CSV with a header row')
    .action(async (o: { actor?: string; type?: string; from?: string; to?: string; limit: string; offset: string; json?: boolean; csv?: boolean }) => {
      if (o.json && o.csv) throw new MarsadError('BAD_ARGUMENT', 'both --json and --csv; give one', '--csv');
      const type = o.type === undefined ? undefined : eventType(o.type);
      const from = o.from === undefined ? undefined : dayBound(o.from, '--from', 'start');
      const to = o.to === undefined ? undefined : dayBound(o.to, '--to', 'end');
      const page = pageOptions(o); // a usage error is told before the database is opened
      await withStore(async (store) => {
        // generic actors ("generic:COP") are no stored entity: they match as written
        if (o.actor && !o.actor.startsWith('generic:') && !(await store.getEntity(o.actor))) throw new MarsadError('ENTITY_NOT_FOUND', 'no entity with this id', o.actor);
        // the same happening reported by several articles is one event with its sources
        const rows = await listMergedEvents(store, { actor: o.actor, type, from, to, ...page });
        if (o.json) for (const e of rows) write(JSON.stringify(e));
        else if (o.csv) out.write(eventsCsv(rows));
        else write(printStoredEvents(rows));
      });
    });

  program
    .command('stories')
    .description('stories across outlets, the latest first: label, summary, articles with their outlets, entities, merged events')
    .option('--limit <n>', 'how many', '20')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'one JSON object per story, one per line: id, label, summary, articles, entities, events')
    .action(async (o: { limit: string; offset: string; json?: boolean }) => {
      const page = pageOptions(o); // a usage error is told before the database is opened
      await withStore(async (store) => {
        const stories = await store.listStories({ ...page });
        const reports = [];
        for (const s of stories) reports.push(await storyReport(store, s));
        if (o.json) for (const r of reports) write(JSON.stringify(r));
        else write(printStories(reports));
      });
    });

  program
    .command('export')
    .description('write what the store holds in an exchange format: JSON Lines or CSV (UTF-8 with BOM) of articles, entities, events, quotes; events as PLOVER JSON Lines; the actor network as GraphML')
    .requiredOption('--what <what>', `what to export: ${EXPORT_WHATS.join(', ')}`)
    .option('--format <format>', 'jsonl (JSON Lines), csv (RFC 4180, UTF-8 with BOM, header row), plover (events: PLOVER JSON Lines; Marsad extension modes mapped back to plain PLOVER), graphml (events: the actor network); default plover for events, jsonl otherwise')
    .option('--actor <id>', 'events: only those whose actor or recipient is this entity')
    .option('--type <type>', 'events: only those of this PLOVER type')
    .option('--from <date>', 'events: only those on or after this day')
    .option('--to <date>', 'events: only those on or before this day')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (o: { what: string; format?: string; actor?: string; type?: string; from?: string; to?: string; out?: string }) => {
      const what = EXPORT_WHATS.find((w) => w === o.what);
      if (!what) throw new MarsadError('BAD_ARGUMENT', `'${o.what}', not one of: ${EXPORT_WHATS.join(', ')}`, '--what');
      const format = EXPORT_FORMATS.find((f) => f === (o.format ?? (what === 'events' ? 'plover' : 'jsonl')));
      if (!format) throw new MarsadError('BAD_ARGUMENT', `'${o.format}', not one of: ${EXPORT_FORMATS.join(', ')}`, '--format');
      if (!canExport(what, format)) {
        throw new MarsadError('BAD_ARGUMENT', `'${format}' with --what ${what}: ${format} is for --what ${FORMAT_WHATS[format].join(' or ')} only`, '--format');
      }
      const type = o.type === undefined ? undefined : eventType(o.type);
      const from = o.from === undefined ? undefined : dayBound(o.from, '--from', 'start');
      const to = o.to === undefined ? undefined : dayBound(o.to, '--to', 'end');
      await withStore(async (store) => {
        if (o.actor && !o.actor.startsWith('generic:') && !(await store.getEntity(o.actor))) throw new MarsadError('ENTITY_NOT_FOUND', 'no entity with this id', o.actor);
        const x = exportStore(store, { what, format, filters: { actor: o.actor, type, from, to } });
        if (!o.out) {
          for await (const chunk of x.chunks) if (!out.write(chunk)) await once(out, 'drain');
          return;
        }
        const file = o.out;
        const failed = (e: unknown) => new MarsadError('BAD_ARGUMENT', `cannot write '${file}': ${(e as Error).message}`, '--out');
        let fd: number;
        try {
          fd = openSync(file, 'w');
        } catch (e) {
          throw failed(e);
        }
        try {
          for await (const chunk of x.chunks) writeSync(fd, chunk);
        } catch (e) {
          throw e instanceof MarsadError ? e : failed(e);
        } finally {
          closeSync(fd);
        }
        const noun = format === 'graphml' ? 'actor' : what.replace(/s$/, '');
        err.write(`${x.written} ${noun}${x.written === 1 ? '' : 's'} written to ${file}\n`);
      });
    });

  program
    .command('migrate')
    .description('copy a whole corpus between databases, either way between a SQLite file and a postgres:// URL (?schema=NAME picks a schema); the target must hold no corpus yet')
    .requiredOption('--from <db>', 'the database to copy: a SQLite file or postgres://…')
    .requiredOption('--to <db>', 'the empty database to fill: a SQLite file (created) or postgres://…')
    .option('--json', 'rows copied per table, as one JSON object')
    .action(async (o: { from: string; to: string; json?: boolean }) => {
      const report = await migrateCorpus(o.from, o.to, (table, rows) => {
        if (!o.json) err.write(`${table}: ${rows} row(s)\n`);
      });
      write(o.json ? JSON.stringify(report) : `copied ${report.articles} article(s) and ${report.tables.reduce((n, t) => n + t.rows, 0)} row(s) in all`);
    });

  program
    .command('eval')
    .description('measure Marsad against annotated data')
    .command('ner')
    .description('entity-level precision, recall and F1 of the entity tagger on a CoNLL file (token TAG per line, IOB2)')
    .argument('<file>', 'CoNLL file')
    .option('--json', 'machine-readable: {"precision", "recall", "f1", "by_type"}')
    .action(async (file: string, o: { json?: boolean }) => {
      write(await evalNer(file, Boolean(o.json)));
    });

  async function runIngest(store: MarsadStore, inputs: string[], o: IngestCliOptions): Promise<void> {
    const progress = new Progress(err, !o.json && Boolean(err.isTTY));
    progress.start();
    const results: IngestResult[] = [];
    for await (const r of ingest(inputs, {
      store,
      fetcher: makeFetcher(o, store),
      anyLanguage: o.anyLanguage,
      maxBytes: positiveInt(o.maxBytes, '--max-bytes'),
      onDiscovered: (n) => progress.grow(n),
      threads: threadCount(o.threads),
    })) {
      results.push(r);
      progress.tick(r.source);
      if (o.json) write(JSON.stringify(r));
    }
    progress.stop();
    if (!o.json) write(summarise(results));
    if (results.some((r) => r.status === 'failed')) exitCode = 1;
  }

  /**
   * `tokenIfNone`: a newcomer's `start` makes up a write token for this run when the operator
   * set none, so the ingest page and corrections work at once; `serve` leaves writes off.
   */
  async function runServe(store: MarsadStore, o: ServeCliOptions, { tokenIfNone = false } = {}): Promise<void> {
    const configured = o.token ?? process.env.MARSAD_API_TOKEN ?? null;
    const token = configured ?? (tokenIfNone ? randomBytes(18).toString('base64url') : null);
    const server = await serveApi({
      store,
      port: nonNegativeInt(o.port, '--port'),
      host: o.host,
      token,
      defaultAuthor: whoAmI(),
      fetcher: new Fetcher({ stateStore: store, allowHosts: allowHostsFromEnv(o.allowHost) }),
      ingestThreads: threadCount(o.threads),
    });
    write(`Marsad workbench: ${server.url}/  (API ${server.url}/api, OpenAPI ${server.url}/openapi.json) — Ctrl+C to stop`);
    if (token && !configured) {
      // the fragment (after #) stays in the browser: the page takes the token and clears it
      write(`Add sources in the browser: ${server.url}/#/ingest?token=${token}  (write token for this run: ${token}; set --token or $MARSAD_API_TOKEN to choose one)`);
    }
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await server.close();
  }

  try {
    await program.parseAsync(argv);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return 0;
    if (typeof code === 'string' && code.startsWith('commander.')) return 2;
    const error = toMarsadError(e, null, 'STORE_FAILED');
    err.write(`marsad: ${error.message}\n`);
    return error.code === 'BAD_ARGUMENT' || error.code === 'BAD_QUERY' ? 2 : 1;
  }
  return exitCode;
}

function errorLine(source: string, error: MarsadError) {
  return { source, error: error.message, code: error.code };
}

function entityType(value: string): EntityType {
  const t = value.toUpperCase();
  if (!(ENTITY_TYPES as readonly string[]).includes(t)) throw new MarsadError('BAD_ARGUMENT', `'${value}', not one of ${ENTITY_TYPES.join(', ')}`, '--type');
  return t as EntityType;
}

function eventType(value: string): string {
  const t = value.toUpperCase();
  if (!EVENT_TYPES.includes(t)) throw new MarsadError('BAD_ARGUMENT', `'${value}', not a PLOVER event type (${EVENT_TYPES.join(', ')})`, '--type');
  return t;
}

/** A day bound from YYYY, YYYY-MM or YYYY-MM-DD: the first or the last day it covers. */
function dayBound(value: string, flag: string, side: 'start' | 'end'): string {
  const day = readDayBound(value, side);
  if (!isDay(day)) throw new MarsadError('BAD_ARGUMENT', `'${value}', not a date (YYYY, YYYY-MM or YYYY-MM-DD)`, flag);
  return day;
}

function whoAmI(): string {
  try {
    return process.env.MARSAD_USER ?? userInfo().username;
  } catch {
    return 'unknown';
  }
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new MarsadError('BAD_ARGUMENT', `'${value}', not a positive whole number`, flag);
  return n;
}

/** `--limit` and `--offset` of a listing command, checked. */
function pageOptions(o: { limit: string; offset: string }): { limit: number; offset: number } {
  return { limit: positiveInt(o.limit, '--limit'), offset: nonNegativeInt(o.offset, '--offset') };
}

/** `--threads`: a count, or auto — a thread per core beyond the one writing the store, up to 4 (more waits on the writer). */
function threadCount(value: string | undefined): number {
  if (value === undefined || value === 'auto') return Math.min(4, Math.max(0, availableParallelism() - 1));
  return nonNegativeInt(value, '--threads');
}

function nonNegativeInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new MarsadError('BAD_ARGUMENT', `'${value}', not a whole number ≥ 0`, flag);
  return n;
}

