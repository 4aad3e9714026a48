/**
 * The dyad view of the workbench, `#/dyad?a=…&b=…&level=…&by=…&from=…&to=…`: two actor pickers,
 * the time series of their relationship (events a period stacked by PLOVER quad class, the
 * intensity score as a line, periods without any article shaded as gaps), the events with their
 * sources, the people who carried it and what was said in those articles.
 *
 * It gets the workbench's helpers (`kit`) from app.js rather than duplicating them; like the
 * rest of the workbench it inserts every value from the API as text.
 */
import { loadECharts } from './charts.js';

/** Colours of the quad classes: cooperation green and blue, conflict amber and red (as the type families in charts.js). */
export const QUAD_COLORS = {
  verbal_cooperation: '#0d9488',
  material_cooperation: '#1d4ed8',
  verbal_conflict: '#d97706',
  material_conflict: '#dc2626',
};
const QUADS = Object.keys(QUAD_COLORS);
const FONT = '"Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif';

/** The link to a dyad view. */
export function dyadHref(p) {
  const q = new URLSearchParams();
  for (const k of ['a', 'b', 'level', 'by', 'from', 'to']) if (p[k]) q.set(k, p[k]);
  const s = q.toString();
  return `#/dyad${s ? `?${s}` : ''}`;
}

/**
 * The stacked chart of a dyad's series: one bar a period stacked by quad class, the score as a
 * line on a second axis, gap periods shaded. Returns the chart (to dispose).
 */
export function dyadChart(echarts, el, series, opts) {
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  const periods = series.map((s) => s.period);
  // a gap is drawn as a grey band the height of the tallest stack, behind the bars: nothing is
  // known of it, which a bar of zero would hide
  const top = Math.max(1, ...series.map((s) => QUADS.reduce((n, q) => n + (s.quad?.[q] ?? 0), 0)));
  chart.setOption({
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    legend: { top: 0, data: [...QUADS.map(opts.quadLabel), opts.gapLabel, opts.scoreLabel] },
    grid: { left: 48, right: 48, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: periods, inverse: opts.rtl },
    yAxis: [
      { type: 'value', minInterval: 1, position: opts.rtl ? 'right' : 'left' },
      { type: 'value', position: opts.rtl ? 'left' : 'right', splitLine: { show: false } },
    ],
    series: [
      ...QUADS.map((q) => ({
        name: opts.quadLabel(q),
        type: 'bar',
        stack: 'quad',
        itemStyle: { color: QUAD_COLORS[q] },
        data: series.map((s) => (s.gap ? null : s.quad?.[q] ?? 0)),
      })),
      {
        name: opts.gapLabel,
        type: 'bar',
        barGap: '-100%',
        z: 1,
        silent: true,
        itemStyle: { color: 'rgba(100,116,139,0.22)' },
        label: { show: true, position: 'inside', formatter: opts.gapLabel, fontFamily: FONT, color: '#334155' },
        data: series.map((s) => (s.gap ? top : null)),
      },
      { name: opts.scoreLabel, type: 'line', yAxisIndex: 1, connectNulls: false, itemStyle: { color: '#334155' }, data: series.map((s) => s.score) },
    ],
  });
  return chart;
}

/**
 * Renders the dyad view into `root`; returns the page title.
 * @example title = await dyadView(content, params, ctx, kit)
 */
export async function dyadView(root, params, ctx, kit) {
  const { h, t, api, bdi, ltr, eventItem, problemBox, actorHref, apiQuery, keepChart } = kit;
  const q = {};
  for (const k of ['a', 'b', 'level', 'by', 'from', 'to']) {
    const v = (params.get(k) ?? '').trim();
    if (v) q[k] = v;
  }
  // the pickers suggest the most mentioned entities; any id or name is accepted
  const known = await api('/api/entities?limit=200').catch(() => ({ items: [] }));
  const options = h('datalist', { id: 'dyad-actors' }, (known.items ?? []).map((e) => h('option', { value: e.label }, e.id)));
  const picker = (name, label) => h('label', {}, label, ' ', h('input', { type: 'text', name, value: q[name] ?? '', list: 'dyad-actors', dir: 'auto', autocomplete: 'off', required: true, placeholder: t('dyad.actor_placeholder') }));
  const select = (name, values, label) =>
    h('label', {}, label, ' ', h('select', { name }, name === 'level' ? h('option', { value: '' }, t('dyad.level_auto')) : null, values.map((v) => h('option', { value: v, selected: (q[name] ?? (name === 'by' ? 'month' : '')) === v }, t(`dyad.${name}.${v}`)))));
  const form = h(
    'form',
    {
      class: 'dyad-form event-filters',
      'aria-label': t('dyad.title'),
      onsubmit: (ev) => {
        ev.preventDefault();
        const f = new FormData(ev.target);
        location.hash = dyadHref(Object.fromEntries([...f.entries()].map(([k, v]) => [k, String(v).trim()])));
      },
    },
    picker('a', t('dyad.a')),
    picker('b', t('dyad.b')),
    select('level', ['person', 'org', 'country'], t('dyad.level')),
    select('by', ['week', 'month', 'year'], t('dyad.by')),
    h('label', {}, t('events.from'), ' ', h('input', { type: 'text', name: 'from', value: q.from ?? '', placeholder: 'YYYY-MM-DD', dir: 'ltr', size: '10' })),
    h('label', {}, t('events.to'), ' ', h('input', { type: 'text', name: 'to', value: q.to ?? '', placeholder: 'YYYY-MM-DD', dir: 'ltr', size: '10' })),
    h('button', { type: 'submit' }, t('dyad.show')),
    options,
  );
  root.append(h('h1', {}, t('dyad.title')), h('p', { class: 'help' }, t('dyad.help')), form);
  if (!q.a || !q.b) return t('dyad.title');

  let d;
  try {
    d = await api(`/api/dyad?${apiQuery(q)}`);
  } catch (err) {
    root.append(problemBox(err));
    return t('dyad.title');
  }
  const charts = loadECharts();
  charts.catch(() => {});
  const side = (s) => (s === 'a' ? d.a : d.b);
  root.append(
    h('h2', { class: 'dyad-pair' },
      h('a', { href: actorHref(d.a.id), class: 'dyad-a', dir: 'auto' }, bdi(d.a.label)), ' ⇄ ',
      h('a', { href: actorHref(d.b.id), class: 'dyad-b', dir: 'auto' }, bdi(d.b.label)),
      ' ', h('span', { class: 'chip' }, t(`dyad.level.${d.level}`))),
  );

  // the series: a chart and its table
  const panel = h('section', { class: 'panel dyad-series' }, h('h2', {}, t('dyad.series')), h('p', { class: 'help' }, t('dyad.series_help')));
  if (!d.series.length) panel.append(h('p', { class: 'empty' }, t('dyad.no_events')));
  else {
    const box = h('div', { class: 'chart timeline-chart dyad-chart', role: 'img', 'aria-label': t('dyad.series') });
    panel.append(
      box,
      h('details', { class: 'chart-data' }, h('summary', {}, t('events.chart_data')),
        h('table', { class: 'dyad-table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('dyad.period')), h('th', { scope: 'col' }, t('dyad.articles')), QUADS.map((x) => h('th', { scope: 'col' }, t(`quad.${x}`))), h('th', { scope: 'col' }, t('dyad.score')))),
          h('tbody', {}, d.series.map((s) =>
            h('tr', { dataset: { period: s.period, gap: String(s.gap) }, class: s.gap ? 'gap' : null },
              h('td', {}, ltr(s.period)),
              h('td', { class: 'num' }, String(s.articles)),
              s.gap ? h('td', { colspan: String(QUADS.length + 1), class: 'gap-cell' }, t('dyad.gap')) : [QUADS.map((x) => h('td', { class: 'num' }, String(s.quad?.[x] ?? 0))), h('td', { class: 'num' }, String(s.score))])))),
      ),
    );
    ctx.onMount(async () => {
      try {
        const echarts = await charts;
        keepChart(dyadChart(echarts, box, d.series, {
          rtl: document.documentElement.dir === 'rtl',
          quadLabel: (x) => t(`quad.${x}`),
          scoreLabel: t('dyad.score'),
          gapLabel: t('dyad.gap_short'),
        }));
        box.dataset.drawn = 'true';
      } catch (err) {
        box.replaceWith(problemBox(err, t('events.chart_failed')));
      }
    });
  }
  root.append(panel);

  // the events, with the direction and the chain that rolled each end up
  const via = (l) => (l.via.length ? h('span', { class: 'dyad-via meta' }, ' (', l.via.map((id, i) => [i ? ' › ' : '', ltr(id)]), ')') : null);
  root.append(
    h('section', { class: 'panel dyad-events' }, h('h2', {}, t('dyad.events', { n: d.events.length })),
      d.events.length
        ? h('ol', { class: 'event-list' }, d.events.map((e) => {
          const li = eventItem(e);
          li.dataset.direction = e.direction;
          li.prepend(h('div', { class: 'dyad-direction meta' }, h('span', { class: 'chip' }, bdi(side(e.links.source.side).label), ' → ', bdi(side(e.links.target.side).label)), ' ', bdi(e.links.source.label), via(e.links.source), ' → ', bdi(e.links.target.label), via(e.links.target)));
          return li;
        }))
        : h('p', { class: 'empty' }, t('dyad.no_events'))),
  );

  // who carried it, and who stayed unrolled
  root.append(
    h('section', { class: 'panel dyad-people' }, h('h2', {}, t('dyad.people')),
      d.actors.length
        ? h('ul', { class: 'dyad-actors' }, d.actors.map((c) => h('li', { dataset: { actor: c.id, side: c.side } },
          h('span', { class: 'chip' }, bdi(side(c.side).label)), ' ',
          h('a', { href: actorHref(c.id), dir: 'auto' }, bdi(c.label)),
          c.via.length ? [' — ', t('dyad.for'), ' ', c.via.map((v, i) => [i ? ' › ' : '', h('a', { href: actorHref(v.id), dir: 'auto' }, bdi(v.label))])] : null,
          ' ', h('span', { class: 'n' }, t('dyad.n_events', { n: c.events })),
          c.roles.length ? h('div', { class: 'meta', dir: 'auto' }, c.roles.slice(0, 3).join('؛ ')) : null)))
        : h('p', { class: 'empty' }, t('dyad.no_people')),
      d.unrolled.length
        ? [h('h3', {}, t('dyad.unrolled')), h('p', { class: 'help' }, t('dyad.unrolled_help')),
          h('ul', { class: 'dyad-unrolled' }, d.unrolled.map((u) => h('li', { dataset: { actor: u.id } }, h('a', { href: actorHref(u.id), dir: 'auto' }, bdi(u.label)), ' ', h('span', { class: 'n' }, t('dyad.n_events', { n: u.events })), u.roles.length ? h('div', { class: 'meta', dir: 'auto' }, u.roles.slice(0, 2).join('؛ ')) : null)))]
        : null),
  );

  // what was said in the articles that report the dyad's events
  root.append(
    h('section', { class: 'panel dyad-quotes' }, h('h2', {}, t('dyad.quotes')),
      // the report lists the newest quotes only (quotes_limit): say how many there are in all
      d.quotes.length < d.quotes_total ? h('p', { class: 'help' }, t('dyad.quotes_shown', { n: d.quotes.length, total: d.quotes_total })) : null,
      d.quotes.length
        ? h('ul', { class: 'quote-list' }, d.quotes.map((x) => h('li', { class: 'quote', dataset: { party: x.party } },
          h('span', { class: 'chip' }, x.party === 'a' || x.party === 'b' ? bdi(side(x.party).label) : t(`dyad.party.${x.party}`)), ' ',
          h('q', { dir: 'auto', lang: 'ar' }, x.text), ' — ', x.speaker ? bdi(x.speaker.label) : t('dyad.no_speaker'))))
        : h('p', { class: 'empty' }, t('dyad.no_quotes'))),
  );
  return `${d.a.label} ⇄ ${d.b.label}`;
}
