import { refusal } from '../../src/webhooks/webhooks.controller';
import { retryAfterSeconds } from '../../src/http/global-exception.filter';
import { login, startStack, type Stack } from '../harness';
import { call, errorContractViolation } from './openapi';

/** Regression tests for what the fuzzing and security checks found (see docs/security.md, "Found and fixed"). */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe('found by fuzzing', () => {
  it.each([
    ['application/json; charset=bogus', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['application/json; charset=latin9', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    // A known charset that is not what the bytes are: the decoded text is not JSON.
    ['application/json; charset=utf-16', 400, 'BAD_REQUEST'],
  ] as const)('a JSON body with %s is %i %s in the error shape (charset errors were 500 INTERNAL)', async (contentType, status, code) => {
    const reply = await call(stack, 'POST', '/api/v1/auth/login', { headers: { 'content-type': contentType }, rawBody: '{"email":"a@b.c","password":"x"}' });
    expect(reply.status).toBe(status);
    expect(errorContractViolation(reply.status, reply.body, reply.contentType)).toBeNull();
    expect((reply.body as { code: string }).code).toBe(code);
  });

  it('a gzip-encoded body the gateway does not inflate is 415, not 500', async () => {
    const reply = await call(stack, 'POST', '/api/v1/auth/login', { headers: { 'content-type': 'application/json', 'content-encoding': 'br-bogus' }, rawBody: '{}' });
    expect(reply.status).toBe(415);
    expect(errorContractViolation(reply.status, reply.body, reply.contentType)).toBeNull();
  });

  it('a request line over 16 KB is 400 BAD_REQUEST in the error shape (was an empty 431 from Node)', async () => {
    const reply = await call(stack, 'GET', `/api/v1/courses?search=${'x'.repeat(70_000)}`);
    expect(reply.status).toBe(400);
    expect(errorContractViolation(reply.status, reply.body, reply.contentType)).toBeNull();
    expect(reply.body).toMatchObject({ code: 'BAD_REQUEST', message: 'The request line or headers are too large' });
    // The server keeps serving.
    expect((await call(stack, 'GET', '/api/v1/health')).status).toBe(200);
  });

  it('a NUL character in a query or body is 400 VALIDATION_FAILED (was 500: Postgres cannot store NUL)', async () => {
    const { accessToken } = await login(stack, 'admin@tec.example');
    const headers = { authorization: `Bearer ${accessToken}` };
    const search = await call(stack, 'GET', '/api/v1/users?search=%00', { headers });
    expect([search.status, (search.body as { code: string }).code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(errorContractViolation(search.status, search.body, search.contentType)).toBeNull();
    const patch = await call(stack, 'PATCH', '/api/v1/users/me', { headers, body: { firstName: 'Ada\u0000' } });
    expect([patch.status, (patch.body as { code: string }).code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('webhook refusals from the owning service keep the one error shape (were {error} / {code, message})', () => {
    expect(refusal({ status: 403, body: { error: 'signature stale' } })).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', message: 'signature stale' });
    expect(refusal({ status: 401, body: { code: 'UNAUTHENTICATED', message: 'stale timestamp' } })).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'stale timestamp' });
    expect(refusal({ status: 503, body: { error: 'not configured' } })).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(refusal({ status: 422 })).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST', message: 'Webhook refused' });
  });

  it("Retry-After follows the service's own wait when it gives one (chat flood window, pairing lock)", () => {
    expect(retryAfterSeconds({ retryAfterSeconds: 10 })).toBe(10);
    expect(retryAfterSeconds({ retryAfterSeconds: 0.2 })).toBe(1);
    expect(retryAfterSeconds({ retryAfterSeconds: 'soon' })).toBe(60);
    expect(retryAfterSeconds(undefined)).toBe(60);
    expect(retryAfterSeconds(undefined, 840)).toBe(840);
    expect(retryAfterSeconds({ retryAfterSeconds: 10 }, 840)).toBe(10);
  });
});
