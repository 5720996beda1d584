// KOOS questionnaire and its history (subscale scores 0-100, higher is better). Each item shows
// the answer words of its own scale, in the order of the boxes on the form (the first box
// scores 0); the official wording is not bundled, but the user may load their own copy, which
// stays in this browser.

import { ApiError, get, post } from '../api';
import { field, h, show } from '../dom';

interface Item { id: string; subscale: string; scale: string; reversed: boolean; anchors: string[] }
interface Taken { id: number; taken_utc: string; scores: Record<string, number | null> }
interface Schema { items: Item[]; subscales: { id: string; name: string }[]; instructions?: string }

const TEXT_KEY = 'runknee.koos.items';

/// Item wording from the user's own file: lines `P1: text` (the `items:` YAML map the CLI's
/// --items reads, or plain lines). Only known item ids are kept.
export function parseItemText(raw: string, known: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of raw.split(/\r?\n/)) {
    const m = /^\s*["']?([A-Za-z]{1,2}\d{1,2})["']?\s*:\s*(.+?)\s*$/.exec(line);
    if (!m) continue;
    const id = m[1].toUpperCase();
    if (!known.has(id)) continue;
    let text = m[2];
    if ((text.startsWith('"') && text.endsWith('"')) || (text.startsWith("'") && text.endsWith("'"))) {
      text = text.slice(1, -1);
    }
    if (text) out[id] = text;
  }
  return out;
}

function loadText(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(TEXT_KEY) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

function fmtDate(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso.slice(0, 10)
    : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export async function koosPage(main: HTMLElement): Promise<void> {
  const [schema, hist] = await Promise.all([
    get<Schema>('/koos/questions'),
    get<{ history: Taken[] }>('/koos'),
  ]);
  const text = loadText();
  const answers: Record<string, number> = {};
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const question = (item: Item) => h('fieldset', { class: 'q', 'data-item': item.id },
    h('legend', {}, text[item.id] ? `${item.id}. ${text[item.id]}` : `Item ${item.id} on your form`),
    h('div', { class: 'choices' }, item.anchors.map((label, v) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: `koos-${item.id}`, value: String(v), 'data-score': String(v),
        onchange: () => (answers[item.id] = v) }), ' ', label))));
  const groups = schema.subscales.map((sub) => h('fieldset', { class: 'koos-sub', 'data-subscale': sub.id },
    h('legend', {}, sub.name),
    schema.items.filter((i) => i.subscale === sub.id).map(question)));
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
  const known = new Set(schema.items.map((i) => i.id));
  const picker = h('input', { type: 'file', accept: '.yaml,.yml,.txt', onchange: async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    const parsed = parseItemText(await file.text(), known);
    const n = Object.keys(parsed).length;
    if (!n) {
      wordingStatus.textContent = 'No item wording found: the file needs lines such as "P1: your text".';
      return;
    }
    localStorage.setItem(TEXT_KEY, JSON.stringify(parsed));
    await koosPage(main);
  } });
  const wordingStatus = h('p', { class: 'status', 'aria-live': 'polite' },
    Object.keys(text).length ? `Showing your own wording for ${Object.keys(text).length} items.` : '');
  const forget = Object.keys(text).length ? h('button', { type: 'button', class: 'secondary', onclick: async () => {
    localStorage.removeItem(TEXT_KEY);
    await koosPage(main);
  } }, 'Forget my wording') : null;
  const names = schema.subscales;
  show(main,
    h('h1', {}, 'KOOS knee questionnaire'),
    hist.history.length ? h('div', { class: 'scroll' }, h('table', {}, h('caption', {}, 'Your scores (0 = extreme problems, 100 = none)'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Date'), names.map((n) => h('th', { scope: 'col' }, n.name)))),
      h('tbody', {}, [...hist.history].reverse().map((t) => h('tr', {}, h('td', {}, fmtDate(t.taken_utc)),
        names.map((n) => h('td', {}, t.scores[n.id] == null ? '–' : Math.round(t.scores[n.id] as number)))))))) :
      h('p', {}, 'No questionnaire taken yet.'),
    schema.instructions ? h('p', { class: 'hint' }, schema.instructions) : null,
    h('details', { class: 'wording', open: Object.keys(text).length > 0 }, h('summary', {}, 'Use your own copy of the item wording'),
      h('p', { class: 'hint' }, 'A text file with one line per item, such as "P1: …". It is read here and kept only in this browser.'),
      field('Wording file', picker), wordingStatus, forget),
    h('p', { class: 'hint' }, 'The answers under each item are in the order of the boxes on your form. Items do not all use the same words, and two symptom items run from "Always" to "Never".'),
    h('form', { onsubmit: submit, 'aria-label': 'KOOS questionnaire' }, groups, h('button', { type: 'submit' }, 'Save answers'), status),
  );
}
