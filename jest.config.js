/** Jest runs TypeScript through swc as native ESM (see "test" in package.json). */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022', experimental: { keepImportAttributes: true } },
        module: { type: 'es6' },
      },
    ],
  },
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-nock.ts'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testTimeout: 60000,
  // Two workers on two cores: most suites wait on PostgreSQL, Prometheus, RGW or child processes, so
  // they overlap well (a clean-clone CI run went from 986 s to 532 s of tests, all passing under load).
  maxWorkers: 2,
};
