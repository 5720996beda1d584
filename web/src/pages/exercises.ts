// The exercise session (issue 12 item 7): the day's strengthening exercises, each with our own
// line drawing (web/src/figures/ID.svg: start and end position), the steps, the mistake to avoid,
// a hold or rep timer, and one checkbox per set. Ticking a set posts the day's total for that
// exercise (POST /api/v1/exercises, the use case behind `runknee log --exercise`) and shows the
// new adherence (sets done / prescribed over the last 14 days, the rule in data/plan_rules.yaml).

import { ApiError, get, post } from '../api';
import { h, show } from '../dom';
import bridge from '../figures/glute_bridge.svg?raw';
import clamshell from '../figures/clamshell.svg?raw';
import copenhagen from '../figures/copenhagen.svg?raw';
import legRaise from '../figures/side_lying_abduction.svg?raw';
import sidePlank from '../figures/side_plank.svg?raw';
import splitSquat from '../figures/split_squat.svg?raw';
import squat from '../figures/squat.svg?raw';
import stepDown from '../figures/step_down.svg?raw';

const FIGURES: Record<string, string> = {
  clamshell, side_lying_abduction: legRaise, glute_bridge: bridge, side_plank: sidePlank,
  squat, split_squat: splitSquat, step_down: stepDown, copenhagen,
};

interface Adherence {
  days: number; first: string; last: string; sets_done: number; sets_prescribed: number;
  percent: number | null; min_percent: number; below_min: boolean;
}
interface Logged { date: string; exercise_id: string; sets: number; amount: number | null; pain: number | null }
interface Exercise {
  id: string; name: string; sets: number; amount: number; unit: string; sets_done: number;
  steps: string[]; mistake: string; target?: string; progression?: string; logged: Logged | null;
}
export interface ExerciseDay {
  date: string; future?: boolean; exercises: Exercise[]; unplanned: Logged[]; adherence: Adherence;
  adherence_text: string; doses_held: boolean;
}

const isHold = (unit: string) => unit.includes('hold');
const dose = (e: Exercise) => (isHold(e.unit) ? `${e.sets} × ${e.amount} s hold` : `${e.sets} × ${e.amount} reps`);

/// Our own drawing, parsed as SVG (never as HTML) from the checked-in file.
function figure(id: string): Node | null {
  const text = FIGURES[id];
  if (!text) return null;
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = doc.documentElement;
  if (svg.nodeName !== 'svg') return null;
  return document.importNode(svg, true);
}

/// A hold timer (counts the hold's seconds down) or a rep timer (one rep every 5 s: 2 s up,
/// 3 s down). The running count is a role=timer (not announced each second); the end is
/// announced once in a polite status.
function timer(e: Exercise): HTMLElement {
  const hold = isHold(e.unit);
  const display = h('span', { class: 'timer-count', role: 'timer', 'aria-atomic': 'true' },
    hold ? `${e.amount} s` : `0 of ${e.amount} reps`);
  const done = h('span', { class: 'timer-done', role: 'status', 'aria-live': 'polite' });
  let handle: number | undefined;
  const button = h('button', { type: 'button', class: 'timer-start' }, hold ? `Start ${e.amount} s hold` : `Start rep timer`);
  const stop = () => {
    if (handle !== undefined) window.clearInterval(handle);
    handle = undefined;
    button.textContent = hold ? `Start ${e.amount} s hold` : 'Start rep timer';
  };
  button.addEventListener('click', () => {
    if (handle !== undefined) {
      stop();
      return;
    }
    done.textContent = '';
    let left = hold ? e.amount : e.amount * 5;
    const tick = () => {
      if (hold) display.textContent = `${left} s`;
      else display.textContent = `${Math.min(e.amount, Math.floor((e.amount * 5 - left) / 5))} of ${e.amount} reps`;
    };
    tick();
    button.textContent = 'Stop';
    handle = window.setInterval(() => {
      left -= 1;
      tick();
      if (left <= 0) {
        stop();
        done.textContent = hold ? 'Hold done: rest, then the next set.' : 'Set done: rest, then the next one.';
      }
    }, 1000);
  });
  return h('div', { class: 'timer', 'aria-label': `${e.name} ${hold ? 'hold' : 'rep'} timer`, role: 'group' }, button, ' ', display, ' ', done);
}

function adherenceLine(d: ExerciseDay): HTMLElement {
  const a = d.adherence;
  return h('p', { id: 'adherence', class: `adherence ${a.below_min ? 'warning' : ''}`, role: 'status', 'aria-live': 'polite',
    'data-percent': a.percent === null ? '' : String(a.percent) }, d.adherence_text);
}

function exerciseCard(e: Exercise, date: string, future: boolean, onChange: (d: ExerciseDay) => void): HTMLElement {
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const boxes: HTMLInputElement[] = [];
  const save = async () => {
    const sets = boxes.filter((b) => b.checked).length;
    for (const b of boxes) b.disabled = true;
    try {
      const r = await post<{ day: ExerciseDay }>('/exercises', { exercise_id: e.id, sets, date });
      status.className = 'status ok';
      status.textContent = `Saved: ${sets} of ${e.sets} sets done.`;
      onChange(r.day);
    } catch (err) {
      status.className = 'status error';
      status.textContent = err instanceof ApiError ? err.message : String(err);
    } finally {
      for (const b of boxes) b.disabled = false;
    }
  };
  for (let i = 1; i <= Math.max(e.sets, e.sets_done); i += 1) {
    boxes.push(h('input', { type: 'checkbox', name: `${e.id}-set-${i}`, id: `${e.id}-set-${i}`, checked: i <= e.sets_done, disabled: future, onchange: save }));
  }
  return h('article', { class: 'exercise-card', 'data-exercise': e.id, 'aria-labelledby': `${e.id}-h` },
    h('h2', { id: `${e.id}-h` }, e.name),
    h('p', { class: 'dose' }, dose(e), e.target ? h('span', { class: 'hint' }, ` — for the ${e.target}`) : null),
    figure(e.id),
    e.steps.length ? h('ol', { class: 'steps' }, e.steps.map((s) => h('li', {}, s))) : null,
    e.mistake ? h('p', { class: 'hint' }, h('strong', {}, 'Avoid: '), e.mistake) : null,
    e.progression ? h('p', { class: 'hint progression' }, h('strong', {}, 'Progression: '), e.progression) : null,
    timer(e),
    h('fieldset', { class: 'sets' }, h('legend', {}, `Sets done of ${e.name}`),
      future ? h('p', { class: 'hint' }, 'A day ahead: tick the sets off on the day.') : null,
      boxes.map((b, i) => h('label', { for: b.id, class: 'choice' }, b, ` Set ${i + 1}`))),
    status);
}

export async function exercisesPage(main: HTMLElement, date?: string): Promise<void> {
  const d = await get<ExerciseDay>(`/exercises${date ? `?date=${encodeURIComponent(date)}` : ''}`);
  const adherence = adherenceLine(d);
  const onChange = (n: ExerciseDay) => main.querySelector('#adherence')?.replaceWith(adherenceLine(n));
  show(main,
    h('h1', {}, `Exercises, ${d.date}`),
    adherence,
    d.doses_held ? h('p', { class: 'hint', id: 'doses-held' }, 'This week\'s doses did not rise: too few of the prescribed sets were done.') : null,
    d.exercises.length
      ? h('div', { class: 'exercise-list' }, d.exercises.map((e) => exerciseCard(e, d.date, d.future ?? false, onChange)))
      : h('p', {}, 'No strengthening exercises are planned for this day. ', h('a', { href: '#/plan' }, 'See the plan'), '.'),
    d.unplanned.length ? h('p', { class: 'hint' }, `Also done this day: ${d.unplanned.map((l) => `${l.exercise_id} (${l.sets} sets)`).join(', ')}.`) : null,
    h('p', { class: 'hint' }, 'Stop any exercise that hurts the inner knee. On the command line: ',
      h('code', {}, 'runknee log --exercise ID --sets N'), '.'));
}
