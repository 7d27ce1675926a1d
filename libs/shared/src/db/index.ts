export * from './data-source';
export * from './transaction';
