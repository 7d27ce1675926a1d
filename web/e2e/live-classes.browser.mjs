#!/usr/bin/env node
// Browser test in real Chromium for live classes, with two browser profiles (a teacher's laptop, a student's phone):
// - the teacher opens Live classes from the nav and schedules a class through the form: first at the time of a
//   seeded class of hers (the overlap is refused, shown on the start field with the clashing class), then in a free
//   slot; the app opens the new class's page;
// - the student opens the same class from her list (countdown, join disabled until the window opens) and asks a
//   question;
// - without a reload the question appears on the teacher's page (socket room class:<id>); the teacher answers it;
// - without a reload the student sees the answer;
// - the teacher opens a past seeded class: attendance report (SVG chart, table fallback) and recordings;
// - screenshots of every screen at phone and laptop sizes.
//
//   node web/e2e/live-classes.browser.mjs [BASE_URL] [REPORT_PATH]     (same report format as login.browser.mjs)
import { baseUrl, check, LAPTOP, launch, main, PASSWORD, PHONE, run, shoot, signIn, watchPageErrors } from './lib/browser.mjs';

const HOUR = 3_600_000;
const QUESTION = `Will the quiz cover chapter 4? (${Date.now().toString(36)})`;
const ANSWER = 'Yes: sections 4.1 to 4.3, bring a calculator.';

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

/** Wall-clock date and time of an instant in a zone, as the form's inputs want them. */
function inZone(instant, timeZone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The demo teacher's course with the demo student, her timezone, a seeded upcoming class and a free hour. */
async function plan() {
  const { accessToken: token, user } = await api('/auth/login', { method: 'POST', body: { email: 'teacher@tec.example', password: PASSWORD } });
  const { items: courses } = await api('/courses', { token });
  let course;
  for (const candidate of courses.filter((item) => item.relation === 'teaching')) {
    const { items: students } = await api(`/courses/${candidate.id}/students`, { token });
    if (students.some((entry) => entry.email === 'student@tec.example')) {
      course = candidate;
      break;
    }
  }
  check(course, 'the demo teacher teaches no course with student@tec.example in it');
  const now = Date.now();
  const { items: classes } = await api(`/live-classes?from=${encodeURIComponent(new Date(now - 30 * 24 * HOUR).toISOString())}&to=${encodeURIComponent(new Date(now + 15 * 24 * HOUR).toISOString())}`, { token });
  const mine = classes.filter((item) => item.teacher.id === user.id && item.status !== 'cancelled');
  const clash = mine.find((item) => Date.parse(item.startsAt) > now + 5 * 60_000);
  check(clash, 'the seed gave the demo teacher no upcoming class to clash with');
  const past = classes.find((item) => item.courseId === course.id && item.status === 'completed');
  // A free hour (whole hours, 08:00–18:00 in her zone) in the next days that overlaps none of her classes.
  let free;
  for (let offset = 26 * HOUR; offset < 14 * 24 * HOUR && !free; offset += HOUR) {
    const start = Math.floor((now + offset) / HOUR) * HOUR;
    const local = inZone(start, user.timezone);
    const hour = Number(local.time.slice(0, 2));
    if (hour < 8 || hour > 18 || local.time.slice(3) !== '00') continue;
    if (mine.some((item) => Date.parse(item.startsAt) < start + HOUR && Date.parse(item.endsAt) > start)) continue;
    free = start;
  }
  check(free, 'no free hour for the demo teacher in the next two weeks');
  return { course, timezone: user.timezone, clash, past, free };
}

async function fillSlot(page, instant, timezone) {
  const start = inZone(instant, timezone);
  const end = inZone(instant + HOUR, timezone);
  await page.locator('[data-testid="live-schedule-form"] input[name="day"]').fill(start.day);
  await page.locator('[data-testid="live-schedule-form"] input[name="start"]').fill(start.time);
  // The form schedules within one day: an hour that would run past midnight (a seeded class at 23:40 in her zone)
  // ends at 23:59, which still overlaps it.
  await page.locator('[data-testid="live-schedule-form"] input[name="end"]').fill(end.day !== start.day ? '23:59' : end.time);
}

main(async () => {
  const teacherBrowser = await launch();
  const studentBrowser = await launch();
  try {
    let setup;
    let classId;
    let teacherPage;
    let studentPage;
    const name = `Browser test: live Q&A ${Date.now().toString(36)}`;

    await run('the teacher schedules a class through the form; an overlap is shown on the start field', async () => {
      setup = await plan();
      teacherPage = await teacherBrowser.context.newPage();
      const assertNoPageErrors = watchPageErrors(teacherPage);
      await signIn(teacherPage, 'teacher@tec.example');
      await teacherPage.locator('nav a[href="/live-classes"]:visible').first().click();
      await teacherPage.locator('[data-testid="live-classes-heading"]').waitFor();
      await teacherPage.locator('[data-testid="live-class-row"]').first().waitFor();
      await shoot(teacherPage, 'live-classes-teacher-list-laptop', LAPTOP);
      await shoot(teacherPage, 'live-classes-teacher-list-phone', PHONE);
      await teacherPage.setViewportSize(LAPTOP);
      await teacherPage.locator('[data-testid="live-schedule-open"]').click();
      const form = teacherPage.locator('[data-testid="live-schedule-form"]');
      await form.locator('select').first().selectOption(setup.course.id);
      await form.locator('input[name="name"]').fill(name);
      await form.locator('input[name="maxParticipants"]').fill('30');
      // A weekly series: seven weekday chips (shared with attendance sessions), today's picked; none picked is refused.
      await teacherPage.locator('[data-testid="live-repeat"]').check();
      const chips = form.locator('[data-testid="weekday-picker"] input[type="checkbox"]');
      check((await chips.count()) === 7, 'the weekday picker does not offer seven days');
      const picked = [];
      for (let index = 0; index < 7; index += 1) if (await chips.nth(index).isChecked()) picked.push(index);
      check(picked.length === 1, `the series starts with ${picked.length} weekdays picked instead of today's`);
      await form.locator('[data-testid="weekday-picker"] label').nth(picked[0]).click();
      check(!(await chips.nth(picked[0]).isChecked()), 'clicking a picked weekday did not unpick it');
      await teacherPage.locator('[data-testid="live-schedule-submit"]').click();
      await teacherPage.locator('#live-weekdays-error').waitFor();
      await teacherPage.locator('[data-testid="live-repeat"]').uncheck();
      // First at the time of one of her seeded classes: refused, on the field, naming the clash.
      await fillSlot(teacherPage, Date.parse(setup.clash.startsAt), setup.timezone);
      await teacherPage.locator('[data-testid="live-schedule-submit"]').click();
      await teacherPage.locator('[data-testid="live-schedule-conflicts"]').waitFor();
      const startField = form.locator('input[name="start"]');
      check((await startField.getAttribute('aria-invalid')) === 'true', 'the start field is not marked invalid after an overlap');
      check((await teacherPage.locator('[data-testid="live-schedule-conflicts"]').innerText()).includes(setup.clash.name), 'the clashing class is not named');
      await shoot(teacherPage, 'live-classes-schedule-conflict-laptop', LAPTOP);
      await shoot(teacherPage, 'live-classes-schedule-conflict-phone', PHONE);
      await teacherPage.setViewportSize(LAPTOP);
      // Then in a free hour: scheduled, and the app opens the new class.
      await fillSlot(teacherPage, setup.free, setup.timezone);
      await teacherPage.locator('[data-testid="live-schedule-submit"]').click();
      await teacherPage.waitForURL(/\/live-classes\/[0-9a-f-]{36}$/);
      classId = new URL(teacherPage.url()).pathname.split('/').pop();
      await teacherPage.locator('[data-testid="live-class-heading"]').waitFor();
      check((await teacherPage.locator('[data-testid="live-class-heading"]').innerText()).includes(name), 'the class page shows another class');
      check((await teacherPage.locator('[data-testid="live-class-status"]').getAttribute('data-status')) === 'scheduled', 'the new class is not scheduled');
      const start = teacherPage.locator('[data-testid="live-join"]');
      check((await start.getAttribute('data-state')) === 'waiting' && (await start.isDisabled()), 'Start is enabled a day before the class');
      await teacherPage.locator('[data-testid="live-qa-empty"]').waitFor();
      await shoot(teacherPage, 'live-classes-teacher-class-laptop', LAPTOP);
      assertNoPageErrors();
    });

    await run('the student opens the class from her list (countdown, join not yet open) and asks a question', async () => {
      check(classId, 'no class was scheduled');
      studentPage = await studentBrowser.context.newPage();
      await studentPage.setViewportSize(PHONE);
      const assertNoPageErrors = watchPageErrors(studentPage);
      await signIn(studentPage, 'student@tec.example');
      await studentPage.locator('nav a[href="/live-classes"]:visible').first().click();
      await studentPage.locator('[data-testid="live-classes-heading"]').waitFor();
      const row = studentPage.locator(`[data-testid="live-class-row"][data-class-id="${classId}"]`);
      await row.waitFor();
      await row.locator('[data-testid="live-countdown"]').waitFor();
      check(await row.locator('[data-testid="live-join"]').isDisabled(), 'join is enabled a day early');
      await studentPage.locator('[data-testid="live-calendar-webcal"]').waitFor();
      const webcal = await studentPage.locator('[data-testid="live-calendar-webcal"]').inputValue();
      check(/^webcal:\/\/.+\/api\/v1\/live-classes\/calendar\/.+\.ics$/.test(webcal), `the calendar link is "${webcal}"`);
      await shoot(studentPage, 'live-classes-student-list-phone', PHONE);
      await shoot(studentPage, 'live-classes-student-list-laptop', LAPTOP);
      await studentPage.setViewportSize(PHONE);
      await row.locator('[data-testid="live-class-link"]').click();
      await studentPage.locator('[data-testid="live-class-heading"]').waitFor();
      await studentPage.locator('[data-testid="live-qa"] textarea[name="question"]').fill(QUESTION);
      await studentPage.locator('[data-testid="live-qa-ask"]').click();
      await studentPage.locator('[data-testid="live-question"]', { hasText: QUESTION }).waitFor();
      assertNoPageErrors();
    });

    await run('the teacher sees the question appear live and answers it inline', async () => {
      check(teacherPage && studentPage, 'no pages');
      const question = teacherPage.locator('[data-testid="live-question"]', { hasText: QUESTION });
      await question.waitFor();
      check((await teacherPage.locator('[data-testid="live-qa-announcer"]').innerText()).includes(QUESTION), 'the new question was not announced to screen readers');
      await shoot(teacherPage, 'live-classes-teacher-question-laptop', LAPTOP);
      await question.locator('[data-testid="live-question-answer-open"]').click();
      await question.locator('textarea[name="answer"]').fill(ANSWER);
      await question.locator('[data-testid="live-question-answer-submit"]').click();
      await teacherPage.locator('[data-testid="live-question"][data-answered="true"]', { hasText: QUESTION }).waitFor();
      await shoot(teacherPage, 'live-classes-teacher-answered-laptop', LAPTOP);
      await shoot(teacherPage, 'live-classes-teacher-answered-phone', PHONE);
    });

    await run('the student sees the answer live, without reloading', async () => {
      check(studentPage, 'no student page');
      const question = studentPage.locator('[data-testid="live-question"][data-answered="true"]', { hasText: QUESTION });
      await question.waitFor();
      check((await question.locator('[data-testid="live-question-answer"]').innerText()).includes(ANSWER), 'the answer text is missing');
      check((await studentPage.locator('[data-testid="live-question-vote"]').count()) === 0, 'the student may upvote her own question');
      await shoot(studentPage, 'live-classes-student-class-phone', PHONE);
      await shoot(studentPage, 'live-classes-student-class-laptop', LAPTOP);
    });

    await run('a past class shows the attendance report (chart with a table) and its recordings', async () => {
      check(setup?.past, 'the seed has no completed class in the course');
      await teacherPage.setViewportSize(LAPTOP);
      await teacherPage.goto(`${baseUrl}/live-classes/${setup.past.id}`, { waitUntil: 'domcontentloaded' });
      await teacherPage.locator('[data-testid="live-attendance-chart"]').waitFor();
      check((await teacherPage.locator('[data-testid="live-attendance-table"]').count()) === 1, 'no table fallback for screen readers');
      await teacherPage.locator('[data-testid="live-recordings"]').waitFor();
      await shoot(teacherPage, 'live-classes-teacher-report-laptop', LAPTOP);
      await shoot(teacherPage, 'live-classes-teacher-report-phone', PHONE);
      await studentPage.goto(`${baseUrl}/live-classes/${setup.past.id}`, { waitUntil: 'domcontentloaded' });
      await studentPage.locator('[data-testid="live-class-heading"]').waitFor();
      await studentPage.locator('[data-testid="live-recordings"]').waitFor();
      await shoot(studentPage, 'live-classes-student-past-phone', PHONE);
    });
  } finally {
    await teacherBrowser.close();
    await studentBrowser.close();
  }
});
