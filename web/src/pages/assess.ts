// The assessment wizard (sections of the questions schema, branching on ask_if), the result
// view and the history.

import { ApiError, get, post } from '../api';
import { field, h, show } from '../dom';
import { kneeMap, REGIONS } from '../kneemap';
import { units } from '../units';

type Answer = boolean | number | string | string[];
type Answers = Record<string, Answer>;

interface Predicate {
  op: string;
  subject?: string;
  values?: string[];
  number?: number;
  children?: Predicate[];
}

interface Question {
  id: string;
  section: string;
  prompt: string;
  help?: string;
  type: 'bool' | 'int' | 'number' | 'enum' | 'multi' | 'text';
  values?: { id: string; label: string }[];
  min?: number | null;
  max?: number | null;
  required?: boolean;
  ask_if?: Predicate | null;
  only_with_runs?: boolean;  // asked only when the stored runs pre-fill answers
}

function asString(a: Answer): string {
  return typeof a === 'boolean' ? String(a) : String(a);
}

/// Mirrors the knowledge base's predicate semantics for ask_if over earlier answers.
export function holds(p: Predicate | null | undefined, answers: Answers): boolean {
  if (!p) return true;
  const a = p.subject ? answers[p.subject] : undefined;
  const vals = p.values ?? [];
  const num = typeof a === 'number' ? a : Number.NaN;
  switch (p.op) {
    case 'all':
      return (p.children ?? []).every((c) => holds(c, answers));
    case 'any':
      return (p.children ?? []).some((c) => holds(c, answers));
    case 'not':
      return !(p.children ?? []).every((c) => holds(c, answers));
    case 'eq':
      return a !== undefined && !Array.isArray(a) && asString(a) === vals[0];
    case 'ne':
      return a === undefined || Array.isArray(a) || asString(a) !== vals[0];
    case 'lt':
      return num < (p.number ?? 0);
    case 'lte':
      return num <= (p.number ?? 0);
    case 'gt':
      return num > (p.number ?? 0);
    case 'gte':
      return num >= (p.number ?? 0);
    case 'in':
      return a !== undefined && !Array.isArray(a) && vals.includes(asString(a));
    case 'has':
      return Array.isArray(a) && a.includes(vals[0]);
    case 'has_any':
      return Array.isArray(a) && a.some((x) => vals.includes(x));
    case 'answered':
      return (a !== undefined) === (vals[0] !== 'false');
    default:
      return true;
  }
}

/// `fromRuns`: "from your runs: 12.5", shown under a training answer pre-filled from the stored runs.
function control(q: Question, answers: Answers, onChange: () => void, fromRuns?: string): HTMLElement {
  const set = (v: Answer | undefined) => {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete answers[q.id];
    else answers[q.id] = v;
    onChange();
  };
  const legendText = q.prompt + (q.required ? ' (required)' : '');
  const hint = q.help ? h('p', { class: 'hint' }, q.help) : null;
  const err = h('p', { class: 'field-error', id: `err-${q.id}`, role: 'alert', hidden: true });
  if (q.type === 'bool' || q.type === 'enum') {
    const opts = q.type === 'bool' ? [{ id: 'true', label: 'yes' }, { id: 'false', label: 'no' }] : (q.values ?? []);
    const cur = answers[q.id] === undefined ? undefined : asString(answers[q.id]);
    return h(
      'fieldset',
      { class: 'q', 'data-question': q.id, 'aria-describedby': `err-${q.id}` },
      h('legend', {}, legendText),
      hint,
      h('div', { class: 'choices' }, opts.map((o) =>
        h('label', { class: 'choice' },
          h('input', {
            type: 'radio', name: `q-${q.id}`, value: o.id, checked: cur === o.id,
            onchange: () => set(q.type === 'bool' ? o.id === 'true' : o.id),
          }),
          ' ', o.label))),
      err,
    );
  }
  if (q.type === 'multi') {
    const chosen = new Set<string>((answers[q.id] as string[] | undefined) ?? []);
    const update = () => set([...chosen]);
    const mapIds = new Set(REGIONS.map((r) => r.id));
    const onMap = new Set((q.values ?? []).map((v) => v.id).filter((id) => mapIds.has(id)));
    const boxes = (q.values ?? []).filter((o) => !onMap.has(o.id)).map((o) =>
      h('label', { class: 'choice' },
        h('input', {
          type: 'checkbox', value: o.id, checked: chosen.has(o.id),
          onchange: (e: Event) => {
            if ((e.target as HTMLInputElement).checked) chosen.add(o.id);
            else chosen.delete(o.id);
            update();
          },
        }),
        ' ', o.label));
    return h('fieldset', { class: 'q', 'data-question': q.id },
      h('legend', {}, legendText), hint,
      onMap.size ? kneeMap(chosen, onMap, update) : null,
      h('div', { class: 'choices' }, boxes), err);
  }
  const isNum = q.type === 'int' || q.type === 'number';
  // A distance question in the runner's units (Settings): typed in miles, answered in km.
  const miles = isNum && q.id.includes('_km') && units() === 'mi';
  const k = miles ? 1.609344 : 1;
  const shown = (v: number) => (miles ? String(Math.round((v / k) * 100) / 100) : String(v));
  const input = h('input', {
    type: isNum ? 'number' : 'text',
    name: q.id,
    inputmode: q.type === 'int' ? 'numeric' : undefined,
    step: q.type === 'int' ? '1' : 'any',
    min: isNum && q.min != null ? shown(q.min) : undefined,
    max: isNum && q.max != null ? shown(q.max) : undefined,
    maxlength: !isNum && q.max != null ? String(q.max) : undefined,
    value: answers[q.id] === undefined ? '' : typeof answers[q.id] === 'number' ? shown(answers[q.id] as number) : String(answers[q.id]),
    required: q.required,
    oninput: (e: Event) => {
      const t = (e.target as HTMLInputElement).value.trim();
      set(t === '' ? undefined : isNum ? (miles ? Math.round(Number(t) * k * 100) / 100 : Number(t)) : t);
    },
  });
  const label = miles ? legendText.replace(/\bkm\b/g, 'miles') : legendText;
  const wrap = field(label, input, q.help);
  wrap.classList.add('q');
  wrap.dataset.question = q.id;
  if (fromRuns) wrap.appendChild(h('p', { class: 'hint from-runs', 'data-from-runs': q.id }, fromRuns));
  wrap.appendChild(err);
  return wrap;
}

export async function assessPage(main: HTMLElement): Promise<void> {
  const schema = await get<{
    questions: Question[];
    sections?: { section: string; intro: string }[];
    from_runs?: { label: string; values: Record<string, number> };
  }>('/questions');
  // Why some sections matter, shown above them (data/questions.yaml): a skipped answer there is
  // never read as "no".
  const SECTION_INTROS: Record<string, string> = Object.fromEntries((schema.sections ?? []).map((s) => [s.section, s.intro]));
  const answers: Answers = {};
  // Training answers the stored runs show (GET /questions from_runs): pre-filled, editable, and
  // labelled. Only numeric Training questions, never a safety one.
  const runsLabel = schema.from_runs?.label || 'from your runs';
  const fromRuns: Record<string, string> = {};
  for (const q of schema.questions) {
    const v = schema.from_runs?.values?.[q.id];
    if (typeof v !== 'number' || q.section !== 'Training' || (q.type !== 'number' && q.type !== 'int')) continue;
    answers[q.id] = v;
    const miles = q.id.includes('_km') && units() === 'mi';
    fromRuns[q.id] = `${runsLabel}: ${miles ? `${Math.round((v / 1.609344) * 100) / 100} miles` : q.id.includes('_km') ? `${v} km` : String(v)}`;
  }
  // "Does runknee have all your runs?" means nothing without runs; answered "no", the pre-filled
  // figures the runner has not changed are cleared so that their own answers are used.
  const hasRuns = Object.keys(fromRuns).length > 0;
  const dropUnchangedPrefill = () => {
    for (const id of Object.keys(fromRuns)) {
      if (answers[id] === schema.from_runs?.values?.[id]) delete answers[id];
    }
  };
  const sections = [...new Set(schema.questions.map((q) => q.section))];
  let step = 0;
  const body = h('div', { class: 'wizard-body' });
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const progress = h('progress', { max: sections.length, value: 1, 'aria-label': 'Progress through the questions' });
  const heading = h('h2', { tabindex: -1 });
  const back = h('button', { type: 'button', class: 'secondary', onclick: () => go(step - 1) }, 'Back');
  const next = h('button', { type: 'button', id: 'wizard-next', onclick: () => go(step + 1) }, 'Next');
  const submit = h('button', { type: 'button', id: 'wizard-submit', onclick: () => void send() }, 'See my result');

  const visible = (sec: string) => schema.questions.filter((q) =>
    q.section === sec && holds(q.ask_if, answers) && (hasRuns || !q.only_with_runs));
  const render = () => {
    const sec = sections[step];
    heading.textContent = `${step + 1} of ${sections.length}: ${sec}`;
    progress.value = step + 1;
    const qs = visible(sec);
    const intro = SECTION_INTROS[sec] ? h('p', { class: 'section-intro', id: 'section-intro' }, SECTION_INTROS[sec]) : null;
    const skipped = h('p', { class: 'hint skipped-count', 'aria-live': 'polite' });
    const countSkipped = () => {
      const left = visible(sec).filter((q) => answers[q.id] === undefined).length;
      skipped.textContent = SECTION_INTROS[sec] && left > 0
        ? `${left} of ${visible(sec).length} not answered yet in this section.`
        : '';
    };
    body.replaceChildren(intro ?? '', ...qs.map((q) => control(q, answers, () => {
      if (q.id === 'runs_complete' && answers[q.id] === false) {
        dropUnchangedPrefill();
        render();
        return;
      }
      countSkipped();
      // Re-render only when branching changed what this section shows.
      const now = visible(sec).map((x) => x.id).join();
      if (now !== qs.map((x) => x.id).join()) render();
    }, fromRuns[q.id])), skipped);
    countSkipped();
    back.hidden = step === 0;
    next.hidden = step === sections.length - 1;
  };
  const go = (to: number) => {
    step = Math.max(0, Math.min(sections.length - 1, to));
    // Skip sections with nothing to ask given the answers so far.
    while (step < sections.length - 1 && visible(sections[step]).length === 0) step += to >= step ? 1 : -1;
    render();
    heading.focus();
  };
  const send = async () => {
    status.textContent = 'Working it out…';
    main.querySelectorAll<HTMLElement>('.field-error').forEach((e) => (e.hidden = true));
    try {
      const res = await post<{ id: number }>('/assessments', { answers });
      location.hash = `#/assess/${res.id}`;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      status.textContent = `Please check your answers: ${e.message}`;
      for (const err of e.all) {
        const id = err.field?.replace(/^answers\./, '') ?? '';
        const el = document.getElementById(`err-${id}`);
        if (el) {
          el.textContent = err.message;
          el.hidden = false;
        }
      }
      const first = e.all.map((x) => x.field?.replace(/^answers\./, '')).find((f) => f);
      const sec = schema.questions.find((q) => q.id === first)?.section;
      if (sec && sections.indexOf(sec) !== step) {
        step = sections.indexOf(sec);
        render();
        for (const err of e.all) {
          const el = document.getElementById(`err-${err.field?.replace(/^answers\./, '')}`);
          if (el) {
            el.textContent = err.message;
            el.hidden = false;
          }
        }
      }
    }
  };
  show(main, 
    h('h1', {}, 'Knee check'),
    h('p', {}, 'Answer what you can; you can skip most questions. Nothing leaves this computer.'),
    progress,
    h('form', { class: 'wizard', onsubmit: (e: Event) => e.preventDefault(), 'aria-labelledby': 'wizard-h' },
      heading, body, h('div', { class: 'actions' }, back, next, submit)),
    status,
  );
  heading.id = 'wizard-h';
  render();
}

interface Reason { text: string; citation?: string }
interface Result {
  disclaimer: string;
  answers_and_runs?: { question: string; answer: number; runs: number; used: string; text: string }[];
  urgency: { level: string; label: string; reasons: Reason[] };
  red_flags: { id: string; text: string; action: string }[];
  causes: { id: string; name: string; score: number; fit?: string; reasons: Reason[]; would_change?: string[] }[];
  conditions: { id: string; name: string; score: number; fit?: string; reasons: Reason[]; clinician_checks?: string[] }[];
  relief: {
    steps: { id: string; title: string; how: string; timing?: string; why?: string; citation?: string }[];
    medication: {
      recommended: { id: string; name?: string; dose: string; interval: string; daily_max: string; dose_text?: string; notes?: string }[];
      check_first?: { id: string; name: string; reason: string }[];
      avoid: { id: string; name?: string; reason: string }[];
      notes?: { id: string; text: string; citation?: string }[];
      unanswered_safety_questions?: string[];
      unanswered_notice?: string;
      caveat?: string;
    };
  };
  long_term: { id: string; title: string; why: string; citation?: string }[];
}

const cite = (r: { citation?: string }) => (r.citation ? h('span', { class: 'cite' }, ` [${r.citation}]`) : null);
const reasons = (rs: Reason[]) => h('ul', { class: 'reasons' }, rs.map((r) => h('li', {}, r.text, cite(r))));
// Scores are sums of rule weights, not probabilities: shown as words, never as a percentage.
// (Results saved before the words existed show no rating rather than a number.)
const fit = (c: { fit?: string }) => (c.fit ? `${c.fit} fit` : 'fit not rated');

export function renderResult(r: Result): HTMLElement {
  const u = r.urgency;
  return h('div', { class: 'result' },
    h('section', { class: `banner urgency-${u.level}`, role: 'status', 'aria-label': 'Urgency' },
      h('h2', {}, u.label), reasons(u.reasons ?? [])),
    r.red_flags?.length ? h('section', {}, h('h2', {}, 'Warning signs'),
      h('ul', {}, r.red_flags.map((f) => h('li', {}, h('strong', {}, f.text), ' — ', f.action)))) : null,
    h('section', {}, h('h2', {}, 'Likely causes'),
      h('ol', { class: 'causes' }, (r.causes ?? []).map((c) => h('li', {},
        h('h3', {}, c.name, ' ', h('span', { class: `fit fit-${c.fit ?? ''}` }, `(${fit(c)})`)),
        reasons(c.reasons ?? []),
        c.would_change?.length ? h('details', { class: 'hint' }, h('summary', {}, 'What would change this'), h('ul', {}, c.would_change.map((w) => h('li', {}, w)))) : null)))),
    r.conditions?.length ? h('section', {}, h('h2', {}, 'Conditions consistent with your answers'),
      h('p', { class: 'hint' }, 'Not a diagnosis: how well each fits your answers, by the rules behind it.'),
      h('ul', {}, r.conditions.slice(0, 4).map((c) => h('li', {}, h('strong', {}, c.name), ` (${fit(c)})`,
        c.clinician_checks?.length ? h('p', { class: 'hint' }, 'A clinician may check: ', c.clinician_checks.join('; ')) : null)))) : null,
    h('section', {}, h('h2', {}, 'Relief now'),
      h('ol', {}, (r.relief?.steps ?? []).map((s) => h('li', { 'data-step': s.id }, h('strong', {}, s.title), ': ', s.how, s.timing ? ` (${s.timing})` : '', cite(s),
        s.why ? h('p', { class: 'hint why' }, h('strong', {}, 'Why: '), s.why) : null)))),
    h('section', { class: 'medication' }, h('h2', {}, 'Medication'),
      r.relief?.medication?.unanswered_notice ? h('p', { class: 'notice skipped-safety', role: 'note' },
        r.relief.medication.unanswered_notice) : null,
      (r.relief?.medication?.recommended ?? []).length ? h('h3', {}, 'Suitable for you') : null,
      h('ul', {}, (r.relief?.medication?.recommended ?? []).map((m) =>
        h('li', { 'data-medicine': m.id }, h('strong', {}, m.name ?? 'Painkiller'), `: ${m.dose_text ?? `${m.dose}, ${m.interval}; at most ${m.daily_max}`}`, m.notes ? `. ${m.notes}` : ''))),
      (r.relief?.medication?.check_first ?? []).length ? h('div', { class: 'check-first' }, h('h3', {}, 'Check with a pharmacist or doctor first'),
        h('ul', {}, r.relief.medication.check_first!.map((m) => h('li', {}, h('strong', {}, m.name), `: ${m.reason}`)))) : null,
      (r.relief?.medication?.avoid ?? []).length ? h('div', { class: 'avoid' }, h('h3', {}, 'Avoid'),
        h('ul', {}, r.relief.medication.avoid.map((a) => h('li', { 'data-medicine': a.id }, h('strong', {}, a.name ?? 'This medicine'), `: ${a.reason}`)))) : null,
      h('ul', { class: 'hint' }, (r.relief?.medication?.notes ?? []).map((n) => h('li', {}, n.text, cite(n)))),
      r.relief?.medication?.caveat ? h('p', { class: 'hint' }, r.relief.medication.caveat) : null),
    r.long_term?.length ? h('section', {}, h('h2', {}, 'For the long term'),
      h('ul', {}, r.long_term.map((l) => h('li', {}, h('strong', {}, l.title), ': ', l.why, cite(l))))) : null,
    r.answers_and_runs?.length ? h('section', { class: 'answers-and-runs' }, h('h2', {}, 'Your answers and your runs'),
      h('ul', {}, r.answers_and_runs.map((n) => h('li', { 'data-question': n.question }, n.text)))) : null,
    h('p', { class: 'disclaimer' }, r.disclaimer),
  );
}

/// The one-screen summary (the same items `runknee assess` prints): urgency and what to do,
/// the top causes with one reason each, what to do today and what to avoid.
export interface Summary {
  level: string;
  label: string;
  why: string;
  more_reasons: number;
  causes: { name: string; fit: string; reason: string }[];
  today: string[];
  avoid: string[];
  disclaimer: string;
}

export function renderSummary(s: Summary): HTMLElement {
  return h('div', { class: 'summary', id: 'summary' },
    h('section', { class: `banner urgency-${s.level}`, role: 'status', 'aria-label': 'Urgency' },
      h('h2', {}, s.label),
      s.why ? h('p', {}, s.why, s.more_reasons ? ` (and ${s.more_reasons} more reason${s.more_reasons > 1 ? 's' : ''} below)` : '') : null),
    s.causes.length ? h('section', { 'aria-labelledby': 'summary-causes' },
      h('h2', { id: 'summary-causes' }, 'Likely causes'),
      h('p', { class: 'hint' }, 'A rule-based fit, not a diagnosis.'),
      h('ol', { class: 'summary-causes' }, s.causes.map((c) => h('li', {},
        h('strong', {}, c.name), ` (${c.fit} fit)`, c.reason ? `: ${c.reason}` : '')))) : null,
    s.today.length ? h('section', { 'aria-labelledby': 'summary-today' },
      h('h2', { id: 'summary-today' }, 'What to do today'),
      h('ul', { class: 'summary-today' }, s.today.map((t) => h('li', {}, t)))) : null,
    s.avoid.length ? h('section', { 'aria-labelledby': 'summary-avoid' },
      h('h2', { id: 'summary-avoid' }, 'What to avoid'),
      h('ul', { class: 'summary-avoid' }, s.avoid.map((t) => h('li', {}, t)))) : null,
    h('p', { class: 'disclaimer' }, s.disclaimer));
}

export async function resultPage(main: HTMLElement, id: string): Promise<void> {
  const data = await get<{ result: Result; summary: Summary }>(`/assessments/${encodeURIComponent(id)}`);
  show(main, h('h1', {}, 'Your result'), renderSummary(data.summary),
    h('details', { class: 'full-result', id: 'full-result' },
      h('summary', {}, 'Everything: all causes, conditions, relief steps, medicines and their reasons'),
      renderResult(data.result)),
    h('p', {}, h('a', { href: '#/plan' }, 'Go to your plan'), ' · ', h('a', { href: '#/history' }, 'Earlier checks')));
}

export async function historyPage(main: HTMLElement): Promise<void> {
  const data = await get<{ assessments: { id: number; created_utc: string; urgency: string; top_cause: string }[] }>('/assessments');
  show(main, h('h1', {}, 'Earlier checks'),
    data.assessments.length === 0 ? h('p', {}, 'None yet. ', h('a', { href: '#/assess' }, 'Start a knee check')) :
      h('table', {}, h('caption', {}, 'Assessments, newest first'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Date'), h('th', { scope: 'col' }, 'Urgency'), h('th', { scope: 'col' }, 'Top cause'))),
        h('tbody', {}, data.assessments.map((a) => h('tr', {},
          h('td', {}, h('a', { href: `#/assess/${a.id}` }, a.created_utc.slice(0, 10))), h('td', {}, a.urgency), h('td', {}, a.top_cause))))));
}
