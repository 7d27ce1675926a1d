// One jest config for every Node project; each folder is a jest "project", so `npm test` runs them all.
// Tests under test/ or named *.int.spec.ts use the real Postgres and NATS (see libs/shared/src/testing).
const path = require('node:path');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const sharedSrc = path.join(__dirname, 'libs/shared/src');

const project = (name, dir) => ({
  displayName: name,
  rootDir: path.join(__dirname, dir),
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@tec/shared$': `${sharedSrc}/index.ts`,
    '^@tec/shared/(contracts|testing)$': `${sharedSrc}/$1/index.ts`,
  },
  globalSetup: `${sharedSrc}/testing/global-setup.ts`,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testTimeout: 30000,
});

/** The web app's pure logic (paths, errors, i18n, formatting); the pages themselves are covered in Chromium. */
const web = {
  ...project('web', 'web'),
  transform: { '^.+\\.tsx?$': swc },
  moduleNameMapper: { '^@tec/shared/contracts$': `${sharedSrc}/contracts/index.ts` },
  globalSetup: undefined,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};

module.exports = {
  projects: [project('shared', 'libs/shared'), project('core', 'services/core'), project('notifications', 'services/notifications'), project('attendance', 'services/attendance'), project('chat', 'services/chat'), project('live-classes', 'services/live-classes'), project('parent-portal', 'services/parent-portal'), project('gateway', 'gateway'), project('deploy', 'deploy'), web],
};
