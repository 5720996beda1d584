// The report for a physiotherapist: what it holds, and the printable document itself
// (GET /api/v1/report, the same builder as `runknee report`).

import { h, show } from '../dom';

export async function reportPage(main: HTMLElement): Promise<void> {
  show(main,
    h('h1', {}, 'Report for your physiotherapist'),
    h('p', {}, 'One printable page to take to a physiotherapist or doctor. It starts with what they ask first, then the details.'),
    h('ol', { class: 'report-contents' },
      h('li', {}, 'Your knee check: how and when it started, where it hurts, pain during and after running and the next morning, how long and which way it is going.'),
      h('li', {}, 'Every warning-sign question you were asked and your answer, and your painkiller-safety answers.'),
      h('li', {}, 'The urgency and why, the likely causes and the conditions the picture is consistent with.'),
      h('li', {}, 'Your running load around the start of the pain, your pain diary, your KOOS scores and the plan with its decisions.')),
    h('p', {}, h('a', { href: '/api/v1/report', class: 'button', id: 'open-report', target: '_blank', rel: 'noopener' }, 'Open the report'),
      ' ', h('span', { class: 'hint' }, '(opens in a new tab; print it or save it as a PDF from the browser)')),
    h('p', { class: 'hint' }, 'Nothing is sent anywhere: the report is made on this computer from what you stored.'));
}
