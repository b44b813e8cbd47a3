import { apiObjectIssues } from './api-objects';
import { podSpecIssues } from './api-pod-spec';
import { budgetIssues } from './budgets';
import { certificateIssues } from './certificates';
import { configMapSecretIssues } from './configmap-secrets';
import { containerPolicyIssues } from './container-policy';
import { danglingIssues } from './dangling';
import { labelIssues } from './labels';
import { Issue, objectKey, toManifest } from './manifest';
import { nameIssues } from './names';
import { nginxIngressIssues } from './nginx-ingress-rules';
import { podPolicyIssues } from './pod-policy';
import { referenceIssues } from './references';
import { RULE_BY_ID, RULES, Severity } from './rules';
import { schemaIssues } from './schema';
import { applyWaivers } from './waivers';
import { wiringIssues } from './wiring';
import { workloadPolicyIssues } from './workload-policy';
import { workloadsOf } from './workloads';

export { RULES } from './rules';
export type { Rule, RuleId, Severity } from './rules';
export { loadManifestDir, loadManifestFile, ManifestLoadError } from './load';
export type { LoadedManifests, ManifestDoc } from './load';
export { EXTERNAL_SECRETS_ANNOTATION, REFERENCE_RULES } from './references';
export { WAIVER_PREFIX } from './waivers';
export { objectKey } from './manifest';

export interface Finding {
  readonly file: string;
  /** The object's {@link objectKey}. */
  readonly objectKey: string;
  readonly kind: string;
  readonly name: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
}

export interface ValidateOptions {
  /** Secrets created out of band, by name, in any namespace (`--external-secret` on the CLI). */
  readonly externalSecrets?: readonly string[];
  /** ConfigMaps created out of band, by name, in any namespace (`--external-config-map` on the CLI). */
  readonly externalConfigMaps?: readonly string[];
  /** ServiceAccounts created out of band, by name, in any namespace (`--external-service-account` on the CLI). */
  readonly externalServiceAccounts?: readonly string[];
}

const RULE_ORDER = new Map<string, number>(RULES.map((rule, i) => [rule.id, i]));

/** Runs every check of the rule table over all objects of one run together; findings come in input order, then rule table order. */
export function validateManifests(docs: ReadonlyArray<{ readonly file: string; readonly object: any }>, options: ValidateOptions = {}): Finding[] {
  const manifests = docs.map(toManifest);
  const workloads = workloadsOf(manifests);
  const issues = [
    ...manifests.flatMap((m) => [...schemaIssues(m), ...nameIssues(m), ...apiObjectIssues(m), ...labelIssues(m), ...nginxIngressIssues(m), ...configMapSecretIssues(m)]),
    ...workloads.flatMap(podSpecIssues),
    ...wiringIssues(manifests, workloads),
    ...referenceIssues(manifests, workloads, { Secret: options.externalSecrets, ConfigMap: options.externalConfigMaps, ServiceAccount: options.externalServiceAccounts }),
    ...danglingIssues(manifests, workloads),
    ...certificateIssues(manifests),
    ...containerPolicyIssues(manifests, workloads),
    ...podPolicyIssues(workloads),
    ...workloadPolicyIssues(manifests, workloads),
    ...budgetIssues(manifests, workloads),
  ];
  return applyWaivers(issues, manifests)
    .sort((a, b) => a.manifest.index - b.manifest.index || RULE_ORDER.get(a.rule)! - RULE_ORDER.get(b.rule)!)
    .map(toFinding);
}

/** `file: Kind/name: severity: rule: message`, the CLI's line for a finding; line breaks from the input are escaped to keep it one line. */
export function formatFinding(finding: Finding): string {
  return `${finding.file}: ${finding.kind}/${finding.name}: ${finding.severity}: ${finding.rule}: ${finding.message}`.replace(/\r\n|\r|\n/g, '\\n');
}

function toFinding({ manifest, rule, message }: Issue): Finding {
  return {
    file: manifest.file,
    objectKey: objectKey(manifest.object),
    kind: manifest.kind || '<no kind>',
    name: manifest.name || '<no name>',
    rule,
    severity: RULE_BY_ID.get(rule)!.severity,
    message,
  };
}
