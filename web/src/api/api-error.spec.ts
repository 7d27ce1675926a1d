import { toApiError } from './api-error';

describe('turning any failed reply into an ApiError', () => {
  it('keeps the gateway error body: code, message, details and correlation id', () => {
    const error = toApiError(400, { statusCode: 400, code: 'VALIDATION_FAILED', message: 'The body is not valid', details: [{ path: 'email' }], correlationId: 'c-1' }, 'fallback');
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'The body is not valid', correlationId: 'c-1', network: false });
    expect(error.details).toEqual([{ path: 'email' }]);
  });

  it('derives the code from the status when a proxy answered without our shape', () => {
    expect(toApiError(502, '<html>Bad gateway</html>', 'c-2')).toMatchObject({ code: 'SERVICE_UNAVAILABLE', correlationId: 'c-2' });
    expect(toApiError(429, null, 'c-3').code).toBe('RATE_LIMITED');
    expect(toApiError(500, { code: 'SOMETHING_NEW', message: 'x' }, 'c-4').code).toBe('INTERNAL');
  });
});
