// Shared set-up: Debian's chromium through playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

export const BASE = process.env.RUNKNEE_URL ?? 'http://127.0.0.1:8080/';
export const CORPUS = process.env.RUNKNEE_CORPUS ?? '../data/corpus';
export const SHOTS = process.env.RUNKNEE_SCREENSHOTS ?? '../../build/screenshots';

export async function launch() {
  const profile = mkdtempSync(join(process.env.RUNKNEE_PROFILE_DIR ?? tmpdir(), 'chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1100, height: 900 },
  });
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/// Opens a page of the app and waits until it has rendered (main[aria-busy=false]).
export async function open(page, hash) {
  await page.goto(`${BASE}#/${hash}`);
  await page.waitForSelector(`main[aria-busy="false"][data-page="${hash.split('/')[0]}"]`);
}

// Loaded through the DevTools protocol (page.evaluate), so the app's Content-Security-Policy
// stays as strict as it is for users.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/// Runs axe-core (WCAG 2.x A/AA rules and best practices) on the page as it is and returns
/// its violations as short lines ("color-contrast: 2 nodes: .hint").
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.evaluate(AXE);
  }
  const result = await page.evaluate(async () => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  // Guard against a run that checked nothing (e.g. an empty page): contrast must have been tested.
  if (!result.passes.some((r) => r.id === 'color-contrast')) throw new Error('axe-core checked no text contrast');
  return result.violations.map((v) =>
    `${v.id}: ${v.nodes.length} node(s): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}` +
    ` (${v.nodes[0]?.failureSummary?.split('\n').slice(1, 2).join('').trim() ?? ''})`);
}
