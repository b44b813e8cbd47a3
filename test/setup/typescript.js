// Loads the project's TypeScript in jest-light-runner's workers: each .ts file is transpiled by esbuild once per
// worker (types are checked by `tsc -b` in `npm test`), with an inline source map so failures point at the
// TypeScript line. Test files are imported as ES modules by the runner; the load hook hands them to require.
const fs = require('fs');
const Module = require('module');
const { pathToFileURL } = require('url');
const esbuild = require('esbuild');

process.setSourceMapsEnabled(true);

Module._extensions['.ts'] = (module, filename) => {
  const { code } = esbuild.transformSync(fs.readFileSync(filename, 'utf8'), {
    loader: 'ts', format: 'cjs', platform: 'node', target: 'node20', sourcemap: 'inline', sourcefile: filename,
  });
  module._compile(code, filename);
};

Module.register('./typescript-hooks.mjs', pathToFileURL(__filename));
