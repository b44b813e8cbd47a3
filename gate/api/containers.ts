// The container fields the API server validates beyond names and ports (pkg/apis/core/validation/validation.go:
// validateContainerCommon, ValidateVolumeMounts, validateEnvVarValueFrom, ValidateEnvFrom,
// ValidateContainerResourceRequirements, validateProbe, validateLifecycle, ValidateSecurityContext).
import { Add, idProblem, profileProblems } from './pod-fields';
import { portNumOrNameProblem } from './pod-spec';
import { asList, asMap } from '../core/manifest';
import { quantityValue } from '../core/quantity';
import { dns1123SubdomainName, labelKey } from '../core/syntax';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const HEADER_NAME = /^[-A-Za-z0-9]+$/;
const ENV_FIELDS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.labels', 'metadata.annotations', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const SUBSCRIPTED_FIELD = /^metadata\.(labels|annotations)\['(.*)'\]$/;
const RESOURCE_FIELDS = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];
const MEMORY_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
const STANDARD_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'];
const DEFAULT_GRACE_PERIOD = 30;

/** The container's own problems; `podSpec` for what depends on the pod (grace period, other containers). */
export function containerProblems(container: Record<string, any>, path: string, init: boolean, podSpec: Record<string, any>, add: Add): void {
  if (!container.image) add(`${path}.image`, 'is required');
  mountProblems(container, path, add);
  asList(container.env).forEach((value, i) => envSourceProblems(asMap(asMap(value).valueFrom), `${path}.env[${i}].valueFrom`, add));
  asList(container.envFrom).forEach((value, i) => {
    const source = asMap(value);
    const refs = ['configMapRef', 'secretRef'].filter((ref) => source[ref] !== undefined);
    if (refs.length !== 1) add(`${path}.envFrom[${i}]`, refs.length ? 'may not set both configMapRef and secretRef' : 'must set configMapRef or secretRef');
    for (const ref of refs) referenceName(asMap(source[ref]).name, `${path}.envFrom[${i}].${ref}.name`, add);
  });
  resourceProblems(asMap(container.resources), `${path}.resources`, add);
  const claims = asList(podSpec.resourceClaims).map((claim) => asMap(claim).name);
  asList(asMap(container.resources).claims).forEach((claim, i) => {
    if (!claims.includes(asMap(claim).name)) add(`${path}.resources.claims[${i}].name`, `${JSON.stringify(asMap(claim).name)} is not one of the pod's resourceClaims`);
  });
  deviceProblems(container, path, podSpec, add);
  asList(container.resizePolicy).forEach((policy, i) => {
    const name = asMap(policy).resourceName;
    if (name !== 'cpu' && name !== 'memory') add(`${path}.resizePolicy[${i}].resourceName`, `${JSON.stringify(name)} must be cpu or memory`);
  });
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    if (container[probe] !== undefined) probeProblems(asMap(container[probe]), probe, `${path}.${probe}`, add);
  }
  const lifecycle = asMap(container.lifecycle);
  const grace = typeof podSpec.terminationGracePeriodSeconds === 'number' ? podSpec.terminationGracePeriodSeconds : DEFAULT_GRACE_PERIOD;
  if (init && container.restartPolicy !== 'Always' && container.lifecycle !== undefined) add(`${path}.lifecycle`, 'may not be set for init containers without restartPolicy: Always');
  for (const hook of ['postStart', 'preStop']) {
    if (lifecycle[hook] === undefined) continue;
    for (const handler of ['httpGet', 'tcpSocket']) {
      const port = asMap(asMap(lifecycle[hook])[handler]).port;
      const problem = asMap(lifecycle[hook])[handler] === undefined ? undefined : portNumOrNameProblem(port);
      if (problem) add(`${path}.lifecycle.${hook}.${handler}.port`, `${JSON.stringify(port)} ${problem}`);
    }
    const handlers = HANDLERS.filter((handler) => asMap(lifecycle[hook])[handler] !== undefined && handler !== 'grpc');
    if (handlers.length !== 1) add(`${path}.lifecycle.${hook}`, handlers.length ? `may not specify more than 1 handler type (${handlers.join(', ')})` : 'must specify a handler type');
    const seconds = asMap(asMap(lifecycle[hook]).sleep).seconds;
    if (typeof seconds === 'number' && (seconds < 0 || seconds > grace)) add(`${path}.lifecycle.${hook}.sleep.seconds`, `${seconds} must be from 0 to terminationGracePeriodSeconds (${grace})`);
  }
  securityContextProblems(asMap(container.securityContext), `${path}.securityContext`, podSpec, add);
}

function referenceName(name: unknown, path: string, add: Add): void {
  const problem = typeof name !== 'string' || name === '' ? 'is required' : dns1123SubdomainName(name);
  if (problem) add(path, name ? `${JSON.stringify(name)} ${problem}` : problem);
}

function mountProblems(container: Record<string, any>, path: string, add: Add): void {
  const privileged = asMap(container.securityContext).privileged === true;
  asList(container.volumeMounts).forEach((value, i) => {
    const mount = asMap(value);
    const where = `${path}.volumeMounts[${i}]`;
    if (!mount.mountPath) add(`${where}.mountPath`, 'is required');
    if (mount.subPath && mount.subPathExpr) add(`${where}.subPathExpr`, 'may not be set with subPath');
    if (typeof mount.subPathExpr === 'string' && mount.subPathExpr.startsWith('/')) add(`${where}.subPathExpr`, `${JSON.stringify(mount.subPathExpr)} must be a relative path`);
    if (mount.mountPropagation === 'Bidirectional' && !privileged) add(`${where}.mountPropagation`, 'Bidirectional is only allowed in privileged containers');
    if (mount.recursiveReadOnly !== undefined && mount.recursiveReadOnly !== 'Disabled' && mount.readOnly !== true) add(`${where}.recursiveReadOnly`, 'may only be set when readOnly is true');
  });
}

/** validateEnvVarValueFrom: the key and name of a reference, and the fields a pod can read. */
function envSourceProblems(valueFrom: Record<string, any>, path: string, add: Add): void {
  for (const ref of ['secretKeyRef', 'configMapKeyRef']) {
    if (valueFrom[ref] === undefined) continue;
    const { key, name } = asMap(valueFrom[ref]);
    if (!key) add(`${path}.${ref}.key`, 'is required');
    else if (typeof key === 'string' && (!CONFIG_KEY.test(key) || key.length > 253 || key === '.' || key.startsWith('..'))) add(`${path}.${ref}.key`, `${JSON.stringify(key)} must be a config key (letters, digits, '-', '_', '.'; at most 253 characters)`);
    referenceName(name, `${path}.${ref}.name`, add);
  }
  if (valueFrom.fieldRef !== undefined) {
    const { fieldPath, apiVersion } = asMap(valueFrom.fieldRef);
    const subscripted = typeof fieldPath === 'string' ? SUBSCRIPTED_FIELD.exec(fieldPath) : null;
    if (apiVersion !== undefined && apiVersion !== 'v1') add(`${path}.fieldRef.apiVersion`, `${JSON.stringify(apiVersion)} must be v1`);
    else if (subscripted) {
      const problem = subscripted[1] === 'labels' ? labelKey(subscripted[2]) : labelKey(subscripted[2].toLowerCase());
      if (problem) add(`${path}.fieldRef.fieldPath`, `${JSON.stringify(subscripted[2])} ${problem}`);
    } else if (typeof fieldPath === 'string' && !ENV_FIELDS.includes(fieldPath)) {
      add(`${path}.fieldRef.fieldPath`, `${JSON.stringify(fieldPath)} is not a field a container can read (${ENV_FIELDS.join(', ')})`);
    }
  }
  if (valueFrom.resourceFieldRef !== undefined) {
    const { resource, divisor } = asMap(valueFrom.resourceFieldRef);
    if (typeof resource === 'string' && !RESOURCE_FIELDS.includes(resource) && !/^(limits|requests)\.hugepages-/.test(resource)) add(`${path}.resourceFieldRef.resource`, `${JSON.stringify(resource)} must be one of ${RESOURCE_FIELDS.join(', ')}`);
    if (divisor !== undefined && quantityValue(divisor) !== 0 && typeof resource === 'string') {
      const value = quantityValue(divisor);
      const allowed = resource.endsWith('.cpu') ? value === 1 || value === 0.001 : MEMORY_DIVISORS.some((d) => quantityValue(d) === value);
      if (!allowed) add(`${path}.resourceFieldRef.divisor`, `${JSON.stringify(divisor)} is not a divisor ${resource} supports`);
    }
  }
}

/** Resource names, non-negative quantities, and the rules of extended resources and huge pages. */
function resourceProblems(resources: Record<string, any>, path: string, add: Add): void {
  const { requests, limits } = resources;
  for (const [field, map] of [['requests', asMap(requests)], ['limits', asMap(limits)]] as const) {
    for (const [name, quantity] of Object.entries(map)) {
      const where = `${path}.${field}.${name}`;
      const keyProblem = labelKey(name);
      if (keyProblem) add(where, `${JSON.stringify(name)} ${keyProblem}`);
      else if (!name.includes('/') && !STANDARD_RESOURCES.includes(name) && !name.startsWith('hugepages-')) add(where, `${JSON.stringify(name)} must be a standard resource (cpu, memory, ephemeral-storage, hugepages-<size>) or a qualified name such as example.com/device`);
      const value = quantityValue(quantity);
      if (value !== undefined && value < 0) add(where, `${JSON.stringify(quantity)} must be greater than or equal to 0`);
      if (isExtended(name) && value !== undefined && !Number.isInteger(value)) add(where, `${JSON.stringify(quantity)} must be an integer`);
    }
  }
  for (const [name, request] of Object.entries(asMap(requests))) {
    if (!isExtended(name)) continue;
    const limit = asMap(limits)[name];
    if (limit === undefined) add(`${path}.limits.${name}`, `is required: ${name} cannot be overcommitted`);
    else if (quantityValue(limit) !== quantityValue(request)) add(`${path}.requests.${name}`, `${JSON.stringify(request)} must be equal to the ${name} limit of ${JSON.stringify(limit)}`);
  }
  const names = [...Object.keys(asMap(requests)), ...Object.keys(asMap(limits))];
  if (names.some((name) => name.startsWith('hugepages-')) && !names.some((name) => name === 'cpu' || name === 'memory')) add(path, 'huge pages require a cpu or memory request or limit');
}

const isExtended = (name: string): boolean => name.includes('/') && !name.startsWith('kubernetes.io/') && !name.includes('.kubernetes.io/');

function probeProblems(probe: Record<string, any>, kind: string, path: string, add: Add): void {
  const grace = probe.terminationGracePeriodSeconds;
  if (grace !== undefined && kind === 'readinessProbe') add(`${path}.terminationGracePeriodSeconds`, 'must not be set for a readiness probe');
  else if (typeof grace === 'number' && grace <= 0) add(`${path}.terminationGracePeriodSeconds`, `${grace} must be greater than 0`);
  asList(asMap(probe.httpGet).httpHeaders).forEach((header, i) => {
    const name = asMap(header).name;
    if (typeof name === 'string' && !HEADER_NAME.test(name)) add(`${path}.httpGet.httpHeaders[${i}].name`, `${JSON.stringify(name)} must be an HTTP header name (letters, digits, '-')`);
  });
  if (probe.exec !== undefined && asList(asMap(probe.exec).command).length === 0) add(`${path}.exec.command`, 'is required');
}

/** ValidateSecurityContext: ids, profiles, and what allowPrivilegeEscalation: false excludes. */
function securityContextProblems(security: Record<string, any>, path: string, podSpec: Record<string, any>, add: Add): void {
  for (const field of ['runAsUser', 'runAsGroup']) {
    const problem = idProblem(security[field]);
    if (problem) add(`${path}.${field}`, problem);
  }
  profileProblems(security.seccompProfile, `${path}.seccompProfile`, add);
  profileProblems(security.appArmorProfile, `${path}.appArmorProfile`, add);
  if (security.allowPrivilegeEscalation === false) {
    if (security.privileged === true) add(`${path}.allowPrivilegeEscalation`, 'cannot be false when privileged is true');
    // Only the spelling CAP_SYS_ADMIN is compared; SYS_ADMIN passes validation.
    if (asList(asMap(security.capabilities).add).includes('CAP_SYS_ADMIN')) add(`${path}.allowPrivilegeEscalation`, 'cannot be false when capabilities add CAP_SYS_ADMIN');
  }
  // procMount Unmasked needs a user namespace.
  if (security.procMount === 'Unmasked' && podSpec.hostUsers !== false) add(`${path}.procMount`, 'Unmasked requires hostUsers: false');
}

/** ValidateVolumeDevices: block devices come from claims, at paths of their own, not also mounted. */
function deviceProblems(container: Record<string, any>, path: string, podSpec: Record<string, any>, add: Add): void {
  const mounts = asList(container.volumeMounts).map(asMap);
  asList(container.volumeDevices).forEach((value, i) => {
    const { name, devicePath } = asMap(value);
    const where = `${path}.volumeDevices[${i}]`;
    const volume = asList(podSpec.volumes).map(asMap).find((v) => v.name === name);
    if (!volume && typeof name === 'string') add(`${where}.name`, `${JSON.stringify(name)} is not a volume of the pod`);
    if (volume && volume.persistentVolumeClaim === undefined && volume.ephemeral === undefined) add(`${where}.name`, `${JSON.stringify(name)} must be a persistentVolumeClaim or ephemeral volume for a block device`);
    if (mounts.some((mount) => mount.name === name)) add(`${where}.name`, `${JSON.stringify(name)} is also in volumeMounts`);
    if (mounts.some((mount) => mount.mountPath === devicePath)) add(`${where}.devicePath`, `${JSON.stringify(devicePath)} is also a mountPath`);
  });
}
