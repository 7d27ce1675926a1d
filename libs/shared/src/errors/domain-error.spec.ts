import { ERROR_CODES, ERROR_HTTP_STATUS } from '../contracts/error-codes';
import { DomainError, isDomainError } from './domain-error';
import { parseOrThrow } from './zod-issues';
import { z } from 'zod';

describe('DomainError', () => {
  it.each([
    ['VALIDATION_FAILED', 400],
    ['TOKEN_EXPIRED', 401],
    ['FORBIDDEN', 403],
    ['NOT_ENROLLED', 403],
    ['NOT_FOUND', 404],
    ['CONFLICT', 409],
    ['RATE_LIMITED', 429],
    ['INTERNAL', 500],
    ['SERVICE_UNAVAILABLE', 503],
    ['SERVICE_TIMEOUT', 504],
  ] as const)('maps %s to HTTP %i', (code, status) => {
    expect(new DomainError(code, 'x').statusCode).toBe(status);
  });

  it('maps every code to a real HTTP error status', () => {
    for (const code of ERROR_CODES) {
      const status = ERROR_HTTP_STATUS[code];
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
      expect(new DomainError(code, 'x').statusCode).toBe(status);
    }
  });

  it('builds the common errors and is recognised', () => {
    expect(DomainError.notFound('Course')).toMatchObject({ code: 'NOT_FOUND', statusCode: 404, message: 'Course not found' });
    expect(DomainError.forbidden()).toMatchObject({ code: 'FORBIDDEN', statusCode: 403 });
    expect(isDomainError(DomainError.forbidden())).toBe(true);
    expect(isDomainError(new Error('plain'))).toBe(false);
  });

  it('turns a zod failure into VALIDATION_FAILED with one detail per field', () => {
    const schema = z.object({ email: z.email(), age: z.number().int() });
    expect(() => parseOrThrow(schema, { email: 'nope', age: 1.5 })).toThrow(DomainError);
    try {
      parseOrThrow(schema, { email: 'nope', age: 1.5 });
    } catch (error) {
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', statusCode: 400 });
      expect((error as DomainError).details).toEqual([
        { path: 'email', message: expect.any(String) },
        { path: 'age', message: expect.any(String) },
      ]);
    }
  });
});
