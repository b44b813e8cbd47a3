import { asList, asMap, Issue, kindAndName, Manifest } from '../core/manifest';
import type { RuleId } from '../rules';
import { runsAsNonRoot } from './pods';
import { ContainerRef, containersOf, isService, Workload, workloadsBehind } from '../core/workloads';

/** A per-container rule: the messages for what the container gets wrong (none if it complies); podSpec holds the pod-level defaults. */
type ContainerCheck = (c: ContainerRef, podSpec: Record<string, any>) => string[];

/** Env var names whose literal value would put a credential into the manifests. */
export const SECRET_LIKE_NAME = /PASSW(OR)?D|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY/i;
// NET_RAW lets a container forge packets (kube-linter drop-net-raw-capability); the others are Polaris's dangerousCapabilities.
export const FORBIDDEN_CAPABILITIES = ['SYS_ADMIN', 'NET_ADMIN', 'NET_RAW', 'ALL'];

/** Ports below this need root or NET_BIND_SERVICE to bind (kube-linter privileged-ports). */
const FIRST_UNPRIVILEGED_PORT = 1024;

const CONTAINER_CHECKS: ReadonlyArray<readonly [RuleId, ContainerCheck]> = [
  ['latest-tag', latestTag],
  ['missing-resources', missingResources],
  ['privileged-container', ({ container, path, label }) => (securityContext(container).privileged === true ? [`${path}.securityContext.privileged: ${label} runs privileged`] : [])],
  [
    'privilege-escalation',
    ({ container, path, label }) =>
      securityContext(container).allowPrivilegeEscalation === false ? [] : [`${path}.securityContext.allowPrivilegeEscalation: ${label} must set it to false`],
  ],
  ['unsafe-capabilities', unsafeCapabilities],
  ['env-var-secret', envVarSecrets],
  ['duplicate-env', duplicateEnv],
  ['run-as-root', ({ container, path, label }, podSpec) =>
    runsAsNonRoot(container, podSpec) ? [] : [`${path}.securityContext: ${label} may run as root: set runAsNonRoot: true or a runAsUser above 0 (here or in the pod's securityContext)`]],
  ['writable-root-filesystem', ({ container, path, label }) =>
    securityContext(container).readOnlyRootFilesystem === true ? [] : [`${path}.securityContext.readOnlyRootFilesystem: ${label} must set it to true (mount an emptyDir where it writes)`]],
  ['unsafe-proc-mount', ({ container, path, label }) =>
    securityContext(container).procMount === 'Unmasked' ? [`${path}.securityContext.procMount: ${label} unmasks /proc`] : []],
  ['host-port', hostPorts],
  ['privileged-port', privilegedPorts],
];

/** The per-container policy rules, and missing-probes for the containers of pods behind a Service. */
export function containerPolicyIssues(manifests: readonly Manifest[], workloads: readonly Workload[]): Issue[] {
  const services = manifests.filter(isService);
  return workloads.flatMap((workload) => {
    const containers = containersOf(workload);
    const issuesOf = (rule: RuleId, messages: string[]): Issue[] => messages.map((message) => ({ manifest: workload.manifest, rule, message }));
    const service = services.find((s) => workloadsBehind(s, [workload]).length > 0);
    return [
      ...CONTAINER_CHECKS.flatMap(([rule, check]) => containers.flatMap((c) => issuesOf(rule, check(c, workload.podSpec)))),
      ...(service ? containers.filter((c) => !c.init).flatMap((c) => issuesOf('missing-probes', missingProbes(c, service))) : []),
    ];
  });
}

function securityContext(container: Record<string, any>): Record<string, any> {
  return asMap(container.securityContext);
}

/** The tag of an image reference, if it has one. */
export function imageTag(image: string): string | undefined {
  const name = image.split('@')[0];
  const colon = name.lastIndexOf(':');
  // A colon before the last '/' belongs to a registry host:port, not to a tag.
  return colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
}

function latestTag({ container, path, label }: ContainerRef): string[] {
  const image = container.image;
  // A digest pins the image whatever the tag says.
  if (typeof image !== 'string' || image.includes('@')) return [];
  const tag = imageTag(image);
  if (tag === undefined) return [`${path}.image: ${label} image "${image}" has no tag, so it pulls latest; pin a version or a digest`];
  if (tag === 'latest') return [`${path}.image: ${label} image "${image}" uses the latest tag; pin a version or a digest`];
  return [];
}

function missingResources({ container, path, label }: ContainerRef): string[] {
  const { requests, limits } = asMap(container.resources);
  // The API server defaults a missing request to the limit, so a CPU or memory limit also counts as its request.
  const missing = [
    (asMap(requests).cpu ?? asMap(limits).cpu) ? undefined : 'requests.cpu',
    (asMap(requests).memory ?? asMap(limits).memory) ? undefined : 'requests.memory',
    asMap(limits).memory ? undefined : 'limits.memory',
  ].filter((field): field is string => field !== undefined);
  return missing.length ? [`${path}.resources: ${label} sets no ${missing.join(', ')}`] : [];
}

function unsafeCapabilities({ container, path, label }: ContainerRef): string[] {
  const capabilities = asMap(securityContext(container).capabilities);
  // The runtime accepts capabilities with or without the CAP_ prefix, in any case.
  const normalize = (list: unknown): string[] => asList(list).map((c) => String(c).toUpperCase().replace(/^CAP_/, ''));
  const added = normalize(capabilities.add).filter((c) => FORBIDDEN_CAPABILITIES.includes(c));
  return [
    ...(normalize(capabilities.drop).includes('ALL') ? [] : [`${path}.securityContext.capabilities.drop: ${label} must drop ALL`]),
    ...(added.length ? [`${path}.securityContext.capabilities.add: ${label} must not add ${added.join(', ')}`] : []),
  ];
}

function envVarSecrets({ container, path, label }: ContainerRef): string[] {
  return asList(container.env).flatMap((value, i) => {
    const env = asMap(value);
    if (typeof env.name !== 'string' || !SECRET_LIKE_NAME.test(env.name) || typeof env.value !== 'string' || env.value === '') return [];
    return [`${path}.env[${i}].value: ${label} sets ${env.name} to a literal value; use valueFrom.secretKeyRef`];
  });
}

function missingProbes({ container, path, label }: ContainerRef, service: Manifest): string[] {
  const missing = ['readinessProbe', 'livenessProbe'].filter((probe) => container[probe] === undefined);
  return missing.length ? [`${path}: ${label} is behind ${kindAndName(service)} but has no ${missing.join(', ')}`] : [];
}

function duplicateEnv({ container, path, label }: ContainerRef): string[] {
  const names = asList(container.env).map((env) => asMap(env).name);
  // The last definition wins silently, so the earlier one is a value nobody gets.
  return names.flatMap((name, i) => (names.indexOf(name) < i ? [`${path}.env[${i}].name: ${label} defines ${name} again (env[${names.indexOf(name)}])`] : []));
}

function hostPorts({ container, path, label }: ContainerRef): string[] {
  return asList(container.ports).flatMap((port, i) =>
    asMap(port).hostPort ? [`${path}.ports[${i}].hostPort: ${label} binds the node's port ${asMap(port).hostPort}, which limits the pod to one per node; use a Service`] : [],
  );
}

function privilegedPorts({ container, path, label }: ContainerRef): string[] {
  return asList(container.ports).flatMap((port, i) => {
    const number = asMap(port).containerPort;
    if (typeof number !== 'number' || number >= FIRST_UNPRIVILEGED_PORT) return [];
    const ssh = number === 22 ? ' (SSH: containers are reached with kubectl exec, not sshd)' : '';
    return [`${path}.ports[${i}].containerPort: ${label} listens on privileged port ${number}${ssh}; listen on ${FIRST_UNPRIVILEGED_PORT} or above and map the port in the Service`];
  });
}
