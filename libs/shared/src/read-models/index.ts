export * from './core-roster.handlers';
export * from './roster.read-model';
