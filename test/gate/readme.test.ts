import { readFileSync } from 'fs';
import { join } from 'path';
import { RULES } from '../../gate';

test("the README's rule table lists every rule with its category, waivability and description", () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const rows = [...readme.matchAll(/^\| `([a-z-]+)` \| ([a-z-]+) \| (yes|no) \| (.*) \|$/gm)].map(([, id, category, waivable, description]) => ({ id, category, waivable, description }));
  expect(rows).toEqual(RULES.map((rule) => ({ id: rule.id, category: rule.category, waivable: rule.waivable ? 'yes' : 'no', description: rule.description })));
});
