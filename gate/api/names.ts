import { asMap, Issue, Manifest } from '../core/manifest';
import { dns1035Label, dns1123Label, dns1123Subdomain, dns1123SubdomainName, pathSegment, SyntaxCheck } from '../core/syntax';
import { appliesIn, VersionRange } from '../core/versions';

/** Service names are DNS-1123 labels (they may start with a digit) where RelaxedServiceNameValidation is on: 1.36 by default. */
export const RELAXED_SERVICE_NAMES = { from: 36 } as const;


/** Kinds whose names the API server validates differently from the default, a DNS-1123 subdomain. */
const NAME_SYNTAX: ReadonlyMap<string, SyntaxCheck> = new Map([
  ['Namespace', dns1123Label],
  // ValidateStatefulSetName: the name becomes part of each pod's hostname.
  ['StatefulSet', dns1123Label],
  // The Job controller copies the name into the pod label batch.kubernetes.io/job-name, whose values have at most 63 characters.
  ['Job', dns1123Subdomain(63)],
  // A CronJob appends an 11-character suffix to the name of each Job it creates.
  ['CronJob', dns1123Subdomain(52)],
  // ValidatePodDisruptionBudget checks the spec only: the name need only be a path segment.
  ['PodDisruptionBudget', pathSegment],
  ['Role', pathSegment],
  ['ClusterRole', pathSegment],
  ['RoleBinding', pathSegment],
  ['ClusterRoleBinding', pathSegment],
]);

/** A Service name, or a name that must be one (an Ingress backend's): the problem and the versions it holds in. */
export function serviceNameProblem(name: string, versions: VersionRange): string | undefined {
  const strict = appliesIn(versions, { until: RELAXED_SERVICE_NAMES.from - 1 });
  const problem = dns1123Label(name) ?? (strict !== undefined ? dns1035Label(name) : undefined);
  return problem && `${problem}${dns1123Label(name) ? '' : strict}`;
}

export function nameIssues(manifest: Manifest, versions: VersionRange): Issue[] {
  const metadata = asMap(manifest.object.metadata);
  const problems: string[] = [];
  if (!manifest.name) {
    problems.push('metadata.name: is required (kubectl apply cannot use generateName)');
  } else {
    const problem = manifest.kind === 'Service' ? serviceNameProblem(manifest.name, versions) : (NAME_SYNTAX.get(manifest.kind) ?? dns1123SubdomainName)(manifest.name);
    if (problem) problems.push(`metadata.name: ${JSON.stringify(manifest.name)} is not a valid ${manifest.kind || 'object'} name: it ${problem}`);
  }
  if (typeof metadata.namespace === 'string') {
    const problem = dns1123Label(metadata.namespace);
    if (problem) problems.push(`metadata.namespace: ${JSON.stringify(metadata.namespace)} is not a valid namespace name: it ${problem}`);
  }
  return problems.map((message) => ({ manifest, rule: 'invalid-name', message }));
}
