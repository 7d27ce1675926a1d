/** NATS JetStream API error codes we branch on (see nats-server `server/errors.json`). */
export const JS_STREAM_NOT_FOUND = 10059;
export const JS_STREAM_NAME_IN_USE = 10058;
export const JS_STREAM_SUBJECT_OVERLAP = 10065;
export const JS_CONSUMER_NOT_FOUND = 10014;
export const JS_CONSUMER_NAME_IN_USE = 10013;
export const JS_CONSUMER_ALREADY_EXISTS = 10148;

export function jetStreamErrorCode(error: unknown): number | undefined {
  const apiError = (error as { api_error?: { err_code?: number } } | null)?.api_error;
  return apiError?.err_code;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
