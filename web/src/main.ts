// runknee web app: a hash router over the pages, each wired to the JSON API.

import './style.css';
import { ApiError } from './api';
import { h } from './dom';
import { activitiesPage, activityPage } from './pages/activities';
import { assessPage, historyPage, resultPage } from './pages/assess';
import { diaryPage } from './pages/diary';
import { exercisesPage } from './pages/exercises';
import { koosPage } from './pages/koos';
import { faqPage, learnPage } from './pages/learn';
import { formPage, loadPage } from './pages/load';
import { planPage, todayPage } from './pages/plan';
import { reportPage } from './pages/report';
import { settingsPage } from './pages/settings';
import { loadUnits } from './units';

type Page = (main: HTMLElement, arg: string) => Promise<void>;

const NAV: [string, string][] = [
  ['#/today', 'Today'],
  ['#/assess', 'Knee check'],
  ['#/activities', 'Activities'],
  ['#/load', 'Load'],
  ['#/form', 'Form'],
  ['#/diary', 'Pain diary'],
  ['#/plan', 'Plan'],
  ['#/exercises', 'Exercises'],
  ['#/koos', 'KOOS'],
  ['#/report', 'Report'],
  ['#/learn', 'Learn'],
  ['#/faq', 'FAQ'],
  ['#/settings', 'Settings'],
];

const ROUTES: [RegExp, Page, string][] = [
  [/^#\/today$/, todayPage, 'Today'],
  [/^#\/assess$/, assessPage, 'Knee check'],
  [/^#\/assess\/(\d+)$/, resultPage, 'Result'],
  [/^#\/history$/, historyPage, 'Earlier checks'],
  [/^#\/activities$/, activitiesPage, 'Activities'],
  [/^#\/activities\/(\d+)$/, activityPage, 'Activity'],
  [/^#\/load$/, loadPage, 'Training load'],
  [/^#\/form$/, formPage, 'Running form'],
  [/^#\/diary$/, diaryPage, 'Pain diary'],
  [/^#\/plan$/, planPage, 'Plan'],
  [/^#\/exercises(?:\/(\d{4}-\d{2}-\d{2}))?$/, exercisesPage, 'Exercises'],
  [/^#\/koos$/, koosPage, 'KOOS'],
  [/^#\/report$/, reportPage, 'Report for a physio'],
  [/^#\/learn$/, learnPage, 'Learn'],
  [/^#\/faq$/, faqPage, 'FAQ'],
  [/^#\/settings$/, settingsPage, 'Settings'],
];

const main = document.getElementById('main') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
const toggle = document.getElementById('menu-toggle') as HTMLButtonElement;

nav.append(h('ul', {}, NAV.map(([href, label]) => h('li', {}, h('a', { href }, label)))));
toggle.addEventListener('click', () => {
  const open = toggle.getAttribute('aria-expanded') !== 'true';
  toggle.setAttribute('aria-expanded', String(open));
  nav.classList.toggle('open', open);
});

async function route(): Promise<void> {
  const hash = location.hash === '' || location.hash === '#/' ? '#/today' : location.hash;
  for (const a of nav.querySelectorAll('a')) {
    if (hash.startsWith(a.getAttribute('href') ?? '~')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  nav.classList.remove('open');
  toggle.setAttribute('aria-expanded', 'false');
  const found = ROUTES.find(([re]) => re.test(hash));
  main.setAttribute('aria-busy', 'true');
  main.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  try {
    if (!found) {
      main.replaceChildren(h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/today' }, 'Go to today')));
      document.title = 'runknee';
      return;
    }
    const [re, page, title] = found;
    document.title = `${title} · runknee`;
    await page(main, re.exec(hash)?.[1] ?? '');
  } catch (e) {
    const msg = e instanceof ApiError ? `${e.message} (${e.body.code})` : String(e);
    main.replaceChildren(h('h1', {}, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, msg));
  } finally {
    main.setAttribute('aria-busy', 'false');
    main.dataset.page = hash.split('/')[1] ?? '';
    main.focus({ preventScroll: true });
  }
}

window.addEventListener('hashchange', () => void route());
void loadUnits().then(() => route());
