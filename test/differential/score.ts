import { Finding, RULE_BY_ID, validateManifests } from '../../gate';
import { Verdict } from './recording';

/** The gate's API-validation findings on one recorded object, judged against the version the server ran. */
export function apiFindings(verdict: Verdict, kubernetesVersion: string): Finding[] {
  return validateManifests([{ file: 'corpus', object: verdict.object }], { kubernetesVersion }).filter((f) => RULE_BY_ID.get(f.rule)!.category === 'api');
}

export interface Outcome {
  readonly verdict: Verdict;
  readonly findings: readonly Finding[];
  /** The server rejected it and the gate did not (a miss), or the server accepted it and the gate rejected it. */
  readonly disagrees: boolean;
}

export function outcomes(verdicts: readonly Verdict[], kubernetesVersion: string): Outcome[] {
  return verdicts.map((verdict) => {
    const findings = apiFindings(verdict, kubernetesVersion);
    return { verdict, findings, disagrees: verdict.accepted === findings.length > 0 };
  });
}

export interface Row {
  readonly category: string;
  readonly rejected: number;
  readonly caught: number;
  readonly accepted: number;
  readonly falseRejections: number;
}

/** Per category: how many rejections the gate caught, and how many accepted objects it rejected. */
export function scoreByCategory(results: readonly Outcome[]): Row[] {
  const categories = [...new Set(results.map((r) => r.verdict.category))];
  const row = (category: string, of: readonly Outcome[]): Row => ({
    category,
    rejected: of.filter((r) => !r.verdict.accepted).length,
    caught: of.filter((r) => !r.verdict.accepted && !r.disagrees).length,
    accepted: of.filter((r) => r.verdict.accepted).length,
    falseRejections: of.filter((r) => r.verdict.accepted && r.disagrees).length,
  });
  return [...categories.map((c) => row(c, results.filter((r) => r.verdict.category === c))), row('all', results)];
}

const percent = (part: number, whole: number): string => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)} %`);

/** The README's table: recall over the server's rejections, precision over the gate's. */
export function formatTable(rows: readonly Row[], server: string): string {
  const lines = rows.map((r) => {
    const flagged = r.caught + r.falseRejections;
    const name = r.category === 'all' ? '**all**' : r.category;
    return `| ${name} | ${r.rejected} | ${r.caught} | ${percent(r.caught, r.rejected)} | ${r.accepted} | ${r.falseRejections} | ${percent(r.caught, flagged)} |`;
  });
  return [
    `Kubernetes ${server}, \`kubectl apply --dry-run=server\` per object:`,
    '',
    '| category | rejected by the server | caught by the gate | recall | accepted by the server | rejected by the gate | precision |',
    '|---|---|---|---|---|---|---|',
    ...lines,
  ].join('\n');
}
