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

/// "4 Jul 2016" from "2016-07-04".
export function dayLabel(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/// Charts drawn at the pixel width they are shown at, so their text stays readable on a phone.
export function chartWidth(el: HTMLElement): number {
  return Math.max(300, Math.min(940, Math.floor(el.clientWidth || 640)));
}

/// x labels at most every `minGap` pixels: the indices to label out of n.
function labelIndices(n: number, plotW: number, minGap = 120): number[] {
  if (n === 0) return [];
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / minGap))));
  const out: number[] = [];
  for (let i = 0; i < n; i += every) out.push(i);
  return out;
}

export interface WeekBar { start: string; value: number; highlight: boolean; title: string }

/// Weekly bars (e.g. km), highlighted weeks in another colour, dates under the bars.
export function weeklyBars(label: string, bars: WeekBar[], unit: string, width: number): SVGElement {
  const w = width;
  const hgt = 220;
  const pad = { l: 40, r: 8, t: 12, b: 28 };
  const svg = s('svg', { viewBox: `0 0 ${w} ${hgt}`, width: w, height: hgt, role: 'img', 'aria-label': label, class: 'chart' });
  svg.appendChild(s('title', {}, label));
  if (bars.length === 0) {
    svg.appendChild(s('text', { x: w / 2, y: hgt / 2, 'text-anchor': 'middle' }, 'no runs in this period'));
    return svg;
  }
  const max = Math.max(1, ...bars.map((b) => b.value));
  const top = niceCeil(max);
  const plotW = w - pad.l - pad.r;
  const step = plotW / bars.length;
  const y = (v: number) => hgt - pad.b - (v / top) * (hgt - pad.t - pad.b);
  for (const t of [0, top / 2, top]) {
    svg.appendChild(s('line', { x1: pad.l, x2: w - pad.r, y1: y(t), y2: y(t), class: 'grid' }));
    svg.appendChild(s('text', { x: pad.l - 4, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, `${fmtTick(t)}${t === top ? ` ${unit}` : ''}`));
  }
  bars.forEach((b, i) => {
    if (b.value <= 0) return;
    svg.appendChild(s('rect', { x: pad.l + i * step + step * 0.12, y: y(b.value), width: Math.max(1, step * 0.76),
      height: hgt - pad.b - y(b.value), class: b.highlight ? 'bar spike' : 'bar' }, s('title', {}, b.title)));
  });
  for (const i of labelIndices(bars.length, plotW)) {
    svg.appendChild(s('text', { x: pad.l + i * step + step / 2, y: hgt - 8, 'text-anchor': i === 0 ? 'start' : 'middle', class: 'tick' }, dayLabel(bars[i].start)));
  }
  return svg;
}

export interface DailySeries { name: string; values: number[]; cls: string }

/// Several daily series over the same dates, with a zero line when values go negative.
export function dailyLines(label: string, dates: string[], series: DailySeries[], width: number): SVGElement {
  const w = width;
  const hgt = 240;
  const pad = { l: 40, r: 8, t: 12, b: 28 };
  const svg = s('svg', { viewBox: `0 0 ${w} ${hgt}`, width: w, height: hgt, role: 'img', 'aria-label': label, class: 'chart' });
  svg.appendChild(s('title', {}, label));
  const all = series.flatMap((x) => x.values);
  if (dates.length === 0 || all.length === 0) {
    svg.appendChild(s('text', { x: w / 2, y: hgt / 2, 'text-anchor': 'middle' }, 'no runs in this period'));
    return svg;
  }
  const lo = Math.min(0, ...all);
  const hi = Math.max(1, ...all);
  const plotW = w - pad.l - pad.r;
  const x = (i: number) => pad.l + (dates.length === 1 ? plotW / 2 : (i / (dates.length - 1)) * plotW);
  const y = (v: number) => pad.t + (1 - (v - lo) / (hi - lo)) * (hgt - pad.t - pad.b);
  const ticks = lo < 0 ? [lo, 0, hi] : [0, hi / 2, hi];
  for (const t of ticks) {
    svg.appendChild(s('line', { x1: pad.l, x2: w - pad.r, y1: y(t), y2: y(t), class: t === 0 ? 'grid zero' : 'grid' }));
    svg.appendChild(s('text', { x: pad.l - 4, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, fmtTick(t)));
  }
  for (const se of series) {
    const d = se.values.map((v, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join('');
    svg.appendChild(s('path', { d, fill: 'none', class: `series ${se.cls}` }, s('title', {}, se.name)));
  }
  for (const i of labelIndices(dates.length, plotW)) {
    svg.appendChild(s('text', { x: x(i), y: hgt - 8, 'text-anchor': i === 0 ? 'start' : 'middle', class: 'tick' }, dayLabel(dates[i])));
  }
  return svg;
}

function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function fmtTick(v: number): string {
  return Math.abs(v) >= 10 || v === 0 ? v.toFixed(0) : v.toFixed(1);
}
