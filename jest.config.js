/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Types are checked once by `tsc --noEmit` in `npm test`; per-file transpilation keeps jest fast.
  transform: { '^.+\\.ts$': 'ts-jest' },
  snapshotResolver: '<rootDir>/test/snapshot-resolver.js',
};
