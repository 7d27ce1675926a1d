import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { io } from 'socket.io-client';
import { signAccessToken } from '@tec/shared';
import { ALLOWED_ORIGIN, http } from '../harness';
import { startFullStack, until, ZOOM_WEBHOOK_SECRET, type FullStack } from './full-stack';
import { buildWorld, type World } from './fixtures';
import { call, errorContractViolation } from './openapi';

/**
 * Targeted attacks through the real gateway and services: forged JWTs, webhook replay, QR replay, upload abuse,
 * CSV injection and rate limits. Every refusal must also keep the one error shape.
 */
let full: FullStack;
let world: World;

beforeAll(async () => {
  full = await startFullStack({ RATE_LIMIT_PER_USER: '100000' });
  world = await buildWorld(full.stack);
}, 240_000);

afterAll(async () => {
  await full?.close();
});

const b64url = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function expectRefusal(reply: { status: number; body: unknown; contentType: string | null }, status: number, code?: string) {
  expect(errorContractViolation(reply.status, reply.body, reply.contentType)).toBeNull();
  expect(reply.status).toBe(status);
  if (code) expect((reply.body as { code: string }).code).toBe(code);
}

describe('JWT attacks (HTTP and the socket handshake)', () => {
  const privateKey = () => readFileSync(full.stack.core.config.JWT_PRIVATE_KEY_FILE as string, 'utf8');
  const publicKey = () => readFileSync(full.stack.config.JWT_PUBLIC_KEY_FILE, 'utf8');

  async function forge(overrides: { issuer?: string; audience?: string; now?: Date; ttlSeconds?: number; key?: string } = {}) {
    const claims = claimsOf(world.studentA.accessToken);
    return (
      await signAccessToken({
        userId: String(claims.sub),
        role: 'student',
        sessionId: String(claims.sid),
        privateKey: overrides.key ?? privateKey(),
        issuer: overrides.issuer ?? full.stack.config.JWT_ISSUER,
        audience: overrides.audience ?? full.stack.config.JWT_AUDIENCE,
        ttlSeconds: overrides.ttlSeconds ?? 900,
        now: overrides.now,
      })
    ).token;
  }

  async function socketRefuses(token: string): Promise<string> {
    const socket = io(full.stack.url, { path: '/socket.io', transports: ['websocket'], auth: { token }, extraHeaders: { origin: ALLOWED_ORIGIN }, reconnection: false, forceNew: true });
    try {
      return await new Promise<string>((resolve) => {
        socket.once('connect_error', (error: Error & { data?: { code?: string } }) => resolve(error.data?.code ?? error.message));
        socket.once('session_ready', () => resolve('CONNECTED'));
      });
    } finally {
      socket.disconnect();
    }
  }

  it('accepts the genuine token (control), and refuses every forgery with 401 in the error shape', async () => {
    const control = await call(full.stack, 'GET', '/api/v1/auth/session', { headers: { authorization: `Bearer ${await forge()}` } });
    expect(control.status).toBe(200);

    const claims = claimsOf(world.studentA.accessToken);
    const adminClaims = { ...claims, role: 'admin', sub: world.admin.user.id };
    const [header, , signature] = world.studentA.accessToken.split('.');
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const hsWithPublicKey = (() => {
      const input = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(adminClaims)}`;
      return `${input}.${createHmac('sha256', publicKey()).update(input).digest('base64url')}`;
    })();
    const forgeries: Record<string, string> = {
      'alg=none': `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(adminClaims)}.`,
      'alg=none, upper case': `${b64url({ alg: 'NONE', typ: 'JWT' })}.${b64url(adminClaims)}.`,
      'HS256 signed with the public key (algorithm confusion)': hsWithPublicKey,
      'tampered payload (role=admin), original signature': `${header}.${b64url(adminClaims)}.${signature}`,
      'signed by another P-256 key': await forge({ key: otherKey }),
      expired: await forge({ now: new Date(Date.now() - 3_600_000), ttlSeconds: 60 }),
      'wrong audience': await forge({ audience: 'another-app' }),
      'wrong issuer': await forge({ issuer: 'evil-issuer' }),
      'header kid pointing elsewhere': `${b64url({ alg: 'ES256', typ: 'JWT', kid: '../../../../dev/null' })}.${b64url(claims)}.${signature}`,
      garbage: 'a.b.c',
    };
    for (const [name, token] of Object.entries(forgeries)) {
      const reply = await call(full.stack, 'GET', '/api/v1/auth/session', { headers: { authorization: `Bearer ${token}` } });
      expect({ name, violation: errorContractViolation(reply.status, reply.body, reply.contentType), status: reply.status }).toEqual({ name, violation: null, status: 401 });
      expect(['TOKEN_INVALID', 'TOKEN_EXPIRED', 'UNAUTHENTICATED']).toContain((reply.body as { code: string }).code);
      if (name === 'expired') expect((reply.body as { code: string }).code).toBe('TOKEN_EXPIRED');
      expect(await socketRefuses(token)).not.toBe('CONNECTED');
    }
    // Handshake auth that is not even a string (or is huge) is refused, not a crash.
    for (const token of [123, { alg: 'none' }, ['a'], null, 'x'.repeat(100_000)] as unknown as string[]) {
      expect(await socketRefuses(token)).not.toBe('CONNECTED');
    }
    // An admin-only route with the forged admin claims stays shut.
    expect((await call(full.stack, 'GET', '/api/v1/users', { headers: { authorization: `Bearer ${forgeries['alg=none']}` } })).status).toBe(401);
  });
});

describe('webhook replay', () => {
  it('SendGrid Event Webhook: a signed body replayed after the tolerance is refused; a duplicate inside it is applied once', async () => {
    const sendgrid = full.sendgrid;
    const event = { sg_event_id: `sec-${randomUUID()}`, event: 'bounce', email: `bounce-${randomUUID().slice(0, 8)}@example.org`, type: 'bounce', reason: '550 no such user', timestamp: Math.floor(Date.now() / 1000) };
    const stale = sendgrid.signWebhook([event], { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expectRefusal(await call(full.stack, 'POST', '/api/v1/webhooks/sendgrid', { headers: stale.headers, rawBody: stale.body }), 403, 'FORBIDDEN');
    const unsigned = await call(full.stack, 'POST', '/api/v1/webhooks/sendgrid', { headers: { 'content-type': 'application/json' }, rawBody: stale.body });
    expectRefusal(unsigned, 401, 'UNAUTHENTICATED');

    const fresh = sendgrid.signWebhook([event]);
    const first = await call(full.stack, 'POST', '/api/v1/webhooks/sendgrid', { headers: fresh.headers, rawBody: fresh.body });
    expect([first.status, first.body]).toEqual([200, { received: 1, applied: 1 }]);
    const again = await call(full.stack, 'POST', '/api/v1/webhooks/sendgrid', { headers: fresh.headers, rawBody: fresh.body });
    expect([again.status, again.body]).toEqual([200, { received: 1, applied: 0 }]);
    // Same event re-signed a moment later (a SendGrid retry): still once.
    const resigned = sendgrid.signWebhook([event], { timestamp: Math.floor(Date.now() / 1000) + 1 });
    expect((await call(full.stack, 'POST', '/api/v1/webhooks/sendgrid', { headers: resigned.headers, rawBody: resigned.body })).body).toEqual({ received: 1, applied: 0 });
    const rows = await full.stack.services.notifications!.db.dataSource.query(`SELECT count(*)::int AS n FROM "notifications"."webhook_events" WHERE sg_event_id = $1`, [event.sg_event_id]);
    expect(rows[0].n).toBe(1);
    const suppressed = await full.stack.services.notifications!.db.dataSource.query(`SELECT count(*)::int AS n FROM "notifications"."suppressions" WHERE lower(email) = lower($1)`, [event.email]);
    expect(suppressed[0].n).toBe(1);
  });

  it('Zoom: a signed body replayed after the tolerance is refused; a duplicate inside it is stored once', async () => {
    const signed = (body: string, timestamp: number) => ({
      'x-zm-request-timestamp': String(timestamp),
      'x-zm-signature': `v0=${createHmac('sha256', ZOOM_WEBHOOK_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`,
      'content-type': 'application/json',
    });
    const body = JSON.stringify({ event: 'meeting.ended', event_ts: Date.now(), payload: { object: { id: '123456789', uuid: `sec-${randomUUID()}` } } });
    const now = Math.floor(Date.now() / 1000);
    expectRefusal(await call(full.stack, 'POST', '/api/v1/webhooks/zoom', { headers: signed(body, now - 3600), rawBody: body }), 401, 'UNAUTHENTICATED');
    const first = await call(full.stack, 'POST', '/api/v1/webhooks/zoom', { headers: signed(body, now), rawBody: body });
    expect([first.status, first.body]).toEqual([200, { received: true, duplicate: false }]);
    const again = await call(full.stack, 'POST', '/api/v1/webhooks/zoom', { headers: signed(body, now), rawBody: body });
    expect([again.status, again.body]).toEqual([200, { received: true, duplicate: true }]);
    const rows = await full.stack.services['live-classes']!.db.dataSource.query(`SELECT count(*)::int AS n FROM "live_classes"."webhook_events" WHERE payload->'payload'->'object'->>'uuid' = $1`, [JSON.parse(body).payload.object.uuid]);
    expect(rows[0].n).toBe(1);
  });
});

describe('QR token replay', () => {
  it('a scanned token works once for its student, never for a student outside the course, and dies with its session', async () => {
    const qr = await http<{ url: string }>(full.stack, 'POST', '/api/v1/attendance/generate-qr', { token: world.teacherA.accessToken, body: { sessionId: world.own.sessionId } });
    expect(qr.status).toBe(200);
    const token = new URL(qr.body.url).searchParams.get('t')!;
    const checkIn = (session: { accessToken: string }, value = token, deviceId = 'security-device-1') =>
      call(full.stack, 'POST', '/api/v1/attendance/check-in', { headers: { authorization: `Bearer ${session.accessToken}` }, body: { token: value, deviceId } });
    expect((await checkIn(world.studentA)).status).toBe(200);
    expectRefusal(await checkIn(world.studentA), 409, 'ALREADY_CHECKED_IN');
    const outsider = await checkIn(world.studentB, token, 'security-device-2');
    expect(errorContractViolation(outsider.status, outsider.body, outsider.contentType)).toBeNull();
    expect([403, 404]).toContain(outsider.status);
    expect((await checkIn(world.teacherA)).status).toBe(403);
    expect((await checkIn(world.parentA)).status).toBe(403);
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expectRefusal(await checkIn(world.studentA, tampered), 401, 'TOKEN_INVALID');
    // A token for one session replayed against another session id is a different token: a foreign session's
    // QR cannot be generated by a teacher who does not teach it.
    expect((await call(full.stack, 'POST', '/api/v1/attendance/generate-qr', { headers: { authorization: `Bearer ${world.teacherA.accessToken}` }, body: { sessionId: world.foreign.sessionId } })).status).toBe(403);
  });
});

describe('upload abuse', () => {
  let conversationId: string;
  beforeAll(async () => {
    conversationId = await until(async () => {
      const reply = await http<{ items: { id: string; kind: string }[] }>(full.stack, 'GET', `/api/v1/messages/conversations?courseId=${world.courseA}`, { token: world.teacherA.accessToken });
      return reply.body.items?.find((item) => item.kind === 'course')?.id;
    }, 'course conversation of MATH-12A');
  });

  const upload = (fileName: string, bytes: Buffer) =>
    call(full.stack, 'POST', `/api/v1/messages/conversations/${conversationId}/attachments`, {
      headers: { authorization: `Bearer ${world.teacherA.accessToken}` },
      body: { fileName, contentBase64: bytes.toString('base64') },
    });

  const PE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.from('This program cannot be run in DOS mode'), Buffer.alloc(64, 0x90)]);
  const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]);
  /** A ZIP whose one entry declares 4 GiB uncompressed: bomb-ish by its header, tiny on the wire. */
  const ZIP = (() => {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(16, 18);
    local.writeUInt32LE(0xffffffff, 22);
    local.writeUInt16LE(5, 26);
    return Buffer.concat([local, Buffer.from('a.pdf'), Buffer.alloc(16)]);
  })();
  /** A PNG that declares 100000 × 100000 pixels (a decompression bomb by its header). */
  const PNG_BOMB = (() => {
    const header = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const size = Buffer.alloc(8);
    size.writeUInt32BE(100_000, 0);
    size.writeUInt32BE(100_000, 4);
    return Buffer.concat([header, size, Buffer.from([8, 6, 0, 0, 0]), Buffer.alloc(4), Buffer.alloc(32)]);
  })();

  it('chat: refuses executables and archives whatever their name says, and too-big files, in the error shape', async () => {
    expectRefusal(await upload('report.pdf', PE), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectRefusal(await upload('photo.png', ELF), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectRefusal(await upload('notes.pdf', ZIP), 415, 'UNSUPPORTED_MEDIA_TYPE');
    // Over the school's limit (10 MB by default), sent the way the web app sends files: multipart, refused while
    // it streams.
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(10 * 1024 * 1024 + 1, 0x61)]), 'big.txt');
    const response = await fetch(`${full.stack.url}/api/v1/messages/conversations/${conversationId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.teacherA.accessToken}` },
      body: form,
    });
    const oversized = { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as unknown };
    expect(errorContractViolation(oversized.status, oversized.body, oversized.contentType)).toBeNull();
    expect(oversized.status).toBe(413);
    const overBodyLimit = await call(full.stack, 'POST', `/api/v1/messages/conversations/${conversationId}/attachments`, {
      headers: { authorization: `Bearer ${world.teacherA.accessToken}`, 'content-type': 'application/json' },
      rawBody: JSON.stringify({ fileName: 'huge.txt', contentBase64: 'A'.repeat(12 * 1024 * 1024) }),
    });
    expect(errorContractViolation(overBodyLimit.status, overBodyLimit.body, overBodyLimit.contentType)).toBeNull();
    expect([400, 413]).toContain(overBodyLimit.status);
    // Found here: a 100 KB PNG declaring 100000 × 100000 pixels was accepted with preview=true (every browser
    // showing the conversation would try to decode 40 GB). Chat now refuses images over MAX_IMAGE_PIXELS.
    expectRefusal(await upload('bomb.png', PNG_BOMB), 400, 'VALIDATION_FAILED');
  });

  it('chat: a path-traversal name is stored as a plain name, served as a download with nosniff, and writes nothing outside', async () => {
    const names = ['../../../../tmp/pwned-by-chat.txt', '..\\..\\windows\\evil.txt', 'a/b/../../c.txt', '\u0000evil.txt', 'x'.repeat(250) + '.txt'];
    for (const name of names) {
      const reply = await upload(name, Buffer.from('plain text content'));
      expect(errorContractViolation(reply.status, reply.body, reply.contentType)).toBeNull();
      if (reply.status !== 201) continue;
      const stored = reply.body as { id: string; fileName: string };
      // eslint-disable-next-line no-control-regex
      expect(stored.fileName).not.toMatch(/[\\/\u0000]|^\./);
      const file = await fetch(`${full.stack.url}/api/v1/messages/attachments/${stored.id}`, { headers: { authorization: `Bearer ${world.teacherA.accessToken}` } });
      expect(file.status).toBe(200);
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      expect(file.headers.get('content-disposition') ?? '').toMatch(/^attachment/);
      expect(file.headers.get('content-disposition') ?? '').not.toMatch(/\.\.|[\\/]/);
    }
    expect(existsSync('/tmp/pwned-by-chat.txt')).toBe(false);
    // A script disguised as a PDF is either refused or stored as the plain text it is, never as a PDF or HTML.
    const script = await upload('invoice.pdf', Buffer.from('<html><script>alert(document.cookie)</script></html>'));
    expect(errorContractViolation(script.status, script.body, script.contentType)).toBeNull();
    if (script.status === 201) expect((script.body as { mimeType: string }).mimeType).toBe('text/plain');
  });

  it('attendance evidence: disguised, oversized and traversal-named files are refused or neutralised', async () => {
    const exemption = (fileName: string, bytes: Buffer | string) =>
      call(full.stack, 'POST', '/api/v1/attendance/exemptions', {
        headers: { authorization: `Bearer ${world.studentA.accessToken}` },
        body: { sessionId: world.own.sessionId, reason: 'Upload abuse check', evidence: { fileName, contentBase64: typeof bytes === 'string' ? bytes : bytes.toString('base64') } },
      });
    for (const [name, bytes] of [['note.pdf', PE], ['scan.png', ELF], ['note.pdf', ZIP]] as const) {
      const reply = await exemption(name, bytes);
      expect(errorContractViolation(reply.status, reply.body, reply.contentType)).toBeNull();
      expect(reply.status).toBeGreaterThanOrEqual(400);
    }
    const oversized = await exemption('big.pdf', 'A'.repeat(699_100));
    expectRefusal(oversized, 400, 'VALIDATION_FAILED');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    const traversal = await exemption('../../../../tmp/pwned-by-evidence.pdf', pdf);
    expect(errorContractViolation(traversal.status, traversal.body, traversal.contentType)).toBeNull();
    expect(existsSync('/tmp/pwned-by-evidence.pdf')).toBe(false);
    if (traversal.status === 201) {
      const file = await fetch(`${full.stack.url}/api/v1/attendance/exemptions/${(traversal.body as { id: string }).id}/evidence`, { headers: { authorization: `Bearer ${world.teacherA.accessToken}` } });
      expect(file.status).toBe(200);
      // Separators are gone (`../a` → `.._a`): the name can no longer leave a download folder.
      expect(file.headers.get('content-disposition') ?? '').not.toMatch(/[\\/]/);
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('CSV injection', () => {
  it('every attendance CSV report neutralises formula cells (=, +, -, @, tab, CR) from names, topics and notes', async () => {
    const evil = ['=HYPERLINK("http://evil.example","x")', '+SUM(1,2)', '-2+3', '@cmd', '\t=1+1', '\r=1+1'];
    const created = await http<{ id: string }>(full.stack, 'POST', '/api/v1/users', {
      token: world.admin.accessToken,
      body: { email: `csv-${randomUUID().slice(0, 8)}@tec.example`, firstName: evil[0], lastName: evil[1], role: 'student', password: 'csv-injection-1' },
    });
    expect(created.status).toBe(201);
    expect((await http(full.stack, 'POST', `/api/v1/courses/${world.courseA}/enrollments`, { token: world.admin.accessToken, body: { studentId: created.body.id } })).status).toBeLessThan(300);
    const marked = await until(async () => {
      const reply = await http(full.stack, 'POST', '/api/v1/attendance/mark', { token: world.teacherA.accessToken, body: { sessionId: world.own.sessionId, studentId: created.body.id, status: 'absent', note: evil[3] } });
      return reply.status < 300;
    }, 'attendance knows the new student');
    expect(marked).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    const reports: Record<string, string> = {
      course_summary: `type=course_summary&courseId=${world.courseA}&from=${from}&to=${today}`,
      student_detail: `type=student_detail&studentId=${created.body.id}&courseId=${world.courseA}&from=${from}&to=${today}`,
      absentees: `type=absentees&date=${today}&courseId=${world.courseA}`,
      weekly_trend: `type=weekly_trend&courseId=${world.courseA}`,
    };
    let sawEvilName = false;
    for (const [type, query] of Object.entries(reports)) {
      const reply = await call(full.stack, 'GET', `/api/v1/attendance/reports?${query}&format=csv&timezone=UTC`, { headers: { authorization: `Bearer ${world.teacherA.accessToken}` } });
      expect({ type, status: reply.status }).toEqual({ type, status: 200 });
      expect(reply.contentType).toMatch(/text\/csv/);
      const cells = parseCsv(reply.text.replace(/^\uFEFF/, ''));
      for (const cell of cells) {
        expect({ type, cell, dangerous: /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?%?$/.test(cell) }).toEqual({ type, cell, dangerous: false });
      }
      if (cells.some((cell) => cell.includes('HYPERLINK'))) sawEvilName = true;
    }
    expect(sawEvilName).toBe(true);
  });
});

/** RFC 4180 cells (quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ',' || char === '\n') {
      cells.push(cell.replace(/\r$/, ''));
      cell = '';
    } else cell += char;
  }
  if (cell) cells.push(cell);
  return cells;
}

describe('rate limits', () => {
  it('chat flood control answers 429 RATE_LIMITED with the policy window as Retry-After', async () => {
    const conversation = await until(async () => {
      const reply = await http<{ items: { id: string; kind: string }[] }>(full.stack, 'GET', `/api/v1/messages/conversations?courseId=${world.courseA}`, { token: world.studentA.accessToken });
      return reply.body.items?.find((item) => item.kind === 'course')?.id;
    }, 'course conversation');
    const policy = await http<{ floodMaxMessages: number; floodWindowSeconds: number }>(full.stack, 'GET', '/api/v1/messages/policy', { token: world.admin.accessToken });
    let limited: Awaited<ReturnType<typeof call>> | null = null;
    for (let index = 0; index < policy.body.floodMaxMessages + 5 && !limited; index += 1) {
      const reply = await call(full.stack, 'POST', `/api/v1/messages/conversations/${conversation}/messages`, {
        headers: { authorization: `Bearer ${world.studentA.accessToken}` },
        body: { body: `flood ${index}`, clientId: randomUUID() },
      });
      if (reply.status === 429) limited = reply;
      else expect(reply.status).toBe(201);
    }
    expect(limited).not.toBeNull();
    expectRefusal(limited!, 429, 'RATE_LIMITED');
    expect(limited!.headers.get('retry-after')).toBe(String(policy.body.floodWindowSeconds));
  });
});
