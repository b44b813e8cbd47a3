// Loads the project's TypeScript in jest-light-runner's workers. esbuild transpiles each .ts file (types are checked
// by `tsc -b` in `npm test`) with an inline source map, so failures point at the TypeScript line; the output is kept
// in build/jest-ts/, named by the hash of the file's path and contents, so later runs skip the transpiling.
// Test files are imported as ES modules by the runner; the load hook of typescript-hooks.mjs hands them to require.
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const { pathToFileURL } = require('url');

const KEPT = path.join(__dirname, '..', '..', 'build', 'jest-ts');
const OPTIONS = { loader: 'ts', format: 'cjs', platform: 'node', target: 'node20', sourcemap: 'inline' };
// A different esbuild or different options transpile differently: they are part of every name.
const VERSION = `${require('esbuild/package.json').version} ${JSON.stringify(OPTIONS)}`;

function transpile(filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const kept = path.join(KEPT, `${crypto.createHash('sha256').update(`${VERSION}\0${filename}\0${source}`).digest('hex')}.js`);
  try {
    return fs.readFileSync(kept, 'utf8');
  } catch {
    const { code } = require('esbuild').transformSync(source, { ...OPTIONS, sourcefile: filename });
    fs.mkdirSync(KEPT, { recursive: true });
    // Write-then-rename: the other workers never read half a file.
    const temporary = `${kept}.${process.pid}.${require('worker_threads').threadId}.tmp`;
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, kept);
    return code;
  }
}

process.setSourceMapsEnabled(true);
Module._extensions['.ts'] = (module, filename) => module._compile(transpile(filename), filename);
Module.register('./typescript-hooks.mjs', pathToFileURL(__filename));
