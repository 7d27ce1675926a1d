#!/usr/bin/env node
// Browser test in real Chromium for excused-absence requests, with two browser profiles (a student's phone, a
// teacher's laptop):
// - the teacher marks the student absent in a class three days ago (REST); a classmate asks to be excused too;
// - on her phone the student opens the class in her history and the request form: a text file, and an HTML file
//   named and typed as a .jpg, are refused with an error in the form; a genuine 3.5 MB JPEG (encoded by Chromium in the
//   page) is shrunk in the browser under 1 MB and goes up as multipart/form-data; the request is listed as pending;
// - she sees only her own requests and cannot read a classmate's evidence;
// - the teacher's queue shows her request with its reason; the evidence fetched is a JPEG, shown as an image; the
//   teacher approves it and the class becomes excused in the grid, over REST and on the student's page.
//
//   node web/e2e/attendance-exemptions.browser.mjs [BASE_URL] [REPORT_PATH]     (same report format as login.browser.mjs)
/* global OffscreenCanvas, btoa, FormData, Blob */
import { baseUrl, check, LAPTOP, launch, main, PASSWORD, PHONE, run, shoot, signIn, watchPageErrors } from './lib/browser.mjs';

const STUDENT_EMAIL = 'student@tec.example';
const STUDENT_NAME = 'Sofía Rivera';
const DAY_MS = 86_400_000;
/** What shrink-image.ts aims every photo at (PHOTO_TARGET_BYTES). */
const PHOTO_TARGET_BYTES = 1024 * 1024;
/** Room for the multipart boundaries and the text fields around the file. */
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;
const EXEMPTIONS_PATH = '/api/v1/attendance/exemptions';
// The smallest valid PNG (1×1), the classmate's evidence.
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function api(path, { token, method = 'GET', body, form } = {}) {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: form ?? (body ? JSON.stringify(body) : undefined),
  });
  const text = await response.text();
  const payload = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${payload?.message ?? text}`);
  return payload;
}

/** The status code of a request expected to fail. */
async function statusOf(path, { token, method = 'GET', body } = {}) {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), Authorization: `Bearer ${token}` },
    body: body ? JSON.stringify(body) : undefined,
  });
  await response.arrayBuffer();
  return response.status;
}

async function login(email) {
  const { accessToken } = await api('/auth/login', { method: 'POST', body: { email, password: PASSWORD } });
  return accessToken;
}

/**
 * A class three days ago (a past day: no "absent today" alert for the parent-portal test to trip over) in a course
 * the demo teacher teaches and the demo student attends, with the student and a classmate marked absent by the
 * teacher; the classmate asks to be excused (multipart, a PNG).
 */
async function setUpAbsentClass() {
  const stamp = Date.now().toString(36);
  const token = await login('teacher@tec.example');
  const { items: courses } = await api('/courses', { token });
  // From the last course: attendance.browser.mjs and parent-portal.browser.mjs schedule in the first one.
  for (const course of courses.filter((item) => item.relation === 'teaching').reverse()) {
    const { items: students } = await api(`/courses/${course.id}/students`, { token });
    const student = students.find((entry) => entry.email === STUDENT_EMAIL);
    const classmate = students.find((entry) => entry.email !== STUDENT_EMAIL);
    if (!student || !classmate) continue;
    const startsAt = Math.floor((Date.now() - 3 * DAY_MS) / 60_000) * 60_000;
    const topic = `Browser test: exemption ${stamp}`;
    const { items } = await api('/classes/sessions', {
      token,
      method: 'POST',
      body: { courseId: course.id, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 50 * 60_000).toISOString(), topic },
    });
    const sessionId = items[0].id;
    for (const absent of [student, classmate]) {
      await api('/attendance/mark', { token, method: 'POST', body: { sessionId, studentId: absent.id, status: 'absent' } });
    }
    // A second class, two days ago: the demo parent (linked to the student) asks to excuse this one.
    const parentStartsAt = Math.floor((Date.now() - 2 * DAY_MS) / 60_000) * 60_000;
    const parentTopic = `Browser test: parent's request ${stamp}`;
    const { items: parentItems } = await api('/classes/sessions', {
      token,
      method: 'POST',
      body: { courseId: course.id, startsAt: new Date(parentStartsAt).toISOString(), endsAt: new Date(parentStartsAt + 50 * 60_000).toISOString(), topic: parentTopic },
    });
    const parentSessionId = parentItems[0].id;
    await api('/attendance/mark', { token, method: 'POST', body: { sessionId: parentSessionId, studentId: student.id, status: 'absent' } });
    const classmateToken = await login(classmate.email);
    const form = new FormData();
    form.append('sessionId', sessionId);
    form.append('reason', `Classmate's dentist appointment ${stamp}`);
    form.append('file', new Blob([TINY_PNG], { type: 'image/png' }), 'dentist.png');
    const classmateRequest = await api('/attendance/exemptions', { token: classmateToken, method: 'POST', form });
    return { token, course, sessionId, topic, stamp, student, classmate, classmateRequest, parentSessionId, parentTopic };
  }
  throw new Error(`the demo teacher teaches no course with ${STUDENT_EMAIL} and a classmate in it`);
}

/** A genuine JPEG of a photographed note, 4000×3000 with sensor-like noise, encoded by Chromium: about 3.5 MB. */
async function makePhoto(page) {
  const base64 = await page.evaluate(async () => {
    const width = 4000;
    const height = 3000;
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    const paper = context.createLinearGradient(0, 0, width, height);
    paper.addColorStop(0, '#f4efe1');
    paper.addColorStop(1, '#d6cfbd');
    context.fillStyle = paper;
    context.fillRect(0, 0, width, height);
    context.fillStyle = '#1e293b';
    context.font = 'bold 180px serif';
    context.fillText('Medical certificate', 300, 500);
    context.font = '110px serif';
    ['Patient: Sofía Rivera', 'Unable to attend class', 'for medical reasons.', 'Dr. A. Example, MD'].forEach((line, index) => context.fillText(line, 300, 900 + index * 220));
    const image = context.getImageData(0, 0, width, height);
    let seed = 12345;
    for (let index = 0; index < image.data.length; index += 4) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const noise = ((seed >>> 16) % 21) - 10;
      image.data[index] += noise;
      image.data[index + 1] += noise;
      image.data[index + 2] += noise;
    }
    context.putImageData(image, 0, 0);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
    let binary = '';
    for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
    return btoa(binary);
  });
  return Buffer.from(base64, 'base64');
}

/** A full-page shot from the top: scrolled, the fixed header and bottom bar would be drawn mid-page. */
async function shootFromTop(page, name, viewport) {
  await page.evaluate(() => globalThis.scrollTo(0, 0));
  await shoot(page, name, viewport);
}

const isJpeg = (bytes) => bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;

/** The student's row for the test's class: home page → "See my attendance" → the course → "Show history". */
async function openHistoryRow(page, setup, homeShot) {
  await page.goto(`${baseUrl}/`, { waitUntil: 'domcontentloaded' });
  // The phone's bottom bar has no room for attendance; the home page links to it.
  const link = page.locator('[data-testid="student-attendance-link"]');
  await link.waitFor();
  if (homeShot) await shootFromTop(page, homeShot, PHONE);
  await link.click();
  await page.waitForURL((url) => url.pathname === '/attendance/me');
  const card = page.locator('[data-testid="my-course-attendance"]').filter({ hasText: setup.course.title });
  await card.getByRole('button', { name: 'Show history' }).click();
  const row = card.locator('li').filter({ hasText: setup.topic });
  await row.waitFor();
  return row;
}

main(async () => {
  const studentBrowser = await launch();
  const teacherBrowser = await launch();
  try {
    let setup;
    let studentPage;
    let assertNoStudentErrors;
    let form;
    let requested;
    const uploads = [];

    await run('the teacher marks the student absent in a past class; a classmate asks to be excused (REST)', async () => {
      setup = await setUpAbsentClass();
      const { items } = await api(`/classes/sessions/${setup.sessionId}/roster`, { token: setup.token });
      const record = items.find((entry) => entry.student.id === setup.student.id)?.record;
      check(record?.status === 'absent', `the student is ${record?.status ?? 'unmarked'} after being marked absent`);
    });

    await run('on her phone the student opens the request form; a text file and a disguised .jpg are refused in the form', async () => {
      check(setup, 'no setup');
      studentPage = await studentBrowser.context.newPage();
      await studentPage.setViewportSize(PHONE);
      assertNoStudentErrors = watchPageErrors(studentPage);
      studentPage.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === EXEMPTIONS_PATH) uploads.push(request);
      });
      await signIn(studentPage, STUDENT_EMAIL);
      await studentPage.waitForURL((url) => url.pathname !== '/login');
      const row = await openHistoryRow(studentPage, setup, 'exemptions-student-home-phone');
      check((await row.innerText()).includes('Absent'), `the class is not shown absent: ${await row.innerText()}`);
      await row.getByRole('button', { name: 'Request exemption' }).click();
      form = row.locator('form');
      await form.getByLabel('Reason').fill(`Fever, doctor's note attached ${setup.stamp}`);
      const file = form.getByLabel('Evidence (optional)');
      const alert = form.getByRole('alert');

      // A text file: refused by the form before anything is sent.
      await file.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('I was ill.\n') });
      await form.getByRole('button', { name: 'Send request' }).click();
      await alert.filter({ hasText: 'Send a photo (JPEG, PNG, WebP) or a PDF.' }).waitFor();
      check(uploads.length === 0, 'a text file was sent to the server');

      // An HTML file named and typed as a JPEG: small, so the form sends it as it is; the server reads its first bytes.
      const disguised = Buffer.from('<!doctype html><title>note</title><script>alert(document.cookie)</script>\n'.repeat(40));
      await file.setInputFiles({ name: 'doctor-note.jpg', mimeType: 'image/jpeg', buffer: disguised });
      const refused = studentPage.waitForResponse((response) => new URL(response.url()).pathname === EXEMPTIONS_PATH && response.request().method() === 'POST');
      await form.getByRole('button', { name: 'Send request' }).click();
      const response = await refused;
      check(response.status() === 415, `the disguised file was answered ${response.status()}, expected 415`);
      await alert.filter({ hasText: 'Send a PDF, PNG, JPEG or WebP file' }).waitFor();
      await shootFromTop(studentPage, 'exemptions-form-refused-phone', PHONE);
      const { items } = await api('/attendance/exemptions', { token: await login(STUDENT_EMAIL) });
      check(!items.some((item) => item.sessionId === setup.sessionId), 'a request was stored with the disguised file');
    });

    await run('a 3.5 MB photo is shrunk in the browser, sent as multipart/form-data and listed as pending', async () => {
      check(form, 'no request form');
      const photo = await makePhoto(studentPage);
      check(isJpeg(photo) && photo.length > 2.5 * 1024 * 1024, `the generated photo is not a JPEG of a few MB (${photo.length} bytes)`);
      uploads.length = 0;
      await form.getByLabel('Evidence (optional)').setInputFiles({ name: 'doctor-note-photo.jpeg', mimeType: 'image/jpeg', buffer: photo });
      const answered = studentPage.waitForResponse((response) => new URL(response.url()).pathname === EXEMPTIONS_PATH && response.request().method() === 'POST', { timeout: 30_000 });
      await form.getByRole('button', { name: 'Send request' }).click();
      const response = await answered;
      check(response.status() === 201, `the request was answered ${response.status()}: ${await response.text()}`);
      requested = await response.json();

      check(uploads.length === 1, `${uploads.length} uploads, expected 1`);
      const headers = await uploads[0].allHeaders();
      check(/^multipart\/form-data; boundary=/.test(headers['content-type'] ?? ''), `the upload went as "${headers['content-type']}"`);
      // Chromium does not expose a Blob-backed body to the page's listeners; the Content-Length it sent is the body's size.
      const sent = Number(headers['content-length']);
      check(sent > 0 && sent < photo.length, `the upload (${sent} bytes) is not smaller than the photo (${photo.length} bytes)`);
      check(sent <= PHOTO_TARGET_BYTES + MULTIPART_OVERHEAD_BYTES, `the upload is ${sent} bytes, more than the 1 MB photo target`);
      check(requested.status === 'pending', `the new request is ${requested.status}`);
      check(requested.evidence?.mimeType === 'image/jpeg', `the server stored the evidence as ${requested.evidence?.mimeType}`);
      check(requested.evidence.fileName === 'doctor-note-photo.jpg', `the evidence is named "${requested.evidence.fileName}"`);
      check(requested.evidence.sizeBytes <= PHOTO_TARGET_BYTES && requested.evidence.sizeBytes < sent, `the stored evidence is ${requested.evidence.sizeBytes} bytes`);
      console.log(`  photo ${photo.length} bytes → upload ${sent} bytes (evidence ${requested.evidence.sizeBytes} bytes)`);

      await studentPage.getByText('Request sent to your teacher.').waitFor();
      await form.waitFor({ state: 'detached' });
      await studentPage.getByRole('link', { name: 'My exemption requests' }).click();
      await studentPage.locator('[data-testid="exemptions-heading"]').waitFor();
      const card = studentPage.locator('section').filter({ hasText: `Fever, doctor's note attached ${setup.stamp}` });
      await card.waitFor();
      check((await card.innerText()).includes('Pending'), `the request is not shown pending: ${await card.innerText()}`);
      await card.getByRole('button', { name: 'View evidence (doctor-note-photo.jpg)' }).waitFor();
      await shoot(studentPage, 'exemptions-mine-pending-phone', PHONE);
    });

    await run("the student sees only her own requests and cannot read a classmate's evidence", async () => {
      check(requested, 'no request');
      await studentPage.locator('section').filter({ hasText: `Fever, doctor's note attached ${setup.stamp}` }).waitFor();
      check(!(await studentPage.getByText(`Classmate's dentist appointment ${setup.stamp}`).count()), "the classmate's request is shown to the student");
      const token = await login(STUDENT_EMAIL);
      const { items } = await api('/attendance/exemptions', { token });
      check(items.every((item) => item.student.id === setup.student.id), 'the student is listed another student’s request');
      const evidence = await statusOf(`/attendance/exemptions/${setup.classmateRequest.id}/evidence`, { token });
      check(evidence === 403 || evidence === 404, `the classmate's evidence was answered ${evidence} to the student`);
      const onBehalf = await statusOf('/attendance/exemptions', {
        token,
        method: 'POST',
        body: { sessionId: setup.sessionId, studentId: setup.classmate.id, reason: 'Asking for someone else' },
      });
      check(onBehalf === 403, `asking for a classmate was answered ${onBehalf}, expected 403`);
      assertNoStudentErrors();
    });

    await run('the teacher sees the request with its reason, views the JPEG evidence and approves it', async () => {
      check(requested, 'no request');
      const page = await teacherBrowser.context.newPage();
      const assertNoPageErrors = watchPageErrors(page);
      await signIn(page, 'teacher@tec.example');
      await page.locator('[data-testid="teacher-to-grade"]').waitFor();
      await page.locator('nav a[href="/attendance"]:visible').click();
      await page.locator('[data-testid="sessions-heading"]').waitFor();
      await page.getByRole('link', { name: 'Exemption requests' }).click();
      await page.locator('[data-testid="exemptions-heading"]').waitFor();
      const card = page.locator('section').filter({ hasText: `Fever, doctor's note attached ${setup.stamp}` });
      await card.getByRole('heading', { name: STUDENT_NAME }).waitFor();
      check((await card.innerText()).includes(setup.course.title), 'the card does not name the course');
      // The classmate's request waits in the same queue.
      await page.locator('section').filter({ hasText: `Classmate's dentist appointment ${setup.stamp}` }).waitFor();

      // DevTools keeps no body for a fetch read as a Blob (Response.body() is empty), and the page's CSP rightly
      // refuses to read the Blob URL back, so the test takes the evidence on its way to the page.
      let evidence;
      await page.route(`${baseUrl}${EXEMPTIONS_PATH}/${requested.id}/evidence`, async (route) => {
        const response = await route.fetch();
        evidence = { status: response.status(), headers: response.headers(), bytes: await response.body() };
        await route.fulfill({ response, body: evidence.bytes });
      });
      await card.getByRole('button', { name: 'View evidence (doctor-note-photo.jpg)' }).click();
      const image = card.getByRole('img', { name: 'Evidence: doctor-note-photo.jpg' });
      await image.waitFor();
      check(evidence?.status === 200, `the evidence was answered ${evidence?.status}`);
      check(evidence.headers['content-type'] === 'image/jpeg', `the evidence came as "${evidence.headers['content-type']}"`);
      check(/^attachment;/.test(evidence.headers['content-disposition'] ?? ''), `the evidence is not sent as an attachment: "${evidence.headers['content-disposition']}"`);
      check(isJpeg(evidence.bytes), `the evidence starts with ${evidence.bytes.subarray(0, 4).toString('hex')}, not a JPEG`);
      check(evidence.bytes.length === requested.evidence.sizeBytes, `the evidence is ${evidence.bytes.length} bytes, ${requested.evidence.sizeBytes} were stored`);
      await page.waitForFunction((element) => element.complete && element.naturalWidth > 0, await image.elementHandle());
      const shown = await image.evaluate((element) => ({ width: element.naturalWidth, height: element.naturalHeight }));
      const ratio = shown.width / shown.height;
      check(shown.width <= 2000 && ratio > 1.3 && ratio < 1.37, `the evidence decodes as ${shown.width}×${shown.height}, not the 4:3 photo shrunk`);
      await shoot(page, 'exemptions-queue-evidence-laptop', LAPTOP);

      await card.getByLabel('Note to the student (optional)').fill('Get well soon.');
      await card.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByText(`Approved for ${STUDENT_NAME}.`).waitFor();
      // The pending queue lets go of it; the "Approved" filter shows it with the note.
      await card.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Approved', exact: true }).click();
      const approved = page.locator('section').filter({ hasText: `Fever, doctor's note attached ${setup.stamp}` });
      await approved.getByText('Get well soon.').waitFor();
      check((await approved.innerText()).includes('Approved'), 'the decided request is not shown approved');
      await shoot(page, 'exemptions-queue-approved-laptop', LAPTOP);

      // The class: excused in the grid and over REST.
      await page.goto(`${baseUrl}/attendance/sessions/${setup.sessionId}`, { waitUntil: 'domcontentloaded' });
      await page.locator(`[data-testid="roster-row"][data-student-id="${setup.student.id}"][data-status="excused"]`).waitFor();
      await page.locator(`[data-testid="roster-row"][data-student-id="${setup.classmate.id}"][data-status="absent"]`).waitFor();
      await shoot(page, 'exemptions-grid-excused-laptop', LAPTOP);
      const { items } = await api(`/classes/sessions/${setup.sessionId}/roster`, { token: setup.token });
      const record = items.find((entry) => entry.student.id === setup.student.id)?.record;
      check(record?.status === 'excused' && record.method === 'exemption', `the record is ${record?.status} by ${record?.method}, expected excused by exemption`);
      assertNoPageErrors();
      await page.close();
    });

    await run('the student sees the request approved and the class excused', async () => {
      check(studentPage, 'no student page');
      await studentPage.goto(`${baseUrl}/attendance/exemptions`, { waitUntil: 'domcontentloaded' });
      const card = studentPage.locator('section').filter({ hasText: `Fever, doctor's note attached ${setup.stamp}` });
      await card.getByText('Get well soon.').waitFor();
      check((await card.innerText()).includes('Approved'), `the request is not shown approved: ${await card.innerText()}`);
      await shoot(studentPage, 'exemptions-mine-approved-phone', PHONE);
      const row = await openHistoryRow(studentPage, setup);
      const text = await row.innerText();
      check(text.includes('Excused') && text.includes('Approved exemption'), `the class is not shown excused: ${text}`);
      check((await row.getByRole('button', { name: 'Request exemption' }).count()) === 0, 'an excused class still offers a request');
      await shootFromTop(studentPage, 'exemptions-history-excused-phone', PHONE);
      assertNoStudentErrors();
    });

    await run('a linked parent asks to excuse the child’s absence from the child’s page, and sees it pending', async () => {
      check(setup, 'no setup');
      const parentBrowser = await launch();
      try {
        const page = await parentBrowser.context.newPage();
        await page.setViewportSize(PHONE);
        const assertNoPageErrors = watchPageErrors(page);
        await signIn(page, 'parent@tec.example');
        const childCard = page.locator(`[data-testid="child-card"][data-student-id="${setup.student.id}"]`);
        await childCard.waitFor();
        await childCard.getByRole('link').first().click();
        await page.waitForURL((url) => url.pathname === `/family/children/${setup.student.id}`);
        // The portal learns of the mark from attendance's events: reload until the absence is there.
        const absence = page.locator('[data-testid="child-absence"]').filter({ hasText: setup.parentTopic });
        for (let attempt = 0; attempt < 20 && !(await absence.count()); attempt += 1) {
          await page.waitForTimeout(1000);
          await page.reload({ waitUntil: 'domcontentloaded' });
          await page.locator('[data-testid="child-absences"]').waitFor();
        }
        await absence.getByRole('button', { name: 'Request exemption' }).click();
        const parentForm = absence.locator('form');
        await parentForm.getByLabel('Reason').fill(`Family emergency ${setup.stamp}`);
        await parentForm.getByLabel('Evidence (optional)').setInputFiles({ name: 'letter.png', mimeType: 'image/png', buffer: TINY_PNG });
        await parentForm.getByRole('button', { name: 'Send request' }).click();
        await page.getByText('Request sent to your child’s teacher.').waitFor();
        await parentForm.waitFor({ state: 'detached' });
        await shootFromTop(page, 'exemptions-parent-child-phone', PHONE);

        // Their requests page names the child; the request is the parent's, for the child, pending.
        await page.locator('[data-testid="child-absences"]').getByRole('link', { name: 'Exemption requests' }).click();
        await page.locator('[data-testid="exemptions-heading"]').waitFor();
        const card = page.locator('section').filter({ hasText: `Family emergency ${setup.stamp}` });
        await card.getByRole('heading', { name: STUDENT_NAME }).waitFor();
        check((await card.innerText()).includes('Pending'), `the parent's request is not shown pending: ${await card.innerText()}`);
        check(!(await page.getByRole('button', { name: 'Approve', exact: true }).count()), 'a parent is offered the approve button');
        await shootFromTop(page, 'exemptions-parent-requests-phone', PHONE);
        const { items } = await api('/attendance/exemptions', { token: await login('parent@tec.example') });
        const mine = items.find((item) => item.reason === `Family emergency ${setup.stamp}`);
        check(mine?.student.id === setup.student.id && mine.sessionId === setup.parentSessionId && mine.status === 'pending', `the parent's request is ${JSON.stringify(mine)}`);
        check(items.every((item) => item.student.id === setup.student.id), 'the parent is listed a request of a child not theirs');
        assertNoPageErrors();
      } finally {
        await parentBrowser.close();
      }
    });
  } finally {
    await studentBrowser.close();
    await teacherBrowser.close();
  }
});
