// Training load (weekly distance, spikes, ACWR context) and running form, charted by the
// server's SVG renderer (the same charts the CLI writes) with the figures as tables.

import { get, getText } from '../api';
import { dailyLines, dayLabel, chartWidth, weeklyBars } from '../charts';
import { field, fmtNum, h, show } from '../dom';
import { dist, distValue, heightUnit, heightValue, units } from '../units';

interface Flag { id: string; text: string; certainty: string; citation: string }
interface Week {
  week: string; monday: string; partial: boolean;
  running: { km: number; minutes: number; sessions: number };
  change_1w_pct: number | null; flags: Flag[];
}
interface Run { date: string; weekday: string; distance_km: number; longest_prev30_km: number; spike_pct: number | null; category: string; next_run_cap_km: number }

async function svgFigure(path: string, caption: string, id: string): Promise<HTMLElement> {
  const fig = h('figure', { class: 'svgchart', id });
  try {
    const svg = await getText(path);
    const holder = h('div', { role: 'img', 'aria-label': caption });
    // Our own server's SVG (no scripts: render_svg writes shapes and text only).
    holder.innerHTML = svg;
    fig.append(holder, h('figcaption', {}, caption));
  } catch (e) {
    fig.append(h('p', {}, `Chart unavailable: ${(e as Error).message}`));
  }
  return fig;
}

/// What an empty page would show once runs are imported (issue 12: no bare headers).
function emptyPage(main: HTMLElement, title: string, fills: string): void {
  show(main, h('h1', {}, title),
    h('section', { class: 'empty', id: 'empty' },
      h('p', {}, 'No runs stored yet, so there is nothing to show here.'),
      h('p', {}, fills),
      h('p', {}, h('a', { href: '#/activities', class: 'button' }, 'Import your runs'),
        ' ', h('a', { href: '#/today' }, 'Where runs come from'))));
}

interface Range { from: string; to: string; first_data: string | null; last_data: string | null }
interface FitnessDay { date: string; load: number; fitness: number; fatigue: number; form: number; settled: boolean }
interface Fitness { basis: string; unit: string; fitness_days: number; fatigue_days: number; days: FitnessDay[]; range: Range }

/// The range shown: a preset (weeks of data, or all) or from-to; empty = the server's default,
/// the last 12 weeks of the runner's data.
interface RangeChoice { weeks?: number; all?: boolean; from?: string; to?: string; basis: 'distance' | 'time' }
let choice: RangeChoice = { basis: 'distance' };

function query(c: RangeChoice, withBasis = false): string {
  const q = new URLSearchParams();
  if (c.all) q.set('all', '1');
  else if (c.from || c.to) {
    if (c.from) q.set('from', c.from);
    if (c.to) q.set('to', c.to);
  } else if (c.weeks) q.set('weeks', String(c.weeks));
  if (withBasis) q.set('basis', c.basis);
  const s = q.toString();
  return s ? `?${s}` : '';
}

const CATEGORY: Record<string, string> = { small: 'Small', moderate: 'Moderate', large: 'Large', none: 'None' };

function rangeControls(main: HTMLElement, r: Range): HTMLElement {
  const presets: [string, RangeChoice][] = [
    ['12 weeks', { weeks: 12, basis: choice.basis }],
    ['6 months', { weeks: 26, basis: choice.basis }],
    ['1 year', { weeks: 52, basis: choice.basis }],
    ['All', { all: true, basis: choice.basis }],
  ];
  const active = (c: RangeChoice) => (c.all && choice.all) ||
    (!choice.all && !choice.from && !choice.to && (choice.weeks ?? 12) === c.weeks);
  // No min/max: a range may reach beyond the data (the server answers for any dates).
  const from = h('input', { type: 'date', id: 'range-from', value: r.from });
  const to = h('input', { type: 'date', id: 'range-to', value: r.to });
  const go = async (c: RangeChoice) => {
    choice = c;
    await loadPage(main);
  };
  return h('div', { class: 'range', role: 'group', 'aria-label': 'Period shown' },
    h('div', { class: 'presets' }, presets.map(([label, c]) => h('button', {
      type: 'button', class: 'secondary', 'aria-pressed': active(c) ? 'true' : 'false', onclick: () => go(c),
    }, label))),
    h('form', { class: 'range', onsubmit: (e: Event) => {
      e.preventDefault();
      void go({ from: from.value || undefined, to: to.value || undefined, basis: choice.basis });
    } }, field('From', from), field('To', to), h('button', { type: 'submit', class: 'secondary' }, 'Show')));
}

function fitnessFigure(main: HTMLElement, f: Fitness): HTMLElement {
  const unit = f.unit === 'km' ? 'km' : 'minutes';
  const basis = h('div', { class: 'choices', role: 'radiogroup', 'aria-label': 'Measured by' },
    (['distance', 'time'] as const).map((b) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: 'fitness-basis', value: b, checked: choice.basis === b,
        onchange: async () => { choice = { ...choice, basis: b }; await loadPage(main); } }),
      ' ', b === 'distance' ? 'Distance' : 'Time')));
  const unsettled = f.days.some((d) => !d.settled);
  return h('section', { 'aria-labelledby': 'fitness-h', id: 'fitness' },
    h('h2', { id: 'fitness-h' }, 'Fitness, fatigue and form'),
    h('p', { class: 'hint' }, 'A training view, not an injury predictor. ',
      `Fitness follows your running of about the last ${Math.round(f.fitness_days / 7)} weeks, fatigue that of about the last ${f.fatigue_days} days. `,
      'Form below zero means the recent days were harder than your usual training; above zero, lighter.'),
    basis,
    h('ul', { class: 'legend' },
      h('li', {}, h('span', { class: 'key fitness' }), 'Fitness'),
      h('li', {}, h('span', { class: 'key fatigue' }), 'Fatigue'),
      h('li', {}, h('span', { class: 'key form' }), 'Form')),
    h('figure', { class: 'chartbox', id: 'fitness-chart' },
      h('figcaption', {}, `Daily running ${unit}, averaged.`,
        unsettled ? ' The first weeks of your history understate fitness: it starts from zero.' : '')));
}

export async function loadPage(main: HTMLElement): Promise<void> {
  const [load, runs, fitness] = await Promise.all([
    get<{ load: { weeks: Week[]; coverage_notes: string[]; acwr_note: string; spike_none_max_pct: number; spike_window_days: number }; range: Range }>(`/load${query(choice)}`),
    get<{ runs: Run[] }>(`/load/spikes${query(choice)}`),
    get<Fitness>(`/load/fitness${query(choice, true)}`),
  ]);
  // The spike threshold and its window come from the server's data (data/load_thresholds.yaml).
  const spikePct = load.load.spike_none_max_pct, windowDays = load.load.spike_window_days;
  if (load.range.last_data === null) {
    emptyPage(main, 'Training load', `Once runs are imported, this page charts your weekly distance, marks single runs that went more than ${spikePct}% beyond your longest of the previous ${windowDays} days, and shows the week-to-week change.`);
    return;
  }
  const r = load.range;
  const inRange = load.load.weeks.filter((w) => w.monday <= r.to);
  const weeks = [...inRange].reverse();
  const spikes = runs.runs.filter((x) => ['small', 'moderate', 'large'].includes(x.category)).reverse();
  const isDefault = !choice.all && !choice.from && !choice.to && !choice.weeks;
  show(main,
    h('h1', {}, 'Training load'),
    rangeControls(main, r),
    h('p', { id: 'range-shown' }, `${dayLabel(r.from)} to ${dayLabel(r.to)}`,
      isDefault && r.last_data ? ': the last 12 weeks of your data' : ''),
    h('ul', { class: 'legend' },
      h('li', {}, h('span', { class: 'key bar' }), 'Weekly running distance'),
      h('li', {}, h('span', { class: 'key spike' }), 'Week with a run spike')),
    h('figure', { class: 'chartbox', id: 'load-chart' },
      h('figcaption', {}, 'Weekly running distance; weeks with a run spike in the other colour.')),
    ...load.load.coverage_notes.map((n) => h('p', { class: 'hint' }, n)),
    fitnessFigure(main, fitness),
    h('h2', {}, 'Run spikes'),
    h('p', { class: 'hint' }, `Each run compared with your longest run of the ${windowDays} days before it (Frandsen 2025).`),
    spikes.length === 0 ? h('p', {}, `No run in this period was more than ${spikePct}% longer than your longest of the previous ${windowDays} days.`) :
      h('div', { class: 'scroll' }, h('table', {}, h('caption', {}, `Runs longer than the longest of the previous ${windowDays} days`),
        h('thead', {}, h('tr', {}, ['Date', 'Distance', 'Longest before', 'Longer by', 'Size', 'Keep the next run within'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, spikes.slice(0, 30).map((x) => h('tr', { class: `spike-${x.category}` },
          h('td', {}, dayLabel(x.date)), h('td', {}, dist(x.distance_km, 1)),
          h('td', {}, dist(x.longest_prev30_km, 1)), h('td', {}, fmtNum(x.spike_pct, 0, '%')),
          h('td', {}, CATEGORY[x.category] ?? x.category), h('td', {}, dist(x.next_run_cap_km, 1))))))),
    h('h2', {}, 'Weeks'),
    h('div', { class: 'scroll' }, h('table', {}, h('caption', {}, 'Weekly running, newest first'),
      h('thead', {}, h('tr', {}, ['Week of', 'Distance', 'Runs', 'Change', 'Notes'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, weeks.map((w) => h('tr', {},
        h('td', {}, `${dayLabel(w.monday)}${w.partial ? ' (partial)' : ''}`), h('td', {}, dist(w.running.km, 1)),
        h('td', {}, String(w.running.sessions)), h('td', {}, fmtNum(w.change_1w_pct, 0, '%')),
        h('td', {}, w.flags.map((f) => f.text).join(' '))))))),
    h('p', { class: 'hint' }, load.load.acwr_note),
  );
  // Draw the charts at the width they are shown at (readable labels on a phone).
  const barsFig = main.querySelector('#load-chart') as HTMLElement;
  const width = chartWidth(barsFig);
  barsFig.prepend(weeklyBars('Weekly running distance', inRange.map((w) => ({
    start: w.monday, value: distValue(w.running.km),
    highlight: spikes.some((x) => x.date >= w.monday && x.date <= addDays(w.monday, 6)),
    title: `Week of ${dayLabel(w.monday)}: ${dist(w.running.km, 1)}`,
  })), units(), width));
  (main.querySelector('#fitness-chart') as HTMLElement).prepend(dailyLines(
    `Fitness, fatigue and form from daily running ${fitness.unit === 'km' ? 'km' : 'minutes'}`,
    fitness.days.map((d) => d.date), [
      { name: 'Fitness', values: fitness.days.map((d) => d.fitness), cls: 'fitness' },
      { name: 'Fatigue', values: fitness.days.map((d) => d.fatigue), cls: 'fatigue' },
      { name: 'Form', values: fitness.days.map((d) => d.form), cls: 'form' },
    ], width));
}

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

interface FormRun { date: string; distance_km: number; cadence_spm: number | null; step_length_m: number | null }
interface FormData {
  form: {
    comparison: Record<string, number | string | boolean | null>;
    flags: Flag[];
    cannot_see: string[];
    runs: FormRun[];
  };
}

export async function formPage(main: HTMLElement): Promise<void> {
  const [data, stored] = await Promise.all([get<FormData>('/form?weeks=26'), get<{ total: number }>('/activities?limit=1')]);
  // Empty only when nothing is stored: an older history has runs but none in the form window.
  if (stored.total === 0) {
    emptyPage(main, 'Running form', 'Once runs are imported (watch FIT files record cadence), this page compares your recent cadence and step length with your own baseline at matched pace, and shows how much of your running is downhill.');
    return;
  }
  const c = data.form.comparison;
  show(main, 
    h('h1', {}, 'Running form'),
    await svgFigure('/form/chart.svg?weeks=26', 'Cadence and step length per run over the last 26 weeks', 'form-chart'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Cadence, last 14 days'), h('dd', {}, fmtNum(c.cadence_recent_spm as number | null, 0, 'steps/min')),
      h('dt', {}, 'Cadence, your baseline'), h('dd', {}, fmtNum(c.cadence_baseline_spm as number | null, 0, 'steps/min')),
      h('dt', {}, 'Change at matched pace'), h('dd', {}, fmtNum(c.cadence_matched_change_pct as number | null, 1, '%')),
      h('dt', {}, 'Step length change'), h('dd', {}, fmtNum(c.step_length_matched_change_pct as number | null, 1, '%')),
      h('dt', {}, 'Downhill share, recent'), h('dd', {}, fmtNum(c.downhill_recent_pct as number | null, 1, '%'))),
    h('ul', {}, data.form.flags.map((f) => h('li', {}, f.text, h('span', { class: 'cite' }, ` [${f.citation}]`)))),
    data.form.cannot_see.length ? h('p', { class: 'hint' }, 'Files cannot show: ', data.form.cannot_see.join('; '), '.') : null,
    data.form.runs.length ? h('table', { id: 'form-runs' },
      h('caption', {}, 'The last runs with form data'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col' }, 'Distance'),
        h('th', { scope: 'col' }, 'Cadence (steps/min)'), h('th', { scope: 'col' }, `Step length (${heightUnit()})`))),
      h('tbody', {}, data.form.runs.slice(-10).reverse().map((r) => h('tr', {},
        h('td', {}, dayLabel(r.date)), h('td', {}, dist(r.distance_km, 2)),
        h('td', {}, fmtNum(r.cadence_spm, 0)), h('td', {}, fmtNum(r.step_length_m === null ? null : heightValue(r.step_length_m), 2)))))) : null,
  );
}
