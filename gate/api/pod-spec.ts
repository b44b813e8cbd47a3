// What the API server rejects in a pod spec beyond the OpenAPI schema: names, ports, mounts, env and probes here;
// pod-level fields, volumes and the rest of a container in api-pod-fields.ts, api-volumes.ts, api-containers.ts.
// Sources: kubernetes/kubernetes pkg/apis/core/validation/validation.go, function names in the comments; apps and
// batch validation for the restartPolicy of templates.
import { asList, asMap, isA, Issue } from '../core/manifest';
import { containerProblems } from './containers';
import { podAnnotationProblems } from './pod-annotations';
import { podFieldProblems, requestsWithinLimits } from './pod-fields';
import { volumeProblems } from './volumes';
import { dns1123Label } from '../core/syntax';
import { appliesIn, VersionRange } from '../core/versions';
import { containersOf, Workload } from '../core/workloads';

/** IsValidPortName (apimachinery util/validation): the IANA service name syntax of container port names. */
export function portNameProblem(name: string): string | undefined {
  const problems = [
    name.length > 15 && 'at most 15 characters',
    !/^[-a-z0-9]+$/.test(name) && 'only a-z, 0-9 and -',
    !/[a-z]/.test(name) && 'at least one letter',
    name.includes('--') && 'no consecutive hyphens',
    /^-|-$/.test(name) && 'no hyphen at either end',
  ].filter(Boolean);
  return problems.length ? `must be an IANA service name (${problems.join(', ')})` : undefined;
}

/** ValidatePortNumOrName: a number 1-65535 or an IANA service name. */
export function portNumOrNameProblem(port: unknown): string | undefined {
  if (typeof port === 'number') return Number.isInteger(port) && port >= 1 && port <= 65535 ? undefined : 'must be a port number from 1 to 65535';
  if (typeof port === 'string') return portNameProblem(port);
  return undefined;
}

// IsEnvVarName before Kubernetes 1.32; from 1.32 (RelaxedEnvironmentVariableValidation) IsRelaxedEnvVarName:
// printable ASCII but '='.
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const RELAXED_ENV_VAR_NAME = /^[\x20-\x3c\x3e-\x7e]+$/;
const STRICT_ENV_VAR_NAMES = { until: 31 } as const;

/** What is wrong with an env var name (or envFrom prefix) in some of the versions, and in which. */
function envVarNameProblem(name: string, versions: VersionRange): string | undefined {
  if (!RELAXED_ENV_VAR_NAME.test(name)) return `${JSON.stringify(name)} must consist of printable ASCII characters other than '='`;
  const strict = appliesIn(versions, STRICT_ENV_VAR_NAMES);
  if (strict === undefined || (ENV_VAR_NAME.test(name) && !/^\.\.?$|^\.\./.test(name))) return undefined;
  return `${JSON.stringify(name)} must consist of letters, digits, '_', '-' and '.', not start with a digit${strict}`;
}
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const PROBE_COUNTS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;
const ENV_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'] as const;

/** invalid-pod-spec findings of one workload. */
export function podSpecIssues(workload: Workload, versions: VersionRange): Issue[] {
  const { manifest, podSpec, podSpecPath } = workload;
  const problems: string[] = [];
  const add = (path: string, problem: string): void => {
    problems.push(`${path}: ${problem}`);
  };

  podFieldProblems(podSpec, podSpecPath, manifest.kind, versions, add);
  const metadata = workload.podMetadataPath.reduce<Record<string, any>>((node, key) => asMap(node[key]), manifest.object);
  podAnnotationProblems(asMap(metadata.annotations), workload.podMetadataPath, podSpec, isA(manifest, 'v1', 'Pod'), add);
  volumeProblems(asList(podSpec.volumes), `${podSpecPath}.volumes`, add);
  // A StatefulSet's claim templates become volumes of its pods before the pod spec is validated.
  const claimTemplates = isA(manifest, 'apps/v1', 'StatefulSet') ? asList(asMap(manifest.object.spec).volumeClaimTemplates).map((t) => asMap(asMap(t).metadata).name) : [];
  // ValidateVolumes: DNS-1123 label names, unique.
  const podVolumes = asList(podSpec.volumes).map((volume) => asMap(volume).name);
  podVolumes.forEach((name, i) => {
    if (typeof name !== 'string') return;
    const problem = dns1123Label(name);
    if (problem) add(`${podSpecPath}.volumes[${i}].name`, `${JSON.stringify(name)} ${problem}`);
    if (podVolumes.slice(0, i).includes(name)) add(`${podSpecPath}.volumes[${i}].name`, `${JSON.stringify(name)} is a duplicate volume name`);
  });
  const withClaimTemplates = { ...podSpec, volumes: [...asList(podSpec.volumes), ...claimTemplates.map((name) => ({ name, persistentVolumeClaim: { claimName: name } }))] };
  const volumeNames = withClaimTemplates.volumes.map((volume) => asMap(volume).name);

  const containers = containersOf(workload);
  containers.forEach(({ container, path, init }, index) => {
    // validateContainerCommon / validateInitContainers: DNS-1123 label names, unique across init and regular containers.
    if (typeof container.name === 'string') {
      const problem = dns1123Label(container.name);
      if (problem) add(`${path}.name`, `${JSON.stringify(container.name)} ${problem}`);
      if (containers.slice(0, index).some((c) => c.container.name === container.name)) add(`${path}.name`, `${JSON.stringify(container.name)} is a duplicate container name in the pod`);
    }
    // validateContainerPorts: IANA names unique in the container, containerPort and hostPort 1-65535.
    asList(container.ports).forEach((value, i) => {
      const port = asMap(value);
      // An empty name is no name.
      if (typeof port.name === 'string' && port.name !== '') {
        const problem = portNameProblem(port.name);
        if (problem) add(`${path}.ports[${i}].name`, `${JSON.stringify(port.name)} ${problem}`);
        else if (asList(container.ports).slice(0, i).some((p) => asMap(p).name === port.name)) add(`${path}.ports[${i}].name`, `${JSON.stringify(port.name)} is a duplicate port name`);
      }
      for (const field of ['containerPort', 'hostPort'] as const) {
        const number = port[field];
        if (typeof number === 'number' && (field === 'containerPort' || number !== 0) && portNumOrNameProblem(number)) add(`${path}.ports[${i}].${field}`, `${number} must be a port number from 1 to 65535`);
      }
      // validatePodHostNetworkDeps: on the node's network the container's port is the host's.
      if (podSpec.hostNetwork === true && !init && port.hostPort !== undefined && port.hostPort !== 0 && port.hostPort !== port.containerPort) {
        add(`${path}.ports[${i}].hostPort`, `${port.hostPort} must match containerPort (${port.containerPort}) when hostNetwork is true`);
      }
    });
    // ValidateVolumeMounts: a mount names a volume of the pod, at a path unique in the container; subPath is relative, without '..'.
    asList(container.volumeMounts).forEach((value, i) => {
      const mount = asMap(value);
      if (typeof mount.name === 'string' && !volumeNames.includes(mount.name)) add(`${path}.volumeMounts[${i}].name`, `${JSON.stringify(mount.name)} is not a volume of the pod`);
      if (asList(container.volumeMounts).slice(0, i).some((m) => asMap(m).mountPath === mount.mountPath)) add(`${path}.volumeMounts[${i}].mountPath`, `${JSON.stringify(mount.mountPath)} must be unique in the container`);
      if (typeof mount.subPath === 'string' && (mount.subPath.startsWith('/') || mount.subPath.split('/').includes('..'))) {
        add(`${path}.volumeMounts[${i}].subPath`, `${JSON.stringify(mount.subPath)} must be a relative path without '..'`);
      }
    });
    // ValidateEnv / validateEnvVarValueFrom.
    asList(container.env).forEach((value, i) => {
      const env = asMap(value);
      const nameProblem = typeof env.name === 'string' ? envVarNameProblem(env.name, versions) : undefined;
      if (nameProblem) add(`${path}.env[${i}].name`, nameProblem);
      if (env.valueFrom !== undefined) {
        const sources = ENV_SOURCES.filter((source) => asMap(env.valueFrom)[source] !== undefined).length;
        if (sources !== 1) add(`${path}.env[${i}].valueFrom`, 'must specify exactly one of fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef');
        if (typeof env.value === 'string' && env.value !== '') add(`${path}.env[${i}].valueFrom`, 'may not be specified when value is not empty');
      }
    });
    asList(container.envFrom).forEach((value, i) => {
      const prefix = asMap(value).prefix;
      const problem = typeof prefix === 'string' && prefix !== '' ? envVarNameProblem(prefix, versions) : undefined;
      if (problem) add(`${path}.envFrom[${i}].prefix`, problem);
    });
    requestsWithinLimits(asMap(container.resources), `${path}.resources`, add);
    containerProblems(container, path, init, withClaimTemplates, add);
    // Only a bare Pod's images are checked for surrounding whitespace (validatePodSpec's image check is not applied to templates).
    if (isA(manifest, 'v1', 'Pod') && typeof container.image === 'string' && container.image.trim() !== container.image) add(`${path}.image`, `${JSON.stringify(container.image)} must not have leading or trailing whitespace`);
    // validateProbe / validateHandler / validateLivenessProbe: one handler, non-negative counts, successThreshold 1
    // for liveness and startup probes; init containers (not sidecars) may have no probes.
    for (const probeName of PROBES) {
      const probe = container[probeName];
      if (probe === undefined) continue;
      const probePath = `${path}.${probeName}`;
      if (init && container.restartPolicy !== 'Always') {
        add(probePath, 'may not be set for init containers without restartPolicy: Always');
        continue;
      }
      const handlers = PROBE_HANDLERS.filter((handler) => asMap(probe)[handler] !== undefined);
      if (handlers.length !== 1) add(probePath, handlers.length ? `may not specify more than 1 handler type (${handlers.join(', ')})` : 'must specify a handler type (exec, httpGet, tcpSocket or grpc)');
      for (const count of PROBE_COUNTS) {
        const number = asMap(probe)[count];
        if (typeof number === 'number' && number < 0) add(`${probePath}.${count}`, `${number} must be greater than or equal to 0`);
      }
      const threshold = asMap(probe).successThreshold;
      if (probeName !== 'readinessProbe' && threshold !== undefined && threshold !== 1) add(`${probePath}.successThreshold`, `${threshold} must be 1`);
      for (const handler of handlers) {
        const problem = portNumOrNameProblem(asMap(asMap(probe)[handler]).port);
        if (problem) add(`${probePath}.${handler}.port`, `${JSON.stringify(asMap(asMap(probe)[handler]).port)} ${problem}`);
      }
    }
  });

  // ValidatePodTemplateSpecForReplicaSet, ValidateDaemonSetSpec, ValidateStatefulSetSpec: Always; validateJobSpec: OnFailure or Never.
  // "" is unset, and defaulted to Always.
  const restartPolicy = podSpec.restartPolicy || undefined;
  const isJob = isA(manifest, 'batch/v1', 'Job') || isA(manifest, 'batch/v1', 'CronJob');
  if (restartPolicy !== undefined && !isA(manifest, 'v1', 'Pod') && !isJob && restartPolicy !== 'Always') {
    add(`${podSpecPath}.restartPolicy`, `${JSON.stringify(restartPolicy)} is not supported for a ${manifest.kind}: only "Always"`);
  }
  if (isJob && (restartPolicy === undefined || restartPolicy === 'Always')) {
    add(`${podSpecPath}.restartPolicy`, `${JSON.stringify(restartPolicy ?? 'Always')} is not supported for a Job: "OnFailure" or "Never"`);
  }
  // validatePodDNSConfig.
  if (podSpec.dnsPolicy === 'None' && asList(asMap(podSpec.dnsConfig).nameservers).length === 0) {
    add(`${podSpecPath}.dnsConfig`, 'must provide at least one nameserver when dnsPolicy is None');
  }
  return problems.map((message) => ({ manifest, rule: 'invalid-pod-spec', message }));
}
