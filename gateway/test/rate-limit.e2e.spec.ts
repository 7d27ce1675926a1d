import { http, startStack, type Stack } from './harness';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { RATE_LIMIT_LOGIN: '3', RATE_LIMIT_PER_USER: '5' } });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe('rate limits', () => {
  it('limits sign-in attempts per IP more strictly, with RATE_LIMITED and Retry-After', async () => {
    const attempt = () => http(stack, 'POST', '/api/v1/auth/login', { body: { email: 'student@tec.example', password: 'guess' } });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await attempt();
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(limited.headers.get('retry-after')).toBeTruthy();
  });

  it('limits each signed-in user on their own', async () => {
    // The login limit above is spent for this IP; mint the session through core directly.
    const { coreRpc, ANONYMOUS } = await import('@tec/shared');
    const tokens = await stack.core.rpc.call(coreRpc.authLogin, { email: 'teacher@tec.example', password: 'demo1234' }, ANONYMOUS);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await http(stack, 'GET', '/api/v1/courses', { token: tokens.accessToken })).status);
    expect(statuses.slice(0, 5).every((status) => status === 200)).toBe(true);
    expect(statuses[5]).toBe(429);
  });
});
