export * from './data-source';
export * from './transaction';
export * from './pg-channel-listener';
export * from './sql-results';
export * from './prepared';
export * from './seed-after-start';
export * from './group-commit';
