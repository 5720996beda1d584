// The plan calendar and today's view.

import { get } from '../api';
import { h, show } from '../dom';

interface TodayView {
  date: string;
  headline: string;
  stage?: { id: string; name: string } | null;
  decision?: { action: string; reason: string } | null;
  session?: { kind: string; text: string; max_km?: number | null } | null;
  items?: { title: string; text: string; citation?: string }[];
  warnings?: string[];
}

interface PlanView {
  stage?: { id: string; name: string; goal?: string } | null;
  days: { date: string; kind: string; text: string; today?: boolean }[];
  decisions: { date: string; action: string; reason: string }[];
}

export function renderToday(t: TodayView): HTMLElement {
  return h('section', { class: 'today', id: 'today', 'aria-labelledby': 'today-h' },
    h('h2', { id: 'today-h' }, `Today, ${t.date}`),
    h('p', { class: 'headline' }, t.headline),
    t.decision ? h('p', { class: `decision decision-${t.decision.action}` }, h('strong', {}, t.decision.action.replace(/_/g, ' ')), ': ', t.decision.reason) : null,
    t.session ? h('p', {}, h('strong', {}, t.session.kind), ': ', t.session.text) : null,
    t.items?.length ? h('ul', {}, t.items.map((i) => h('li', {}, h('strong', {}, i.title), ': ', i.text, i.citation ? h('span', { class: 'cite' }, ` [${i.citation}]`) : null))) : null,
    ...(t.warnings ?? []).map((w) => h('p', { class: 'warning', role: 'alert' }, w)),
  );
}

export async function todayPage(main: HTMLElement): Promise<void> {
  const t = await get<TodayView>('/today');
  show(main, h('h1', {}, 'Today'), renderToday(t),
    h('p', {}, h('a', { href: '#/diary' }, 'Log pain'), ' · ', h('a', { href: '#/plan' }, 'The whole plan')));
}

export async function planPage(main: HTMLElement): Promise<void> {
  const p = await get<PlanView>('/plan');
  show(main, 
    h('h1', {}, 'Your plan'),
    p.stage ? h('p', {}, h('strong', {}, p.stage.name), p.stage.goal ? ` — ${p.stage.goal}` : '') : null,
    h('ol', { class: 'calendar', 'aria-label': 'Plan calendar' }, p.days.map((d) =>
      h('li', { class: `day kind-${d.kind}${d.today ? ' is-today' : ''}`, 'aria-current': d.today ? 'date' : undefined },
        h('span', { class: 'date' }, d.date), h('span', { class: 'kind' }, d.kind.replace(/_/g, ' ')), h('span', { class: 'text' }, d.text)))),
    h('h2', {}, 'Why the plan changed'),
    p.decisions.length ? h('ul', {}, [...p.decisions].reverse().map((d) => h('li', {}, `${d.date}: `, h('strong', {}, d.action.replace(/_/g, ' ')), ` — ${d.reason}`))) :
      h('p', {}, 'No decisions yet: log your pain in the diary after runs.'),
  );
}
