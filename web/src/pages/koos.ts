// KOOS questionnaire and its history (subscale scores 0-100, higher is better).

import { ApiError, get, post } from '../api';
import { h, show } from '../dom';

interface Item { id: string; text: string; subscale: string }
interface Taken { id: number; taken_utc: string; scores: Record<string, number | null> }

export async function koosPage(main: HTMLElement): Promise<void> {
  const [schema, hist] = await Promise.all([
    get<{ items: Item[]; options: string[]; subscales: { id: string; name: string }[]; instructions?: string }>('/koos/questions'),
    get<{ history: Taken[] }>('/koos'),
  ]);
  const answers: Record<string, number> = {};
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const groups = schema.subscales.map((sub) => h('fieldset', { class: 'koos-sub' },
    h('legend', {}, sub.name),
    schema.items.filter((i) => i.subscale === sub.id).map((item) => h('fieldset', { class: 'q', 'data-item': item.id },
      h('legend', {}, item.text),
      h('div', { class: 'choices' }, schema.options.map((label, v) => h('label', { class: 'choice' },
        h('input', { type: 'radio', name: `koos-${item.id}`, value: String(v), onchange: () => (answers[item.id] = v) }), ' ', `${v} ${label}`)))))));
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await post('/koos', { answers });
      status.textContent = 'Saved.';
      await koosPage(main);
    } catch (err) {
      status.textContent = err instanceof ApiError ? err.message : String(err);
    }
  };
  const names = schema.subscales;
  show(main, 
    h('h1', {}, 'KOOS knee questionnaire'),
    hist.history.length ? h('table', {}, h('caption', {}, 'Your scores (0 = extreme problems, 100 = none)'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Date'), names.map((n) => h('th', { scope: 'col' }, n.name)))),
      h('tbody', {}, [...hist.history].reverse().map((t) => h('tr', {}, h('td', {}, t.taken_utc.slice(0, 10)),
        names.map((n) => h('td', {}, t.scores[n.id] == null ? '–' : Math.round(t.scores[n.id] as number))))))) :
      h('p', {}, 'No questionnaire taken yet.'),
    schema.instructions ? h('p', { class: 'hint' }, schema.instructions) : null,
    h('form', { onsubmit: submit, 'aria-label': 'KOOS questionnaire' }, groups, h('button', { type: 'submit' }, 'Save answers'), status),
  );
}
