// Loads the project's TypeScript in jest-light-runner's workers. esbuild transpiles each .ts file (types are checked
// by `tsc -b` in `npm test`); the code and its source map are kept in build/jest-ts/, named by the hash of the file's
// path and contents, so later runs skip the transpiling. Source maps are read only when a stack trace is printed,
// so failures point at the TypeScript line without parsing every map up front.
// Test files are imported as ES modules by the runner; the load hook of typescript-hooks.mjs hands them to require.
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const { pathToFileURL } = require('url');
const { writeFileAtomically } = require('../../scripts/run-ts');

const KEPT = path.join(__dirname, '..', '..', 'build', 'jest-ts');
const OPTIONS = { loader: 'ts', format: 'cjs', platform: 'node', target: 'node20', sourcemap: 'external' };
// A different esbuild or different options transpile differently: they are part of every name.
const VERSION = `${require('esbuild/package.json').version} ${JSON.stringify(OPTIONS)}`;
/** The kept source map of each transpiled file. */
const maps = new Map();

function transpile(filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const kept = path.join(KEPT, crypto.createHash('sha256').update(`${VERSION}\0${filename}\0${source}`).digest('hex'));
  maps.set(filename, `${kept}.js.map`);
  try {
    return fs.readFileSync(`${kept}.js`, 'utf8');
  } catch {
    const { code, map } = require('esbuild').transformSync(source, { ...OPTIONS, sourcefile: filename });
    writeFileAtomically(`${kept}.js.map`, map);
    writeFileAtomically(`${kept}.js`, code);
    return code;
  }
}

Module._extensions['.ts'] = (module, filename) => module._compile(transpile(filename), filename);
Module.register('./typescript-hooks.mjs', pathToFileURL(__filename));
require('@cspotcode/source-map-support').install({
  environment: 'node',
  retrieveSourceMap: (file) => (maps.has(file) ? { url: file, map: fs.readFileSync(maps.get(file), 'utf8') } : null),
});
