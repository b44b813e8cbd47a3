// How `npm run validate` prints its findings: text lines for people, JSON for scripts, SARIF 2.1.0 for
// GitHub code scanning (one result per finding, the rule table as the tool's rules).
import type { Finding } from '../index';
import { RULES } from '../rules';
import { WAIVER_PREFIX } from '../core/waivers';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface Summary {
  readonly errors: number;
  readonly warnings: number;
  readonly objects: number;
  readonly files: number;
}

/** `file: Kind/name: severity: rule: message`, the CLI's line for a finding; line breaks from the input are escaped to keep it one line. */
export function formatFinding(finding: Finding): string {
  return `${finding.file}: ${finding.kind}/${finding.name}: ${finding.severity}: ${finding.rule}: ${finding.message}`.replace(/\r\n|\r|\n/g, '\\n');
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function formatSummary({ errors, warnings, objects, files }: Summary): string {
  return `${count(errors, 'error')}, ${count(warnings, 'warning')} in ${count(objects, 'object')} from ${count(files, 'file')}`;
}

/** The whole report in one format, as one string. */
export function formatReport(format: Format, findings: readonly Finding[], summary: Summary): string {
  if (format === 'json') return JSON.stringify({ findings, summary }, null, 2);
  if (format === 'sarif') return JSON.stringify(sarifLog(findings), null, 2);
  return [...findings.map(formatFinding), formatSummary(summary)].join('\n');
}

/** A SARIF 2.1.0 log: the rule table as the driver's rules, a result per finding at its file and line. */
export function sarifLog(findings: readonly Finding[]): object {
  const ruleIndex = new Map(RULES.map((rule, i) => [rule.id as string, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'multi-k8s-cdk8s gate',
            rules: RULES.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              defaultConfiguration: { level: rule.severity },
              properties: { category: rule.category, waivable: rule.waivable, ...(rule.waivable ? { waiver: `${WAIVER_PREFIX}${rule.id}` } : {}) },
            })),
          },
        },
        results: findings.map((finding) => ({
          ruleId: finding.rule,
          ruleIndex: ruleIndex.get(finding.rule),
          level: finding.severity,
          message: { text: `${finding.kind}/${finding.name}: ${finding.message}` },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: finding.file }, ...(finding.line ? { region: { startLine: finding.line } } : {}) },
              logicalLocations: [{ fullyQualifiedName: finding.objectKey, kind: 'object' }],
            },
          ],
        })),
      },
    ],
  };
}
