import { h } from './ui.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>, ...children: Array<SVGElement | string>): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const child of children) el.append(child);
  return el;
}

export type Bar = { label: string; values: Array<{ name: string; value: number | null }> };

/**
 * Grouped horizontal bars as inline SVG. The SVG is decorative for assistive technology
 * (aria-hidden); the caller puts the same numbers in a table next to it.
 */
export function barChart(bars: Bar[], unit: (v: number) => string): SVGElement {
  const series = bars[0]?.values.map((v) => v.name) ?? [];
  const max = Math.max(1, ...bars.flatMap((b) => b.values.map((v) => v.value ?? 0)));
  const rowHeight = 18;
  const groupHeight = series.length * rowHeight + 14;
  const width = 520;
  const labelWidth = 150;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${bars.length * groupHeight + 24}`, class: 'chart', 'aria-hidden': 'true', focusable: 'false' });
  bars.forEach((bar, i) => {
    const y0 = i * groupHeight;
    chart.append(svg('text', { x: 0, y: y0 + 14, class: 'chart-label' }, bar.label));
    bar.values.forEach((v, j) => {
      const y = y0 + j * rowHeight;
      const w = v.value === null ? 0 : ((width - labelWidth - 90) * v.value) / max;
      chart.append(svg('rect', { x: labelWidth, y: y + 3, width: Math.max(w, 1), height: rowHeight - 6, class: `chart-bar series-${j}` }));
      chart.append(svg('text', { x: labelWidth + w + 6, y: y + 14, class: 'chart-value' }, `${v.name}: ${v.value === null ? '—' : unit(v.value)}`));
    });
  });
  return chart;
}

/** A line per series over months; again hidden from screen readers in favour of the table. */
export function lineChart(points: Array<{ label: string; values: Array<number | null> }>, seriesNames: string[], unit: (v: number) => string): SVGElement {
  const width = 520;
  const height = 180;
  const pad = { left: 60, right: 16, top: 12, bottom: 28 };
  const max = Math.max(1, ...points.flatMap((p) => p.values.map((v) => v ?? 0)));
  const x = (i: number) => pad.left + (points.length <= 1 ? 0 : (i * (width - pad.left - pad.right)) / (points.length - 1));
  const y = (v: number) => height - pad.bottom - (v * (height - pad.top - pad.bottom)) / max;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', 'aria-hidden': 'true', focusable: 'false' });
  chart.append(svg('line', { x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom, class: 'chart-axis' }));
  chart.append(svg('text', { x: 4, y: pad.top + 8, class: 'chart-value' }, unit(max)));
  points.forEach((p, i) => chart.append(svg('text', { x: x(i), y: height - 8, class: 'chart-label', 'text-anchor': 'middle' }, p.label)));
  seriesNames.forEach((name, s) => {
    const coords = points.map((p, i) => [i, p.values[s]] as const).filter((c): c is readonly [number, number] => c[1] !== null && c[1] !== undefined);
    if (coords.length === 0) return;
    chart.append(svg('polyline', { points: coords.map(([i, v]) => `${x(i)},${y(v)}`).join(' '), class: `chart-line series-${s}` }));
    for (const [i, v] of coords) chart.append(svg('circle', { cx: x(i), cy: y(v), r: 3.5, class: `chart-dot series-${s}` }));
    chart.append(svg('text', { x: width - pad.right - 150, y: pad.top + 10 + s * 14, class: `chart-legend series-${s}` }, `${s === 0 ? '●' : '◆'} ${name}`));
  });
  return chart;
}

export function dataTable(caption: string, headers: string[], rows: Array<Array<string | number>>, id?: string): HTMLTableElement {
  return h(
    'table',
    { id: id ?? null, class: 'data-table' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, String(cell)) : h('td', {}, String(cell))))))),
  );
}
