// The generated parts of docs/ (traffic diagrams, the gate's rule and parity tables, the constructs reference) equal what their sources produce.
import { readFileSync } from 'fs';
import { join } from 'path';
import { CONSTRUCTS_REFERENCE, constructsReference } from '../scripts/constructs-reference';
import { GENERATED, withGenerated } from '../scripts/docs';

const ROOT = join(__dirname, '..');

test.each(Object.keys(GENERATED))('%s is up to date (run `npm run docs` after a deliberate change)', (file) => {
  const text = readFileSync(join(ROOT, file), 'utf8');
  expect(text).toBe(withGenerated(file, text));
});

test(`${CONSTRUCTS_REFERENCE} is TypeDoc's reference of lib/ (run \`npm run docs\` after a change to its API or JSDoc)`, async () => {
  expect(readFileSync(join(ROOT, CONSTRUCTS_REFERENCE), 'utf8')).toBe(await constructsReference());
});
