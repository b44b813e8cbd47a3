// docs/gate.md's parity table is generated from the rules' sources and LEFT_OUT; this keeps that data whole.
import { RULES } from '../../gate';
import { LEFT_OUT, LINTER_CHECKS } from '../../gate/linter-parity';
import type { Linter } from '../../gate/rules';

const linters = Object.keys(LINTER_CHECKS) as Linter[];
const covering = (linter: Linter, check: string) => RULES.filter((rule) => 'sources' in rule && (rule.sources as Partial<Record<Linter, object>>)[linter]?.hasOwnProperty(check)).map((rule) => rule.id);
const leftOut = (linter: Linter, check: string) => LEFT_OUT.filter((entry) => entry.checks[linter]?.includes(check)).map((entry) => entry.reason);

test.each(linters.flatMap((linter) => LINTER_CHECKS[linter].map((check) => [linter, check])))('%s %s is covered by rules or left out with a reason, not both', (linter, check) => {
  const rules = covering(linter as Linter, check);
  const reasons = leftOut(linter as Linter, check);
  expect(rules.length + reasons.length).toBeGreaterThan(0);
  expect(rules.length === 0 || reasons.length === 0).toBe(true);
  expect(reasons.length).toBeLessThanOrEqual(1);
  for (const reason of reasons) expect(reason.length).toBeGreaterThanOrEqual(20);
});

test('every check a rule or LEFT_OUT names is a real check of that linter, listed once', () => {
  for (const linter of linters) expect(new Set(LINTER_CHECKS[linter]).size).toBe(LINTER_CHECKS[linter].length);
  const named = [
    ...RULES.flatMap((rule) => Object.entries(('sources' in rule ? rule.sources : {}) as Record<string, object>).flatMap(([linter, checks]) => Object.keys(checks).map((check) => [linter, check]))),
    ...LEFT_OUT.flatMap((entry) => Object.entries(entry.checks).flatMap(([linter, checks]) => (checks ?? []).map((check) => [linter, check]))),
  ];
  expect(named.filter(([linter, check]) => !LINTER_CHECKS[linter as Linter]?.includes(check))).toEqual([]);
});
