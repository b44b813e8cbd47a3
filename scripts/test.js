#!/usr/bin/env node
// `npm test`: the type check and the jest suite, side by side rather than one after the other. Fails if either fails;
// extra arguments go to jest.
//
// The type check is `tsc -b`: when no source changed since its last run (build/tsc.tsbuildinfo), it only compares
// timestamps. It does not look at installed packages, so after an install it checks everything again (--force).
//
// jest runs with V8's later optimization, like the entry points (OPTIMIZE_LATER in scripts/run-ts.js): most tests run
// briefly, and the suite took about an eighth more CPU time without it.
//
// The tests' temporary folders (cdk8s's Testing.app() makes one per chart, and leaves it) go to a folder of this run,
// removed when the run ends.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { OPTIMIZE_LATER } = require('./run-ts');

const ROOT = path.join(__dirname, '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const run = (command, args, env = process.env) => new Promise((resolve) => {
  spawn(command, args, { cwd: ROOT, stdio: 'inherit', env }).on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});
const mtime = (file) => fs.statSync(path.join(ROOT, file), { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;
const packagesChanged = mtime('node_modules/.package-lock.json') > mtime('build/tsc.tsbuildinfo');

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'multi-k8s-cdk8s-test-'));
// Other users may pass through (not list): the PostgreSQL tests run the server as postgres, in a folder of its own.
fs.chmodSync(temporary, 0o711);
process.on('exit', () => fs.rmSync(temporary, { recursive: true, force: true }));
// Ctrl-C reaches jest and tsc too: wait for them to stop, then remove the folder (a second Ctrl-C stops this at once).
process.once('SIGINT', () => {});

Promise.all([
  run(bin('tsc'), ['-b', ...(packagesChanged ? ['--force'] : [])]),
  run(process.execPath, [OPTIMIZE_LATER, require.resolve('jest/bin/jest'), ...process.argv.slice(2)], { ...process.env, TMPDIR: temporary }),
]).then(([types, tests]) => {
  if (types !== 0) console.error('npm test: the type check (tsc -b) failed');
  process.exitCode = types || tests;
});
