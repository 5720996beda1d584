// Issue 12 item 7 in the browser: the exercise session. Its own server (a fresh store, the
// clock fixed by RUNKNEE_NOW on a strength day of the plan) so the day always has exercises:
// each exercise shows our own drawing, the steps and a hold or rep timer; ticking the sets off
// with the keyboard stores them through the API and the adherence on the page follows; axe-core
// finds nothing, light and dark, desktop and phone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, launch, shot } from './lib.mjs';

const BIN = process.env.RUNKNEE_BINARY ?? new URL('../../build/src/cli/runknee', import.meta.url).pathname;
const ANSWERS = JSON.parse(readFileSync(new URL('../../examples/answers-overuse.json', import.meta.url), 'utf8'));
// A Thursday: with this knee check and no runs, the plan's return week has strength on Thursdays.
const NOW = '2026-11-26T09:00:00Z';

async function startServer(dir, now = NOW) {
  const server = spawn(BIN, ['--db', join(dir, 'runknee.db'), 'serve', '--port', '0'], {
    env: { ...process.env, RUNKNEE_NOW: now, XDG_CONFIG_HOME: join(dir, 'config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve(m[0]);
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    setTimeout(() => reject(new Error(`server did not start: ${out}`)), 10000);
  });
  return { server, url };
}

describe('issue 12: the exercise session', () => {
  let dir;
  let server;
  let base;
  let context;
  let page;
  const errors = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rk-exercises-'));
    ({ server, url: base } = await startServer(dir));
    context = await launch();
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    const res = await page.request.post(`${base}api/v1/assessments`, {
      data: { answers: ANSWERS }, headers: { Origin: base.replace(/\/$/, '') } });
    assert.equal(res.status(), 201, await res.text());
  });

  after(async () => {
    await context?.close();
    server?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const openExercises = async () => {
    await page.goto(`${base}#/exercises`);
    await page.waitForSelector('main[aria-busy="false"][data-page="exercises"]');
  };

  test('each exercise has its drawing, steps, a timer and one checkbox per set', async () => {
    await openExercises();
    const api = await (await page.request.get(`${base}api/v1/exercises`)).json();
    assert.equal(api.date, '2026-11-26');
    assert.ok(api.exercises.length >= 3, JSON.stringify(api));
    const cards = page.locator('.exercise-card');
    assert.equal(await cards.count(), api.exercises.length);
    for (const e of api.exercises) {
      const card = page.locator(`.exercise-card[data-exercise="${e.id}"]`);
      assert.equal(await card.locator('h2').textContent(), e.name);
      // Our own drawing: start and end position, named for assistive technology.
      const title = await card.locator('svg.figure title').textContent();
      assert.match(title, /start and end position/);
      assert.deepEqual(await card.locator('svg.figure text').allTextContents(), ['Start', 'End']);
      assert.equal(await card.locator('ol.steps li').count(), e.steps.length);
      assert.ok(e.progression, `${e.id} has a progression`);
      assert.ok((await card.locator('.progression').textContent()).includes(e.progression));
      assert.equal(await card.locator('fieldset.sets input[type=checkbox]').count(), e.sets);
      assert.equal(await card.getByRole('checkbox', { name: 'Set 1' }).count(), 1);
    }
    assert.match(await page.locator('#adherence').textContent(), /no exercises were prescribed/);
    await shot(page, 'exercises');
  });

  test('the hold timer counts the hold down and stops', async () => {
    const hold = page.locator('.exercise-card[data-exercise="side_plank"]');
    const start = hold.getByRole('button', { name: /Start 20 s hold/ });
    await start.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const t = document.querySelector('.exercise-card[data-exercise="side_plank"] [role=timer]');
      return t && /^1\d s$/.test(t.textContent ?? '');
    });
    await hold.getByRole('button', { name: 'Stop' }).click();
    assert.equal(await hold.getByRole('button', { name: /Start 20 s hold/ }).count(), 1);
  });

  test('ticking sets off with the keyboard stores them and the adherence follows', async () => {
    const card = page.locator('.exercise-card[data-exercise="clamshell"]');
    for (const n of [1, 2, 3]) {
      const box = card.getByRole('checkbox', { name: `Set ${n}` });
      await box.focus();
      await page.keyboard.press('Space');
      await page.waitForFunction((k) => {
        const s = document.querySelector('.exercise-card[data-exercise="clamshell"] .status');
        return s && s.textContent === `Saved: ${k} of 3 sets done.`;
      }, n);
    }
    assert.match(await page.locator('#adherence').textContent(), /3 of 3 prescribed sets done \(100%\)/);
    const api = await (await page.request.get(`${base}api/v1/exercises`)).json();
    const clam = api.exercises.find((e) => e.id === 'clamshell');
    assert.equal(clam.sets_done, 3);
    assert.equal(api.adherence.percent, 100);

    // Unticking one set stores the new total; a reload shows what is stored.
    await card.getByRole('checkbox', { name: 'Set 3' }).uncheck();
    await page.waitForFunction(() => document.querySelector('.exercise-card[data-exercise="clamshell"] .status')?.textContent === 'Saved: 2 of 3 sets done.');
    assert.match(await page.locator('#adherence').textContent(), /2 of 3 prescribed sets done \(67%\)/);
    await openExercises();
    const boxes = page.locator('.exercise-card[data-exercise="clamshell"] input[type=checkbox]');
    assert.deepEqual(await boxes.evaluateAll((bs) => bs.map((b) => b.checked)), [true, true, false]);
    // Today shows the same adherence.
    await page.goto(`${base}#/today`);
    await page.waitForSelector('main[aria-busy="false"][data-page="today"]');
    assert.match(await page.locator('#today-adherence').textContent(), /2 of 3 prescribed sets done \(67%\)/);
    // The CLI and the plan page lead here: the plan's strength day links to its session.
    await page.goto(`${base}#/plan`);
    await page.waitForSelector('main[aria-busy="false"][data-page="plan"]');
    assert.ok(await page.locator('a[href="#/exercises/2026-11-26"]').count() >= 1);
    // A strength day ahead opens to its session, to read, not yet to tick off.
    const ahead = page.locator('a[href^="#/exercises/2026-12"]').first();
    const href = await ahead.getAttribute('href');
    await ahead.click();
    await page.waitForSelector(`main[aria-busy="false"][data-page="exercises"] h1:has-text("${href.slice(-10)}")`);
    assert.ok(await page.locator('.exercise-card').count() > 0);
    assert.ok(await page.locator('.exercise-card input[type=checkbox]').evaluateAll((bs) => bs.every((b) => b.disabled)));
  });

  test('axe-core: the exercise page and the pages linking to it, light and dark, desktop and phone', async () => {
    const found = [];
    try {
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const [device, size] of [['desktop', { width: 1100, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
          await page.setViewportSize(size);
          for (const hash of ['exercises', 'today', 'plan']) {
            await page.goto(`${base}#/${hash}`);
            await page.waitForSelector(`main[aria-busy="false"][data-page="${hash}"]`);
            for (const v of await axeViolations(page)) found.push(`${scheme}/${device} #/${hash}: ${v}`);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            if (overflow > 1) found.push(`${scheme}/${device} #/${hash}: ${overflow}px wider than the screen`);
          }
        }
      }
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1100, height: 900 });
    }
    assert.deepEqual(found, []);
  });

  test('settings: the daily check-in and the time zone, refused when unknown', async () => {
    const headers = { Origin: base.replace(/\/$/, '') };
    let res = await page.request.put(`${base}api/v1/settings`, { data: { tz: 'Mars/Olympus_Mons' }, headers });
    assert.equal(res.status(), 422);
    assert.equal((await res.json()).error.field, 'tz');
    await page.goto(`${base}#/settings`);
    await page.waitForSelector('main[aria-busy="false"][data-page="settings"]');
    await page.getByLabel('Daily check-in in the calendar (optional)').fill('20:30');
    await page.getByLabel('Time zone').fill('Pacific/Auckland');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForFunction(() => /Saved/.test(document.querySelector('#settings-status')?.textContent ?? ''));
    const status = await page.locator('#settings-status').textContent();
    assert.match(status, /daily check-in at 20:30, time zone Pacific\/Auckland/);
    res = await page.request.get(`${base}api/v1/settings`);
    const s = await res.json();
    // The new zone applies at once (no restart): the status says today's date in it.
    assert.ok(status.includes(`(today is ${s.today})`), status);
    assert.equal(s.checkin, '20:30');
    assert.equal(s.tz, 'Pacific/Auckland');
    assert.deepEqual(await axeViolations(page), []);
  });

  test('miles and local times: the form page and the activities list follow the runner', async () => {
    const headers = { Origin: base.replace(/\/$/, '') };
    let res = await page.request.put(`${base}api/v1/settings`, { data: { units: 'mi' }, headers });
    assert.equal(res.status(), 200, await res.text());
    const log = 'date,distance_km,duration,rpe\n2026-11-20T07:05:00,10,60:00,4\n2026-11-24T18:40:00,16.0934,1:36:00,5\n';
    res = await page.request.post(`${base}api/v1/imports`, {
      multipart: { file: { name: 'log.csv', mimeType: 'text/csv', buffer: Buffer.from(log) } }, headers });
    assert.equal(res.status(), 201, await res.text());
    await page.goto('about:blank');  // the app reads the units when it loads
    const list = await (await page.request.get(`${base}api/v1/activities`)).json();
    const items = list.activities ?? list.items ?? list;
    assert.ok(Array.isArray(items) && items.length === 2, JSON.stringify(list));
    await page.goto(`${base}#/activities`);
    await page.waitForSelector('main[aria-busy="false"][data-page="activities"]');
    const body = await page.locator('main').textContent();
    for (const a of items) {
      const hhmm = a.start_local.slice(11, 16);  // the runner's local time, as the server says
      assert.ok(body.includes(`, ${hhmm}`), `${hhmm} not shown: ${body}`);
    }
    assert.deepEqual(await axeViolations(page), []);
    await page.goto(`${base}#/form`);
    await page.waitForSelector('main[aria-busy="false"][data-page="form"]');
    const cells = await page.locator('#form-runs tbody tr td:nth-child(2)').allTextContents();
    assert.deepEqual(cells, ['10.00 mi', '6.21 mi']);
    assert.deepEqual(await axeViolations(page), []);
    await page.request.put(`${base}api/v1/settings`, { data: { units: 'km' }, headers });
  });

  test('no uncaught script errors', () => {
    assert.deepEqual(errors, []);
  });
});

// Issue 12 items 4 and 8: a runner in Los Angeles (the time-zone setting, not the TZ variable)
// logs at 20:30 on 25 November, which is already 26 November in UTC: the diary's date, the
// stored entry and today are the runner's day, whatever the browser's own clock says.
describe('issue 12: a US evening in the runner\'s time zone', () => {
  let dir;
  let server;
  let base;
  let context;
  let page;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rk-evening-'));
    mkdirSync(join(dir, 'config', 'runknee'), { recursive: true });
    writeFileSync(join(dir, 'config', 'runknee', 'config.json'), JSON.stringify({ tz: 'America/Los_Angeles' }));
    ({ server, url: base } = await startServer(dir, '2026-11-26T04:30:00Z'));
    context = await launch();
    page = await context.newPage();
  });

  after(async () => {
    await context?.close();
    server?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the evening entry is stored on the runner\'s day, not the UTC one', async () => {
    await page.goto(`${base}#/diary`);
    await page.waitForSelector('main[aria-busy="false"][data-page="diary"]');
    assert.equal(await page.inputValue('input[name="date"]'), '2026-11-25');
    await page.fill('input[name="pain_during"]', '2');
    await page.check('input[name="ran"]');
    await page.click('#diary-save');
    await page.waitForFunction(() => document.querySelector('#diary-status.ok')?.textContent?.includes('Saved 2026-11-25'));
    const entries = (await (await page.request.get(`${base}api/v1/diary`)).json()).entries;
    assert.deepEqual(entries.map((e) => e.date), ['2026-11-25']);
    const today = await (await page.request.get(`${base}api/v1/today`)).json();
    assert.equal(today.date, '2026-11-25');
    const settings = await (await page.request.get(`${base}api/v1/settings`)).json();
    assert.equal(settings.tz, 'America/Los_Angeles');
    assert.equal(settings.today, '2026-11-25');
    assert.deepEqual(await axeViolations(page), []);
  });
});
