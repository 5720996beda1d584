// Learn (anatomy and causes, in plain words) and FAQ pages.

import { get } from '../api';
import { h, show } from '../dom';

interface Entry { id: string; title: string; text: string; citation?: string }

const cite = (c?: string) => (c ? h('span', { class: 'cite' }, ` [${c}]`) : null);

export async function learnPage(main: HTMLElement): Promise<void> {
  const d = await get<{ sections: { id: string; title: string; entries: Entry[] }[] }>('/learn');
  show(main, h('h1', {}, 'Learn'),
    ...d.sections.map((s) => h('section', { 'aria-labelledby': `learn-${s.id}` },
      h('h2', { id: `learn-${s.id}` }, s.title),
      ...s.entries.map((e) => h('article', {}, h('h3', {}, e.title), h('p', {}, e.text, cite(e.citation)))))));
}

export async function faqPage(main: HTMLElement): Promise<void> {
  const d = await get<{ faq: { id: string; question: string; answer: string; citation?: string }[] }>('/faq');
  show(main, h('h1', {}, 'Questions runners ask'),
    ...d.faq.map((f) => h('details', { id: `faq-${f.id}` }, h('summary', {}, f.question), h('p', {}, f.answer, cite(f.citation)))));
}
