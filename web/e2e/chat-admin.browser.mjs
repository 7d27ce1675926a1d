#!/usr/bin/env node
// Browser test in real Chromium for the admins' chat screens, with three browser profiles (the demo admin on a
// laptop, the demo teacher, the demo student):
// - a student sends a message with a file in a course conversation and the course's teacher deletes it with a
//   reason; the admin's safeguarding review lists it with the original text, the file's name, who deleted it and
//   why, and where it was sent (the conversation and its course; a link when the admin is in the conversation, as
//   in the admin's own direct conversation); the scope tabs work from the keyboard and the sender filter narrows
//   the list; the course picker and the dates narrow it too (a range with nothing in it shows the empty state and
//   clears); "Load older messages" pages with the API's cursor (no message twice); from a report in the
//   moderation queue the admin opens the review of that conversation (every message, the deleted one included);
// - the admin opens the chat policy from the side nav, changes two settings and saves (the form is disabled while
//   the request is in flight, a toast confirms), reloads and sees them kept; a value the server refuses shows the
//   server's message under its field and changes nothing; the policy is put back as it was afterwards;
// - the teacher and the student have no nav entry for either screen, get "Not allowed" at their addresses, and the
//   API refuses them too;
// - screenshots of both screens at laptop (1280×800) and phone (390×844) size go to SHOTS_DIR (by default
//   web/e2e/screenshots/chat-admin-*.png).
//
//   node web/e2e/chat-admin.browser.mjs [BASE_URL] [REPORT_PATH]     (same report format as login.browser.mjs)
/* global document */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { baseUrl, check, LAPTOP, launch, main, PASSWORD, run, screenshotDir, signIn, watchPageErrors } from './lib/browser.mjs';

const PHONE_390 = { width: 390, height: 844 };
const shotsDir = process.env.SHOTS_DIR ?? screenshotDir;
// A 1×1 PNG: chat recognises files by their first bytes.
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

async function call(path, { token, method = 'GET', body } = {}) {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, payload: text ? JSON.parse(text) : undefined };
}

async function api(path, options = {}) {
  const { status, payload } = await call(path, options);
  if (status < 200 || status >= 300) throw new Error(`${options.method ?? 'GET'} ${path} answered ${status}: ${payload?.message ?? ''}`);
  return payload;
}

const login = (email) => api('/auth/login', { method: 'POST', body: { email, password: PASSWORD } });

/** Laptop and phone, full page, into SHOTS_DIR. */
async function shootBoth(page, name) {
  mkdirSync(shotsDir, { recursive: true });
  for (const [size, viewport] of [['laptop', LAPTOP], ['phone', PHONE_390]]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shotsDir, `chat-admin-${name}-${size}.png`), fullPage: true });
  }
  await page.setViewportSize(LAPTOP);
}

main(async () => {
  const adminBrowser = await launch();
  const teacherBrowser = await launch();
  const studentBrowser = await launch();
  const stamp = Date.now().toString(36);
  const text = `Safeguarding check ${stamp}`;
  const directText = `Safeguarding direct check ${stamp}`;
  const reason = `Browser test: off-topic ${stamp}`;
  const fileName = `evidence-${stamp}.png`;
  let admin;
  let originalPolicy;
  try {
    let adminPage;
    let adminErrors;
    let teacher;
    let student;
    let course;
    let direct;

    await run('a teacher deletes a student’s message (with a file) in their course conversation', async () => {
      admin = await login('admin@tec.example');
      teacher = await login('teacher@tec.example');
      student = await login('student@tec.example');
      originalPolicy = await api('/messages/policy', { token: admin.accessToken });
      const mine = new Set((await api('/messages/conversations?kind=course&limit=100', { token: student.accessToken })).items.map((item) => item.id));
      const { items } = await api('/messages/conversations?kind=course&limit=100', { token: teacher.accessToken });
      course = items.find((item) => mine.has(item.id));
      check(course, 'the demo teacher and student share no course conversation');
      const attachment = await api(`/messages/conversations/${course.id}/attachments`, { token: student.accessToken, method: 'POST', body: { fileName, contentBase64: PNG_1X1 } });
      const message = await api(`/messages/conversations/${course.id}/messages`, {
        token: student.accessToken,
        method: 'POST',
        body: { body: text, clientId: `sg-${stamp}`, attachmentId: attachment.id },
      });
      await api(`/messages/${message.id}`, { token: teacher.accessToken, method: 'DELETE', body: { reason } });
      // The admin's own direct conversation with the student: one the admin can open from the review.
      direct = await api('/messages/conversations', { token: admin.accessToken, method: 'POST', body: { kind: 'direct', participantIds: [student.user.id] } });
      const own = await api(`/messages/conversations/${direct.id}/messages`, { token: admin.accessToken, method: 'POST', body: { body: directText, clientId: `sg-d-${stamp}` } });
      await api(`/messages/${own.id}`, { token: admin.accessToken, method: 'DELETE', body: { reason: 'Browser test: sent to the wrong person' } });
    });

    await run('the admin’s safeguarding review lists it: text, file, who deleted it and why', async () => {
      adminPage = await adminBrowser.context.newPage();
      adminErrors = watchPageErrors(adminPage);
      await signIn(adminPage, 'admin@tec.example');
      await adminPage.waitForURL((url) => !url.pathname.startsWith('/login'));
      await adminPage.locator('nav a[href="/admin/chat/safeguarding"]:visible').first().click();
      await adminPage.locator('[data-testid="chat-safeguarding-heading"]').waitFor();
      const item = adminPage.locator('[data-testid="safeguarding-item"]', { hasText: text });
      await item.waitFor();
      check((await item.getAttribute('data-deleted')) === 'true', 'the message is not shown as deleted');
      check((await item.locator('[data-testid="safeguarding-attachment"]').innerText()).includes(fileName), 'the file’s name is missing');
      const deletedBy = await item.locator('[data-testid="safeguarding-deleted-by"]').innerText();
      check(deletedBy.includes(`${teacher.user.firstName} ${teacher.user.lastName}`), `"Deleted by" shows ${deletedBy}`);
      check((await item.locator('[data-testid="safeguarding-reason"]').innerText()).includes(reason), 'the reason is missing');
      check(await item.innerText().then((all) => all.includes(`${student.user.firstName} ${student.user.lastName}`)), 'the sender is missing');
      const where = await item.locator('[data-testid="safeguarding-conversation"]').innerText();
      check(where.includes(course.title) && where.includes(course.course.code) && where.includes(course.course.title), `"Sent in" reads "${where}"`);
      await shootBoth(adminPage, 'safeguarding');
    });

    await run('each message says where it was sent; a conversation the admin is in links to it', async () => {
      const adminIsInCourse = (await call(`/messages/conversations/${course.id}`, { token: admin.accessToken })).status === 200;
      const courseItem = adminPage.locator('[data-testid="safeguarding-item"]', { hasText: text });
      const courseLinks = await courseItem.locator('[data-testid="safeguarding-conversation-link"]').count();
      check(courseLinks === (adminIsInCourse ? 1 : 0), `the course conversation has ${courseLinks} links for an admin ${adminIsInCourse ? '' : 'not '}in it`);
      if (!adminIsInCourse) check((await courseItem.locator('[data-testid="safeguarding-conversation-title"]').innerText()) === course.title, 'the course conversation is not named');
      const directItem = adminPage.locator('[data-testid="safeguarding-item"]', { hasText: directText });
      const link = directItem.locator('[data-testid="safeguarding-conversation-link"]');
      check((await link.getAttribute('href')) === `/messages/${direct.id}`, `the direct conversation links to ${await link.getAttribute('href')}`);
      check((await link.innerText()).includes(student.user.lastName), `the direct conversation is called "${await link.innerText()}"`);
      check(!(await directItem.locator('[data-testid="safeguarding-course-name"]').count()), 'a direct conversation shows a course');
      await link.click();
      await adminPage.waitForURL((url) => url.pathname === `/messages/${direct.id}`);
      await adminPage.goBack();
      await adminPage.locator('[data-testid="safeguarding-item"]', { hasText: directText }).waitFor();
    });

    await run('the course picker and the dates narrow the list; a range with nothing in it can be cleared', async () => {
      await adminPage.locator('[data-testid="safeguarding-course"]').selectOption(course.course.id);
      await adminPage.waitForURL((url) => url.searchParams.get('course') === course.course.id);
      await adminPage.locator('[data-testid="safeguarding-item"]', { hasText: text }).waitFor();
      await adminPage.locator('[data-testid="safeguarding-item"]', { hasText: directText }).waitFor({ state: 'detached' });
      const courses = await adminPage.locator('[data-testid="safeguarding-course-name"]').allInnerTexts();
      check(courses.length > 0 && courses.every((name) => name.includes(course.course.code)), `a course-filtered list shows ${courses.join(' / ')}`);
      await adminPage.locator('[data-testid="safeguarding-from"]').fill('2099-01-01');
      await adminPage.waitForURL((url) => url.searchParams.get('from') === '2099-01-01' && url.searchParams.get('course') === course.course.id);
      const empty = adminPage.locator('[data-testid="safeguarding-empty"]');
      await empty.waitFor();
      check((await empty.innerText()).includes('Nothing matches these filters'), 'the empty state does not say the filters match nothing');
      await empty.getByRole('button', { name: 'Clear filters' }).click();
      await adminPage.waitForURL((url) => !url.searchParams.has('course') && !url.searchParams.has('from'));
      check((await adminPage.locator('[data-testid="safeguarding-course"]').inputValue()) === '', 'the course picker kept the course');
      await adminPage.locator('[data-testid="safeguarding-item"]', { hasText: directText }).waitFor();
    });

    await run('"Load older messages" pages with the API’s cursor', async () => {
      // One message a page, so two pages are certain to exist.
      const cursors = [];
      await adminPage.route('**/api/v1/messages/moderation/safeguarding?**', async (route) => {
        const url = new URL(route.request().url());
        url.searchParams.set('limit', '1');
        cursors.push(url.searchParams.get('cursor'));
        await route.continue({ url: url.toString() });
      });
      try {
        await adminPage.reload();
        await adminPage.locator('[data-testid="safeguarding-more"]').waitFor();
        const items = adminPage.locator('[data-testid="safeguarding-item"]');
        check((await items.count()) === 1, `the first page holds ${await items.count()} messages`);
        await adminPage.locator('[data-testid="safeguarding-more"]').click();
        await adminPage.waitForFunction(() => document.querySelectorAll('[data-testid="safeguarding-item"]').length === 2);
        const ids = await items.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-message-id')));
        check(new Set(ids).size === 2, 'the older page repeated a message');
        const times = await items.evaluateAll((rows) => rows.map((row) => row.querySelector('time')?.getAttribute('datetime') ?? ''));
        check(times[0] >= times[1], `older came before newer: ${times.join(' / ')}`);
        check(cursors[0] === null && typeof cursors.at(-1) === 'string' && cursors.at(-1).length > 0, `the requests sent cursors ${JSON.stringify(cursors)}`);
      } finally {
        await adminPage.unroute('**/api/v1/messages/moderation/safeguarding?**');
      }
      await adminPage.reload();
      await adminPage.locator('[data-testid="safeguarding-item"]', { hasText: text }).waitFor();
    });

    await run('the scope tabs work from the keyboard and the sender filter narrows the list', async () => {
      // From the review with no filters (the earlier steps leave their own in the address).
      await adminPage.goto(`${baseUrl}/admin/chat/safeguarding`);
      await adminPage.locator('[data-testid="safeguarding-item"]', { hasText: text }).waitFor();
      check((await adminPage.locator('[data-testid="safeguarding-scope"] [role="tab"][data-value="deleted"]').getAttribute('aria-selected')) === 'true', 'the review did not open on deleted messages');
      const deletedTab = adminPage.locator('[data-testid="safeguarding-scope"] [role="tab"][data-value="deleted"]');
      await deletedTab.focus();
      await adminPage.keyboard.press('ArrowRight');
      await adminPage.waitForURL((url) => url.searchParams.get('all') === '1');
      check((await adminPage.evaluate(() => document.activeElement?.getAttribute('data-value'))) === 'all', 'focus did not follow the arrow key');
      await adminPage.keyboard.press('ArrowLeft');
      await adminPage.waitForURL((url) => !url.searchParams.has('all'));
      const item = adminPage.locator('[data-testid="safeguarding-item"]', { hasText: text });
      await item.locator('[data-testid="safeguarding-by-sender"]').click();
      await adminPage.waitForURL((url) => url.searchParams.get('sender') === student.user.id);
      await adminPage.locator('[data-testid="safeguarding-sender-chip"]').waitFor();
      await item.waitFor();
      const senders = await adminPage.locator('[data-testid="safeguarding-item"]').evaluateAll((rows) => rows.length);
      check(senders > 0, 'the filtered list is empty');
      const others = await adminPage.locator('[data-testid="safeguarding-item"] [data-testid="safeguarding-by-sender"]').count();
      check(others === 0, 'a sender-filtered list still offers to filter by sender');
      await adminPage.locator('[data-testid="safeguarding-sender-chip"] button').click();
      await adminPage.waitForURL((url) => !url.searchParams.has('sender'));
      await adminPage.locator('[data-testid="safeguarding-sender-search"]').fill(student.user.email);
      await adminPage.locator(`[data-testid="safeguarding-sender-option"][data-user-id="${student.user.id}"]`).click();
      await adminPage.waitForURL((url) => url.searchParams.get('sender') === student.user.id);
      await item.waitFor();
    });

    await run('from a report in the moderation queue the admin reviews the whole conversation', async () => {
      const reported = `Reported in review ${stamp}`;
      const message = await api(`/messages/conversations/${course.id}/messages`, { token: teacher.accessToken, method: 'POST', body: { body: reported, clientId: `sg-r-${stamp}` } });
      await api(`/messages/${message.id}/report`, { token: student.accessToken, method: 'POST', body: { reason: 'Browser test report for the review' } });
      await adminPage.goto(`${baseUrl}/messages/moderation`);
      const card = adminPage.locator('[data-testid="chat-report-card"]', { hasText: reported });
      await card.locator('[data-testid="chat-report-safeguarding"]').click();
      await adminPage.waitForURL((url) => url.pathname === '/admin/chat/safeguarding' && url.searchParams.get('conversation') === course.id);
      const chip = adminPage.locator('[data-testid="safeguarding-conversation-chip"]');
      await chip.waitFor();
      check((await chip.innerText()).includes(course.title), `the conversation filter reads "${await chip.innerText()}"`);
      await adminPage.locator('[data-testid="safeguarding-item"][data-deleted="false"]', { hasText: reported }).waitFor();
      await adminPage.locator('[data-testid="safeguarding-item"][data-deleted="true"]', { hasText: text }).waitFor();
    });

    const policyField = (name) => adminPage.locator(`[data-testid="chat-policy-${name}"]`);
    let changed;

    await run('the admin changes the chat policy; the form is disabled while saving (Save keeps the focus) and a toast confirms', async () => {
      await adminPage.locator('nav a[href="/admin/chat/policy"]:visible').first().click();
      await adminPage.locator('[data-testid="chat-policy-form"]').waitFor();
      await adminPage.locator('[data-testid="chat-policy-never"]').waitFor();
      check((await policyField('floodMaxMessages').inputValue()) === String(originalPolicy.floodMaxMessages), 'the form does not show the current flood limit');
      check((await policyField('studentToStudent').isChecked()) === originalPolicy.studentToStudent, 'the form does not show the current classmates switch');
      await shootBoth(adminPage, 'policy');
      changed = { floodMaxMessages: originalPolicy.floodMaxMessages === 37 ? 38 : 37, studentToStudent: !originalPolicy.studentToStudent };
      await policyField('floodMaxMessages').fill(String(changed.floodMaxMessages));
      await policyField('studentToStudent').setChecked(changed.studentToStudent);
      // Hold the save for a moment so the disabled state can be seen.
      let release;
      let puts = 0;
      const held = new Promise((resolve) => (release = resolve));
      await adminPage.route('**/api/v1/messages/policy', async (route) => {
        if (route.request().method() === 'PUT') {
          puts += 1;
          await held;
        }
        await route.continue();
      });
      // Saved from the keyboard: the busy Save button keeps the focus (a disabled one would drop it to the page),
      // and a second Enter while saving sends nothing.
      await policyField('save').focus();
      await adminPage.keyboard.press('Enter');
      await adminPage.locator('[data-testid="chat-policy-form"] fieldset[disabled]').first().waitFor();
      check(await policyField('floodMaxMessages').isDisabled(), 'the field can be edited while saving');
      const saveFocused = () => adminPage.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'chat-policy-save');
      check(await saveFocused(), 'the Save button lost the keyboard focus while saving');
      check((await policyField('save').getAttribute('aria-busy')) === 'true', 'the Save button is not marked busy while saving');
      await adminPage.keyboard.press('Enter');
      release();
      await adminPage.getByText('Chat policy saved').waitFor();
      await adminPage.unroute('**/api/v1/messages/policy');
      check(puts === 1, `${puts} saves were sent for one (Enter pressed twice while saving)`);
      // Saved, Save has nothing left to do: unavailable, but it keeps the focus until the user moves on.
      check(await saveFocused(), 'the Save button lost the keyboard focus after saving');
      check((await policyField('save').getAttribute('aria-disabled')) === 'true', 'Save is offered with nothing left to save');
      check(!(await policyField('floodMaxMessages').isDisabled()), 'the form stayed disabled after saving');
    });

    await run('after a reload the saved policy is shown (and the API agrees)', async () => {
      await adminPage.reload();
      await adminPage.locator('[data-testid="chat-policy-form"]').waitFor();
      check((await policyField('floodMaxMessages').inputValue()) === String(changed.floodMaxMessages), 'the flood limit was not kept');
      check((await policyField('studentToStudent').isChecked()) === changed.studentToStudent, 'the classmates switch was not kept');
      const stored = await api('/messages/policy', { token: admin.accessToken });
      check(stored.floodMaxMessages === changed.floodMaxMessages && stored.studentToStudent === changed.studentToStudent, 'the API does not hold the saved values');
    });

    await run('a value the server refuses shows its message under the field and changes nothing', async () => {
      await policyField('floodMaxMessages').fill('0');
      await policyField('save').click();
      const field = policyField('floodMaxMessages');
      await adminPage.waitForFunction((selector) => document.querySelector(selector)?.getAttribute('aria-invalid') === 'true', '[data-testid="chat-policy-floodMaxMessages"]');
      const errorId = await field.getAttribute('aria-describedby');
      const message = await adminPage.locator(`[id="${errorId}"]`).innerText();
      check(/1|small/i.test(message), `the field's error says "${message}"`);
      const stored = await api('/messages/policy', { token: admin.accessToken });
      check(stored.floodMaxMessages === changed.floodMaxMessages, 'a refused value was stored');
      await adminPage.locator('[data-testid="chat-policy-form"] button', { hasText: 'Reset' }).click();
      check((await field.inputValue()) === String(changed.floodMaxMessages), 'Reset did not bring back the saved value');
    });

    for (const [role, email] of [['teacher', 'teacher@tec.example'], ['student', 'student@tec.example']]) {
      await run(`a ${role} has no way to these screens`, async () => {
        const browser = role === 'teacher' ? teacherBrowser : studentBrowser;
        const page = await browser.context.newPage();
        const errors = watchPageErrors(page);
        await signIn(page, email);
        await page.waitForURL((url) => !url.pathname.startsWith('/login'));
        await page.locator('nav a[href="/"]:visible').first().waitFor();
        check((await page.locator('a[href^="/admin/chat/"]').count()) === 0, `the ${role}'s nav links to an admin chat screen`);
        for (const address of ['/admin/chat/policy', '/admin/chat/safeguarding']) {
          await page.goto(`${baseUrl}${address}`);
          await page.getByText('This page isn’t available for your account.').waitFor();
          check((await page.locator('[data-testid="chat-policy-form"], [data-testid="safeguarding-list"], [data-testid="chat-safeguarding-heading"]').count()) === 0, `${address} shows admin content to a ${role}`);
        }
        const token = (role === 'teacher' ? teacher : student).accessToken;
        const review = await call('/messages/moderation/safeguarding', { token });
        const change = await call('/messages/policy', { token, method: 'PUT', body: { floodMaxMessages: 99 } });
        check(review.status === 403 && change.status === 403, `the API answered ${review.status} and ${change.status} to a ${role}`);
        errors();
        await page.close();
      });
    }

    await run('no uncaught errors in the admin’s page', async () => adminErrors?.());
  } finally {
    // Leave the school's policy as it was for the other browser tests.
    if (admin && originalPolicy) {
      const { updatedAt: _updatedAt, ...settings } = originalPolicy;
      await call('/messages/policy', { token: admin.accessToken, method: 'PUT', body: settings }).catch(() => undefined);
    }
    await adminBrowser.close();
    await teacherBrowser.close();
    await studentBrowser.close();
  }
});
