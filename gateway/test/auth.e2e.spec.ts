import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { signAccessToken } from '@tec/shared';
import { DEMO_PASSWORD, http, login, startStack, type Stack } from './harness';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('sign-in over HTTP', () => {
  it('refuses a wrong password with the one error shape and echoes the correlation id', async () => {
    const reply = await http(stack, 'POST', '/api/v1/auth/login', {
      body: { email: 'student@tec.example', password: 'wrong-password' },
      headers: { 'x-correlation-id': 'corr-123' },
    });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: expect.any(String), correlationId: 'corr-123' });
    expect(reply.headers.get('x-correlation-id')).toBe('corr-123');
  });

  it('validates the body and names the bad field', async () => {
    const reply = await http(stack, 'POST', '/api/v1/auth/login', { body: { email: 'not-an-email', password: '' } });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('VALIDATION_FAILED');
    const paths = (reply.body.details as { path: string }[]).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('answers malformed JSON with BAD_REQUEST, not a 500', async () => {
    const reply = await http(stack, 'POST', '/api/v1/auth/login', { rawBody: '{"email": ' });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('BAD_REQUEST');
  });

  it('signs in, sets an httpOnly refresh cookie, and serves the session', async () => {
    const reply = await http<{ accessToken: string; user: { email: string; role: string } }>(stack, 'POST', '/api/v1/auth/login', {
      body: { email: 'Teacher@TEC.example', password: DEMO_PASSWORD },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.user).toMatchObject({ email: 'teacher@tec.example', role: 'teacher' });
    const cookie = reply.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/tec_refresh=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(reply.body).not.toHaveProperty('refreshToken');

    const session = await http<{ user: { email: string }; accessTokenExpiresAt: string }>(stack, 'GET', '/api/v1/auth/session', { token: reply.body.accessToken });
    expect(session.status).toBe(200);
    expect(session.body.user.email).toBe('teacher@tec.example');
    expect(Date.parse(session.body.accessTokenExpiresAt)).toBeGreaterThan(Date.now());
  });

  it('rotates the refresh cookie, and a reused one revokes the session', async () => {
    const first = await login(stack, 'student@tec.example');
    const refreshed = await http<{ accessToken: string }>(stack, 'POST', '/api/v1/auth/refresh', { headers: { cookie: first.cookie }, body: {} });
    expect(refreshed.status).toBe(200);
    const rotated = (refreshed.headers.get('set-cookie') ?? '').split(';')[0];
    expect(rotated).not.toBe(first.cookie);

    const reused = await http(stack, 'POST', '/api/v1/auth/refresh', { headers: { cookie: first.cookie }, body: {} });
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('REFRESH_TOKEN_REUSED');
    // The whole family is revoked: the newest token is dead too.
    const afterReuse = await http(stack, 'POST', '/api/v1/auth/refresh', { headers: { cookie: rotated ?? '' }, body: {} });
    expect(afterReuse.status).toBe(401);
  });

  it('logs out: the refresh cookie no longer works', async () => {
    const session = await login(stack, 'parent@tec.example');
    const out = await http(stack, 'POST', '/api/v1/auth/logout', { headers: { cookie: session.cookie }, body: {} });
    expect(out.status).toBe(204);
    const refreshed = await http(stack, 'POST', '/api/v1/auth/refresh', { headers: { cookie: session.cookie }, body: {} });
    expect(refreshed.status).toBe(401);
  });

  it('delivers the refresh token in the body to native clients that ask', async () => {
    const reply = await http<{ refreshToken: string }>(stack, 'POST', '/api/v1/auth/login', {
      body: { email: 'student@tec.example', password: DEMO_PASSWORD, tokenDelivery: 'body' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.refreshToken.length).toBeGreaterThan(20);
    expect(reply.headers.get('set-cookie')).toBeNull();
    const refreshed = await http(stack, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: reply.body.refreshToken, tokenDelivery: 'body' } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toEqual(expect.any(String));
  });
});

describe('access tokens that must not work', () => {
  it('refuses a missing token, a tampered one, alg=none, and a token from another key', async () => {
    const { accessToken } = await login(stack, 'student@tec.example');
    const [header, payload, signature] = accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;

    expect((await http(stack, 'GET', '/api/v1/dashboard')).body.code).toBe('UNAUTHENTICATED');

    const elevated = `${header}.${b64({ ...claims, role: 'admin' })}.${signature}`;
    const tampered = await http(stack, 'GET', '/api/v1/users', { token: elevated });
    expect(tampered.status).toBe(401);
    expect(tampered.body.code).toBe('TOKEN_INVALID');

    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, role: 'admin' })}.`;
    expect((await http(stack, 'GET', '/api/v1/users', { token: none })).body.code).toBe('TOKEN_INVALID');

    const foreign = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const input = `${b64({ alg: 'ES256', typ: 'JWT' })}.${b64(claims)}`;
    const foreignSignature = sign('sha256', Buffer.from(input), { key: foreign.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    expect((await http(stack, 'GET', '/api/v1/dashboard', { token: `${input}.${foreignSignature}` })).body.code).toBe('TOKEN_INVALID');
  });

  it('refuses an expired token with TOKEN_EXPIRED, and a token for another audience', async () => {
    const { user } = await login(stack, 'student@tec.example');
    const privateKey = readFileSync(stack.core.config.JWT_PRIVATE_KEY_FILE, 'utf8');
    const base = { userId: user.id, role: 'student' as const, sessionId: randomUUID(), privateKey, issuer: stack.config.JWT_ISSUER, ttlSeconds: 60 };
    const expired = await signAccessToken({ ...base, audience: stack.config.JWT_AUDIENCE, now: new Date(Date.now() - 3_600_000) });
    const reply = await http(stack, 'GET', '/api/v1/dashboard', { token: expired.token });
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe('TOKEN_EXPIRED');

    const otherAudience = await signAccessToken({ ...base, audience: 'another-app' });
    expect((await http(stack, 'GET', '/api/v1/dashboard', { token: otherAudience.token })).body.code).toBe('TOKEN_INVALID');
  });
});

describe('access tokens end with the account', () => {
  // /courses checks only the access token (unlike /auth/session, which asks core about the session): before this,
  // a deactivated student's token kept working there until it expired.
  async function freshStudent(admin: string) {
    const email = `revoked-${randomUUID().slice(0, 8)}@tec.example`;
    const created = await http<{ id: string }>(stack, 'POST', '/api/v1/users', {
      token: admin,
      body: { email, firstName: 'Rev', lastName: 'Oked', role: 'student', password: DEMO_PASSWORD },
    });
    expect(created.status).toBe(201);
    const session = await login(stack, email);
    expect((await http(stack, 'GET', '/api/v1/courses', { token: session.accessToken })).status).toBe(200);
    // Tokens carry whole seconds: a change in the same second as the sign-in would not tell them apart.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    return { id: created.body.id, email, token: session.accessToken };
  }

  async function refusedSoon(token: string) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const reply = await http(stack, 'GET', '/api/v1/courses', { token });
      if (reply.status === 401 || Date.now() > deadline) return reply;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('a deactivated account is refused at once, not when its access token expires', async () => {
    const admin = (await login(stack, 'admin@tec.example')).accessToken;
    const student = await freshStudent(admin);
    expect((await http(stack, 'PATCH', `/api/v1/users/${student.id}`, { token: admin, body: { active: false } })).status).toBe(200);
    const reply = await refusedSoon(student.token);
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe('TOKEN_INVALID');
  });

  it('a new password ends the old tokens; signing in again works', async () => {
    const admin = (await login(stack, 'admin@tec.example')).accessToken;
    const student = await freshStudent(admin);
    const password = 'a-brand-new-password';
    expect((await http(stack, 'PATCH', `/api/v1/users/${student.id}`, { token: admin, body: { password } })).status).toBe(200);
    expect((await refusedSoon(student.token)).status).toBe(401);
    const again = await http<{ accessToken: string }>(stack, 'POST', '/api/v1/auth/login', { body: { email: student.email, password } });
    expect(again.status).toBe(200);
    expect((await http(stack, 'GET', '/api/v1/courses', { token: again.body.accessToken })).status).toBe(200);
  });

  it('an unrelated change (a name) keeps the session', async () => {
    const admin = (await login(stack, 'admin@tec.example')).accessToken;
    const student = await freshStudent(admin);
    expect((await http(stack, 'PATCH', `/api/v1/users/${student.id}`, { token: admin, body: { firstName: 'Renamed' } })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await http(stack, 'GET', '/api/v1/courses', { token: student.token })).status).toBe(200);
  });
});
