// Activities: import by drag and drop or file picker (with progress), the list, and one run's
// pace, heart rate and cadence over time.

import { get, upload, ApiError } from '../api';
import { lineChart } from '../charts';
import { fmtDuration, fmtNum, fmtPace, h, show } from '../dom';

export interface ActivitySummary {
  id: number;
  date: string;
  start_utc: string;
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

function importer(onDone: () => void): HTMLElement {
  const input = h('input', { type: 'file', id: 'import-file', multiple: true, accept: '.fit,.gpx,.tcx,.csv,.zip,.gz' });
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
    h('p', {}, 'Drop FIT, GPX, TCX, CSV files or a Garmin/Strava export archive here, or '),
    h('label', { for: 'import-file', class: 'button' }, 'choose files'),
    input);
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

export async function activitiesPage(main: HTMLElement): Promise<void> {
  const table = h('div', { id: 'activity-list' });
  const load = async () => {
    const data = await get<{ activities: ActivitySummary[]; total: number }>('/activities?limit=200');
    if (data.activities.length === 0) {
      table.replaceChildren(h('p', {}, 'No activities yet: import some above.'));
      return;
    }
    table.replaceChildren(h('table', {},
      h('caption', {}, `Activities, newest first (${data.total} in all)`),
      h('thead', {}, h('tr', {}, ['Date', 'Sport', 'Distance', 'Time', 'Pace', 'Heart rate', 'Cadence', 'File'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, data.activities.map((a) => h('tr', {},
        h('td', {}, h('a', { href: `#/activities/${a.id}` }, a.date)),
        h('td', {}, a.sport + (a.sub_sport ? ` (${a.sub_sport})` : '')),
        h('td', {}, fmtNum(a.distance_km, 2, 'km')),
        h('td', {}, fmtDuration(a.duration_s)),
        h('td', {}, fmtPace(a.pace_s_per_km)),
        h('td', {}, fmtNum(a.avg_heart_rate, 0, 'bpm')),
        h('td', {}, fmtNum(a.avg_cadence_spm, 0, 'spm')),
        h('td', { class: 'file' }, a.source?.name ?? ''))))));
  };
  show(main, h('h1', {}, 'Activities'), importer(() => void load()), h('h2', {}, 'Your runs'), table);
  await load();
}

interface Detail {
  activity: ActivitySummary & { elapsed_s: number; max_heart_rate: number | null };
  streams: { time_s: number[]; pace_s_per_km: (number | null)[]; heart_rate_bpm: (number | null)[]; cadence_spm: (number | null)[] };
}

export async function activityPage(main: HTMLElement, id: string): Promise<void> {
  const d = await get<Detail>(`/activities/${encodeURIComponent(id)}?points=600`);
  const a = d.activity;
  const mins = d.streams.time_s.map((t) => t / 60);
  const chart = (title: string, values: (number | null)[], color: string, fmt: (v: number) => string, invert = false) =>
    h('figure', {}, h('figcaption', {}, title), lineChart(`${title} over time`, mins, { name: title, values, color, invert }, 'min', fmt));
  show(main, 
    h('h1', {}, `${a.sport} on ${a.date}`),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Distance'), h('dd', {}, fmtNum(a.distance_km, 2, 'km')),
      h('dt', {}, 'Time'), h('dd', {}, fmtDuration(a.duration_s)),
      h('dt', {}, 'Pace'), h('dd', {}, fmtPace(a.pace_s_per_km)),
      h('dt', {}, 'Heart rate'), h('dd', {}, fmtNum(a.avg_heart_rate, 0, 'bpm')),
      h('dt', {}, 'Cadence'), h('dd', {}, fmtNum(a.avg_cadence_spm, 0, 'steps/min')),
      h('dt', {}, 'File'), h('dd', {}, `${a.source?.name ?? ''} ${a.source?.device ?? ''}`)),
    chart('Pace (min/km)', d.streams.pace_s_per_km, 'var(--c-pace)', (v) => fmtPace(v).replace(' /km', ''), true),
    chart('Heart rate (bpm)', d.streams.heart_rate_bpm, 'var(--c-hr)', (v) => v.toFixed(0)),
    chart('Cadence (steps/min)', d.streams.cadence_spm, 'var(--c-cadence)', (v) => v.toFixed(0)),
    h('p', {}, h('a', { href: '#/activities' }, '← All activities')),
  );
}
