/** @type {import('jest').Config} */
module.exports = {
  // Test files run in long-lived workers with Node's own module system: cdk8s, cdk8s-plus-27 and the gate are loaded
  // once per worker instead of once per test file. The price: no module mocks and no per-test timeouts.
  runner: 'jest-light-runner',
  maxWorkers: '100%',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/setup/typescript.js'],
  // Beside the project's other caches, not in the temporary folder npm test gives each run (and removes).
  cacheDirectory: '<rootDir>/build/jest-cache',
  snapshotResolver: '<rootDir>/test/snapshot-resolver.js',
};
