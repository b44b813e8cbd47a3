// The generated parts of docs/ (traffic diagrams, the gate's rule and parity tables) equal what their sources produce.
import { readFileSync } from 'fs';
import { join } from 'path';
import { GENERATED, withGenerated } from '../scripts/docs';

test.each(Object.keys(GENERATED))('%s is up to date (run `npm run docs` after a deliberate change)', (file) => {
  const text = readFileSync(join(__dirname, '..', file), 'utf8');
  expect(text).toBe(withGenerated(file, text));
});
