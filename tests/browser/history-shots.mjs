// Not a test: screenshots of the load, form and activities pages over a long history, for the
// docs. Start `RUNKNEE_NOW=2026-01-01T12:00:00Z runknee --db BENCH.db serve` on a store holding
// `peer make-history` output (bench/http-bench.sh leaves one), then:
//   RUNKNEE_URL=http://127.0.0.1:PORT/ node history-shots.mjs
import { launch, open, shot } from './lib.mjs';

const context = await launch();
const page = await context.newPage();
for (const [hash, name] of [['load', 'load-history'], ['form', 'form-history'], ['activities', 'activities-history']]) {
  await open(page, hash);
  await shot(page, name);
}
await page.setViewportSize({ width: 390, height: 844 });
await open(page, 'load');
await page.screenshot({ path: `${process.env.RUNKNEE_SCREENSHOTS ?? '../../docs/screenshots'}/phone-load.png` });
await context.close();
