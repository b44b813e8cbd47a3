// The gate's documentation tables, generated from the rule table (docs/gate.md; `npm run docs`).
import { LEFT_OUT, LINTER_CHECKS } from '../linter-parity';
import { Linter, RULES } from '../rules';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** One row per rule: id, category, default severity, whether a waiver may silence it, what it checks. */
export function ruleTable(): string {
  return [
    '| rule | category | default | waivable | checks that |',
    '|---|---|---|---|---|',
    ...RULES.map((rule) => `| \`${rule.id}\` | ${rule.category} | ${rule.severity} | ${rule.waivable ? 'yes' : 'no'} | ${cell(rule.description)} |`),
  ].join('\n');
}

/** One row per kube-linter and Polaris check, in the linters' documentation order: the rules that cover it, or why it is left out. */
export function parityTable(): string {
  const rows = (Object.entries(LINTER_CHECKS) as Array<[Linter, readonly string[]]>).flatMap(([linter, checks]) =>
    checks.map((check) => {
      const covering = RULES.filter((rule) => coverNote(rule, linter, check) !== undefined);
      const notes = covering.map((rule) => coverNote(rule, linter, check)).filter(Boolean);
      const leftOut = LEFT_OUT.find((entry) => entry.checks[linter]?.includes(check));
      const rules = covering.map((rule) => `\`${rule.id}\``).join(', ') || '—';
      const note = covering.length ? notes.join('; ') : `left out: ${leftOut?.reason ?? ''}`;
      return `| ${linter} | \`${check}\` | ${rules} | ${cell(note)} |`;
    }),
  );
  return ['| linter | check | gate rules | note |', '|---|---|---|---|', ...rows].join('\n');
}

function coverNote(rule: (typeof RULES)[number], linter: Linter, check: string): string | undefined {
  const sources: { readonly [L in Linter]?: Readonly<Record<string, string>> } = 'sources' in rule ? rule.sources : {};
  return sources[linter]?.[check];
}
