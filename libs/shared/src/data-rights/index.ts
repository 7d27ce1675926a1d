export * from './user-data-rights';
