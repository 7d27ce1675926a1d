export * from './core-roster.handlers';
export * from './parent-links.handlers';
export * from './parent-links.read-model';
export * from './roster.read-model';
