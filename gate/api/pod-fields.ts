// The pod-level fields the API server validates (pkg/apis/core/validation/validation.go: ValidatePodSpec,
// validatePodSpecSecurityContext, validateTolerations, validateAffinity, validateTopologySpreadConstraints,
// validatePodDNSConfig, validateHostAliases...).
import { parseIp } from './ip';
import { NODE_SELECTOR_OPERATORS, selectorOperatorProblem } from './labels';
import { asList, asMap } from '../core/manifest';
import { quantityValue } from '../core/quantity';
import { dns1123Label, dns1123SubdomainName, labelKey, labelValue, SyntaxCheck } from '../core/syntax';
import { appliesIn, VersionRange } from '../core/versions';

export type Add = (path: string, problem: string) => void;

const MAX_ID = 2147483647;
const SYSCTL = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
/** RelaxedDNSSearchValidation: underscores and "." in search domains, on by default since its beta. */
const RELAXED_DNS_SEARCHES = { from: 33 } as const;
const RELAXED_SEARCH = /^[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?(\.[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?)*$/;
/** validateWindows: what a pod with os.name windows may not set, in its security context and its containers'. */
const WINDOWS_FORBIDDEN_POD = ['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'fsGroup', 'fsGroupChangePolicy', 'sysctls', 'runAsUser', 'runAsGroup', 'supplementalGroups', 'supplementalGroupsPolicy', 'seLinuxChangePolicy'];
const WINDOWS_FORBIDDEN_CONTAINER = ['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup'];

/** A user or group id: 0 to 2^31-1. */
export function idProblem(value: unknown): string | undefined {
  return typeof value === 'number' && (value < 0 || value > MAX_ID) ? `${value} must be between 0 and ${MAX_ID}` : undefined;
}

/** seccompProfile and appArmorProfile: localhostProfile exactly when the type is Localhost. */
export function profileProblems(profile: unknown, path: string, add: Add): void {
  if (profile === undefined) return;
  const { type, localhostProfile } = asMap(profile);
  if (!type) add(`${path}.type`, 'is required');
  if (type === 'Localhost' && !localhostProfile) add(`${path}.localhostProfile`, 'is required when the type is Localhost');
  if (type !== 'Localhost' && localhostProfile !== undefined) add(`${path}.localhostProfile`, 'may only be set when the type is Localhost');
}

/** Everything of the pod spec but its containers and volumes. */
export function podFieldProblems(podSpec: Record<string, any>, at: string, kind: string, versions: VersionRange, add: Add): void {
  if (asList(podSpec.containers).length === 0) add(`${at}.containers`, 'at least one container is required');
  if (podSpec.ephemeralContainers !== undefined) add(`${at}.ephemeralContainers`, 'may not be set when a pod is created (kubectl debug adds them)');
  if (typeof podSpec.activeDeadlineSeconds === 'number' && podSpec.activeDeadlineSeconds < 1) add(`${at}.activeDeadlineSeconds`, `${podSpec.activeDeadlineSeconds} must be at least 1`);
  const security = asMap(podSpec.securityContext);
  for (const field of ['runAsUser', 'runAsGroup', 'fsGroup']) {
    const problem = idProblem(security[field]);
    if (problem) add(`${at}.securityContext.${field}`, problem);
  }
  asList(security.supplementalGroups).forEach((group, i) => {
    const problem = idProblem(group);
    if (problem) add(`${at}.securityContext.supplementalGroups[${i}]`, problem);
  });
  profileProblems(security.seccompProfile, `${at}.securityContext.seccompProfile`, add);
  profileProblems(security.appArmorProfile, `${at}.securityContext.appArmorProfile`, add);
  asList(security.sysctls).forEach((sysctl, i) => {
    const name = asMap(sysctl).name;
    if (typeof name === 'string' && (!SYSCTL.test(name) || name.length > 253)) add(`${at}.securityContext.sysctls[${i}].name`, `${JSON.stringify(name)} must be a sysctl name such as net.ipv4.ip_local_port_range`);
    if (asList(security.sysctls).slice(0, i).some((other) => asMap(other).name === name)) add(`${at}.securityContext.sysctls[${i}].name`, `${JSON.stringify(name)} is set twice`);
  });
  const os = asMap(podSpec.os).name;
  if (podSpec.os !== undefined && os !== 'linux' && os !== 'windows') add(`${at}.os.name`, `${JSON.stringify(os)} must be linux or windows`);
  if (os === 'linux' && security.windowsOptions !== undefined) add(`${at}.securityContext.windowsOptions`, 'may not be set for a linux pod');
  if (podSpec.shareProcessNamespace === true && podSpec.hostPID === true) add(`${at}.shareProcessNamespace`, 'may not be true with hostPID');
  if (podSpec.hostUsers === false) {
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) if (podSpec[field] === true) add(`${at}.${field}`, 'may not be true when hostUsers is false');
  }
  // A StatefulSet's controller overwrites them, so its template's are not validated.
  for (const field of kind === 'StatefulSet' ? [] : ['hostname', 'subdomain']) checkSyntax(podSpec[field], dns1123Label, `${at}.${field}`, add);
  for (const field of ['nodeName', 'serviceAccountName', 'priorityClassName', 'runtimeClassName']) checkSyntax(podSpec[field], dns1123SubdomainName, `${at}.${field}`, add);
  dnsConfigProblems(asMap(podSpec.dnsConfig), `${at}.dnsConfig`, versions, add);
  if (os === 'windows') windowsProblems(podSpec, at, add);
  asList(podSpec.hostAliases).forEach((alias, i) => {
    const { ip, hostnames } = asMap(alias);
    if (!parseIp(ip)) add(`${at}.hostAliases[${i}].ip`, `${JSON.stringify(ip)} must be an IP address`);
    asList(hostnames).forEach((hostname, j) => {
      const problem = typeof hostname === 'string' ? dns1123SubdomainName(hostname) : undefined;
      if (problem) add(`${at}.hostAliases[${i}].hostnames[${j}]`, `${JSON.stringify(hostname)} ${problem}`);
    });
  });
  asList(podSpec.tolerations).forEach((toleration, i) => tolerationProblems(asMap(toleration), `${at}.tolerations[${i}]`, add));
  affinityProblems(asMap(podSpec.affinity), `${at}.affinity`, add);
  spreadProblems(asList(podSpec.topologySpreadConstraints), `${at}.topologySpreadConstraints`, kind === 'Pod', add);
  if (kind === 'Pod') admissionProblems(podSpec, at, add);
  asList(podSpec.readinessGates).forEach((gate, i) => qualified(asMap(gate).conditionType, `${at}.readinessGates[${i}].conditionType`, add));
  asList(podSpec.schedulingGates).forEach((gate, i) => qualified(asMap(gate).name, `${at}.schedulingGates[${i}].name`, add));
  requestsWithinLimits(asMap(podSpec.resources), `${at}.resources`, add);
}

/** What `check` finds wrong with a string value, quoted; an absent or empty value is left alone (the field is unset). */
export function checkSyntax(value: unknown, check: SyntaxCheck, path: string, add: Add): void {
  const problem = typeof value === 'string' && value !== '' ? check(value) : undefined;
  if (problem) add(path, `${JSON.stringify(value)} ${problem}`);
}

/** A qualified name (a label key's syntax), as taint keys, condition types and topology keys must be. */
export function qualified(value: unknown, path: string, add: Add): void {
  if (typeof value !== 'string') return;
  const problem = value === '' ? 'is required' : labelKey(value);
  if (problem) add(path, `${JSON.stringify(value)} ${problem}`);
}

/** validateResourceRequirements: "must be less than or equal to <resource> limit". */
export function requestsWithinLimits(resources: Record<string, any>, path: string, add: Add): void {
  for (const [resource, request] of Object.entries(asMap(resources.requests))) {
    const limit = asMap(resources.limits)[resource];
    const [requested, limited] = [quantityValue(request), quantityValue(limit)];
    if (requested !== undefined && limited !== undefined && requested > limited) {
      add(`${path}.requests.${resource}`, `${JSON.stringify(request)} must be less than or equal to the ${resource} limit of ${JSON.stringify(limit)}`);
    }
  }
}

function dnsConfigProblems(config: Record<string, any>, path: string, versions: VersionRange, add: Add): void {
  const nameservers = asList(config.nameservers);
  if (nameservers.length > 3) add(`${path}.nameservers`, `has ${nameservers.length} entries, more than 3`);
  nameservers.forEach((server, i) => {
    if (!parseIp(server)) add(`${path}.nameservers[${i}]`, `${JSON.stringify(server)} must be an IP address`);
  });
  const searches = asList(config.searches);
  if (searches.length > 32) add(`${path}.searches`, `has ${searches.length} entries, more than 32`);
  if (searches.join(' ').length > 2048) add(`${path}.searches`, 'must have at most 2048 characters in all');
  const strict = appliesIn(versions, { until: RELAXED_DNS_SEARCHES.from - 1 });
  searches.forEach((search, i) => {
    if (typeof search !== 'string') return;
    const relaxed = search === '.' || RELAXED_SEARCH.test(search.replace(/\.$/, ''));
    if (!relaxed) add(`${path}.searches[${i}]`, `${JSON.stringify(search)} must be a lowercase DNS subdomain (underscores allowed) or "."`);
    else if (strict !== undefined && dns1123SubdomainName(search.replace(/\.$/, ''))) add(`${path}.searches[${i}]`, `${JSON.stringify(search)} ${dns1123SubdomainName(search.replace(/\.$/, ''))}${strict}`);
  });
  asList(config.options).forEach((option, i) => {
    if (!asMap(option).name) add(`${path}.options[${i}].name`, 'is required');
  });
}

function tolerationProblems(toleration: Record<string, any>, path: string, add: Add): void {
  const { key, operator, value, effect, tolerationSeconds } = toleration;
  if (key) qualified(key, `${path}.key`, add);
  if (!key && operator !== 'Exists') add(`${path}.operator`, `must be Exists when key is empty, got ${JSON.stringify(operator ?? 'Equal')}`);
  if (operator === 'Exists' && value) add(`${path}.value`, `must be empty when operator is Exists, got ${JSON.stringify(value)}`);
  if ((operator ?? 'Equal') === 'Equal' && typeof value === 'string' && labelValue(value)) add(`${path}.value`, `${JSON.stringify(value)} ${labelValue(value)}`);
  if (tolerationSeconds !== undefined && effect !== 'NoExecute') add(`${path}.effect`, `must be NoExecute when tolerationSeconds is set, got ${JSON.stringify(effect ?? '')}`);
}

function affinityProblems(affinity: Record<string, any>, path: string, add: Add): void {
  const node = asMap(affinity.nodeAffinity);
  const required = node.requiredDuringSchedulingIgnoredDuringExecution;
  const requiredPath = `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`;
  if (required !== undefined) {
    const terms = asList(asMap(required).nodeSelectorTerms);
    if (terms.length === 0) add(`${requiredPath}.nodeSelectorTerms`, 'must have at least one node selector term');
    terms.forEach((term, i) => nodeSelectorTermProblems(asMap(term), `${requiredPath}.nodeSelectorTerms[${i}]`, add));
  }
  asList(node.preferredDuringSchedulingIgnoredDuringExecution).forEach((preferred, i) => {
    const where = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    weightProblem(asMap(preferred).weight, `${where}.weight`, add);
    nodeSelectorTermProblems(asMap(asMap(preferred).preference), `${where}.preference`, add);
  });
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const terms = asMap(affinity[kind]);
    asList(terms.requiredDuringSchedulingIgnoredDuringExecution).forEach((term, i) => podAffinityTermProblems(asMap(term), `${path}.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`, add));
    asList(terms.preferredDuringSchedulingIgnoredDuringExecution).forEach((preferred, i) => {
      const where = `${path}.${kind}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      weightProblem(asMap(preferred).weight, `${where}.weight`, add);
      podAffinityTermProblems(asMap(asMap(preferred).podAffinityTerm), `${where}.podAffinityTerm`, add);
    });
  }
}

function weightProblem(weight: unknown, path: string, add: Add): void {
  if (typeof weight === 'number' && (weight < 1 || weight > 100)) add(path, `${weight} must be in the range 1-100`);
}

function podAffinityTermProblems(term: Record<string, any>, path: string, add: Add): void {
  qualified(term.topologyKey ?? '', `${path}.topologyKey`, add);
}

/** validateNodeSelectorTerm: operators of a node selector, with their values. */
function nodeSelectorTermProblems(term: Record<string, any>, path: string, add: Add): void {
  asList(term.matchExpressions).forEach((value, i) => {
    const { key, operator, values } = asMap(value);
    const where = `${path}.matchExpressions[${i}]`;
    qualified(key, `${where}.key`, add);
    const problem = selectorOperatorProblem(operator, asList(values), NODE_SELECTOR_OPERATORS);
    if (problem) add(where, problem);
  });
  asList(term.matchFields).forEach((value, i) => {
    const { key, operator, values } = asMap(value);
    const where = `${path}.matchFields[${i}]`;
    if (key !== 'metadata.name') add(`${where}.key`, `${JSON.stringify(key)} is not a supported field selector key (only metadata.name)`);
    else if (!['In', 'NotIn'].includes(operator) || asList(values).length !== 1) add(where, 'must use In or NotIn with exactly one value');
  });
}

function spreadProblems(constraints: readonly unknown[], path: string, bare: boolean, add: Add): void {
  constraints.forEach((value, i) => {
    const { maxSkew, topologyKey, whenUnsatisfiable, minDomains, matchLabelKeys, labelSelector } = asMap(value);
    const where = `${path}[${i}]`;
    // Templates keep matchLabelKeys; a Pod's are merged into its selector, and may not repeat a key of it.
    const selectorKeys = [...Object.keys(asMap(asMap(labelSelector).matchLabels)), ...asList(asMap(labelSelector).matchExpressions).map((e) => asMap(e).key)];
    const repeated = bare ? asList(matchLabelKeys).find((key) => selectorKeys.includes(key)) : undefined;
    if (repeated !== undefined) add(`${where}.matchLabelKeys`, `${JSON.stringify(repeated)} is also a key of the labelSelector`);
    if (typeof maxSkew === 'number' && maxSkew <= 0) add(`${where}.maxSkew`, `${maxSkew} must be greater than 0`);
    if (whenUnsatisfiable !== 'DoNotSchedule' && whenUnsatisfiable !== 'ScheduleAnyway') add(`${where}.whenUnsatisfiable`, `${JSON.stringify(whenUnsatisfiable ?? '')} must be DoNotSchedule or ScheduleAnyway`);
    if (!topologyKey) add(`${where}.topologyKey`, 'is required');
    if (minDomains !== undefined && typeof minDomains === 'number' && minDomains <= 0) add(`${where}.minDomains`, `${minDomains} must be greater than 0`);
    else if (minDomains !== undefined && whenUnsatisfiable !== 'DoNotSchedule') add(`${where}.minDomains`, 'may only be set when whenUnsatisfiable is DoNotSchedule');
    const same = constraints.slice(0, i).some((other) => asMap(other).topologyKey === topologyKey && asMap(other).whenUnsatisfiable === whenUnsatisfiable);
    if (same) add(where, `another constraint has topologyKey ${JSON.stringify(topologyKey)} and whenUnsatisfiable ${JSON.stringify(whenUnsatisfiable)}`);
  });
}

/** What the Priority and RuntimeClass admission plugins reject in a Pod created as it is (templates are not admitted). */
function admissionProblems(podSpec: Record<string, any>, at: string, add: Add): void {
  if (podSpec.priority !== undefined) add(`${at}.priority`, 'must not be set: the Priority admission plugin sets it from priorityClassName');
  if (podSpec.overhead !== undefined && !podSpec.runtimeClassName) add(`${at}.overhead`, 'must not be set without a runtimeClassName whose RuntimeClass defines it');
}

function windowsProblems(podSpec: Record<string, any>, at: string, add: Add): void {
  const forbid = (path: string) => add(path, 'cannot be set for a windows pod');
  for (const field of ['hostUsers', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'resources']) if (podSpec[field] !== undefined) forbid(`${at}.${field}`);
  for (const field of WINDOWS_FORBIDDEN_POD) if (asMap(podSpec.securityContext)[field] !== undefined) forbid(`${at}.securityContext.${field}`);
  for (const [list, containers] of [['containers', podSpec.containers], ['initContainers', podSpec.initContainers]] as const) {
    asList(containers).forEach((container, i) => {
      for (const field of WINDOWS_FORBIDDEN_CONTAINER) if (asMap(asMap(container).securityContext)[field] !== undefined) forbid(`${at}.${list}[${i}].securityContext.${field}`);
    });
  }
}
