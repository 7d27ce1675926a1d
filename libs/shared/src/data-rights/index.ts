export * from './erased';
export * from './user-data-rights';
export * from './export-store';
