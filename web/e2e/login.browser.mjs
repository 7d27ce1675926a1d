#!/usr/bin/env node
// Browser test in real Chromium: each demo role signs in, sees its own dashboard, survives a reload (session
// restored from the refresh cookie) and signs out; a wrong password shows an error. The admin also opens
// Operations from the phone's bottom bar and sees core's health card and its (empty) dead letters.
//
//   node web/e2e/login.browser.mjs [BASE_URL] [REPORT_PATH]
//   BASE_URL defaults to $BASE_URL, then http://127.0.0.1:3000. The JSON report is
//   { passed, failed, tests: [{ name, status, error? }] }. Screenshots (phone 375x812, laptop 1280x800) go to
//   web/e2e/screenshots/. Exits non-zero when a test fails.
import { baseUrl, check, LAPTOP, launch, main, PASSWORD, PHONE, run, shoot, signIn, watchPageErrors } from './lib/browser.mjs';

/**
 * What proves each role landed on its own dashboard (stable test ids; the visible text is translated), and what
 * else the role checks while signed in (on the phone viewport, after the reload).
 */
const ROLES = [
  { role: 'student', marker: '[data-testid="student-upcoming"]' },
  { role: 'teacher', marker: '[data-testid="teacher-to-grade"]' },
  { role: 'parent', marker: '[data-testid="child-card"]' },
  { role: 'admin', marker: '[data-testid="admin-counts"]', also: checkOperations },
];

/** Operations: core reports its checks, and a fresh stack has no dead letters. */
async function checkOperations(page) {
  await page.locator('nav a[href="/admin/operations"]:visible').click();
  await page.locator('[data-testid="operations-heading"]').waitFor();
  check(new URL(page.url()).pathname === '/admin/operations', `expected /admin/operations, got ${page.url()}`);
  const core = page.locator('[data-testid="service-health-core"]');
  await core.waitFor();
  const coreStatus = await core.getAttribute('data-status');
  check(coreStatus === 'ok', `core reports "${coreStatus}", expected "ok"`);
  check((await core.locator('dt').count()) === 3, 'the core card does not show its database, NATS and outbox checks');
  await page.locator('[data-testid="dead-letters-empty"]').waitFor();
  await shoot(page, 'admin-operations-phone', PHONE);
  await shoot(page, 'admin-operations-laptop', LAPTOP);
  await page.setViewportSize(PHONE);
}

await main(async () => {
  const { context, close } = await launch();

  try {
    await run('the app is served and asks an anonymous visitor to sign in', async () => {
      const page = await context.newPage();
      const assertNoPageErrors = watchPageErrors(page);
      await page.goto(`${baseUrl}/courses`, { waitUntil: 'domcontentloaded' });
      await page.locator('input[name="email"]').waitFor();
      const url = new URL(page.url());
      check(url.pathname === '/login', `expected /login, got ${url.pathname}`);
      check(url.searchParams.get('next') === '/courses', `expected the return path /courses, got ${url.searchParams.get('next')}`);
      await shoot(page, 'login-laptop', LAPTOP);
      await shoot(page, 'login-phone', PHONE);
      assertNoPageErrors();
      await page.close();
    });

    await run('a wrong password shows an error and stays on the sign-in page', async () => {
      const page = await context.newPage();
      const assertNoPageErrors = watchPageErrors(page);
      await signIn(page, 'student@tec.example', 'not-the-password');
      const error = page.locator('[data-testid="login-error"]');
      await error.waitFor();
      const text = (await error.innerText()).trim();
      check(text.length > 0, 'the error message is empty');
      check(!/too many/i.test(text), `rate limited instead of rejected: "${text}" (wait, or raise RATE_LIMIT_LOGIN)`);
      check(new URL(page.url()).pathname === '/login', 'left the sign-in page after a wrong password');
      await shoot(page, 'login-error-phone', PHONE);
      assertNoPageErrors();
      await page.close();
    });

    for (const { role, marker, also } of ROLES) {
      await run(`${role} signs in, sees the ${role} dashboard, reloads and signs out`, async () => {
        await context.clearCookies();
        const page = await context.newPage();
        await page.setViewportSize(LAPTOP);
        const assertNoPageErrors = watchPageErrors(page);

        await signIn(page, `${role}@tec.example`, PASSWORD);
        const heading = page.locator('[data-testid="dashboard-heading"]');
        await heading.waitFor();
        check((await heading.innerText()).trim().length > 0, 'the dashboard heading is empty');
        const dashboardRole = await page.locator('[data-testid="dashboard"]').getAttribute('data-role');
        check(dashboardRole === role, `dashboard is for "${dashboardRole}", expected "${role}"`);
        await page.locator(marker).waitFor();
        check(new URL(page.url()).pathname === '/', `expected to land on /, got ${page.url()}`);

        // The socket comes online with the access token.
        await page.locator('[data-testid="connection-indicator"][data-status="online"]').waitFor({ timeout: 10_000 });

        await shoot(page, `${role}-laptop`, LAPTOP);

        // The access token lives only in memory: a reload must restore the session from the refresh cookie.
        await page.setViewportSize(PHONE);
        await page.reload({ waitUntil: 'domcontentloaded' });
        await page.locator(marker).waitFor();
        await shoot(page, `${role}-phone`, PHONE);
        if (also) await also(page);

        await page.locator('[data-testid="sign-out"]').click();
        await page.locator('input[name="email"]').waitFor();
        check(new URL(page.url()).pathname === '/login', `expected /login after signing out, got ${page.url()}`);

        // Signed out for real: the refresh cookie no longer opens a session.
        await page.goto(`${baseUrl}/`, { waitUntil: 'domcontentloaded' });
        await page.locator('input[name="email"]').waitFor();
        check(new URL(page.url()).pathname === '/login', 'the dashboard opened again after signing out');

        assertNoPageErrors();
        await page.close();
      });
    }
  } finally {
    await close();
  }
});
