// Training load (weekly distance, spikes, ACWR context) and running form, charted by the
// server's SVG renderer (the same charts the CLI writes) with the figures as tables.

import { get, getText } from '../api';
import { fmtNum, h, show } from '../dom';

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

export async function loadPage(main: HTMLElement): Promise<void> {
  const weeksBack = 26;
  const [load, runs] = await Promise.all([
    get<{ load: { weeks: Week[]; coverage_notes: string[]; acwr_note: string } }>(`/load?weeks=${weeksBack}`),
    get<{ runs: Run[]; rule: string }>(`/load/spikes?weeks=${weeksBack}`),
  ]);
  if (load.load.weeks.every((w) => w.running.sessions === 0) && runs.runs.length === 0) {
    emptyPage(main, 'Training load', 'Once runs are imported, this page charts your weekly distance, marks single runs that went more than 10% beyond your longest of the previous 30 days, and shows the week-to-week change.');
    return;
  }
  const weeks = load.load.weeks.slice(-weeksBack).reverse();
  const spikes = runs.runs.filter((r) => r.category !== 'none').reverse();
  show(main, 
    h('h1', {}, 'Training load'),
    await svgFigure(`/load/chart.svg?weeks=${weeksBack}`, `Weekly running distance over the last ${weeksBack} weeks, spikes highlighted, with the acute:chronic ratio as context`, 'load-chart'),
    ...load.load.coverage_notes.map((n) => h('p', { class: 'hint' }, n)),
    h('p', { class: 'hint' }, load.load.acwr_note),
    h('h2', {}, 'Run spikes'),
    h('p', { class: 'hint' }, runs.rule),
    spikes.length === 0 ? h('p', {}, 'No run longer than 10% over your longest of the previous 30 days.') :
      h('table', {}, h('caption', {}, 'Runs longer than the longest of the previous 30 days'),
        h('thead', {}, h('tr', {}, ['Date', 'Distance', 'Longest before', 'Spike', 'Category'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, spikes.slice(0, 30).map((r) => h('tr', { class: `spike-${r.category}` },
          h('td', {}, `${r.weekday} ${r.date}`), h('td', {}, fmtNum(r.distance_km, 1, 'km')),
          h('td', {}, fmtNum(r.longest_prev30_km, 1, 'km')), h('td', {}, fmtNum(r.spike_pct, 0, '%')), h('td', {}, r.category))))),
    h('h2', {}, 'Weeks'),
    h('table', {}, h('caption', {}, 'Weekly running, newest first'),
      h('thead', {}, h('tr', {}, ['Week', 'Distance', 'Runs', 'Change', 'Notes'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, weeks.map((w) => h('tr', {},
        h('td', {}, `${w.week}${w.partial ? ' (partial)' : ''}`), h('td', {}, fmtNum(w.running.km, 1, 'km')),
        h('td', {}, String(w.running.sessions)), h('td', {}, fmtNum(w.change_1w_pct, 0, '%')),
        h('td', {}, w.flags.map((f) => f.text).join(' ')))))),
  );
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
  const data = await get<FormData>('/form?weeks=26');
  if (data.form.runs.length === 0) {
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
  );
}
