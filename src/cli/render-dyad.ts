/** Human-readable output of `marsad dyad` and of affiliations (`marsad entity show`). */
import type { Affiliation } from '../model/affiliation.js';
import type { DyadReport } from '../resolve/dyad.js';

/**
 * Affiliations as lines: "  → CIA (cia)  2021-03-19 … 2025-01-20  [curated]".
 * @example printAffiliations(affs, (id) => labels.get(id) ?? id, 'member of')
 */
export function printAffiliations(affs: readonly Affiliation[], label: (id: string) => string, heading: string, key: 'of' | 'member' = 'of'): string {
  if (affs.length === 0) return '';
  const lines = [heading];
  for (const a of affs) {
    const id = a[key];
    const when = a.from || a.to ? `  ${a.from ?? '…'} → ${a.to ?? '…'}` : '';
    const why = a.origin === 'role' && a.basis ? ` «${a.basis}»` : a.origin === 'analyst' ? ` by ${a.by ?? '?'}` : '';
    lines.push(`  ${label(id)} (${id})${when}  [${a.origin}${why}]`);
  }
  return lines.join('\n');
}

/**
 * The dyad for a reader: the two sides, the series, the events with their sources, who
 * carried them, who stayed unrolled, and the quotes.
 * @example printDyad(await dyadOf(store, { a: 'المغرب', b: 'الولايات المتحدة' }))
 */
export function printDyad(r: DyadReport): string {
  const short = (s: string, n = 110) => (s.length > n ? s.slice(0, n - 2) + '…' : s);
  const out: string[] = [`${r.a.label} (${r.a.id})  ⇄  ${r.b.label} (${r.b.id})  — level ${r.level}, by ${r.by}`];
  out.push(`${r.events.length} event${r.events.length === 1 ? '' : 's'}`);
  if (r.series.length) {
    out.push('', 'period      articles  events  score   types');
    for (const s of r.series) {
      const n = Object.values(s.counts).reduce((x, y) => x + y, 0);
      const types = Object.entries(s.counts).map(([t, c]) => `${t}×${c}`).join(' ');
      out.push(s.gap ? `${s.period.padEnd(10)}  ${'0'.padStart(8)}  (gap: no articles in the corpus)` : `${s.period.padEnd(10)}  ${String(s.articles).padStart(8)}  ${String(n).padStart(6)}  ${String(s.score).padStart(5)}   ${types}`);
    }
  }
  if (r.undated) out.push(`${r.undated} undated event${r.undated === 1 ? '' : 's'} (no date, no dated article): listed below, in no period`);
  if (r.events.length) out.push('', 'events');
  for (const e of r.events) {
    const when = e.date.start ? `${e.date.start}${e.date.end && e.date.end !== e.date.start ? `..${e.date.end}` : ''}` : e.published?.slice(0, 10) ?? 'undated';
    const via = (l: { label: string; via: string[] }) => (l.via.length ? `${l.label} [${l.via.join(' › ')}]` : l.label);
    out.push(`  ${e.type}${e.mode ? `/${e.mode}` : ''}  ${via(e.links.source)} → ${via(e.links.target)}  ${when}${e.status ? `  [${e.status}]` : ''}  (${e.direction})`);
    out.push(`    ${short(e.evidence.text)}`);
    out.push(`    ${e.num_articles} article${e.num_articles === 1 ? '' : 's'}, ${e.num_sources} outlet${e.num_sources === 1 ? '' : 's'}: ${e.sources.map((s) => s.site ?? s.source).join('، ')}`);
  }
  if (r.actors.length) {
    out.push('', 'who carried it');
    for (const c of r.actors) out.push(`  ${c.side.toUpperCase()}  ${c.label} (${c.id})  ×${c.events}${c.via.length ? `  for ${c.via.map((v) => v.label).join(' › ')}` : ''}${c.roles.length ? `  — ${short(c.roles.join('؛ '), 80)}` : ''}`);
  }
  if (r.unrolled.length) {
    out.push('', 'unrolled (affiliation unknown: `marsad entity affiliate ID ORG` counts them)');
    for (const u of r.unrolled) out.push(`  ${u.label} (${u.id})  ×${u.events}${u.roles.length ? `  — ${short(u.roles.join('؛ '), 80)}` : ''}`);
  }
  if (r.quotes_total) {
    out.push('', r.quotes.length < r.quotes_total ? `said in these articles (newest ${r.quotes.length} of ${r.quotes_total}; --quotes-limit N lists more)` : 'said in these articles');
    for (const q of r.quotes) out.push(`  [${q.party}] «${short(q.text, 90)}» — ${q.speaker?.label ?? '(speaker unknown)'}`);
  }
  return out.join('\n');
}
