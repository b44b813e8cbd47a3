// scripts/run-ts.js, which runs every entry point: which runs write V8's code cache of the bundle, and where.
import { spawnSync } from 'child_process';
import { existsSync, rmSync } from 'fs';
import { join } from 'path';

const REPO = join(__dirname, '..');
const BUNDLE = join(REPO, 'build', 'bundles', 'test', 'fixtures', 'run-ts', 'exits.js');
const CACHES = ['.cache', '.plugin-run.cache'];

const run = (status: number, env: Record<string, string> = {}) => spawnSync(process.execPath, ['scripts/run-ts.js', 'test/fixtures/run-ts/exits.ts', String(status)], {
  cwd: REPO,
  env: { ...process.env, CDK8S_RECORD_CONSTRUCT_METADATA: 'false', ...env },
}).status;
const cachesWritten = () => CACHES.filter((suffix) => existsSync(`${BUNDLE}${suffix}`));

test('a failed run writes no code cache; a run that succeeds writes one, kept apart under cdk8s synth with validation plugins', () => {
  for (const suffix of CACHES) rmSync(`${BUNDLE}${suffix}`, { force: true });
  expect([run(3), cachesWritten()]).toEqual([3, []]);
  expect([run(0, { CDK8S_RECORD_CONSTRUCT_METADATA: 'true' }), cachesWritten()]).toEqual([0, ['.plugin-run.cache']]);
  expect([run(0), cachesWritten()]).toEqual([0, ['.cache', '.plugin-run.cache']]);
});
