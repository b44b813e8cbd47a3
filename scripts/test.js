#!/usr/bin/env node
// `npm test`: the type check (incremental: only what changed since the last run is checked again) and the jest
// suite, side by side rather than one after the other. Fails if either fails; extra arguments go to jest.
const { spawn } = require('child_process');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const run = (command, args) => new Promise((resolve) => {
  spawn(command, args, { cwd: ROOT, stdio: 'inherit' }).on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});

Promise.all([
  run(bin('tsc'), ['--noEmit', '--incremental', '--tsBuildInfoFile', path.join('build', 'tsc.tsbuildinfo')]),
  run(bin('jest'), process.argv.slice(2)),
]).then(([types, tests]) => {
  if (types !== 0) console.error('npm test: the type check (tsc --noEmit) failed');
  process.exitCode = types || tests;
});
