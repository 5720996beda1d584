// Pain diary: a day's entry (pain during, after, next morning; where; symptoms) and pain
// against the runs over the last weeks.

import { ApiError, get, post } from '../api';
import { barLineChart } from '../charts';
import { field, h, today, show } from '../dom';

export interface DiaryEntry {
  date: string;
  pain_during?: number | null;
  pain_after?: number | null;
  pain_morning?: number | null;
  locations?: string[];
  run_km?: number;
  ran?: boolean;
  notes?: string;
  [k: string]: unknown;
}

const SYMPTOMS: [string, string][] = [
  ['swelling', 'Swelling'],
  ['catching', 'Catching'],
  ['locking', 'Locking (the knee gets stuck)'],
  ['giving_way', 'Giving way'],
  ['night_pain', 'Pain at night or at rest'],
  ['injury', 'A twist, fall or blow today'],
  ['cannot_bear_weight', 'Cannot put weight on the leg'],
  ['hot_red', 'The knee is hot and red'],
  ['fever', 'A fever or feeling feverish'],
  ['calf_swelling', 'A swollen, tender or warm calf'],
  ['numbness', 'Numbness or pins and needles in the leg or foot'],
];

function painInput(name: string): HTMLInputElement {
  return h('input', { type: 'number', name, min: '0', max: '10', step: '1', inputmode: 'numeric' });
}

export async function diaryPage(main: HTMLElement): Promise<void> {
  const status = h('p', { class: 'status', 'aria-live': 'polite', id: 'diary-status' });
  const date = h('input', { type: 'date', name: 'date', value: today(), required: true });
  const during = painInput('pain_during');
  const after = painInput('pain_after');
  const morning = painInput('pain_morning');
  const ran = h('input', { type: 'checkbox', name: 'ran' });
  const notes = h('textarea', { name: 'notes', rows: 2, maxlength: 2000 });
  const boxes = SYMPTOMS.map(([id, label]) => ({ id, box: h('input', { type: 'checkbox', name: id }), label }));
  const chartHolder = h('div', { id: 'pain-chart' });
  const list = h('div');

  const refresh = async () => {
    const data = await get<{ entries: DiaryEntry[] }>('/diary');
    const entries = data.entries.slice(-42);
    const worst = (e: DiaryEntry) => {
      const v = [e.pain_during, e.pain_after, e.pain_morning].filter((x): x is number => typeof x === 'number');
      return v.length ? Math.max(...v) : null;
    };
    chartHolder.replaceChildren(h('figure', {}, h('figcaption', {}, 'Worst pain each day (dots, 0-10) against km run (bars)'),
      barLineChart('Pain against runs', entries.map((e) => ({ label: e.date, bar: e.run_km ?? null, line: worst(e) })), 'km', 'pain')));
    list.replaceChildren(h('table', {}, h('caption', {}, 'Diary, newest first'),
      h('thead', {}, h('tr', {}, ['Date', 'During', 'After', 'Morning', 'Run km', 'Notes'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, [...data.entries].reverse().slice(0, 60).map((e) => h('tr', {},
        h('td', {}, e.date), h('td', {}, e.pain_during ?? '–'), h('td', {}, e.pain_after ?? '–'),
        h('td', {}, e.pain_morning ?? '–'), h('td', {}, e.run_km ? e.run_km.toFixed(1) : '–'), h('td', {}, e.notes ?? ''))))));
  };

  const save = async (ev: Event) => {
    ev.preventDefault();
    const num = (i: HTMLInputElement) => (i.value === '' ? undefined : Number(i.value));
    const entry: Record<string, unknown> = { date: date.value, ran: ran.checked, notes: notes.value };
    for (const [k, i] of [['pain_during', during], ['pain_after', after], ['pain_morning', morning]] as const) {
      const v = num(i);
      if (v !== undefined) entry[k] = v;
    }
    for (const b of boxes) entry[b.id] = b.box.checked;
    try {
      const r = await post<{ red_flags?: { text: string }[] }>('/diary', entry);
      status.className = 'status ok';
      status.textContent = `Saved ${date.value}.` + (r.red_flags?.length ? ` See a clinician: ${r.red_flags.map((f) => f.text).join(' ')}` : '');
      await refresh();
    } catch (e) {
      status.className = 'status error';
      status.textContent = e instanceof ApiError ? `${e.body.field ?? ''}: ${e.message}` : String(e);
    }
  };

  show(main, 
    h('h1', {}, 'Pain diary'),
    h('form', { class: 'diary', onsubmit: save, 'aria-label': 'Log pain' },
      field('Date', date),
      h('div', { class: 'row' },
        field('Pain during the run (0-10)', during),
        field('Pain after (0-10)', after),
        field('Pain next morning (0-10)', morning)),
      h('label', { class: 'choice' }, ran, ' I ran today'),
      h('fieldset', {}, h('legend', {}, 'Symptoms'), boxes.map((b) => h('label', { class: 'choice' }, b.box, ' ', b.label))),
      field('Notes', notes),
      h('button', { type: 'submit', id: 'diary-save' }, 'Save'),
      status),
    h('p', {}, h('a', { href: '#/today' }, 'See what today’s plan says')),
    chartHolder, list);
  await refresh();
}
