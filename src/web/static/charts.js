/**
 * The workbench's two drawings, on Apache ECharts (pinned in package.json, served from
 * node_modules at /web/vendor/echarts/…): the events timeline (events a day, stacked by PLOVER
 * type) and the actor network (who acts on whom, zoomable, pannable, nodes and edges clickable).
 *
 * ECharts draws on a canvas: the labels it shows (names, type labels) are painted, never parsed
 * as markup. Tooltips use its `richText` mode, also painted on the canvas, so no value from the
 * API reaches innerHTML. The library is loaded on first use only (`loadECharts`), so the other
 * views never fetch its megabyte.
 */

/** Where the server serves ECharts' self-contained ES module build. */
export const ECHARTS_URL = '/web/vendor/echarts/echarts.esm.min.mjs';

let loading = null;

/** The ECharts module, imported once. */
export function loadECharts() {
  loading ??= import(ECHARTS_URL).catch((err) => {
    loading = null;
    throw err;
  });
  return loading;
}

/**
 * A colour for each PLOVER type, by family: verbal cooperation in greens, material cooperation
 * in blues, verbal conflict in ambers, material conflict in reds and purples. The event list's
 * type chips use the same colours (`--ev-color`), so the list reads like the chart.
 */
export const TYPE_COLORS = {
  AGREE: '#15803d',
  CONSULT: '#0d9488',
  SUPPORT: '#65a30d',
  CONCEDE: '#4d7c0f',
  COOPERATE: '#1d4ed8',
  AID: '#0284c7',
  RETREAT: '#6366f1',
  REQUEST: '#ca8a04',
  ACCUSE: '#ea580c',
  REJECT: '#d97706',
  THREATEN: '#b45309',
  PROTEST: '#db2777',
  SANCTION: '#9333ea',
  MOBILIZE: '#7c3aed',
  COERCE: '#dc2626',
  ASSAULT: '#7f1d1d',
};

export function typeColor(type) {
  return TYPE_COLORS[type] ?? '#64748b';
}

/** Colours of the network's kinds of actors. */
const NODE_COLORS = { PERSON: '#1e40af', ORG: '#166534', LOCATION: '#9a3412', generic: '#64748b' };
const FALLBACK_NODE_COLORS = ['#0f766e', '#a16207', '#be185d', '#4338ca'];

const FONT = '"Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif';

/** Every day from `first` to `last` (YYYY-MM-DD), or null past `max` days. */
export function daysBetween(first, last, max = 3700) {
  const start = Date.parse(`${first}T00:00:00Z`);
  const end = Date.parse(`${last}T00:00:00Z`);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return null;
  const n = Math.round((end - start) / 86_400_000) + 1;
  if (n > max) return null;
  return Array.from({ length: n }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

/**
 * Draws the timeline in `el`: one stacked bar a day (the empty days between the first and the
 * last included, so gaps show), one series per type. Right to left, the first day is at the
 * right. Clicking a bar calls `onDay(day)`.
 * @returns the chart (dispose it when the view goes)
 */
export function timelineChart(echarts, el, buckets, { rtl, typeLabel, onDay, countLabel }) {
  const sorted = [...buckets].filter((b) => /^\d{4}-\d{2}-\d{2}$/.test(b.day)).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const days = (sorted.length ? daysBetween(sorted[0].day, sorted.at(-1).day) : null) ?? sorted.map((b) => b.day);
  const byDay = new Map(sorted.map((b) => [b.day, b]));
  const types = [...new Set(sorted.flatMap((b) => Object.keys(b.by_type ?? {})))].sort();
  const series = types.map((type) => ({
    name: typeLabel(type),
    id: type,
    type: 'bar',
    stack: 'events',
    barMaxWidth: 28,
    itemStyle: { color: typeColor(type) },
    emphasis: { focus: 'series' },
    data: days.map((day) => byDay.get(day)?.by_type?.[type] ?? 0),
  }));
  // Days whose count the API gives without a split by type still show, in grey.
  const untyped = days.map((day) => {
    const b = byDay.get(day);
    if (!b) return 0;
    const typed = Object.values(b.by_type ?? {}).reduce((s, n) => s + n, 0);
    return Math.max(0, (b.count ?? 0) - typed);
  });
  if (untyped.some((n) => n > 0)) series.push({ name: countLabel, id: '', type: 'bar', stack: 'events', itemStyle: { color: '#94a3b8' }, data: untyped });

  const chart = echarts.init(el, null, { renderer: 'canvas' });
  const zoom = days.length > 62;
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FONT },
    grid: { top: 70, bottom: zoom ? 70 : 40, left: 50, right: 50, containLabel: true },
    legend: { type: 'scroll', top: 0, [rtl ? 'right' : 'left']: 10, textStyle: { fontFamily: FONT, fontSize: 13 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText', order: 'valueDesc' },
    xAxis: { type: 'category', data: days, inverse: rtl, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, position: rtl ? 'right' : 'left' },
    dataZoom: zoom ? [{ type: 'inside' }, { type: 'slider', bottom: 10 }] : [],
    series,
  });
  chart.on('click', (p) => {
    if (typeof p.name === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p.name)) onDay(p.name);
  });
  return chart;
}

/**
 * Draws the actor network in `el`: a force layout, zoom with the wheel, pan by dragging, nodes
 * sized by degree and coloured by kind (generic actors, ids `generic:…`, in grey), edges by
 * event type with an arrow from actor to recipient and a width by count. Clicking a node
 * calls `onNode(node)`, an edge `onEdge(edge)`.
 * @returns the chart (dispose it when the view goes)
 */
export function networkChart(echarts, el, graph, { nodeLabel, kindLabel, typeLabel, onNode, onEdge }) {
  const kindOf = (n) => (String(n.id).startsWith('generic:') ? 'generic' : n.type || 'generic');
  const kinds = [...new Set(graph.nodes.map(kindOf))];
  let spare = 0;
  const categories = kinds.map((kind) => ({ name: kindLabel(kind), itemStyle: { color: NODE_COLORS[kind] ?? FALLBACK_NODE_COLORS[spare++ % FALLBACK_NODE_COLORS.length] } }));
  const ids = new Set(graph.nodes.map((n) => String(n.id)));
  const maxDegree = Math.max(1, ...graph.nodes.map((n) => n.degree ?? 0));
  const maxCount = Math.max(1, ...graph.edges.map((e) => e.count ?? 1));
  const nodes = graph.nodes.map((n) => ({
    id: String(n.id),
    name: nodeLabel(n),
    value: n.degree ?? 0,
    category: kinds.indexOf(kindOf(n)),
    symbolSize: 14 + 30 * Math.sqrt((n.degree ?? 0) / maxDegree),
    raw: n,
  }));
  const edges = graph.edges
    .filter((e) => ids.has(String(e.source)) && ids.has(String(e.target)))
    .map((e) => ({
      source: String(e.source),
      target: String(e.target),
      value: e.count ?? 1,
      lineStyle: { color: typeColor(e.type), width: 1 + 4 * ((e.count ?? 1) / maxCount), opacity: 0.75, curveness: 0.15 },
      raw: e,
    }));
  const names = new Map(nodes.map((n) => [n.id, n.name]));

  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FONT },
    legend: { top: 0, data: categories.map((c) => c.name), textStyle: { fontFamily: FONT, fontSize: 13 } },
    tooltip: {
      renderMode: 'richText',
      formatter: (p) =>
        p.dataType === 'edge'
          ? `${names.get(p.data.source)} → ${names.get(p.data.target)}\n${typeLabel(p.data.raw.type)} × ${p.data.value}`
          : `${p.data.name} (${p.data.value})`,
    },
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        roamTrigger: 'global', // zoom and pan from anywhere in the chart, not only over the nodes
        draggable: true,
        scaleLimit: { min: 0.2, max: 8 },
        categories,
        data: nodes,
        edges,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 7,
        label: { show: true, position: 'right', fontFamily: FONT, fontSize: 13, color: '#1c1f24' },
        labelLayout: { hideOverlap: true },
        emphasis: { focus: 'adjacency', lineStyle: { width: 5 } },
        force: { repulsion: 380, edgeLength: [80, 170], gravity: 0.12, layoutAnimation: false },
      },
    ],
  });
  chart.on('click', (p) => {
    if (p.dataType === 'node') onNode(p.data.raw);
    else if (p.dataType === 'edge') onEdge(p.data.raw);
  });
  return chart;
}
