// Access-token signing (core) and verification (gateway and any service). Node-only: not for the web app.
export * from './jwt';
export * from './keys';
