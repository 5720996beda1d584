// Answers and runs together (issue 12, item 6): with recent runs stored, the wizard's training
// answers are pre-filled from them, labelled "from your runs" and editable; no warning sign is
// pre-filled. Sorted after the other specs: the runs it imports stay in the shared store.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, open } from './lib.mjs';

describe('answers and runs', () => {
  let context;
  let page;

  before(async () => {
    context = await launch();
    page = await context.newPage();
  });

  after(async () => {
    await context?.close();
  });

  test('the wizard pre-fills training answers from the runs, labelled and editable', async () => {
    const units = await page.request.put(`${BASE}api/v1/settings`, { data: { units: 'km' } });
    assert.equal(units.status(), 200, await units.text());
    // Local dates relative to today: a run 60 days ago (the store covers every period), then
    // 9 and 13 km within the last two weeks.
    const day = (n) => {
      const d = new Date(Date.now() - n * 86400000);
      const pad = (x) => String(x).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    };
    const csv = 'Date,Distance (km),Duration,RPE,Notes\n' +
      `${day(60)},6,35:00,,\n${day(10)},9,50:00,,\n${day(4)},13,70:00,,\n`;
    const imported = await page.request.post(`${BASE}api/v1/imports?name=prefill-log.csv`, {
      data: Buffer.from(csv), headers: { 'Content-Type': 'application/octet-stream' },
    });
    assert.ok([200, 201].includes(imported.status()), await imported.text());
    const q = await (await page.request.get(`${BASE}api/v1/questions`)).json();
    const expected = q.from_runs.values.weekly_km_now;
    assert.equal(typeof expected, 'number', JSON.stringify(q.from_runs));

    await open(page, 'assess');
    let checkedWarningSigns = false;
    for (let i = 0; i < 12; ++i) {
      const heading = (await page.textContent('#wizard-h')) ?? '';
      if (heading.includes('Warning signs')) {
        assert.equal(await page.locator('.wizard input[type="radio"]:checked').count(), 0,
          'a warning sign was pre-filled');
        checkedWarningSigns = true;
      }
      if (heading.includes('Training')) break;
      await page.click('#wizard-next');
    }
    assert.ok(checkedWarningSigns, 'passed through the warning signs');
    assert.match((await page.textContent('#wizard-h')) ?? '', /Training/);
    const label = (await page.textContent('[data-from-runs="weekly_km_now"]')) ?? '';
    assert.equal(label, `from your runs: ${expected} km`);
    const input = page.locator('input[name="weekly_km_now"]');
    assert.equal(await input.inputValue(), String(expected));
    assert.equal(await page.locator('[data-from-runs="longest_recent_km"]').count(), 1);
    // "Does runknee have all your runs?" is asked with runs stored; "no" clears the pre-filled
    // figures so that the runner's own answers are used (the server then keeps them).
    await page.click('input[name="q-runs_complete"][value="false"]');
    assert.equal(await page.locator('input[name="weekly_km_now"]').inputValue(), '');
    await input.fill('25');  // editable: the runner's own value replaces it
    assert.equal(await input.inputValue(), '25');
  });
});
