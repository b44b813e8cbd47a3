#!/usr/bin/env node
// Runs a TypeScript entry point of this project without type-checking it (`npm test` does that).
//
// An entry point (main.ts, the CLIs) runs from one bundle: esbuild bundles it with its dependencies into
// build/bundles/<entry>.js, rebuilt only when one of the project files it was built from (listed in its metafile),
// the installed packages or this script changed. Node then compiles that one file instead of resolving and
// compiling hundreds, and V8's code cache of it (<bundle>.cache) skips most of the compiling too. The bundle's
// source map is read only when a stack trace is printed, so errors still point at the TypeScript.
//
// requireTs() loads a module the same way, from its own bundle, for a host that already runs (the cdk8s-cli plugin).
//
// Usage: node scripts/run-ts.js <entry.ts> [args...]
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

/**
 * V8 optimizes a function once 4 times its usual budget of code has run in it (66 KiB by default). Most of what the
 * project runs, runs briefly: without this, a synth spent about an eighth of its CPU time compiling optimized code it
 * finished without, and the test suite took about an eighth more CPU time. Long runs, like the gate over a thousand
 * objects, are optimized as before.
 */
const OPTIMIZE_LATER = '--interrupt-budget=270336';

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'build');
const mtime = (file) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;

/**
 * Writes the file whole: to a temporary name of this process and thread, then renamed, so a concurrent run or test
 * worker reads the old file or the new one, never half of one. (gate/core/files.ts is its TypeScript twin, for code
 * that runs from a bundle; this one serves the scripts that run before any TypeScript can.)
 */
function writeFileAtomically(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${require('worker_threads').threadId}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

function writeOutputs({ outputFiles }) {
  for (const { path: file, contents } of outputFiles) writeFileAtomically(file, contents);
}

const BUNDLES = path.join(OUT, 'bundles');
// npm rewrites this file on every install; installed packages keep their tarballs' old mtimes.
const INSTALLED = path.join(ROOT, 'node_modules', '.package-lock.json');
// Tools that are programs of their own, ESM-only or native: required from node_modules, never bundled.
const EXTERNAL = ['esbuild', 'typescript', 'typedoc', 'typedoc-plugin-markdown', 'ts-node', 'jest', '@microsoft/jest-sarif'];

/**
 * Under `cdk8s synth` with validation plugins (cdk8s.yaml), the app leaves the gate to the plugin (gateRunsAsPlugin in
 * gate/front-ends/in-synth.ts): such a run uses another part of the bundle, so it keeps a code cache of its own.
 * With one cache, whichever run came first after a rebuild would leave the other without most of what it compiles.
 */
const CACHES = { synth: 'js.cache', pluginRun: 'js.plugin-run.cache' };

function bundleFiles(entry) {
  const base = path.join(BUNDLES, path.normalize(entry).replace(/\.ts$/, ''));
  const cache = process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true' ? CACHES.pluginRun : CACHES.synth;
  return { js: `${base}.js`, inputs: `${base}.inputs.json`, cache: `${base}.${cache}`, caches: Object.values(CACHES).map((name) => `${base}.${name}`) };
}

/**
 * The bundle's manifest (the project files it was built from, whether it is ASCII and calls import()) if the bundle is
 * newer than this script, the installed packages and each of those files; undefined if it must be built again.
 */
function freshManifest(files) {
  const built = mtime(files.js);
  if (built < mtime(__filename) || built < mtime(INSTALLED)) return undefined;
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(files.inputs, 'utf8'));
  } catch {
    return undefined;
  }
  const fresh = manifest.inputs.every((input) => {
    const stat = fs.statSync(path.join(ROOT, input), { throwIfNoEntry: false });
    return stat !== undefined && stat.mtimeMs <= built;
  });
  return fresh ? manifest : undefined;
}

/**
 * A bundle that loadBundle compiles itself is written inside the function Node's require wraps a module in, so that
 * its megabytes of code are not copied once more to be wrapped.
 */
const WRAPPED = { banner: { js: Module.wrapper[0] }, footer: { js: Module.wrapper[1] } };

function bundle(entry, files) {
  // Minified, Node reads and decodes about 30 % less. Names are minified too (keeping them would take back most of
  // what minifying saves), so an error message built from a class name, like constructs' "There is already a
  // Construct with name 'x' in WebTier [web]", shows the short name: the jest tests, which run the TypeScript, show
  // the original.
  const build = (options) => require('esbuild').buildSync({
    absWorkingDir: ROOT, entryPoints: [entry], outfile: files.js, bundle: true, format: 'cjs', platform: 'node', target: 'node20',
    external: EXTERNAL, minify: true, sourcemap: 'linked', sourcesContent: false, metafile: true, write: false, logLevel: 'warning',
    ...options,
  });
  const callsImport = ({ metafile }) => Object.values(metafile.outputs).some((output) => output.imports.some((i) => i.kind === 'dynamic-import'));
  let result = build(WRAPPED);
  const dynamicImport = callsImport(result);
  // Such a bundle is required plainly (see loadBundle), and so must not be wrapped already.
  if (dynamicImport) result = build({});
  const code = result.outputFiles.find((file) => file.path === files.js).contents;
  const manifest = {
    inputs: Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('node_modules/')),
    ascii: code.every((byte) => byte < 0x80),
    dynamicImport,
  };
  writeOutputs({ outputFiles: [...result.outputFiles, { path: files.inputs, contents: JSON.stringify(manifest) }] });
  for (const cache of files.caches) fs.rmSync(cache, { force: true });
  return manifest;
}

/**
 * Maps stack traces through the bundle's source map, loading the mapper on the first trace printed. An uncaught
 * error prints its (mapped) stack only: Node would also print the bundle's minified source line.
 */
function mapStackTracesLazily() {
  Error.prepareStackTrace = (error, frames) => {
    Error.prepareStackTrace = undefined;
    require('@cspotcode/source-map-support').install({ environment: 'node' });
    return Error.prepareStackTrace(error, frames);
  };
  process.setUncaughtExceptionCaptureCallback((error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}

/**
 * Loads the bundle as a module with V8's code cache of an earlier run, and saves the cache, when there was none, at the
 * end of a run that succeeds; returns its exports. A bundle that calls import() (of an ESM-only package) is required
 * plainly: a script compiled from a code cache loses the callback that serves import().
 */
function loadBundle(files, manifest) {
  if (manifest.dynamicImport) return require(files.js);
  // Node decodes ASCII fastest as latin1 (esbuild escapes non-ASCII characters, but not in regular expressions).
  const code = fs.readFileSync(files.js, manifest.ascii ? 'latin1' : 'utf8');
  const cachedData = fs.existsSync(files.cache) ? fs.readFileSync(files.cache) : undefined;
  const script = new vm.Script(code, { filename: files.js, cachedData });
  const module = new Module(files.js, null);
  module.filename = files.js;
  module.paths = Module._nodeModulePaths(path.dirname(files.js));
  if (!cachedData || script.cachedDataRejected) {
    // After the run, the cache also holds the functions the run compiled; after a failed run, it would hold only those
    // of the way to the error, and it is kept as long as the bundle: a later run that succeeds writes it instead.
    process.once('exit', (code) => {
      if (code === 0) writeOutputs({ outputFiles: [{ path: files.cache, contents: script.createCachedData() }] });
    });
  }
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(files.js), module, files.js, path.dirname(files.js));
  module.loaded = true;
  return module.exports;
}

/** The exports of a TypeScript module of the project, bundled and cached like an entry point. */
function requireTs(source) {
  const files = bundleFiles(source);
  return loadBundle(files, freshManifest(files) ?? bundle(source, files));
}

function main() {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    console.error('usage: node scripts/run-ts.js <entry.ts> [args...]');
    process.exit(2);
  }
  // V8 keeps the bytecode of functions that ran only early (module set-up), which a long run's garbage collections
  // would otherwise drop, and with it from the code cache written at exit.
  require('v8').setFlagsFromString(`${OPTIMIZE_LATER} --no-flush-bytecode`);
  const files = bundleFiles(entry);
  const manifest = freshManifest(files) ?? bundle(entry, files);
  process.argv = [process.argv[0], files.js, ...args];
  mapStackTracesLazily();
  loadBundle(files, manifest);
}

if (require.main === module) main();

module.exports = { OPTIMIZE_LATER, requireTs, writeFileAtomically };
