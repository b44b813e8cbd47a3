import { RULE_BY_ID, RuleId, RULES, Severity } from './rules';
import { Issue, objectKey, toManifest } from './core/manifest';
import { DEFAULT_KUBERNETES_VERSION, parseVersionRange } from './core/versions';
import { applyWaivers } from './core/waivers';
import { workloadsOf } from './core/workloads';
import { crossObjectIssues } from './api/cross-object';
import { labelIssues } from './api/labels';
import { nameIssues } from './api/names';
import { apiObjectIssues } from './api/objects';
import { podSpecIssues } from './api/pod-spec';
import { schemaIssues } from './api/schema';
import { nginxIngressIssues } from './ingress-nginx/paths-and-annotations';
import { certificateIssues } from './wiring/certificates';
import { danglingIssues } from './wiring/dangling';
import { nodePortIssues } from './wiring/node-ports';
import { referenceIssues } from './wiring/references';
import { wiringIssues } from './wiring/services-and-probes';
import { serviceEndpointsIssues } from './wiring/service-endpoints';
import { serviceReachabilityIssues } from './wiring/service-reachability';
import { singleWriterIssues } from './wiring/single-writer';
import { budgetIssues } from './policy/budgets';
import { configMapSecretIssues } from './policy/configmap-secrets';
import { containerPolicyIssues } from './policy/containers';
import { podPolicyIssues } from './policy/pods';
import { workloadPolicyIssues } from './policy/workloads';

export { RULE_BY_ID, RULES } from './rules';
export type { Category, Linter, Rule, RuleId, Severity } from './rules';
export { DEFAULT_KUBERNETES_VERSION, KNOWN_VERSIONS } from './core/versions';
export { loadManifestDir, loadManifestFile, loadManifestPaths, ManifestLoadError, parseManifests } from './core/load';
export type { LoadedManifests, ManifestDoc } from './core/load';
export { EXTERNAL_SECRETS_ANNOTATION, REFERENCE_RULES } from './wiring/references';
export { WAIVER_PREFIX } from './core/waivers';
export { objectKey } from './core/manifest';
export { formatFinding } from './front-ends/formats';

export interface Finding {
  readonly file: string;
  /** The line the object's YAML document starts on, where it was read from YAML. */
  readonly line?: number;
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
  /**
   * The Kubernetes versions the objects must apply to, "1.36" or a range "1.27-1.36" (`--kubernetes-version`):
   * a rule that changed between versions applies where any of them rejects the object.
   * @default "1.36"
   */
  readonly kubernetesVersion?: string;
  /**
   * Rules that warn by default (the policy rules: kube-linter and Polaris parity) are errors (`--strict`).
   * @default false
   */
  readonly strict?: boolean;
  /** Severity by rule id, over the defaults: error, warning or off (`--severity rule=level`). */
  readonly severities?: Readonly<Record<string, SeverityLevel>>;
}

/** A severity, or `off` to skip the rule. */
export type SeverityLevel = Severity | 'off';

const SEVERITY_LEVELS: readonly SeverityLevel[] = ['error', 'warning', 'off'];

/** Throws, saying what is wrong, on options the gate cannot use: an unknown rule or level, a version it does not know. */
export function checkValidateOptions(options: ValidateOptions): void {
  severityResolver(options);
  parseVersionRange(options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
}

/** The severity of a rule's findings under the options; throws on an unknown rule or level. */
function severityResolver(options: ValidateOptions): (rule: RuleId) => SeverityLevel {
  for (const [rule, level] of Object.entries(options.severities ?? {})) {
    if (!RULE_BY_ID.has(rule)) throw new Error(`severities: unknown rule ${JSON.stringify(rule)}`);
    if (!SEVERITY_LEVELS.includes(level)) throw new Error(`severities: ${rule} must be one of ${SEVERITY_LEVELS.join(', ')}, got ${JSON.stringify(level)}`);
  }
  return (rule) => options.severities?.[rule] ?? (options.strict ? 'error' : RULE_BY_ID.get(rule)!.severity);
}

const RULE_ORDER = new Map<string, number>(RULES.map((rule, i) => [rule.id, i]));

/** Runs every check of the rule table over all objects of one run together; findings come in input order, then rule table order. */
export function validateManifests(docs: ReadonlyArray<{ readonly file: string; readonly object: any; readonly line?: number }>, options: ValidateOptions = {}): Finding[] {
  const severityOf = severityResolver(options);
  const versions = parseVersionRange(options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
  const manifests = docs.map(toManifest);
  const workloads = workloadsOf(manifests);
  const issues = [
    ...manifests.flatMap((m) => [...schemaIssues(m), ...nameIssues(m, versions), ...apiObjectIssues(m, versions), ...labelIssues(m), ...nginxIngressIssues(m), ...configMapSecretIssues(m)]),
    ...workloads.flatMap((w) => podSpecIssues(w, versions)),
    ...crossObjectIssues(manifests, workloads),
    ...wiringIssues(manifests, workloads),
    ...serviceReachabilityIssues(manifests, workloads),
    ...serviceEndpointsIssues(manifests),
    ...nodePortIssues(manifests),
    ...singleWriterIssues(manifests, workloads),
    ...referenceIssues(manifests, workloads, { Secret: options.externalSecrets, ConfigMap: options.externalConfigMaps, ServiceAccount: options.externalServiceAccounts }),
    ...danglingIssues(manifests, workloads),
    ...certificateIssues(manifests),
    ...containerPolicyIssues(manifests, workloads),
    ...podPolicyIssues(workloads),
    ...workloadPolicyIssues(manifests, workloads),
    ...budgetIssues(manifests, workloads),
  ];
  return applyWaivers(issues, manifests)
    .filter((issue) => severityOf(issue.rule) !== 'off')
    .sort((a, b) => a.manifest.index - b.manifest.index || RULE_ORDER.get(a.rule)! - RULE_ORDER.get(b.rule)!)
    .map((issue) => toFinding(issue, severityOf(issue.rule) as Severity));
}

function toFinding({ manifest, rule, message }: Issue, severity: Severity): Finding {
  return {
    file: manifest.file,
    line: manifest.line,
    objectKey: objectKey(manifest.object),
    kind: manifest.kind || '<no kind>',
    name: manifest.name || '<no name>',
    rule,
    severity,
    message,
  };
}
