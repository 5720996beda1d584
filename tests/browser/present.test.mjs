// Issue 14 in the browser: the one-screen summary on top of a result, the physio report (its
// web page and the printable document), and renaming an activity; axe-core on each, light and
// dark, desktop and phone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, CORPUS, axeViolations, launch, open } from './lib.mjs';

const FIT = join(CORPUS, 'fit/python-fitparse/activity-small-fenix2-run.fit');
const ANSWERS = JSON.parse(readFileSync(new URL('../../examples/answers-overuse.json', import.meta.url), 'utf8'));
const SCHEMES = ['light', 'dark'];
const DEVICES = [['desktop', { width: 1100, height: 900 }], ['phone', { width: 390, height: 844 }]];

/// axe-core on `visit()` in every scheme and size; returns the violations found.
async function axeEverywhere(page, what, visit) {
  const found = [];
  try {
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [device, size] of DEVICES) {
        await page.setViewportSize(size);
        await visit();
        for (const v of await axeViolations(page)) found.push(`${scheme}/${device} ${what}: ${v}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 1) found.push(`${scheme}/${device} ${what}: ${overflow}px wider than the screen`);
      }
    }
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1100, height: 900 });
  }
  return found;
}

describe('issue 14: say less, show more', () => {
  let context;
  let page;
  const errors = [];
  let assessmentId = 0;
  let activityId = 0;

  before(async () => {
    context = await launch();
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    const res = await page.request.post(`${BASE}api/v1/assessments`, {
      data: { answers: ANSWERS }, headers: { Origin: BASE.replace(/\/$/, '') } });
    assert.equal(res.status(), 201, await res.text());
    assessmentId = (await res.json()).id;
  });

  after(async () => {
    await context?.close();
  });

  test('the result page starts with the one-screen summary; the rest is one click away', async () => {
    await open(page, `assess/${assessmentId}`);
    const api = await (await page.request.get(`${BASE}api/v1/assessments/${assessmentId}`)).json();
    const summary = page.locator('#summary');
    assert.ok(await summary.isVisible());
    assert.equal(await page.textContent('#summary .banner h2'), api.summary.label);
    assert.equal(await page.locator('#summary .summary-today li').count(), api.summary.today.length);
    assert.equal(await page.textContent('#summary .summary-today li'), api.summary.today[0]);
    assert.equal(await page.locator('#summary .summary-causes li').count(), api.summary.causes.length);
    // The summary comes before everything else in the page, and the details start closed.
    const order = await page.evaluate(() => {
      const s = document.getElementById('summary');
      const f = document.getElementById('full-result');
      return Boolean(s && f && (s.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING));
    });
    assert.ok(order, 'summary before the full result');
    assert.equal(await page.getAttribute('#full-result', 'open'), null);
    await page.click('#full-result > summary');
    assert.ok(await page.isVisible('#full-result .medication'));
    // Every relief step says why; no medicine id reaches the page.
    const steps = await page.locator('#full-result [data-step]').count();
    assert.equal(await page.locator('#full-result [data-step] .why').count(), steps);
    const text = await page.textContent('main');
    for (const raw of ['topical_nsaid', 'topical nsaid', 'every at least', 'every up to', '**', 'undefined'])
      assert.ok(!text.includes(raw), `no "${raw}" on the page`);
    assert.deepEqual(await axeEverywhere(page, `#/assess/${assessmentId}`, async () => {
      await open(page, `assess/${assessmentId}`);
      await page.click('#full-result > summary');
    }), []);
  });

  test('the report page and the printable report lead with the clinical picture', async () => {
    await open(page, 'report');
    assert.equal(await page.getAttribute('#open-report', 'href'), '/api/v1/report');
    assert.deepEqual(await axeEverywhere(page, '#/report', () => open(page, 'report')), []);
    const res = await page.goto(`${BASE}api/v1/report`);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type'], /text\/html/);
    const h2 = await page.locator('h2').allTextContents();
    assert.deepEqual(h2.slice(0, 4), ['Clinical picture', 'Warning signs asked', 'Medicines and contraindications', 'Urgency and reasons']);
    const text = await page.textContent('body');
    assert.match(text, /gradually, over runs or days/);
    for (const raw of ['*Why:*', '**', '`'])
      assert.ok(!text.includes(raw), `no Markdown "${raw}" in the report`);
    // Its own style applies (the document's policy allows its inline style, no scripts).
    const font = await page.evaluate(() => getComputedStyle(document.body).maxWidth);
    assert.notEqual(font, 'none');
    assert.deepEqual(await axeEverywhere(page, 'report document', async () => {
      await page.goto(`${BASE}api/v1/report`);
    }), []);
  });

  test('an activity can be renamed in the web app and through the API, with checks', async () => {
    await open(page, 'activities');
    await page.setInputFiles('#import-file', FIT);
    await page.waitForSelector('#activity-list table tbody tr');
    const list = await (await page.request.get(`${BASE}api/v1/activities`)).json();
    activityId = list.activities[0].id;
    await open(page, `activities/${activityId}`);
    await page.fill('#activity-name', '  Fenix test run  ');
    await page.click('#rename-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Fenix test run');
    assert.match(await page.textContent('#rename-status'), /Saved/);
    await open(page, `activities/${activityId}`);
    assert.equal(await page.textContent('main h1'), 'Fenix test run', 'the name is stored');
    await open(page, 'activities');
    assert.match(await page.textContent('#activity-list'), /Fenix test run/);

    const origin = { Origin: BASE.replace(/\/$/, '') };
    const bad = await page.request.patch(`${BASE}api/v1/activities/${activityId}`, { data: { name: 'x'.repeat(81) }, headers: origin });
    assert.equal(bad.status(), 422);
    assert.match((await bad.json()).error.message, /at most 80/);
    const tab = await page.request.patch(`${BASE}api/v1/activities/${activityId}`, { data: { name: 'a\tb' }, headers: origin });
    assert.equal(tab.status(), 422);
    const missing = await page.request.patch(`${BASE}api/v1/activities/999999`, { data: { name: 'Nobody' }, headers: origin });
    assert.equal(missing.status(), 404);
    const cross = await page.request.patch(`${BASE}api/v1/activities/${activityId}`, { data: { name: 'Evil' }, headers: { Origin: 'https://evil.example' } });
    assert.equal(cross.status(), 403);
    const still = await (await page.request.get(`${BASE}api/v1/activities/${activityId}`)).json();
    assert.equal(still.activity.name, 'Fenix test run', 'nothing stored by a refused request');

    // A too-long name typed in the page is refused with the server's message.
    await open(page, `activities/${activityId}`);
    await page.evaluate(() => document.getElementById('activity-name').removeAttribute('maxlength'));
    await page.fill('#activity-name', 'y'.repeat(90));
    await page.click('#rename-form button[type="submit"]');
    await page.waitForFunction(() => /Not saved/.test(document.getElementById('rename-status')?.textContent ?? ''));
    assert.deepEqual(await axeEverywhere(page, `#/activities/${activityId}`, () => open(page, `activities/${activityId}`)), []);
    // An empty name goes back to the file's.
    const reset = await page.request.patch(`${BASE}api/v1/activities/${activityId}`, { data: { name: '' }, headers: origin });
    assert.equal(reset.status(), 200);
    assert.equal((await reset.json()).activity.renamed, false);
  });

  test('no uncaught script errors', () => {
    assert.deepEqual(errors, []);
  });
});
