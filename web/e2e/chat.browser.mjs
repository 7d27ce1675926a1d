#!/usr/bin/env node
// Browser test in real Chromium for chat, with two browser profiles (the demo teacher on a laptop, the demo student):
// - both open their direct conversation; the teacher types and the student sees the typing indicator live;
// - the teacher sends, the student sees the message arrive without a reload, reads it, and the teacher sees "Seen";
// - the teacher edits and then deletes the message, and the student sees both live;
// - the teacher sends a photo and the student's page previews it from its 320 px thumbnail, never the original;
// - the student sends a 5 MB phone photo from the composer (multipart, streamed) and it comes back byte for byte;
// - screenshots (phone 375×812 and laptop 1280×800) of the inbox, the conversation, the new conversation dialog
//   (only the people the policy allows) and the teachers' moderation queue (a report whose reporter is hidden from
//   the reported teacher).
//
//   node web/e2e/chat.browser.mjs [BASE_URL] [REPORT_PATH]     (same report format as login.browser.mjs)
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
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

const login = (email) => api('/auth/login', { method: 'POST', body: { email, password: PASSWORD } });

/** A JPEG as large as a phone's photo: a gradient with sensor-like noise, which JPEG cannot squeeze away. */
async function phonePhoto(width, height) {
  const noise = randomBytes(width * height * 3);
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 3;
      pixels[offset] = Math.round((x / width) * 200) + (noise[offset] % 56);
      pixels[offset + 1] = Math.round((y / height) * 200) + (noise[offset + 1] % 56);
      pixels[offset + 2] = Math.round(((x + y) / (width + height)) * 200) + (noise[offset + 2] % 56);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

main(async () => {
  const teacherBrowser = await launch();
  const studentBrowser = await launch();
  try {
    let conversationId;
    let teacherPage;
    let studentPage;
    let teacherErrors;
    let studentErrors;
    const stamp = Date.now().toString(36);
    const text = `Browser test hello ${stamp}`;

    await run('teacher and student open their direct conversation', async () => {
      const teacher = await login('teacher@tec.example');
      const student = await login('student@tec.example');
      const contacts = await api('/messages/contacts', { token: student.accessToken });
      check(contacts.items.some((contact) => contact.id === teacher.user.id), 'the teacher is not among the student’s allowed contacts');
      const created = await api('/messages/conversations', { token: student.accessToken, method: 'POST', body: { kind: 'direct', participantIds: [teacher.user.id] } });
      conversationId = created.id;

      studentPage = await studentBrowser.context.newPage();
      studentErrors = watchPageErrors(studentPage);
      await signIn(studentPage, 'student@tec.example');
      await studentPage.waitForURL((url) => !url.pathname.startsWith('/login'));
      await studentPage.locator('nav a[href="/messages"]:visible').first().click();
      await studentPage.locator('[data-testid="chat-inbox"]').waitFor();
      await studentPage.locator(`[data-testid="chat-inbox-row"][data-conversation-id="${conversationId}"]`).waitFor();
      await shoot(studentPage, 'chat-inbox-laptop', LAPTOP);
      await shoot(studentPage, 'chat-inbox-phone', PHONE);
      await studentPage.setViewportSize(LAPTOP);
      await studentPage.locator(`[data-testid="chat-inbox-row"][data-conversation-id="${conversationId}"]`).click();
      await studentPage.locator(`[data-testid="chat-conversation"][data-conversation-id="${conversationId}"]`).waitFor();
      await studentPage.locator('[data-testid="chat-message"]').first().waitFor();

      teacherPage = await teacherBrowser.context.newPage();
      teacherErrors = watchPageErrors(teacherPage);
      await signIn(teacherPage, 'teacher@tec.example');
      await teacherPage.waitForURL((url) => !url.pathname.startsWith('/login'));
      await teacherPage.goto(`${baseUrl}/messages/${conversationId}`);
      await teacherPage.locator(`[data-testid="chat-conversation"][data-conversation-id="${conversationId}"]`).waitFor();
      await teacherPage.locator('[data-testid="chat-message"]').first().waitFor();
      // Both sockets have joined the room before anything is typed.
      await teacherPage.waitForTimeout(1000);
    });

    await run('the student sees the teacher typing, live', async () => {
      await teacherPage.locator('[data-testid="chat-composer"]').click();
      await teacherPage.keyboard.type('Browser test ', { delay: 40 });
      await studentPage.locator('[data-testid="chat-typing"]', { hasText: 'typing' }).waitFor();
    });

    await run('the teacher sends; the message arrives on the student’s screen without a reload', async () => {
      await teacherPage.locator('[data-testid="chat-composer"]').fill(text);
      await teacherPage.keyboard.press('Enter');
      await teacherPage.locator('[data-testid="chat-message"][data-own="true"]', { hasText: text }).waitFor();
      await studentPage.locator('[data-testid="chat-message"][data-own="false"]', { hasText: text }).waitFor();
      check((await studentPage.locator('[data-testid="chat-typing"]').innerText()).trim() === '', 'the typing indicator is still shown after the message');
    });

    await run('the student reads it and the teacher sees the read receipt', async () => {
      await teacherPage.locator('[data-testid="chat-receipt"]', { hasText: 'Seen' }).waitFor();
      await shoot(teacherPage, 'chat-conversation-laptop', LAPTOP);
      await shoot(studentPage, 'chat-conversation-phone', PHONE);
      check(await studentPage.locator('[data-testid="chat-back"]').isVisible(), 'the phone layout has no way back to the inbox');
      check(!(await studentPage.locator('[data-testid="chat-inbox"]').isVisible()), 'the phone shows the inbox beside the conversation');
      await studentPage.setViewportSize(LAPTOP);
    });

    await run('the teacher edits the message and the student sees the edit', async () => {
      const mine = teacherPage.locator('[data-testid="chat-message"][data-own="true"]', { hasText: text });
      await mine.locator('[data-testid="chat-message-menu"]').click();
      await teacherPage.locator('[data-testid="chat-edit"]').click();
      await teacherPage.locator('[data-testid="chat-edit-input"]').fill(`${text} (edited)`);
      await teacherPage.locator('[data-testid="chat-edit-save"]').click();
      const theirs = studentPage.locator('[data-testid="chat-message"]', { hasText: `${text} (edited)` });
      await theirs.waitFor();
      await theirs.locator('[data-testid="chat-message-edited"]').waitFor();
    });

    await run('the teacher deletes the message and the student sees it gone', async () => {
      const mine = teacherPage.locator('[data-testid="chat-message"][data-own="true"]', { hasText: `${text} (edited)` });
      const messageId = await mine.getAttribute('data-message-id');
      await mine.locator('[data-testid="chat-message-menu"]').click();
      await teacherPage.locator('[data-testid="chat-delete"]').click();
      await teacherPage.locator('[data-testid="chat-delete-dialog-confirm"]').click();
      await studentPage.locator(`[data-testid="chat-message"][data-message-id="${messageId}"] [data-testid="chat-message-deleted"]`).waitFor();
      check((await studentPage.locator('[data-testid="chat-message"]', { hasText: text }).count()) === 0, 'the deleted text is still on the student’s screen');
    });

    await run('a photo shows inline from its thumbnail, not the original', async () => {
      const teacher = await login('teacher@tec.example');
      const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#2563eb' } })
        .composite([{ input: Buffer.from('<svg width="1200" height="900"><circle cx="600" cy="450" r="300" fill="#f59e0b"/></svg>') }])
        .jpeg()
        .toBuffer();
      const upload = await api(`/messages/conversations/${conversationId}/attachments`, { token: teacher.accessToken, method: 'POST', body: { fileName: 'board.jpg', contentBase64: photo.toString('base64') } });
      check(upload.thumbnail?.width === 320 && upload.thumbnail?.height === 240, `the upload has no 320 × 240 thumbnail: ${JSON.stringify(upload.thumbnail)}`);
      const fetched = [];
      studentPage.on('request', (request) => {
        if (request.url().includes(`/attachments/${upload.id}`)) fetched.push(new URL(request.url()).pathname + new URL(request.url()).search);
      });
      await api(`/messages/conversations/${conversationId}/messages`, { token: teacher.accessToken, method: 'POST', body: { body: `Photo of the board ${stamp}`, attachmentId: upload.id } });
      const row = studentPage.locator('[data-testid="chat-message"]', { hasText: `Photo of the board ${stamp}` });
      const image = row.locator('[data-testid="chat-attachment-image"]');
      await image.waitFor();
      await studentPage.waitForFunction((element) => element.complete && element.naturalWidth > 0, await image.elementHandle());
      const natural = await image.evaluate((element) => [element.naturalWidth, element.naturalHeight]);
      check(natural[0] === 320 && natural[1] === 240, `the preview is ${natural.join(' × ')}, not the 320 × 240 thumbnail`);
      check(fetched.length > 0 && fetched.every((url) => url.endsWith('/thumbnail')), `the preview fetched ${fetched.join(', ')} instead of only the thumbnail`);
      await shoot(studentPage, 'chat-thumbnail-laptop', LAPTOP);
      await studentPage.setViewportSize(LAPTOP);
    });

    await run('a 5 MB phone photo goes up from the composer as a multipart stream and comes back unchanged', async () => {
      const admin = await login('admin@tec.example');
      const before = (await api('/messages/policy', { token: admin.accessToken })).attachmentMaxBytes;
      await api('/messages/policy', { token: admin.accessToken, method: 'PUT', body: { attachmentMaxBytes: 10 * 1024 * 1024 } });
      try {
        const photo = await phonePhoto(4000, 3000);
        check(photo.length > 4 * 1024 * 1024, `the test photo is only ${photo.length} bytes`);
        // The composer reads the school's limit from the policy: load it fresh.
        await studentPage.reload();
        await studentPage.locator(`[data-testid="chat-conversation"][data-conversation-id="${conversationId}"]`).waitFor();
        const uploads = [];
        studentPage.on('request', (request) => {
          if (request.method() === 'POST' && request.url().endsWith(`/conversations/${conversationId}/attachments`)) uploads.push(request.headers()['content-type'] ?? '');
        });
        await studentPage.locator('[data-testid="chat-file-input"]').setInputFiles({ name: 'IMG_2043.jpg', mimeType: 'image/jpeg', buffer: photo });
        await studentPage.locator('[data-testid="chat-upload"]', { hasText: 'Ready to send' }).waitFor({ timeout: 60_000 });
        check(uploads.length === 1 && uploads[0].startsWith('multipart/form-data; boundary='), `the upload was sent as ${uploads.join(', ')}`);
        await studentPage.locator('[data-testid="chat-composer"]').fill(`Phone photo ${stamp}`);
        await studentPage.locator('[data-testid="chat-send"]').click();
        const row = teacherPage.locator('[data-testid="chat-message"]', { hasText: `Phone photo ${stamp}` });
        await row.locator('[data-testid="chat-attachment-image"]').waitFor();
        await teacherPage.waitForFunction((element) => element.complete && element.naturalWidth > 0, await row.locator('[data-testid="chat-attachment-image"]').elementHandle());
        const teacher = await login('teacher@tec.example');
        const history = await api(`/messages/conversations/${conversationId}/messages?limit=10`, { token: teacher.accessToken });
        const attachment = history.items.find((item) => item.body === `Phone photo ${stamp}`)?.attachment;
        check(attachment?.sizeBytes === photo.length && attachment.width === 4000 && attachment.height === 3000, `stored as ${JSON.stringify(attachment)}`);
        const download = await fetch(`${baseUrl}/api/v1/messages/attachments/${attachment.id}`, { headers: { Authorization: `Bearer ${teacher.accessToken}` } });
        check(Buffer.from(await download.arrayBuffer()).equals(photo), 'the downloaded photo differs from the one sent');
        await shoot(teacherPage, 'chat-phone-photo-laptop', LAPTOP);
      } finally {
        await api('/messages/policy', { token: admin.accessToken, method: 'PUT', body: { attachmentMaxBytes: before } });
      }
    });

    await run('the new conversation dialog offers only allowed contacts', async () => {
      await studentPage.locator('[data-testid="chat-new"]:visible').click();
      await studentPage.locator('[data-testid="chat-contact"]').first().waitFor();
      const student = await login('student@tec.example');
      const allowed = new Set((await api('/messages/contacts', { token: student.accessToken })).items.map((item) => item.id));
      const shown = await studentPage.locator('[data-testid="chat-contact"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-user-id')));
      check(shown.length > 0 && shown.every((id) => allowed.has(id)), 'the dialog lists someone the policy does not allow');
      await shoot(studentPage, 'chat-new-laptop', LAPTOP);
      await shoot(studentPage, 'chat-new-phone', PHONE);
      await studentPage.keyboard.press('Escape');
      await studentPage.setViewportSize(LAPTOP);
    });

    await run('a report reaches the teachers’ moderation queue with the reporter hidden from the reported teacher', async () => {
      const teacher = await login('teacher@tec.example');
      const student = await login('student@tec.example');
      const mine = new Set((await api('/messages/conversations?kind=course&limit=100', { token: student.accessToken })).items.map((item) => item.id));
      const { items } = await api('/messages/conversations?kind=course&limit=100', { token: teacher.accessToken });
      const course = items.find((item) => mine.has(item.id));
      check(course, 'the teacher has no course conversation');
      const message = await api(`/messages/conversations/${course.id}/messages`, { token: teacher.accessToken, method: 'POST', body: { body: `Moderation check ${stamp}`, clientId: `mod-${stamp}` } });
      await api(`/messages/${message.id}/report`, { token: student.accessToken, method: 'POST', body: { reason: 'Browser test report' } });
      await teacherPage.goto(`${baseUrl}/messages/moderation`);
      const card = teacherPage.locator('[data-testid="chat-report-card"]', { hasText: `Moderation check ${stamp}` });
      await card.waitFor();
      check((await card.locator('[data-testid="chat-report-reporter"]').innerText()).includes('Hidden'), 'the reported teacher can see who reported them');
      await shoot(teacherPage, 'chat-moderation-laptop', LAPTOP);
      await shoot(teacherPage, 'chat-moderation-phone', PHONE);
    });

    await run('no uncaught errors in either page', async () => {
      teacherErrors?.();
      studentErrors?.();
    });
  } finally {
    await teacherBrowser.close();
    await studentBrowser.close();
  }
});
