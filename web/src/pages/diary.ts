// Pain diary: a day's entry (pain during, after, next morning; where; symptoms) and pain
// against the runs over the last weeks.

import { ApiError, get, post } from '../api';
import { barLineChart } from '../charts';
import { field, h, today, show } from '../dom';
import { distValue, units } from '../units';

export interface DiaryEntry {
  date: string;
  pain_during?: number | null;
  pain_after?: number | null;
  pain_morning?: number | null;
  morning_logged?: string | null;
  stiffness_min?: number | null;
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
  ['fell', '…and I fell'],
  ['night_pain', 'Pain at night or at rest'],
  ['injury', 'A twist, fall or blow today'],
  ['cannot_bear_weight', 'Cannot put weight on the leg'],
  ['hot_red', 'The knee is hot and red'],
  ['fever', 'A fever or feeling feverish'],
  ['calf_swelling', 'A swollen, tender or warm calf'],
  ['numbness', 'Numbness or pins and needles in the leg or foot'],
];

// The places on the inner knee, as `runknee log --where` names them.
const PLACES: [string, string][] = [
  ['joint_line', 'On the joint line'],
  ['below_joint_line', 'Just below the joint line'],
  ['upper_shin_bone', 'On the upper shin bone'],
  ['above_joint_line', 'Above the joint line'],
];

function painInput(name: string): HTMLInputElement {
  return h('input', { type: 'number', name, min: '0', max: '10', step: '1', inputmode: 'numeric' });
}

/// A yes / no / not done choice for the return-to-run checks (`--walk-ok`, `--hop-ok`).
function checkSelect(name: string): HTMLSelectElement {
  return h('select', { name },
    h('option', { value: '' }, 'Not done'),
    h('option', { value: 'yes' }, 'Yes, pain-free'),
    h('option', { value: 'no' }, 'No, it hurt'));
}

interface LogReply {
  red_flags?: { text: string }[];
  morning_applied_to?: string | null;
  reevaluated?: boolean;
  decisions?: { date: string; decision: string; reason: string; again?: boolean; summary?: string }[];
}

/// What the save did, in words: where next-morning values went and what the plan decided.
export function savedMessage(date: string, r: LogReply): string {
  const parts: string[] = [];
  if (r.morning_applied_to) {
    parts.push(`This morning’s values were saved with the run on ${r.morning_applied_to}: they are that run’s next morning.`);
  } else {
    parts.push(`Saved ${date}.`);
  }
  for (const d of r.decisions ?? []) {
    parts.push(`Plan, ${d.date}${(d.again ?? r.reevaluated) ? ' (decided again)' : ''}: ${d.summary ?? `${d.decision.replace('_', ' ')} — ${d.reason}.`}`);
  }
  if (r.red_flags?.length) parts.push(`See a clinician: ${r.red_flags.map((f) => f.text).join(' ')}`);
  return parts.join(' ');
}

export async function diaryPage(main: HTMLElement): Promise<void> {
  // The runner's today (their time zone setting, on the server), not the browser's.
  const runnerToday = (await get<{ today?: string }>('/settings')).today ?? today();
  const status = h('p', { class: 'status', 'aria-live': 'polite', id: 'diary-status' });
  const date = h('input', { type: 'date', name: 'date', value: runnerToday, required: true });
  const during = painInput('pain_during');
  const after = painInput('pain_after');
  const morning = painInput('pain_morning');
  const stiffness = h('input', { type: 'number', name: 'stiffness_min', min: '0', max: '1440', step: '1', inputmode: 'numeric' });
  const places = PLACES.map(([id, label]) => ({ id, box: h('input', { type: 'checkbox', name: 'locations', value: id }), label }));
  const walk = checkSelect('brisk_walk_pain_free');
  const hop = checkSelect('hop_pain_free');
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
    chartHolder.replaceChildren(h('figure', {}, h('figcaption', {}, `Worst pain each day (dots, 0-10) against ${units()} run (bars)`),
      barLineChart('Pain against runs', entries.map((e) => ({ label: e.date, bar: e.run_km === undefined ? null : distValue(e.run_km), line: worst(e) })), units(), 'pain')));
    list.replaceChildren(h('table', {}, h('caption', {}, 'Diary, newest first'),
      h('thead', {}, h('tr', {}, ['Date', 'During', 'After', 'Morning', `Run ${units()}`, 'Notes'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, [...data.entries].reverse().slice(0, 60).map((e) => h('tr', {},
        h('td', {}, e.date), h('td', {}, e.pain_during ?? '–'), h('td', {}, e.pain_after ?? '–'),
        h('td', {}, e.pain_morning ?? '–', e.morning_logged ? h('span', { class: 'hint' }, ` (logged ${e.morning_logged})`) : null), h('td', {}, e.run_km ? distValue(e.run_km).toFixed(1) : '–'), h('td', {}, e.notes ?? ''))))));
  };

  const save = async (ev: Event) => {
    ev.preventDefault();
    const num = (i: HTMLInputElement) => (i.value === '' ? undefined : Number(i.value));
    const entry: Record<string, unknown> = { date: date.value, ran: ran.checked, notes: notes.value };
    for (const [k, i] of [['pain_during', during], ['pain_after', after], ['pain_morning', morning], ['stiffness_min', stiffness]] as const) {
      const v = num(i);
      if (v !== undefined) entry[k] = v;
    }
    const where = places.filter((p) => p.box.checked).map((p) => p.id);
    if (where.length) entry.locations = where;
    for (const [k, sel] of [['brisk_walk_pain_free', walk], ['hop_pain_free', hop]] as const) {
      if (sel.value) entry[k] = sel.value === 'yes';
    }
    for (const b of boxes) entry[b.id] = b.box.checked;
    try {
      const r = await post<LogReply>('/diary', entry);
      status.className = 'status ok';
      status.textContent = savedMessage(date.value, r);
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
        field('Pain next morning (0-10)', morning, 'The morning after a run: log it on that morning; it is saved with the run.'),
        field('Morning stiffness (minutes)', stiffness)),
      h('fieldset', {}, h('legend', {}, 'Where it hurts'), places.map((p) => h('label', { class: 'choice' }, p.box, ' ', p.label))),
      h('label', { class: 'choice' }, ran, ' I ran today'),
      h('fieldset', {}, h('legend', {}, 'Return-to-run checks'),
        h('div', { class: 'row' },
          field('30 minutes of brisk walking', walk),
          field('10 single-leg hops', hop))),
      h('fieldset', {}, h('legend', {}, 'Symptoms'), boxes.map((b) => h('label', { class: 'choice' }, b.box, ' ', b.label))),
      field('Notes', notes),
      h('button', { type: 'submit', id: 'diary-save' }, 'Save'),
      status),
    h('p', {}, h('a', { href: '#/today' }, 'See what today’s plan says')),
    chartHolder, list);
  await refresh();
}
