// The plan calendar and today's view (plan/generator.h JSON through the API).

import { get } from '../api';
import { h, show } from '../dom';
import { dist } from '../units';

interface Session {
  date: string;
  kind: string;
  title: string;
  details: string;
  minutes: number | null;
  distance_km: number | null;
  capped: boolean;
  exercises: { id: string; name: string; sets: number; amount: number; unit: string; dose_text?: string; steps?: string[]; mistake?: string }[];
  why: string;
  citation: string;
}
interface Decision { date: string; decision: string; reason: string; citation?: string; summary?: string }
interface WelcomeStep { id: string; title: string; text: string; command: string; href: string; notes: string[] }
interface Welcome { title: string; intro: string; steps: WelcomeStep[] }
interface TodayView {
  date: string;
  needs_assessment: boolean;
  has_runs: boolean;
  welcome: Welcome | null;
  cleared: boolean;
  not_cleared_reasons: string[];
  headline: string;
  stage_title: string;
  sessions: Session[];
  last_decision: Decision | null;
  exercise_adherence_text?: string;
  last_change: string;  // the decision in words, from the server (no ids, no "A -> A")
}
interface PlanView {
  plan: {
    today: string;
    needs_assessment: boolean;
    cleared: boolean;
    not_cleared_reasons: string[];
    headline: string;
    weeks: { index: number; start_date: string; stage_title: string; planned_km: number; weekly_cap_km: number | null; sessions: Session[] }[];
    guidance: { id: string; title: string; text: string; why: string; citation: string }[];
    disclaimer: string;
  };
  decisions: Decision[];
}

const cite = (c?: string) => (c ? h('span', { class: 'cite' }, ` [${c}]`) : null);
const label = (s: string) => s.replace(/_/g, ' ');
// The server's one dose formatter (util/dose_format.h) writes dose_text; the CLI and the report
// print the same string.
const dose = (e: Session['exercises'][number]) => e.dose_text ?? `${e.sets} × ${e.amount} ${e.unit}`;

function session(s: Session): HTMLElement {
  return h('li', { class: `session kind-${s.kind}` },
    h('strong', {}, s.title),
    s.distance_km ? ` — ${dist(s.distance_km)}${s.capped ? ' (capped)' : ''}` : '',
    s.minutes ? ` — ${Math.round(s.minutes)} min` : '',
    s.details ? h('p', {}, s.details) : null,
    // The return-to-run checks are logged with the diary form (the CLI prints its own flags).
    s.kind === 'check' ? h('p', {}, h('a', { href: '#/diary', class: 'button' }, 'Log the checks in the diary')) : null,
    s.exercises.length ? h('ul', { class: 'exercises' }, s.exercises.map((e) => h('li', { 'data-exercise': e.id },
      e.steps?.length ? h('details', {},
        h('summary', {}, `${e.name}: ${dose(e)}`),
        h('ol', {}, e.steps.map((st) => h('li', {}, st))),
        e.mistake ? h('p', { class: 'hint' }, h('strong', {}, 'Avoid: '), e.mistake) : null)
        : `${e.name}: ${dose(e)}`))) : null,
    s.kind === 'strength' ? h('p', {}, h('a', { href: `#/exercises/${s.date}`, class: 'button' }, 'Open the exercise session')) : null,
    s.why ? h('p', { class: 'hint' }, s.why, cite(s.citation)) : null);
}

/// The first-run welcome (data/plan/welcome.yaml through /today): what runknee does, the knee
/// check first, then importing runs. No clearance wording before a knee check exists.
export function renderWelcome(w: Welcome, hasRuns: boolean): HTMLElement {
  return h('section', { class: 'welcome', id: 'welcome', 'aria-labelledby': 'welcome-h' },
    h('h1', { id: 'welcome-h' }, w.title),
    h('p', {}, w.intro),
    h('ol', { class: 'welcome-steps' }, w.steps.map((s) => h('li', { id: `welcome-${s.id}` },
      h('h2', {}, s.title),
      h('p', {}, s.text),
      s.id === 'import' && hasRuns ? h('p', { class: 'status ok' }, 'You already have runs stored.') : null,
      s.notes.length ? h('ul', { class: 'hint' }, s.notes.map((n) => h('li', {}, n))) : null,
      s.href ? h('p', {}, h('a', { href: s.href, class: s.id === 'knee_check' ? 'button' : '' },
        s.id === 'knee_check' ? 'Start the knee check' : s.id === 'import' ? 'Import runs' : 'Today')) : null,
      s.command ? h('p', { class: 'hint' }, 'On the command line: ', h('code', {}, s.command)) : null))));
}

export function renderToday(t: TodayView): HTMLElement {
  return h('section', { class: 'today', id: 'today', 'aria-labelledby': 'today-h' },
    h('h2', { id: 'today-h' }, `Today, ${t.date}`),
    h('p', { class: `headline ${t.cleared ? '' : 'warning'}` }, t.headline),
    t.not_cleared_reasons?.length ? h('ul', { class: 'warning', id: 'not-cleared' }, t.not_cleared_reasons.map((r) => h('li', {}, r))) : null,
    t.stage_title ? h('p', {}, 'Stage: ', h('strong', {}, t.stage_title)) : null,
    t.sessions.length ? h('ul', { class: 'sessions' }, t.sessions.map(session)) : h('p', {}, 'Rest day.'),
    t.last_decision ? h('p', { class: 'decision' }, `Last change (${t.last_decision.date}): `,
      t.last_change, cite(t.last_decision.citation)) : null,
    t.exercise_adherence_text ? h('p', { id: 'today-adherence' }, t.exercise_adherence_text, ' ',
      h('a', { href: '#/exercises' }, 'Exercises')) : null);
}

export async function todayPage(main: HTMLElement): Promise<void> {
  const t = await get<TodayView>('/today');
  if (t.needs_assessment && t.welcome) {
    show(main, renderWelcome(t.welcome, t.has_runs));
    return;
  }
  show(main, h('h1', {}, 'Today'), renderToday(t),
    h('p', {}, h('a', { href: '#/diary' }, 'Log pain'), ' · ', h('a', { href: '#/plan' }, 'The whole plan'), ' · ',
      h('a', { href: '#/assess' }, 'Knee check')));
}

export async function planPage(main: HTMLElement): Promise<void> {
  const { plan: p, decisions } = await get<PlanView>('/plan?weeks=4');
  if (p.needs_assessment) {
    show(main, h('h1', {}, 'Your plan'), h('p', { class: 'headline' }, p.headline),
      h('p', {}, 'The plan is built from your knee check and your own runs. ',
        h('a', { href: '#/assess', class: 'button' }, 'Start the knee check')),
      h('p', { class: 'disclaimer' }, p.disclaimer));
    return;
  }
  show(main,
    h('h1', {}, 'Your plan'),
    h('p', { class: `headline ${p.cleared ? '' : 'warning'}` }, p.headline),
    p.not_cleared_reasons.length ? h('ul', { class: 'warning' }, p.not_cleared_reasons.map((r) => h('li', {}, r))) : null,
    ...p.weeks.map((w) => h('section', { 'aria-labelledby': `week-${w.index}` },
      h('h2', { id: `week-${w.index}` }, `Week ${w.index} from ${w.start_date}: ${w.stage_title}`),
      h('p', { class: 'hint' }, `Planned ${dist(w.planned_km)}`, w.weekly_cap_km ? `, cap ${dist(w.weekly_cap_km)}` : ''),
      h('ol', { class: 'calendar', 'aria-label': `Week ${w.index} sessions` }, w.sessions.map((s) =>
        h('li', { class: `day kind-${s.kind}${s.date === p.today ? ' is-today' : ''}`, 'aria-current': s.date === p.today ? 'date' : undefined },
          h('span', { class: 'date' }, s.date), h('span', { class: 'kind' }, label(s.kind)), h('span', { class: 'text' },
            s.kind === 'strength' ? h('a', { href: `#/exercises/${s.date}` }, s.title) : s.title,
            s.distance_km ? ` ${dist(s.distance_km)}` : '')))))),
    h('h2', {}, 'How the plan works'),
    h('ul', {}, p.guidance.map((g) => h('li', {}, h('strong', {}, g.title), ': ', g.text, cite(g.citation)))),
    h('h2', {}, 'Why the plan changed'),
    decisions.length ? h('ul', {}, [...decisions].reverse().map((d) => h('li', {}, `${d.date}: `, d.summary ?? `${label(d.decision)} — ${d.reason}`))) :
      h('p', {}, 'No changes yet: log your pain in the diary after runs.'),
    h('p', { class: 'disclaimer' }, p.disclaimer));
}
