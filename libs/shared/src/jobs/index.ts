export * from './interval-job';
