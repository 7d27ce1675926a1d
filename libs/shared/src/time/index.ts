export * from './zoned-time';
export * from './weekly-series';
