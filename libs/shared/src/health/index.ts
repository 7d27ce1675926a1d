export * from './health-rpc.route';
export * from './health.service';
