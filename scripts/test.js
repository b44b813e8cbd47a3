#!/usr/bin/env node
// `npm test`: the type check and the jest suite, side by side rather than one after the other. Fails if either fails;
// extra arguments go to jest.
//
// The type check is `tsc -b`: when no source changed since its last run (build/tsc.tsbuildinfo), it only compares
// timestamps. It does not look at installed packages, so after an install it checks everything again (--force).
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const run = (command, args) => new Promise((resolve) => {
  spawn(command, args, { cwd: ROOT, stdio: 'inherit' }).on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});
const mtime = (file) => fs.statSync(path.join(ROOT, file), { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;
const packagesChanged = mtime('node_modules/.package-lock.json') > mtime('build/tsc.tsbuildinfo');

Promise.all([
  run(bin('tsc'), ['-b', ...(packagesChanged ? ['--force'] : [])]),
  run(bin('jest'), process.argv.slice(2)),
]).then(([types, tests]) => {
  if (types !== 0) console.error('npm test: the type check (tsc -b) failed');
  process.exitCode = types || tests;
});
