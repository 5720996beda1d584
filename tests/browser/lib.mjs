// Shared set-up: Debian's chromium through playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASE = process.env.RUNKNEE_URL ?? 'http://127.0.0.1:8080/';
export const CORPUS = process.env.RUNKNEE_CORPUS ?? '../../../shared/corpus';
export const SHOTS = process.env.RUNKNEE_SCREENSHOTS ?? '../../docs/screenshots';

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
