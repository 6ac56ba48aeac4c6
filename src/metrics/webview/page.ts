// The metrics page (bundled separately for the browser, with uPlot). Everything shown is
// set as text (textContent, properties: never HTML); charts are drawn on canvases by uPlot
// in the theme's colours (read from VS Code's CSS variables again when the theme changes),
// and "Show as table" swaps each chart for a real table for screen readers. Release
// markers are buttons on the time axis. Every choice goes to the host as a message it validates.
import uPlot from 'uplot';
import type { ChartModel, ReleaseMarker, SeriesRole } from '../core/chartTypes';
import type { PageText } from '../core/pageText';
import type { Inbound, Outbound } from '../core/protocol';
import { RANGES, type MetricsRange } from '../core/ranges';
import { seriesDash } from '../core/seriesStyle';
import { $, el } from '../../shared/webview/dom';

declare function acquireVsCodeApi(): { postMessage(m: Inbound): void; getState(): unknown; setState(s: unknown): void };
const vscode = acquireVsCodeApi();

interface State {
  table: boolean;
}
let state: State = { table: false, ...((vscode.getState() as Partial<State> | undefined) ?? {}) };
let text: PageText | undefined;
let range: MetricsRange = '24h';
let metrics: Extract<Outbound, { type: 'metrics' }> | undefined;
let live: Extract<Outbound, { type: 'live' }> | undefined;
/** The drawn charts by id, to update the live ones in place and to resize them all. */
const plots = new Map<string, { plot: uPlot; labels: string }>();

/** A chart no longer drawn: uPlot keeps every chart in a set of its own, with a window listener, until it is destroyed. */
function forgetPlot(id: string): void {
  plots.get(id)?.plot.destroy();
  plots.delete(id);
}

/** `{0}`… of a translated template filled in order (text only: the result is set as text). */
function fill(template: string, ...args: Array<string | number>): string {
  return template.replace(/\{(\d)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}


/** A message to the host: the type of the schema the host validates with. */
export function post(m: Inbound): void {
  vscode.postMessage(m);
}

export function receive(m: Outbound): void {
  switch (m.type) {
    case 'init':
      text = m.text;
      range = m.range;
      $('title').textContent = fill(m.text.title, m.app);
      drawFrame();
      return;
    case 'metrics':
      metrics = m;
      range = m.range;
      $('error').textContent = '';
      $('error').classList.add('empty');
      drawRanges();
      drawMetrics();
      return;
    case 'live':
      live = m;
      drawLive();
      return;
    case 'busy':
      $('window').textContent = m.label;
      return;
    case 'failed':
      $('error').textContent = m.message;
      $('error').classList.remove('empty');
      if (metrics) $('window').textContent = metrics.window;
      // Back on the range shown: the failed one can be chosen again.
      range = m.range;
      drawRanges();
      return;
    default: {
      const _unhandled: never = m;
      return _unhandled;
    }
  }
}

// ---- the frame: headings, ranges, the table toggle -----------------------------------

function drawFrame(): void {
  if (!text) return;
  $('herokuTitle').textContent = text.heroku;
  $('liveTitle').textContent = text.live;
  $('dashboard').textContent = text.openDashboard;
  $('ranges').setAttribute('aria-label', text.rangeGroup);
  const toggle = $('tableToggle');
  toggle.textContent = text.showAsTable;
  toggle.setAttribute('aria-pressed', String(state.table));
  drawRanges();
}

function drawRanges(): void {
  if (!text) return;
  const group = $('ranges');
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.range : undefined;
  group.replaceChildren(
    ...RANGES.map((r) => {
      const b = el('button', { type: 'button', textContent: text!.ranges[r] });
      b.dataset.range = r;
      b.setAttribute('aria-pressed', String(r === range));
      return b;
    }),
  );
  if (focused) (group.querySelector(`[data-range="${focused}"]`) as HTMLElement | null)?.focus();
}

// ---- charts -------------------------------------------------------------------------------

/** A VS Code theme colour (its CSS variable), read now: a theme change reads them again. */
function cssColor(name: string, fallback: string): string {
  return opaque(getComputedStyle(document.body).getPropertyValue(name).trim()) || fallback;
}

/** A line is drawn at full strength: some theme colours carry an alpha (VS Code's charts.orange is the minimap's find-match colour). */
function opaque(color: string): string {
  const hex = /^#([0-9a-f]{6})[0-9a-f]{2}$/i.exec(color) ?? /^#([0-9a-f]{3})[0-9a-f]$/i.exec(color);
  if (hex) return `#${hex[1]}`;
  const rgba = /^rgba\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)[,\s/]+[\d.%]+\s*\)$/i.exec(color);
  return rgba ? `rgb(${rgba[1]}, ${rgba[2]}, ${rgba[3]})` : color;
}

const CODE_COLORS = ['--vscode-charts-red', '--vscode-charts-purple', '--vscode-charts-yellow', '--vscode-charts-blue', '--vscode-charts-green', '--vscode-foreground'];
const ROLE_COLORS: Partial<Record<SeriesRole, string>> = {
  total: '--vscode-foreground',
  '2xx': '--vscode-charts-green',
  '3xx': '--vscode-charts-blue',
  '4xx': '--vscode-charts-yellow',
  '5xx': '--vscode-charts-red',
  p50: '--vscode-charts-blue',
  p95: '--vscode-charts-purple',
  p99: '--vscode-charts-red',
  rss: '--vscode-charts-blue',
  swap: '--vscode-charts-purple',
  quota: '--vscode-charts-red',
  mean: '--vscode-charts-blue',
  max: '--vscode-charts-purple',
  other: '--vscode-charts-yellow',
};

function seriesColor(role: SeriesRole, index: number): string {
  const name = role === 'code' ? CODE_COLORS[index % CODE_COLORS.length]! : (ROLE_COLORS[role] ?? '--vscode-charts-purple');
  return cssColor(name, cssColor('--vscode-foreground', '#888'));
}

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });
const liveTimeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

function chartFigure(model: ChartModel, markers: readonly ReleaseMarker[], isLive: boolean): HTMLElement {
  const heading = el('h3', { id: `h-${model.id}`, textContent: model.title });
  const figure = el('section', { className: 'chart' }, heading);
  figure.setAttribute('aria-labelledby', heading.id);
  figure.dataset.chart = model.id;
  // This figure replaces the chart drawn before under that id, if any.
  forgetPlot(model.id);
  if (model.empty) {
    figure.append(el('p', { className: 'why', textContent: model.empty }));
    return figure;
  }
  const legend = el('ul', { className: 'legend' });
  model.series.forEach((s, i) => legend.append(el('li', {}, swatch(seriesColor(s.role, i), seriesDash(i)), s.label)));
  figure.append(el('p', { className: 'unit', textContent: model.unitText }), legend);
  if (state.table) {
    figure.append(chartTable(model, isLive));
    return figure;
  }
  const box = el('div', { className: 'plot' });
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', fill(text?.chartName ?? '{0}', model.title));
  figure.append(box);
  // Drawn once the box is in the page (its width is known then).
  requestAnimationFrame(() => drawPlot(box, model, markers));
  return figure;
}

/** A legend's sample of a series: its colour and its very dash, drawn as the chart draws it. */
function swatch(color: string, dash: number[]): HTMLCanvasElement {
  const c = el('canvas', { className: 'swatch', width: 36, height: 8 });
  c.setAttribute('aria-hidden', 'true');
  const ctx = c.getContext('2d');
  if (ctx) {
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(0, 4);
    ctx.lineTo(36, 4);
    ctx.stroke();
  }
  return c;
}

function plotData(model: ChartModel): uPlot.AlignedData {
  return [model.times.map((t) => t / 1000), ...model.series.map((s) => s.values)] as uPlot.AlignedData;
}

function drawPlot(box: HTMLElement, model: ChartModel, markers: readonly ReleaseMarker[]): void {
  if (!box.isConnected) return;
  forgetPlot(model.id);
  const fg = cssColor('--vscode-foreground', '#888');
  const grid = cssColor('--vscode-charts-lines', cssColor('--vscode-widget-border', 'rgba(128,128,128,0.3)'));
  const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: `12px ${getComputedStyle(document.body).fontFamily}` };
  const opts: uPlot.Options = {
    width: Math.max(200, box.clientWidth),
    height: 180,
    legend: { show: false },
    cursor: { drag: { x: false, y: false, setScale: false } },
    scales: { x: { time: true } },
    series: [{}, ...model.series.map((s, i) => ({ label: s.label, stroke: seriesColor(s.role, i), width: 1.5, dash: seriesDash(i), points: { show: false } }))],
    axes: [axis, { ...axis, size: 64, values: (_u: uPlot, vals: number[]) => vals.map((v) => numberFormat.format(v)) }],
    hooks: {
      // The release strip lines up with the first drawn chart's plotting area.
      ready: [(u: uPlot) => leadsMarkers(model.id) && placeMarkers(u)],
      setSize: [(u: uPlot) => leadsMarkers(model.id) && placeMarkers(u)],
      draw: [
        (u: uPlot) => {
          // Release markers: a dashed line at each release's time.
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = fg;
          ctx.setLineDash([4, 4]);
          ctx.lineWidth = 1;
          for (const m of markers) {
            const x = Math.round(u.valToPos(m.at / 1000, 'x', true));
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
  const plot = new uPlot(opts, plotData(model), box);
  plots.set(model.id, { plot, labels: model.series.map((s) => s.label).join('\n') });
}

function leadsMarkers(id: string): boolean {
  return Boolean(metrics?.markers.length) && id === metrics?.charts.find((c) => !c.empty)?.id;
}

function chartTable(model: ChartModel, isLive: boolean): HTMLTableElement {
  const table = el('table', {}, el('caption', { textContent: fill(text?.tableCaption ?? '{0}', model.title, model.unitText) }));
  const head = el('tr', {}, el('th', { scope: 'col', textContent: text?.time ?? '' }), ...model.series.map((s) => el('th', { scope: 'col', textContent: s.label })));
  const body = el('tbody');
  model.times.forEach((t, i) => {
    const when = (isLive ? liveTimeFormat : timeFormat).format(t);
    body.append(el('tr', {}, el('th', { scope: 'row', textContent: when }), ...model.series.map((s) => el('td', { textContent: s.values[i] === null || s.values[i] === undefined ? '—' : numberFormat.format(s.values[i]!) }))));
  });
  table.append(el('thead', {}, head), body);
  return table;
}

// ---- release markers --------------------------------------------------------------------

function drawMarkers(): void {
  const box = $('markers');
  // The strip is built again: the focus stays on the marker it was on.
  const focused = box.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.version : undefined;
  box.replaceChildren();
  if (!metrics || metrics.unsupported || !text) return;
  const heading = el('h3', { id: 'markersTitle', textContent: text.releases });
  if (!metrics.markers.length) {
    box.append(heading, el('p', { className: 'why', textContent: text.noReleases }));
    return;
  }
  // Beside charts the markers sit on their time axis; beside tables (no axis) they are a list, each with its time.
  const strip = el('ul', { className: 'strip', id: 'strip' });
  strip.classList.toggle('list', state.table);
  strip.setAttribute('aria-labelledby', heading.id);
  const span = rangeSpan();
  for (const m of metrics.markers) {
    const when = timeFormat.format(m.at);
    const name = fill(text.markerName, m.version, text.markerKinds[m.kind], when, m.description);
    const b = el('button', { type: 'button', className: `marker ${m.kind}`, textContent: state.table ? `v${m.version} · ${when}` : `v${m.version}`, title: name });
    b.setAttribute('aria-label', name);
    b.dataset.version = String(m.version);
    const li = el('li', {}, b);
    if (!state.table) li.style.left = `${(100 * (m.at - span.start)) / Math.max(1, span.end - span.start)}%`;
    strip.append(li);
  }
  box.append(heading, strip);
  if (focused) strip.querySelector<HTMLElement>(`[data-version="${focused}"]`)?.focus();
}

/** The time span the charts show (the first drawn chart's, else the markers'). */
function rangeSpan(): { start: number; end: number } {
  const times = metrics?.charts.find((c) => c.times.length)?.times;
  if (times?.length) return { start: times[0]!, end: times[times.length - 1]! };
  const at = metrics?.markers.map((m) => m.at) ?? [0];
  return { start: Math.min(...at) - 1, end: Math.max(...at) + 1 };
}

/**
 * The strip lines up with the plotting area of the first chart (the y axis takes the left
 * of it); markers too close to tell apart go on the next row, so none hides another.
 */
function placeMarkers(plot: uPlot): void {
  const strip = document.getElementById('strip');
  if (!strip?.parentElement) return;
  const area = plot.over.getBoundingClientRect();
  if (!area.width) return;
  strip.style.marginLeft = `${Math.max(0, area.left - strip.parentElement.getBoundingClientRect().left)}px`;
  strip.style.width = `${area.width}px`;
  stackMarkers(strip);
}

function stackMarkers(strip: HTMLElement): void {
  const rowEnds: number[] = [];
  for (const li of strip.querySelectorAll('li')) {
    li.style.top = '0';
    const box = li.getBoundingClientRect();
    let row = rowEnds.findIndex((end) => box.left >= end + 4);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = box.right;
    li.style.top = `${row * 1.8}em`;
  }
  strip.style.height = `${Math.max(1, rowEnds.length) * 1.8 + 0.2}em`;
}

// ---- the two sections ----------------------------------------------------------------------

function drawMetrics(): void {
  if (!metrics || !text) return;
  $('window').textContent = metrics.window;
  const note = $('note');
  note.textContent = metrics.note ?? '';
  note.hidden = !metrics.note;
  const unsupported = $('unsupported');
  $('unsupportedText').textContent = metrics.unsupported ?? '';
  unsupported.classList.toggle('empty', !metrics.unsupported);
  drawMarkers();
  for (const id of [...plots.keys()]) {
    if (!id.startsWith('live:')) forgetPlot(id);
  }
  $('herokuCharts').replaceChildren(...metrics.charts.map((c) => chartFigure(c, metrics!.markers, false)));
  // Charts without a drawn plot (every one empty): the strip takes the page's width.
  requestAnimationFrame(() => {
    const strip = document.getElementById('strip');
    if (strip && !state.table && !plots.size) stackMarkers(strip);
  });
}

function drawLive(): void {
  if (!live || !text) return;
  const status = $('liveStatus');
  if (status.textContent !== live.status) status.textContent = live.status;
  const box = $('liveCharts');
  for (const c of live.charts) {
    const drawn = plots.get(c.id);
    const figure = box.querySelector<HTMLElement>(`[data-chart="${c.id}"]`);
    // The same series as drawn: new points in place (no redraw of the page around it).
    if (!state.table && drawn && figure && !c.empty && drawn.labels === c.series.map((s) => s.label).join('\n')) {
      drawn.plot.setData(plotData(c));
      continue;
    }
    // A table is rewritten only when the window moves on (every 10 s), and never under the focus: a screen reader reading it is not interrupted every second.
    if (state.table && figure && (figure.contains(document.activeElement) || figure.dataset.first === String(c.times[0]))) continue;
    const next = chartFigure(c, [], true);
    next.dataset.first = String(c.times[0]);
    if (figure) figure.replaceWith(next);
    else box.append(next);
  }
}

function redrawAll(): void {
  for (const id of [...plots.keys()]) forgetPlot(id);
  $('liveCharts').replaceChildren();
  drawMetrics();
  drawLive();
}

// ---- events ------------------------------------------------------------------------------------

$('ranges').addEventListener('click', (e) => {
  const r = (e.target as HTMLElement).closest('button')?.dataset.range;
  // The range shown is not asked again, unless nothing is shown yet (the first load failed).
  if (r && (RANGES as readonly string[]).includes(r) && (r !== range || !metrics)) {
    range = r as MetricsRange;
    drawRanges();
    post({ type: 'setRange', range });
  }
});
$('tableToggle').addEventListener('click', () => {
  state = { ...state, table: !state.table };
  vscode.setState(state);
  $('tableToggle').setAttribute('aria-pressed', String(state.table));
  redrawAll();
});
$('dashboard').addEventListener('click', () => post({ type: 'openDashboard' }));
$('markers').addEventListener('click', (e) => {
  const v = (e.target as HTMLElement).closest('button')?.dataset.version;
  if (v) post({ type: 'showRelease', version: Number(v) });
});
window.addEventListener('message', (e: MessageEvent<Outbound>) => receive(e.data));
// The theme's colours are read when a chart is drawn: a theme change (VS Code changes the body's class) draws them again.
new MutationObserver(() => redrawAll()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
new ResizeObserver(() => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    for (const { plot } of plots.values()) {
      const box = plot.root.parentElement;
      if (box) plot.setSize({ width: Math.max(200, box.clientWidth), height: 180 });
    }
    const strip = document.getElementById('strip');
    if (!state.table && !plots.size && strip) stackMarkers(strip);
  }, 100);
}).observe(document.body);
post({ type: 'ready' });
