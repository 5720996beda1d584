// Hand-written SVG charts: a line chart over a shared x axis, and bars with an overlaid line.

import { s } from './dom';

export interface Series {
  name: string;
  values: (number | null)[];
  color: string; // a CSS colour, e.g. 'var(--c-pace)', so that the chart follows the colour scheme
  invert?: boolean; // pace: smaller is faster, drawn upwards
}

const W = 640;
const H = 180;
const PAD = { l: 46, r: 10, t: 10, b: 24 };

function extent(values: (number | null)[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo === Infinity) return null;
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo, hi];
}

function frame(label: string): SVGElement {
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, class: 'chart' });
  svg.appendChild(s('title', {}, label));
  return svg;
}

/// One series per chart, x from `xs` (e.g. minutes). Gaps (null) break the line.
export function lineChart(label: string, xs: number[], series: Series, xUnit: string, yFormat: (v: number) => string): SVGElement {
  const svg = frame(label);
  const ex = extent(xs);
  const ey = extent(series.values);
  if (!ex || !ey) {
    svg.appendChild(s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'no data'));
    return svg;
  }
  const x = (v: number) => PAD.l + ((v - ex[0]) / (ex[1] - ex[0])) * (W - PAD.l - PAD.r);
  const yr = (v: number) => (v - ey[0]) / (ey[1] - ey[0]);
  const y = (v: number) => PAD.t + (series.invert ? yr(v) : 1 - yr(v)) * (H - PAD.t - PAD.b);
  let d = '';
  let pen = false;
  series.values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(xs[i]).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  for (const t of [ey[0], (ey[0] + ey[1]) / 2, ey[1]]) {
    svg.appendChild(s('line', { x1: PAD.l, x2: W - PAD.r, y1: y(t), y2: y(t), class: 'grid' }));
    svg.appendChild(s('text', { x: PAD.l - 4, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, yFormat(t)));
  }
  const anchors = ['start', 'middle', 'end'];
  [ex[0], (ex[0] + ex[1]) / 2, ex[1]].forEach((t, i) => {
    svg.appendChild(s('text', { x: x(t), y: H - 6, 'text-anchor': anchors[i], class: 'tick' }, `${Math.round(t)} ${xUnit}`));
  });
  svg.appendChild(s('path', { d, fill: 'none', style: `stroke: ${series.color}`, 'stroke-width': 1.5 }));
  return svg;
}

export interface BarPoint {
  label: string; // x label (a date)
  bar: number | null; // e.g. km run that day
  line: number | null; // e.g. pain 0-10
}

/// Bars (left axis) with a dotted line on a 0-10 scale (right axis): pain against runs.
export function barLineChart(label: string, points: BarPoint[], barName: string, lineName: string): SVGElement {
  const svg = frame(label);
  if (points.length === 0) {
    svg.appendChild(s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'no data yet'));
    return svg;
  }
  const maxBar = Math.max(1, ...points.map((p) => p.bar ?? 0));
  const step = (W - PAD.l - PAD.r) / points.length;
  const yBar = (v: number) => H - PAD.b - (v / maxBar) * (H - PAD.t - PAD.b);
  const yLine = (v: number) => H - PAD.b - (v / 10) * (H - PAD.t - PAD.b);
  points.forEach((p, i) => {
    if (p.bar) {
      svg.appendChild(
        s('rect', { x: PAD.l + i * step + step * 0.15, y: yBar(p.bar), width: step * 0.7, height: H - PAD.b - yBar(p.bar), class: 'bar' },
          s('title', {}, `${p.label}: ${p.bar.toFixed(1)} ${barName}`)),
      );
    }
  });
  let d = '';
  points.forEach((p, i) => {
    if (p.line === null) return;
    const cx = PAD.l + i * step + step / 2;
    d += `${d ? 'L' : 'M'}${cx.toFixed(1)},${yLine(p.line).toFixed(1)}`;
    svg.appendChild(s('circle', { cx, cy: yLine(p.line), r: 3.5, class: 'dot' }, s('title', {}, `${p.label}: ${lineName} ${p.line}`)));
  });
  if (d) svg.appendChild(s('path', { d, class: 'painline', fill: 'none' }));
  svg.appendChild(s('text', { x: PAD.l - 4, y: PAD.t + 8, 'text-anchor': 'end', class: 'tick' }, `${maxBar.toFixed(0)}`));
  svg.appendChild(s('text', { x: W - 2, y: PAD.t + 8, 'text-anchor': 'end', class: 'tick' }, `${lineName} 10`));
  const first = points[0].label;
  const last = points[points.length - 1].label;
  svg.appendChild(s('text', { x: PAD.l, y: H - 6, class: 'tick' }, first));
  svg.appendChild(s('text', { x: W - PAD.r, y: H - 6, 'text-anchor': 'end', class: 'tick' }, last));
  return svg;
}
