#!/usr/bin/env node
// Runs a TypeScript entry point of this project without type-checking it (`npm test` does
// that). Each .ts file is transpiled by esbuild to build/<same path>.js only when the source
// is newer than its output, so a synth after an edit re-transpiles just the edited files, and
// the generated imports/k8s.ts (1.1 MB) once per clone.
//
// Usage: node scripts/run-ts.js <entry.ts> [args...]
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'build');
const SOURCES = ['main.ts', 'apps', 'lib', 'imports', 'gate', 'deploy', 'bench', 'scripts'];

/** Paths (relative to `base`) of the files with this extension at or below `relative`. */
function filesUnder(base, relative, extension) {
  const full = path.join(base, relative);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return relative.endsWith(extension) ? [relative] : [];
  return fs.readdirSync(full).flatMap((name) => filesUnder(base, path.join(relative, name), extension));
}

const toOutput = (source) => source.replace(/\.ts$/, '.js');
const outputOf = (source) => path.join(OUT, toOutput(source));
const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : -Infinity);

/** The sources whose output is missing or older than the source; deletes outputs of deleted sources. */
function staleSources() {
  const sources = SOURCES.flatMap((entry) => filesUnder(ROOT, entry, '.ts')).filter((file) => !file.endsWith('.d.ts'));
  // A deleted source must not live on as its old output.
  const expected = new Set(sources.map(toOutput));
  for (const output of SOURCES.flatMap((entry) => filesUnder(OUT, toOutput(entry), '.js'))) {
    if (!expected.has(output)) fs.rmSync(path.join(OUT, output), { force: true });
  }
  // Changing these options must re-transpile everything, so this file counts as an input too.
  const optionsChanged = mtime(__filename);
  return sources.filter((source) => {
    const built = mtime(outputOf(source));
    return built < mtime(path.join(ROOT, source)) || built < optionsChanged;
  });
}

const BUILD_OPTIONS = { absWorkingDir: ROOT, outbase: ROOT, outdir: OUT, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning', write: false };

function writeOutputs({ outputFiles }) {
  // Write-then-rename: a concurrent run (parallel test workers) never reads a half-written file.
  for (const { path: file, contents } of outputFiles) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, contents);
    fs.renameSync(temporary, file);
  }
}

/** Transpiles what is stale, synchronously, and requires the compiled module of a source (for the cdk8s-cli plugin). */
function requireTs(source) {
  const stale = staleSources();
  if (stale.length) writeOutputs(require('esbuild').buildSync({ ...BUILD_OPTIONS, entryPoints: stale }));
  return require(outputOf(path.normalize(source)));
}

function main() {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    console.error('usage: node scripts/run-ts.js <entry.ts> [args...]');
    process.exit(2);
  }
  const stale = staleSources();
  const compiled = outputOf(path.normalize(entry));
  const run = () => {
    process.argv = [process.argv[0], compiled, ...args];
    require(compiled);
  };
  if (!stale.length) return run();
  // esbuild runs in its own process: load cdk8s (most of the app's start-up) meanwhile.
  const transpiled = require('esbuild').build({ ...BUILD_OPTIONS, entryPoints: stale });
  require('cdk8s');
  transpiled.then((result) => {
    writeOutputs(result);
    run();
  }, () => { process.exitCode = 1; });
}

if (require.main === module) main();

module.exports = { requireTs };
