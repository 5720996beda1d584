// Activities: import by drag and drop or file picker (with progress), the list, and one run's
// pace, heart rate and cadence over time.

import { get, patch, upload, ApiError } from '../api';
import { dayLabel, lineChart } from '../charts';
import { fmtDuration, fmtNum, fmtPace, h, s, show } from '../dom';
import { dist as fmtDist, distValue, height, heightUnit, heightValue, pace as fmtRunnerPace, units } from '../units';

export interface ActivitySummary {
  id: number;
  name: string;
  default_name?: string;
  renamed?: boolean;
  date: string;
  start_utc: string;
  start_local?: string;
  sport: string;
  sub_sport: string;
  distance_km: number;
  duration_s: number;
  pace_s_per_km: number | null;
  avg_heart_rate: number | null;
  avg_cadence_spm: number | null;
  ascent_m: number | null;
  source: { name: string; format: string; device: string };
}

interface ImportReply {
  imported: number;
  duplicates: number;
  failed: number;
  files: { name: string; status: string; message?: string; activities?: number[] }[];
  warnings: string[];
}

/// The start in the runner's local time as the server gives it ("2024-05-01T08:30:00+02:00":
/// the file's offset, else the runner's zone), never converted by the browser's own zone.
function localTime(a: ActivitySummary): string {
  const m = /T(\d{2}:\d{2})/.exec(a.start_local ?? '');
  return m ? `, ${m[1]}` : '';
}

function importer(onDone: () => void): HTMLElement {
  // One control: the file input is visually hidden behind its label, which looks like a button.
  const input = h('input', { type: 'file', id: 'import-file', class: 'visually-hidden', multiple: true, accept: '.fit,.gpx,.tcx,.csv,.zip,.gz' });
  const list = h('ul', { class: 'uploads', 'aria-live': 'polite', id: 'import-status' });
  const run = async (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      const bar = h('progress', { max: 1, value: 0, 'aria-label': `Uploading ${file.name}` });
      const msg = h('span', {}, ' uploading…');
      list.appendChild(h('li', {}, `${file.name} `, bar, msg));
      try {
        const r = await upload<ImportReply>(file, (f) => (bar.value = f));
        bar.value = 1;
        msg.textContent = ` ${r.imported} imported, ${r.duplicates} already stored, ${r.failed} failed` +
          (r.files.find((x) => x.message)?.message ? ` — ${r.files.find((x) => x.message)?.message}` : '');
      } catch (e) {
        msg.textContent = ` failed: ${e instanceof ApiError ? e.message : String(e)}`;
        msg.className = 'error';
      }
    }
    onDone();
  };
  input.addEventListener('change', () => input.files && void run(input.files));
  const zone = h('div', { class: 'dropzone', id: 'dropzone' },
    h('p', {}, 'Drop FIT, GPX, TCX or CSV files, or a Garmin or Strava export archive, here.'),
    input,
    h('label', { for: 'import-file', class: 'button' }, 'Choose files'));
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer?.files.length) void run(e.dataTransfer.files);
  });
  return h('section', { 'aria-labelledby': 'import-h' }, h('h2', { id: 'import-h' }, 'Import'), zone, list);
}

const PAGE = 20;

export async function activitiesPage(main: HTMLElement): Promise<void> {
  const table = h('div', { id: 'activity-list' });
  let offset = 0;
  const load = async () => {
    const data = await get<{ activities: ActivitySummary[]; total: number }>(`/activities?limit=${PAGE}&offset=${offset}`);
    if (data.total === 0) {
      table.replaceChildren(h('p', {}, 'No activities yet: import some above.'));
      return;
    }
    const go = (to: number) => async () => {
      offset = Math.max(0, to);
      await load();
      table.querySelector('caption')?.scrollIntoView({ block: 'nearest' });
    };
    const last = Math.min(offset + data.activities.length, data.total);
    const pager = data.total > PAGE ? h('nav', { class: 'pager', 'aria-label': 'Pages of activities' },
      h('button', { type: 'button', class: 'secondary', disabled: offset === 0, onclick: go(offset - PAGE) }, 'Newer'),
      h('button', { type: 'button', class: 'secondary', disabled: last >= data.total, onclick: go(offset + PAGE) }, 'Older')) : '';
    table.replaceChildren(h('table', { class: 'activities' },
      h('caption', {}, `Your activities, newest first: ${offset + 1}–${last} of ${data.total}`),
      h('thead', {}, h('tr', {},
        ['Activity', 'Distance', 'Time', 'Pace'].map((t) => h('th', { scope: 'col' }, t)),
        ['Heart rate', 'Cadence'].map((t) => h('th', { scope: 'col', class: 'wide' }, t)))),
      h('tbody', {}, data.activities.map((a) => h('tr', {},
        h('td', {}, h('a', { href: `#/activities/${a.id}` }, a.name), h('br'), h('span', { class: 'hint' }, dayLabel(a.date), localTime(a))),
        h('td', {}, fmtDist(a.distance_km, 2)),
        h('td', {}, fmtDuration(a.duration_s)),
        h('td', {}, fmtRunnerPace(a.pace_s_per_km)),
        h('td', { class: 'wide' }, fmtNum(a.avg_heart_rate, 0, 'bpm')),
        h('td', { class: 'wide' }, fmtNum(a.avg_cadence_spm, 0, 'spm')))))), pager);
  };
  show(main, h('h1', {}, 'Activities'), importer(() => { offset = 0; void load(); }), h('h2', {}, 'Your runs'), table);
  await load();
}

interface Split {
  index: number; distance_km: number; time_s: number; pace_s_per_km: number | null; avg_heart_rate: number | null;
  avg_cadence_spm: number | null; ascent_m: number | null; descent_m: number | null; partial: boolean;
}
interface Detail {
  activity: ActivitySummary & { elapsed_s: number; max_heart_rate: number | null };
  streams: {
    time_s: number[]; distance_km: (number | null)[]; pace_s_per_km: (number | null)[]; heart_rate_bpm: (number | null)[];
    cadence_spm: (number | null)[]; altitude_m: (number | null)[];
  };
  split_unit: 'km' | 'mile';
  splits: Split[];
  route: [number, number][];
  spike: { longest_prev30_km: number; spike_pct: number | null; category: string; enough_history: boolean; window_days: number } | null;
}

let splitUnit: 'km' | 'mile' | null = null;  // null: the runner's setting

/// The route as one SVG polyline from the stored positions: no map tiles, nothing fetched.
function routeFigure(route: [number, number][]): HTMLElement | null {
  if (route.length < 2) return null;
  const lat0 = route.reduce((a, p) => a + p[0], 0) / route.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = route.map((p) => p[1] * k);
  const ys = route.map((p) => -p[0]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(x1 - x0, y1 - y0, 1e-9);
  const size = 400;
  const pad = 16;
  const sc = (size - 2 * pad) / span;
  const w = (x1 - x0) * sc + 2 * pad;
  const hh = (y1 - y0) * sc + 2 * pad;
  const pts = route.map((_, i) => `${((xs[i] - x0) * sc + pad).toFixed(1)},${((ys[i] - y0) * sc + pad).toFixed(1)}`);
  const [sx, sy] = pts[0].split(',');
  const [ex, ey] = pts[pts.length - 1].split(',');
  const svg = s('svg', { viewBox: `0 0 ${w.toFixed(1)} ${hh.toFixed(1)}`, class: 'route', role: 'img', 'aria-label': 'Route of the run, north up' },
    s('title', {}, 'Route of the run, north up'),
    s('polyline', { points: pts.join(' '), class: 'track' }),
    s('circle', { cx: sx, cy: sy, r: 6, class: 'start' }, s('title', {}, 'Start')),
    s('circle', { cx: ex, cy: ey, r: 6, class: 'finish' }, s('title', {}, 'Finish')));
  return h('figure', { id: 'route' }, svg,
    h('figcaption', {}, 'Route from your file, north up; the filled dot is the start, the ringed one the finish.'));
}

function spikeText(d: Detail): string | null {
  const sp = d.spike;
  if (!sp) return null;
  const days = sp.window_days;  // data/load_thresholds.yaml's spike window, sent by the server
  if (!sp.enough_history || !sp.longest_prev30_km) return `There are not enough earlier runs to compare this one with your previous ${days} days.`;
  const pct = sp.spike_pct ?? 0;
  if (pct > 0) return `${Math.round(pct)}% longer than your longest run of the previous ${days} days (${fmtDist(sp.longest_prev30_km, 1)}).`;
  return `Within your longest run of the previous ${days} days (${fmtDist(sp.longest_prev30_km, 1)}).`;
}

/// "+12 / −8 m" (feet with miles), a zero without a sign.
function updown(up: number, down: number): string {
  const u = Math.round(heightValue(up));
  const d = Math.round(heightValue(down));
  return `${u ? `+${u}` : '0'} / ${d ? `−${d}` : '0'} ${heightUnit()}`;
}

function splitsTable(d: Detail, onUnit: (u: 'km' | 'mile') => void): HTMLElement {
  const unit = d.split_unit === 'mile' ? 'Mile' : 'Km';
  const paceOf = (p: number | null) => p === null ? '–' :
    d.split_unit === 'mile' ? fmtPace(p * 1.609344).replace('/km', '/mi') : fmtPace(p);
  const toggle = h('div', { class: 'choices', role: 'radiogroup', 'aria-label': 'Splits per' },
    (['km', 'mile'] as const).map((u) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: 'split-unit', value: u, checked: d.split_unit === u, onchange: () => onUnit(u) }),
      ' ', u === 'km' ? 'Kilometres' : 'Miles')));
  if (d.splits.length === 0) return h('section', { id: 'splits' }, h('h2', {}, 'Splits'), h('p', {}, 'This file has no distance along the way, so there are no splits.'));
  return h('section', { id: 'splits', 'aria-labelledby': 'splits-h' }, h('h2', { id: 'splits-h' }, 'Splits'), toggle,
    h('div', { class: 'scroll' }, h('table', {},
      h('thead', {}, h('tr', {}, [unit, 'Pace', 'Heart rate', 'Cadence', 'Up / down'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, d.splits.map((x) => h('tr', {},
        h('td', {}, x.partial ? `${x.index} (${fmtNum(d.split_unit === 'mile' ? x.distance_km / 1.609344 : x.distance_km, 2)})` : String(x.index)),
        h('td', {}, paceOf(x.pace_s_per_km)),
        h('td', {}, fmtNum(x.avg_heart_rate, 0, 'bpm')),
        h('td', {}, fmtNum(x.avg_cadence_spm, 0, 'spm')),
        h('td', {}, x.ascent_m === null ? '–' : updown(x.ascent_m, x.descent_m ?? 0))))))));
}

export async function activityPage(main: HTMLElement, id: string): Promise<void> {
  const d = await get<Detail>(`/activities/${encodeURIComponent(id)}?points=600&split=${splitUnit ?? (units() === 'mi' ? 'mile' : 'km')}`);
  const a = d.activity;
  const mins = d.streams.time_s.map((t) => t / 60);
  const chart = (title: string, values: (number | null)[], color: string, fmt: (v: number) => string, invert = false) =>
    h('figure', {}, h('figcaption', {}, title), lineChart(`${title} over time`, mins, { name: title, values, color, invert }, 'min', fmt));
  const dist = d.streams.distance_km;
  const hasAlt = d.streams.altitude_m.some((v) => v !== null);
  const elevation = hasAlt && dist.length === d.streams.altitude_m.length && dist.some((v) => v !== null)
    ? h('figure', { id: 'elevation' }, h('figcaption', {}, `Elevation (${heightUnit()}) along the run`),
      lineChart('Elevation along the run', dist.map((v, i) => distValue(v ?? (i ? (dist[i - 1] ?? 0) : 0))),
        { name: 'Elevation', values: d.streams.altitude_m.map((v) => (v === null ? null : heightValue(v))), color: 'var(--c-elev)' },
        units(), (v) => v.toFixed(0)))
    : null;
  const spike = spikeText(d);
  // The runner's own name: stored on the server (length and characters checked there).
  const nameInput = h('input', { id: 'activity-name', name: 'name', type: 'text', value: a.name, maxlength: '80',
    autocomplete: 'off', 'aria-describedby': 'rename-status' }) as HTMLInputElement;
  const renameStatus = h('p', { id: 'rename-status', class: 'hint', 'aria-live': 'polite' },
    a.renamed ? `From the file: ${a.default_name ?? ''}` : 'The name comes from the file; you can change it.');
  const rename = h('form', { class: 'rename', id: 'rename-form', onsubmit: async (e: Event) => {
    e.preventDefault();
    try {
      const r = await patch<Detail>(`/activities/${encodeURIComponent(id)}`, { name: nameInput.value });
      title.textContent = r.activity.name;
      nameInput.value = r.activity.name;
      renameStatus.textContent = r.activity.renamed ? 'Saved.' : 'Saved: back to the name from the file.';
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      renameStatus.textContent = `Not saved: ${err.message}`;
    }
  } },
  h('label', { for: 'activity-name' }, 'Name'), ' ', nameInput, ' ',
  h('button', { type: 'submit', class: 'secondary' }, 'Save name'), renameStatus);
  const title = h('h1', {}, a.name);
  show(main,
    title,
    rename,
    h('p', { class: 'hint' }, `${dayLabel(a.date)}${localTime(a)}, ${a.sport.replace('_', ' ')}`),
    spike ? h('p', { id: 'spike-context', class: 'headline' }, spike) : null,
    h('div', { class: 'activity-top' },
      h('dl', { class: 'facts' },
        h('dt', {}, 'Distance'), h('dd', {}, fmtDist(a.distance_km, 2)),
        h('dt', {}, 'Time'), h('dd', {}, fmtDuration(a.duration_s)),
        h('dt', {}, 'Pace'), h('dd', {}, fmtRunnerPace(a.pace_s_per_km)),
        h('dt', {}, 'Heart rate'), h('dd', {}, fmtNum(a.avg_heart_rate, 0, 'bpm')),
        h('dt', {}, 'Cadence'), h('dd', {}, fmtNum(a.avg_cadence_spm, 0, 'steps/min')),
        h('dt', {}, 'Climb'), h('dd', {}, height(a.ascent_m)),
        h('dt', {}, 'File'), h('dd', { class: 'file' }, `${a.source?.name ?? ''} ${a.source?.device ?? ''}`)),
      routeFigure(d.route)),
    splitsTable(d, (u) => { splitUnit = u; void activityPage(main, id); }),
    elevation,
    chart('Pace (min/km)', d.streams.pace_s_per_km, 'var(--c-pace)', (v) => fmtPace(v).replace(' /km', ''), true),
    chart('Heart rate (bpm)', d.streams.heart_rate_bpm, 'var(--c-hr)', (v) => v.toFixed(0)),
    chart('Cadence (steps/min)', d.streams.cadence_spm, 'var(--c-cadence)', (v) => v.toFixed(0)),
    h('p', {}, h('a', { href: '#/activities' }, '← All activities')),
  );
}
