export const GATEWAY_CONFIG = Symbol('gateway:config');
export const JWT_PUBLIC_KEY = Symbol('gateway:jwt-public-key');
