// Shared helpers of the browser tests (web/e2e/*.browser.mjs): arguments, Chromium launch, test bookkeeping,
// sign-in, screenshots, and the JSON report `{ passed, failed, tests: [{ name, status, error? }] }`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const baseUrl = (process.argv[2] ?? process.env.BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
export const reportPath = process.argv[3] ?? process.env.REPORT_PATH;
export const screenshotDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
export const PASSWORD = 'demo1234';
export const TIMEOUT_MS = 15_000;
export const LAPTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 812 };

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const results = [];

/** A fresh Chromium profile (its own cookies); `close()` also deletes the profile. */
export async function launch() {
  mkdirSync(screenshotDir, { recursive: true });
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'tec-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: FLAGS,
    viewport: LAPTOP,
    timeout: 30_000,
  });
  context.setDefaultTimeout(TIMEOUT_MS);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function run(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push({ name, status: 'passed' });
    console.log(`✓ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    results.push({ name, status: 'failed', error: message });
    console.log(`✗ ${name}: ${message}`);
  }
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Uncaught exceptions in the page fail the test that caused them. */
export function watchPageErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return () => check(errors.length === 0, `uncaught error in the page: ${errors[0]}`);
}

export async function signIn(page, email, password = PASSWORD) {
  await page.goto(`${baseUrl}/login`, { waitUntil: 'domcontentloaded' });
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}

export async function shoot(page, name, viewport) {
  await page.setViewportSize(viewport);
  // Let the layout settle after a breakpoint change (sticky bars, charts).
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Runs the test body, records a setup failure as a failed test, writes the report and exits (non-zero on failure). */
export async function main(body) {
  try {
    await body();
  } catch (error) {
    const fatal = error instanceof Error ? error.message.split('\n')[0] : String(error);
    results.push({ name: 'browser test setup', status: 'failed', error: fatal });
    console.log(`✗ browser test setup: ${fatal}`);
  }
  const passed = results.filter((result) => result.status === 'passed').length;
  const failed = results.length - passed;
  if (reportPath) {
    mkdirSync(path.dirname(path.resolve(reportPath)), { recursive: true });
    writeFileSync(reportPath, `${JSON.stringify({ passed, failed, tests: results }, null, 2)}\n`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}
