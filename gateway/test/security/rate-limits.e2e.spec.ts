import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ANONYMOUS, coreRpc, signAccessToken } from '@tec/shared';
import { startStack, type Stack } from '../harness';
import { call, errorContractViolation } from './openapi';

/** Rate limits answer 429 RATE_LIMITED in the error shape with a Retry-After that is the real wait. */
let stack: Stack;
const PER_IP = 30;

beforeAll(async () => {
  stack = await startStack({ env: { RATE_LIMIT_LOGIN: '3', RATE_LIMIT_PER_USER: '5', RATE_LIMIT_PER_IP: String(PER_IP) } });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe('rate limits', () => {
  it('sign-in: 429 after the limit, with the 15-minute window as Retry-After (was always 60)', async () => {
    let reply = await call(stack, 'POST', '/api/v1/auth/login', { body: { email: 'student@tec.example', password: 'wrong-guess' } });
    for (let attempt = 0; attempt < 5 && reply.status !== 429; attempt += 1) {
      reply = await call(stack, 'POST', '/api/v1/auth/login', { body: { email: 'student@tec.example', password: 'wrong-guess' } });
    }
    expect(reply.status).toBe(429);
    expect(errorContractViolation(reply.status, reply.body, reply.contentType)).toBeNull();
    expect((reply.body as { code: string }).code).toBe('RATE_LIMITED');
    const wait = Number(reply.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
  });

  it('per user: 429 with a Retry-After within the minute window; another user is not affected', async () => {
    const teacher = await stack.core.rpc.call(coreRpc.authLogin, { email: 'teacher@tec.example', password: 'demo1234' }, ANONYMOUS);
    const admin = await stack.core.rpc.call(coreRpc.authLogin, { email: 'admin@tec.example', password: 'demo1234' }, ANONYMOUS);
    let reply = await call(stack, 'GET', '/api/v1/courses', { headers: { authorization: `Bearer ${teacher.accessToken}` } });
    for (let attempt = 0; attempt < 8 && reply.status !== 429; attempt += 1) {
      reply = await call(stack, 'GET', '/api/v1/courses', { headers: { authorization: `Bearer ${teacher.accessToken}` } });
    }
    expect(reply.status).toBe(429);
    expect(errorContractViolation(reply.status, reply.body, reply.contentType)).toBeNull();
    const wait = Number(reply.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect((await call(stack, 'GET', '/api/v1/courses', { headers: { authorization: `Bearer ${admin.accessToken}` } })).status).toBe(200);
  });

  it("signed-in requests spend their user's budget, not the IP's: a class behind one school address is not refused", async () => {
    const privateKey = readFileSync(stack.core.config.JWT_PRIVATE_KEY_FILE, 'utf8');
    const mint = async () =>
      (await signAccessToken({ userId: randomUUID(), role: 'student', sessionId: randomUUID(), privateKey, issuer: stack.config.JWT_ISSUER, audience: stack.config.JWT_AUDIENCE, ttlSeconds: 600 })).token;
    const tokens = await Promise.all(Array.from({ length: PER_IP + 10 }, mint));
    const statuses = [];
    for (const token of tokens) statuses.push((await call(stack, 'GET', '/api/v1/courses', { headers: { authorization: `Bearer ${token}` } })).status);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  });

  it('refused credentials spend the IP budget: guessing tokens gets 429 after the limit, valid tokens still work', async () => {
    const statuses: number[] = [];
    let last = await call(stack, 'GET', '/api/v1/courses', { headers: { authorization: 'Bearer guess.0.token' } });
    statuses.push(last.status);
    for (let attempt = 1; attempt < PER_IP + 5; attempt += 1) {
      last = await call(stack, 'GET', '/api/v1/courses', { headers: { authorization: `Bearer guess.${attempt}.token` } });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, PER_IP).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(PER_IP).every((status) => status === 429)).toBe(true);
    expect(errorContractViolation(last.status, last.body, last.contentType)).toBeNull();
    expect((last.body as { code: string }).code).toBe('RATE_LIMITED');
    const wait = Number(last.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    const admin = await stack.core.rpc.call(coreRpc.authLogin, { email: 'admin@tec.example', password: 'demo1234' }, ANONYMOUS);
    expect((await call(stack, 'GET', '/api/v1/courses', { headers: { authorization: `Bearer ${admin.accessToken}` } })).status).toBe(200);
  });
});
