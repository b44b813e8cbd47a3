// The generated parts of docs/ (traffic diagrams, the gate's rule and parity tables, the constructs reference) equal what their sources produce.
import { execFile } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { promisify } from 'util';
import { CONSTRUCTS_REFERENCE } from '../scripts/constructs-reference';
import { GENERATED, withGenerated } from '../scripts/docs';

const ROOT = join(__dirname, '..');

test.each(Object.keys(GENERATED))('%s is up to date (run `npm run docs` after a deliberate change)', (file) => {
  const text = readFileSync(join(ROOT, file), 'utf8');
  expect(text).toBe(withGenerated(file, text));
});

// TypeDoc is an ES module, which jest cannot load: it runs in a child process that prints the reference.
test(`${CONSTRUCTS_REFERENCE} is TypeDoc's reference of lib/ (run \`npm run docs\` after a change to its API or JSDoc)`, async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['scripts/run-ts.js', 'scripts/print-constructs-reference.ts'],
    { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 });
  expect(readFileSync(join(ROOT, CONSTRUCTS_REFERENCE), 'utf8')).toBe(stdout);
}, 60_000);
