// The gate's folders are the categories docs/gate.md groups its rules by: a rule's checks live in its category's folder.
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { RULES } from '../../gate';
import type { Category } from '../../gate/rules';

const GATE = join(__dirname, '..', '..', 'gate');
const FOLDER: Record<Category, string> = { api: 'api', 'ingress-nginx': 'ingress-nginx', wiring: 'wiring', policy: 'policy', waiver: 'core' };
const sourcesIn = (folder: string) => readdirSync(join(GATE, folder)).map((file) => readFileSync(join(GATE, folder, file), 'utf8'));
const namedIn = (folder: string, id: string) => sourcesIn(folder).some((source) => source.includes(`'${id}'`));

test.each(RULES.map((rule) => [rule.id, rule.category]))('%s (%s) is checked in its category folder, and in no other', (id, category) => {
  const folders = Object.values(FOLDER).filter((folder) => namedIn(folder, id));
  expect(folders).toEqual([FOLDER[category as Category]]);
});

test('policy rules warn by default; api, ingress-nginx and waiver rules are errors (wiring rules choose)', () => {
  expect(RULES.filter((rule) => rule.category === 'policy' && rule.severity !== 'warning')).toEqual([]);
  expect(RULES.filter((rule) => ['api', 'ingress-nginx', 'waiver'].includes(rule.category) && rule.severity !== 'error')).toEqual([]);
});
