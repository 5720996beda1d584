// Settings: units for every distance (km or miles) and the calendar's time of day. The same
// file as `runknee config`, so the CLI and the web app agree.

import { ApiError, get, put } from '../api';
import { field, h, show } from '../dom';
import { setUnits, type Units } from '../units';

interface SettingsBody { units: Units; time: string; checkin: string; tz: string; path: string; today: string }

export async function settingsPage(main: HTMLElement): Promise<void> {
  const s = await get<SettingsBody>('/settings');
  const status = h('p', { class: 'status', 'aria-live': 'polite', id: 'settings-status' });
  const radio = (u: Units, label: string) =>
    h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'units', value: u, checked: s.units === u }), ` ${label}`);
  const time = h('input', { type: 'time', name: 'time', value: s.time, required: true });
  const checkin = h('input', { type: 'time', name: 'checkin', value: s.checkin === 'off' ? '' : s.checkin });
  const tz = h('input', { type: 'text', name: 'tz', value: s.tz, autocomplete: 'off', spellcheck: false });
  const save = async (ev: Event) => {
    ev.preventDefault();
    const chosen = (main.querySelector('input[name="units"]:checked') as HTMLInputElement | null)?.value as Units | undefined;
    try {
      const r = await put<SettingsBody>('/settings', {
        units: chosen ?? s.units, time: time.value, checkin: checkin.value || 'off', tz: tz.value.trim() || 'system' });
      setUnits(r.units);
      status.className = 'status ok';
      status.textContent = `Saved: distances in ${r.units === 'mi' ? 'miles' : 'kilometres'}, sessions at ${r.time}, ` +
        `daily check-in ${r.checkin === 'off' ? 'off' : `at ${r.checkin}`}, time zone ${r.tz} (today is ${r.today}).`;
    } catch (e) {
      status.className = 'status error';
      status.textContent = e instanceof ApiError ? `${e.body.field ?? ''}: ${e.message}` : String(e);
    }
  };
  show(main,
    h('h1', {}, 'Settings'),
    h('form', { class: 'settings', onsubmit: save, 'aria-label': 'Settings' },
      h('fieldset', {}, h('legend', {}, 'Distances'), radio('km', 'Kilometres (km, min/km)'), radio('mi', 'Miles (mi, min/mile)')),
      field('Time of day for plan sessions in the calendar', time, 'Calendar events get a reminder 30 minutes before.'),
      field('Daily check-in in the calendar (optional)', checkin, 'A daily reminder to log the knee and the exercises; leave empty for none.'),
      field('Time zone', tz, 'Decides what today, a diary day and a run\'s date are: a name such as Europe/London or America/New_York, or "system".'),
      h('button', { type: 'submit', id: 'settings-save' }, 'Save'),
      status),
    h('p', { class: 'hint' }, `Stored in ${s.path}, the same file as \`runknee config\`.`));
}
