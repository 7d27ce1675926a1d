export * from './erased';
export * from './user-data-rights';
