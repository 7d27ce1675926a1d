export * from './events-metrics';
export * from './metrics';
export * from './metrics-http.server';
export * from './tracing';
export * from './metrics-text';
