#!/usr/bin/env node
// Browser test in real Chromium for attendance, with two browser profiles (a teacher's laptop, a student's phone):
// - the teacher schedules a class of a seeded course happening now (REST), opens its grid and its projector;
// - the projector's QR code rotates; the student opens the URL read from the displayed code (`data-checkin-url`),
//   signs in (the return path brings her back to the check-in) and sees she is checked in;
// - without a reload, the projector's counter and the teacher's grid show her present (socket room session:<id>);
// - scanning again says "already checked in"; a forged code says so and does not sign her out;
// - the teacher marks everyone else present and saves in one atomic request.
//
//   node web/e2e/attendance.browser.mjs [BASE_URL] [REPORT_PATH]     (same report format as login.browser.mjs)
/* global document */
import { baseUrl, check, LAPTOP, launch, main, PASSWORD, PHONE, run, shoot, signIn, watchPageErrors } from './lib/browser.mjs';

const ROTATION_WAIT_MS = 25_000;

async function api(path, { token, method = 'GET', body } = {}) {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const payload = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${payload?.message ?? text}`);
  return payload;
}

/** A class starting two minutes ago in a course the demo teacher teaches and the demo student attends. */
async function scheduleClassNow() {
  const { accessToken: token } = await api('/auth/login', { method: 'POST', body: { email: 'teacher@tec.example', password: PASSWORD } });
  const { items: courses } = await api('/courses', { token });
  for (const course of courses.filter((item) => item.relation === 'teaching')) {
    const { items: students } = await api(`/courses/${course.id}/students`, { token });
    const student = students.find((entry) => entry.email === 'student@tec.example');
    if (!student) continue;
    const now = Date.now();
    const { items } = await api('/classes/sessions', {
      token,
      method: 'POST',
      body: {
        courseId: course.id,
        startsAt: new Date(now - 2 * 60_000).toISOString(),
        endsAt: new Date(now + 60 * 60_000).toISOString(),
        topic: 'Browser test: QR check-in',
      },
    });
    return { sessionId: items[0].id, course, studentId: student.id, enrolled: students.length };
  }
  throw new Error('the demo teacher teaches no course with student@tec.example in it');
}

/** Same-origin path of a check-in URL (the QR encodes PUBLIC_APP_URL, which may not be this test's origin). */
function localPath(url) {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

main(async () => {
  const teacherBrowser = await launch();
  const studentBrowser = await launch();
  try {
    const teacher = teacherBrowser.context;
    const student = studentBrowser.context;
    let setup;
    let projector;
    let grid;
    let checkInUrl;

    await run('the teacher schedules a class now and opens its grid and its projector', async () => {
      setup = await scheduleClassNow();
      grid = await teacher.newPage();
      const assertNoPageErrors = watchPageErrors(grid);
      await signIn(grid, 'teacher@tec.example');
      await grid.locator('[data-testid="teacher-to-grade"]').waitFor();
      // The nav entry and the calendar lead to the class.
      await grid.locator('nav a[href="/attendance"]:visible').click();
      await grid.locator('[data-testid="sessions-heading"]').waitFor();
      await grid.locator(`[data-testid="session-link"][data-session-id="${setup.sessionId}"]`).first().waitFor();
      await shoot(grid, 'attendance-sessions-laptop', LAPTOP);
      await grid.locator(`[data-testid="session-link"][data-session-id="${setup.sessionId}"]`).first().click();
      await grid.locator('[data-testid="roster-grid"]').waitFor();
      const row = grid.locator(`[data-testid="roster-row"][data-student-id="${setup.studentId}"]`);
      check((await row.getAttribute('data-status')) === 'unmarked', 'the student is already marked in a brand-new class');

      projector = await teacher.newPage();
      const assertNoProjectorErrors = watchPageErrors(projector);
      await projector.goto(`${baseUrl}/attendance/sessions/${setup.sessionId}/projector`, { waitUntil: 'domcontentloaded' });
      const qr = projector.locator('[data-testid="qr-code"][data-checkin-url]');
      await qr.waitFor();
      await projector.locator('[data-testid="qr-code"] svg').waitFor();
      const counter = projector.locator('[data-testid="projector-counter"]');
      check((await counter.getAttribute('data-count')) === '0', `the counter starts at ${await counter.getAttribute('data-count')}, expected 0`);
      await shoot(projector, 'attendance-projector-laptop', LAPTOP);
      assertNoPageErrors();
      assertNoProjectorErrors();
    });

    await run('the projector rotates its QR code when the server says the next token starts', async () => {
      check(projector, 'no projector');
      const qr = projector.locator('[data-testid="qr-code"]');
      const first = await qr.getAttribute('data-checkin-url');
      check(/\/check-in\?t=/.test(first ?? ''), `the QR code encodes "${first}", not a check-in URL`);
      await projector.waitForFunction(
        (previous) => document.querySelector('[data-testid="qr-code"]')?.getAttribute('data-checkin-url') !== previous,
        first,
        { timeout: ROTATION_WAIT_MS },
      );
      // Fresh from the rotation: the student has a whole window plus the grace period to use it.
      checkInUrl = await qr.getAttribute('data-checkin-url');
      check(checkInUrl !== first, 'the code did not change');
    });

    await run('the student opens the URL from the QR code, signs in, comes back and is checked in', async () => {
      check(checkInUrl, 'no check-in URL read from the projector');
      const page = await student.newPage();
      await page.setViewportSize(PHONE);
      const assertNoPageErrors = watchPageErrors(page);
      await page.goto(`${baseUrl}${localPath(checkInUrl)}`, { waitUntil: 'domcontentloaded' });
      await page.locator('input[name="email"]').waitFor();
      check(new URL(page.url()).searchParams.get('next')?.startsWith('/check-in?t='), `no return path to the check-in: ${page.url()}`);
      await page.locator('input[name="email"]').fill('student@tec.example');
      await page.locator('input[name="password"]').fill(PASSWORD);
      await page.locator('form button[type="submit"]').click();
      const result = page.locator('[data-testid="check-in-result"][data-state="done"]');
      await result.waitFor();
      const course = (await page.locator('[data-testid="check-in-course"]').innerText()).trim();
      check(course === setup.course.title, `the result names "${course}", expected "${setup.course.title}"`);
      await shoot(page, 'attendance-check-in-phone', PHONE);

      // Scanning the same code again: a clear "already checked in", not an error about signing in.
      await page.goto(`${baseUrl}${localPath(checkInUrl)}`, { waitUntil: 'domcontentloaded' });
      await page.locator('[data-testid="check-in-result"][data-state="error:ALREADY_CHECKED_IN"]').waitFor();
      await shoot(page, 'attendance-check-in-again-phone', PHONE);
      // A forged code is refused as such, and the student stays signed in.
      await page.goto(`${baseUrl}/check-in?t=${setup.sessionId}.1.forgedforgedforgedfo`, { waitUntil: 'domcontentloaded' });
      await page.locator('[data-testid="check-in-result"][data-state="error:TOKEN_INVALID"]').waitFor();
      check(new URL(page.url()).pathname === '/check-in', `a forged code sent the student to ${page.url()}`);
      await shoot(page, 'attendance-check-in-invalid-phone', PHONE);

      await page.goto(`${baseUrl}/attendance/me`, { waitUntil: 'domcontentloaded' });
      await page.locator('[data-testid="my-course-attendance"]').first().waitFor();
      await shoot(page, 'attendance-mine-phone', PHONE);
      assertNoPageErrors();
      await page.close();
    });

    await run("the projector's counter and the teacher's grid update live, without a reload", async () => {
      check(projector && grid, 'no teacher pages');
      await projector.locator('[data-testid="projector-counter"][data-count="1"]').waitFor();
      await shoot(projector, 'attendance-projector-counted-laptop', LAPTOP);
      const row = grid.locator(`[data-testid="roster-row"][data-student-id="${setup.studentId}"]`);
      await grid.waitForFunction(
        (id) => document.querySelector(`[data-testid="roster-row"][data-student-id="${id}"]`)?.getAttribute('data-status') === 'present',
        setup.studentId,
      );
      await grid.locator('[data-testid="session-counter"][data-count="1"]').waitFor();
      check((await row.getAttribute('data-status')) === 'present', 'the grid does not show the student present');
    });

    await run('the teacher marks everyone else present and saves in one request', async () => {
      check(grid, 'no grid');
      await grid.getByRole('button', { name: 'Mark all present' }).click();
      await grid.locator('[data-testid="roster-save"]:not([disabled])').click();
      await grid.locator(`[data-testid="session-counter"][data-count="${setup.enrolled}"]`).waitFor();
      const unmarked = await grid.locator('[data-testid="roster-row"][data-status="unmarked"]').count();
      check(unmarked === 0, `${unmarked} students still unmarked after saving`);
      await shoot(grid, 'attendance-grid-laptop', LAPTOP);
      await shoot(grid, 'attendance-grid-phone', PHONE);
      await grid.setViewportSize(LAPTOP);
      await grid.goto(`${baseUrl}/attendance/reports?course=${setup.course.id}`, { waitUntil: 'domcontentloaded' });
      await grid.locator('[data-testid="student-percentages"]').waitFor();
      await shoot(grid, 'attendance-reports-laptop', LAPTOP);
    });
  } finally {
    await teacherBrowser.close();
    await studentBrowser.close();
  }
});
