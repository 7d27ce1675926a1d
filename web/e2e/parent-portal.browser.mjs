#!/usr/bin/env node
// Browser test in real Chromium for the parent portal, with three browser profiles (a student's phone, a parent's
// phone, an admin's laptop):
// - the student (a Grade 12 minor) makes a pairing code on "Family & privacy" and reads it off the screen;
// - the parent (not linked to anyone yet) sees the empty home, mistypes a code (a clear error with the tries left),
//   then enters the right one as guardian and is told the link waits for the school;
// - the admin approves the request from the queue;
// - the parent's home shows the child's card, and the child page (one overview request) shows charts and teachers;
// - a teacher marks the child absent in a class happening now (REST); the "absent today" alert reaches the parent's
//   open page (live, through the notification push; a reload is the fallback and is reported), mark all read works;
// - the student's access log lists the parent's visits; "Message teacher" leads to /messages/<id>.
// Screenshots of every screen at phone and laptop size go to web/e2e/screenshots/parent-portal-*.png.
//
//   node web/e2e/parent-portal.browser.mjs [BASE_URL] [REPORT_PATH]     (same report format as login.browser.mjs)
import { baseUrl, check, LAPTOP, launch, main, PASSWORD, PHONE, run, shoot, signIn, watchPageErrors } from './lib/browser.mjs';

const STUDENT = 'diego.gonzalez.g1@tec.example';
const PARENT = 'parent.diego.gonzalez.g1@tec.example';

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

/** Both sizes of one screen. */
async function shootBoth(page, name) {
  await shoot(page, `parent-portal-${name}-phone`, PHONE);
  await shoot(page, `parent-portal-${name}-laptop`, LAPTOP);
}

/** A class of a course the demo teacher teaches and the child attends, started two minutes ago. */
async function classNowWithChild() {
  const { accessToken: token } = await api('/auth/login', { method: 'POST', body: { email: 'teacher@tec.example', password: PASSWORD } });
  const { items: courses } = await api('/courses', { token });
  for (const course of courses.filter((item) => item.relation === 'teaching')) {
    const { items: students } = await api(`/courses/${course.id}/students`, { token });
    const child = students.find((entry) => entry.email === STUDENT);
    if (!child) continue;
    const now = Date.now();
    const { items } = await api('/classes/sessions', {
      token,
      method: 'POST',
      body: { courseId: course.id, startsAt: new Date(now - 2 * 60_000).toISOString(), endsAt: new Date(now + 60 * 60_000).toISOString(), topic: 'Browser test: parent alert' },
    });
    return { token, sessionId: items[0].id, studentId: child.id, course };
  }
  throw new Error(`the demo teacher teaches no course with ${STUDENT} in it`);
}

main(async () => {
  const studentBrowser = await launch();
  const parentBrowser = await launch();
  const adminBrowser = await launch();
  try {
    const studentPage = await studentBrowser.context.newPage();
    const parentPage = await parentBrowser.context.newPage();
    const adminPage = await adminBrowser.context.newPage();
    const studentErrors = watchPageErrors(studentPage);
    const parentErrors = watchPageErrors(parentPage);
    const adminErrors = watchPageErrors(adminPage);
    let code;
    let studentId;

    await run('the student makes a pairing code and sees it large with its expiry', async () => {
      await studentPage.setViewportSize(PHONE);
      await signIn(studentPage, STUDENT);
      await studentPage.locator('[data-testid="dashboard"]').waitFor();
      await studentPage.goto(`${baseUrl}/family-privacy`);
      await studentPage.locator('[data-testid="family-privacy-heading"]').waitFor();
      await studentPage.locator('[data-testid="generate-code"]').click();
      const shown = studentPage.locator('[data-testid="pairing-code"]');
      await shown.waitFor();
      code = await shown.getAttribute('data-code');
      check(/^[2-9A-HJKMNP-Z]{6}$/.test(code ?? ''), `unexpected code ${code}`);
      await studentPage.locator('[data-testid="active-code"]').first().waitFor();
      await shootBoth(studentPage, 'student-code');
      studentErrors();
    });

    await run('the parent sees the empty home, a wrong code is explained, the right one waits for the school', async () => {
      await parentPage.setViewportSize(PHONE);
      await signIn(parentPage, PARENT);
      await parentPage.locator('[data-testid="parent-children-empty"]').waitFor();
      await shootBoth(parentPage, 'parent-empty');
      await parentPage.setViewportSize(PHONE);
      // The phone's bottom bar leads to the code form.
      await parentPage.locator('nav a[href="/family/link"]:visible').first().click();
      await parentPage.locator('[data-testid="link-child-heading"]').waitFor();
      const wrong = code.startsWith('ZZZ') ? 'YYYYYY' : 'ZZZZZZ';
      await parentPage.locator('input[name="code"]').fill(wrong);
      await parentPage.locator('[data-testid="link-submit"]').click();
      const error = parentPage.locator('[data-testid="link-form"] [id$="-error"]');
      await error.waitFor();
      const text = await error.innerText();
      check(/tries left/.test(text), `the wrong code error says: ${text}`);
      await shootBoth(parentPage, 'parent-link-error');
      await parentPage.locator('input[name="code"]').fill(`${code.slice(0, 3)}-${code.slice(3).toLowerCase()}`);
      await parentPage.locator('label:has(input[value="guardian"])').click();
      await parentPage.locator('[data-testid="link-submit"]').click();
      await parentPage.locator('[data-testid="link-result"] [data-status="pending_approval"]').waitFor();
      await parentPage.locator('[data-testid="pending-link"]').first().waitFor();
      await shootBoth(parentPage, 'parent-link-pending');
      parentErrors();
    });

    await run('the admin approves the request from the queue', async () => {
      await signIn(adminPage, 'admin@tec.example');
      await adminPage.locator('[data-testid="dashboard"]').waitFor();
      await adminPage.locator('nav a[href="/parent-links"]:visible').first().click();
      await adminPage.locator('[data-testid="link-approvals-heading"]').waitFor();
      const row = adminPage.locator('[data-testid="queue-link"]', { hasText: PARENT });
      await row.waitFor();
      await shootBoth(adminPage, 'admin-queue');
      await adminPage.setViewportSize(LAPTOP);
      await row.locator('[data-testid="approve-link"]').click();
      await row.waitFor({ state: 'detached' });
      adminErrors();
    });

    await run('the parent sees the child card and the overview from one request', async () => {
      await parentPage.goto(`${baseUrl}/`);
      const card = parentPage.locator('[data-testid="child-card"]');
      await card.waitFor();
      studentId = await card.getAttribute('data-student-id');
      await shootBoth(parentPage, 'parent-home');
      await parentPage.setViewportSize(PHONE);
      const overviewRequests = [];
      parentPage.on('request', (request) => {
        if (request.url().includes('/parent-portal/children/') && request.url().endsWith('/overview')) overviewRequests.push(request.url());
      });
      await card.locator('a').click();
      await parentPage.locator('[data-testid="child-heading"]').waitFor();
      await parentPage.locator('[data-testid="child-attendance-card"]').waitFor();
      await parentPage.locator('[data-testid="child-teachers"]').waitFor();
      check(overviewRequests.length === 1, `the child page made ${overviewRequests.length} overview requests`);
      await shootBoth(parentPage, 'parent-child');
      await parentPage.locator(`a[href="/family/children/${studentId}/alerts"]`).click();
      await parentPage.locator('[data-testid="alert-settings-form"]').waitFor();
      await shootBoth(parentPage, 'parent-alert-settings');
      await parentPage.goBack();
      await parentPage.locator('[data-testid="child-teachers"]').waitFor();
      parentErrors();
    });

    await run('a teacher marks the child absent and the absence alert reaches the parent', async () => {
      const setup = await classNowWithChild();
      check(setup.studentId === studentId, 'the linked child is the one the teacher marks');
      await api('/attendance/mark', { token: setup.token, method: 'POST', body: { sessionId: setup.sessionId, studentId: setup.studentId, status: 'absent' } });
      const alert = parentPage.locator('[data-testid="child-alerts"] [data-testid="alert-item"][data-alert-type="absence_today"]');
      let live = true;
      try {
        await alert.first().waitFor({ timeout: 20_000 });
      } catch {
        live = false;
        await parentPage.reload();
        await alert.first().waitFor({ timeout: 15_000 });
      }
      console.log(`  the absence alert arrived ${live ? 'live, without a reload' : 'after a reload'}`);
      await parentPage.locator('[data-testid="child-absence"]').first().waitFor();
      await shootBoth(parentPage, 'parent-child-alert');
      await parentPage.goto(`${baseUrl}/`);
      await parentPage.locator('[data-testid="alerts-list"] [data-alert-type="absence_today"]').first().waitFor();
      await parentPage.locator('[data-testid="child-unread-alerts"]').waitFor();
      await parentPage.locator('[data-testid="alerts-mark-all"]').click();
      await parentPage.locator('[data-testid="alerts-mark-all"]').waitFor({ state: 'detached' });
      check((await parentPage.locator('[data-testid="alert-item"][data-unread]').count()) === 0, 'alerts still unread after mark all read');
      parentErrors();
    });

    await run("the student's access log lists the parent's visits", async () => {
      await studentPage.setViewportSize(PHONE);
      await studentPage.goto(`${baseUrl}/family-privacy`);
      await studentPage.locator('[data-testid="linked-parent"]').first().waitFor();
      await studentPage.locator('[data-testid="access-entry"]', { hasText: 'Your full overview' }).first().waitFor();
      await shootBoth(studentPage, 'student-privacy');
      studentErrors();
    });

    await run('"Message teacher" opens a conversation with the teacher', async () => {
      await parentPage.goto(`${baseUrl}/family/children/${studentId}`);
      await parentPage.locator('[data-testid="message-teacher"]').first().click();
      await parentPage.waitForURL(/\/messages\/[0-9a-f-]{36}$/);
      parentErrors();
    });
  } finally {
    await studentBrowser.close();
    await parentBrowser.close();
    await adminBrowser.close();
  }
});
