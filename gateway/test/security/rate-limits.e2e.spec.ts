import { ANONYMOUS, coreRpc } from '@tec/shared';
import { startStack, type Stack } from '../harness';
import { call, errorContractViolation } from './openapi';

/** Rate limits answer 429 RATE_LIMITED in the error shape with a Retry-After that is the real wait. */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { RATE_LIMIT_LOGIN: '3', RATE_LIMIT_PER_USER: '5' } });
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
});
