/** Injection tokens of the core service. */
export const ACCESS_TOKEN_KEYS = Symbol('core:access-token-keys');
