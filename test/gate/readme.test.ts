import { readFileSync } from 'fs';
import { join } from 'path';
import { RULES } from '../../gate';

test("the README's rule table lists every rule with its severity and waivability", () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const rows = [...readme.matchAll(/^\| `([a-z-]+)` \| (error|warning) \| (yes|no) \|/gm)].map(([, id, severity, waivable]) => ({ id, severity, waivable }));
  expect(rows).toEqual(RULES.map((rule) => ({ id: rule.id, severity: rule.severity, waivable: rule.waivable ? 'yes' : 'no' })));
});
