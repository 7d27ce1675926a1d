#!/usr/bin/env node
// Browser test in real Chromium for notifications and the email dashboard:
// - an admin opens Email, sees the queue tiles and the 30-day chart, edits a template, watches the live preview
//   follow the edit, saves a new version, sends a test email and follows it to its delivery timeline;
// - a student signed in on the dashboard sees a notification arrive live: the teacher records a quiz result for
//   her through the REST API, core publishes it, the notifications service turns it into an in-app notification
//   and pushes it to her socket; the bell count rises and the toast and the list show it without a reload.
//
//   node web/e2e/notifications.browser.mjs [BASE_URL] [REPORT_PATH]     (same report format as login.browser.mjs)
/* global document */
import { baseUrl, check, LAPTOP, launch, main, PASSWORD, PHONE, run, shoot, signIn, watchPageErrors } from './lib/browser.mjs';

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

/** The teacher's token, a course she teaches and the demo student's id in it. */
async function teacherAndStudent() {
  const { accessToken } = await api('/auth/login', { method: 'POST', body: { email: 'teacher@tec.example', password: PASSWORD } });
  const { items: courses } = await api('/courses', { token: accessToken });
  for (const course of courses) {
    const { items: students } = await api(`/courses/${course.id}/students`, { token: accessToken });
    const student = students.find((entry) => entry.email === 'student@tec.example');
    if (student) return { token: accessToken, courseId: course.id, studentId: student.id };
  }
  throw new Error('the demo teacher teaches no course with student@tec.example in it');
}

async function bellCount(page) {
  return Number(await page.locator('[data-testid="notification-bell"]').getAttribute('data-count'));
}

await main(async () => {
  const admin = await launch();
  const student = await launch();
  try {
    await run('an admin sees the queue and the chart, edits and previews a template, and sends a test', async () => {
      const page = await admin.context.newPage();
      const assertNoPageErrors = watchPageErrors(page);
      await signIn(page, 'admin@tec.example');
      await page.locator('[data-testid="dashboard-heading"]').waitFor();

      // Email, from the side nav.
      await page.locator('nav a[href="/admin/email"]:visible').click();
      await page.locator('[data-testid="email-heading"]').waitFor();
      await page.locator('[data-testid="queue-stats"]').waitFor();
      const svg = page.locator('[data-testid="analytics-svg"]');
      await svg.waitFor();
      check((await svg.locator('path[data-series]').count()) === 4, 'the chart does not draw its four series');
      await page.locator('[data-testid="analytics-chart"] summary').click();
      const dayRows = await page.locator('[data-testid="analytics-table"] tbody tr').count();
      check(dayRows === 30, `the chart's table has ${dayRows} days, expected 30`);
      // Keyboard: focusing the chart and pressing End reads out the last day.
      await svg.focus();
      await page.keyboard.press('End');
      check((await page.locator('[data-testid="analytics-active-day"]').innerText()).trim().length > 0, 'the chart does not answer the keyboard');
      await shoot(page, 'email-overview-laptop', LAPTOP);
      await shoot(page, 'email-overview-phone', PHONE);
      await page.setViewportSize(LAPTOP);

      // Templates: open quiz_graded.
      await page.locator('[data-testid="email-tab-templates"]').click();
      await page.locator('[data-testid="templates-list"]').waitFor();
      await page.locator('[data-testid="template-quiz_graded"] a').click();
      await page.locator('[data-testid="template-heading"]').waitFor();
      const subject = page.locator('[data-testid="template-subject"]');
      await subject.waitFor();
      await page.locator('[data-testid="preview-subject"]').waitFor();

      // Edit the subject: the debounced preview follows without saving.
      const marker = `E2E ${Date.now()}`;
      await subject.fill(`${marker} — {{quiz_name}} graded`);
      await page.locator('[data-testid="preview-subject"]', { hasText: marker }).waitFor();
      const frame = page.locator('[data-testid="preview-frame"]');
      check((await frame.getAttribute('sandbox')) === '', 'the preview iframe is not fully sandboxed');
      check(((await frame.getAttribute('srcdoc')) ?? '').length > 50, 'the preview iframe is empty');

      // Save a new version.
      await page.locator('[data-testid="template-save"]').click();
      await page.getByText(/Saved as version \d+/).first().waitFor();

      // Send a test and follow it to its timeline.
      await page.locator('[data-testid="test-send-to"]').fill('e2e-test@tec.example');
      await page.locator('[data-testid="test-send"]').click();
      await page.locator('[data-testid="test-send-queued"]').waitFor();
      await shoot(page, 'email-template-laptop', LAPTOP);
      await shoot(page, 'email-template-phone', PHONE);
      await page.setViewportSize(LAPTOP);
      await page.locator('[data-testid="test-send-queued"] a').click();
      await page.locator('[data-testid="delivery-heading"]').waitFor();
      await page.locator('[data-testid="timeline-entry"]').first().waitFor();
      check((await page.locator('[data-testid="delivery-summary"]').innerText()).includes('e2e-test@tec.example'), 'the delivery is not for the test address');
      // The console provider sends at once: wait for the timeline to reach "sent".
      await page.locator('[data-testid="timeline-entry"][data-type="sent"]').waitFor({ timeout: 20_000 });
      await shoot(page, 'email-delivery-laptop', LAPTOP);
      await shoot(page, 'email-delivery-phone', PHONE);
      await page.setViewportSize(LAPTOP);

      // The delivery log finds it by address.
      await page.goto(`${baseUrl}/admin/email?tab=deliveries`, { waitUntil: 'domcontentloaded' });
      await page.locator('[data-testid="deliveries-search"]').fill('e2e-test@');
      await page.locator('[data-testid="delivery-row"]', { hasText: 'e2e-test@tec.example' }).first().waitFor();
      await shoot(page, 'email-deliveries-laptop', LAPTOP);

      // The chart again, now with the day's sends in it.
      await page.goto(`${baseUrl}/admin/email`, { waitUntil: 'domcontentloaded' });
      await page.locator('[data-testid="analytics-svg"]').waitFor();
      assertNoPageErrors();
      await page.close();
    });

    await run('a student sees a notification arrive live: bell count, toast and list, without a reload', async () => {
      const page = await student.context.newPage();
      const assertNoPageErrors = watchPageErrors(page);
      await signIn(page, 'student@tec.example');
      await page.locator('[data-testid="dashboard-heading"]').waitFor();
      await page.locator('[data-testid="connection-indicator"][data-status="online"]').waitFor({ timeout: 10_000 });
      const bell = page.locator('[data-testid="notification-bell"]');
      await bell.waitFor();
      // Let the unread-count query settle before taking the baseline.
      await page.waitForLoadState('networkidle');
      const before = await bellCount(page);
      let navigations = 0;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations += 1;
      });

      const { token, courseId, studentId } = await teacherAndStudent();
      const quizName = `Live quiz ${Date.now()}`;
      await api('/quiz-results', { token, method: 'POST', body: { courseId, studentId, quizId: `e2e-${Date.now()}`, quizName, score: 17, totalPoints: 20 } });

      await page.waitForFunction(
        (previous) => Number(document.querySelector('[data-testid="notification-bell"]')?.getAttribute('data-count')) > previous,
        before,
        { timeout: 20_000 },
      );
      check((await bellCount(page)) === before + 1, `the bell went from ${before} to ${await bellCount(page)}, expected +1`);
      await page.locator('[role="status"]', { hasText: quizName }).first().waitFor();
      await shoot(page, 'notifications-toast-laptop', LAPTOP);

      await bell.click();
      await page.locator('[data-testid="notification-panel"] [data-testid="notification-item"]', { hasText: quizName }).waitFor();
      await shoot(page, 'notifications-bell-laptop', LAPTOP);
      await shoot(page, 'notifications-bell-phone', PHONE);
      await page.setViewportSize(LAPTOP);
      check(navigations === 0, 'the page reloaded or navigated while the notification arrived');

      // The full list shows it unread; marking it read brings the count back down.
      await page.locator('[data-testid="notification-view-all"]').click();
      await page.locator('[data-testid="notifications-heading"]').waitFor();
      const item = page.locator('[data-testid="notifications-list"] [data-testid="notification-item"]', { hasText: quizName });
      await item.waitFor();
      check((await item.getAttribute('data-unread')) === 'true', 'the new notification is not shown as unread');
      await shoot(page, 'notifications-page-laptop', LAPTOP);
      await shoot(page, 'notifications-page-phone', PHONE);
      await page.setViewportSize(LAPTOP);
      await item.locator('[data-testid="notification-mark-read"]').click();
      await page.waitForFunction((expected) => Number(document.querySelector('[data-testid="notification-bell"]')?.getAttribute('data-count')) === expected, before);

      // Preferences: the grid, with the locked categories disabled.
      await page.goto(`${baseUrl}/notifications/preferences`, { waitUntil: 'domcontentloaded' });
      await page.locator('[data-testid="preference-grid"]').waitFor();
      check(await page.locator('[data-testid="preference-security-email"]').isDisabled(), 'the security category can be changed');
      await shoot(page, 'notifications-preferences-laptop', LAPTOP);
      await shoot(page, 'notifications-preferences-phone', PHONE);
      assertNoPageErrors();
      await page.close();
    });
  } finally {
    await admin.close();
    await student.close();
  }
});
