/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Many suites wait on processes they start (synth, kubectl, PostgreSQL): a worker per core keeps the cores busy.
  maxWorkers: '100%',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Types are checked once by `tsc --noEmit` in `npm test`; per-file transpilation keeps jest fast.
  // Source maps make failures point at the TypeScript line (tsconfig.json leaves them off for tsc --noEmit).
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { sourceMap: true } }] },
  snapshotResolver: '<rootDir>/test/snapshot-resolver.js',
};
