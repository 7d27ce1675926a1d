export * from './health-http.server';
export * from './health-rpc.route';
export * from './health.service';
