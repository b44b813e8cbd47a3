// What the API server rejects beyond the OpenAPI schema, object by object (Kubernetes 1.27-1.33). Sources, in
// kubernetes/kubernetes: staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go (annotations),
// pkg/apis/core/validation/validation.go (Service, ConfigMap, Secret, PVC), pkg/apis/apps/validation (rollouts),
// pkg/apis/policy/validation (budgets), pkg/apis/autoscaling/validation (autoscalers),
// pkg/apis/networking/validation (Ingress, NetworkPolicy); function names in the comments.
import { portNameProblem, portNumOrNameProblem } from './api-pod-spec';
import { asList, asMap, formatPath, isA, Issue, Manifest } from './manifest';
import type { RuleId } from './rules';
import { dns1123Label, dns1123Subdomain, labelKey } from './syntax';

const TOTAL_ANNOTATION_SIZE = 256 * 1024;
const CONFIG_DATA_SIZE = 1024 * 1024;
// The allocator's default --service-node-port-range (pkg/kubeapiserver/options: DefaultServiceNodePortRange).
export const NODE_PORTS = { min: 30000, max: 32767 };
const PERCENT = /^[0-9]+%$/;
// IsConfigMapKey.
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
// ValidateSecret: the keys each built-in Secret type needs.
const SECRET_TYPE_KEYS: Readonly<Record<string, readonly string[]>> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};
// validateIngressHTTPIngressPath: sequences a Prefix or Exact path may not contain.
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];

type Check = (manifest: Manifest, add: (rule: RuleId, path: string, problem: string) => void) => void;

const CHECKS: readonly Check[] = [annotations, service, rollout, budget, autoscaler, claim, ingress, networkPolicy, configData];

/** invalid-annotation, invalid-service, invalid-workload-spec, invalid-ingress, invalid-network-policy and invalid-config-data findings of one object. */
export function apiObjectIssues(manifest: Manifest): Issue[] {
  const issues: Issue[] = [];
  for (const check of CHECKS) check(manifest, (rule, path, problem) => issues.push({ manifest, rule, message: `${path}: ${problem}` }));
  return issues;
}

/** ValidateAnnotations: keys are qualified names (case-insensitive), keys and values at most 256 KiB in all. */
function annotations(manifest: Manifest, add: Parameters<Check>[1]): void {
  const entries = Object.entries(asMap(asMap(manifest.object.metadata).annotations));
  for (const [key] of entries) {
    const problem = labelKey(key.toLowerCase());
    if (problem) add('invalid-annotation', formatPath(['metadata', 'annotations', key]), `key ${JSON.stringify(key)} ${problem}`);
  }
  const size = entries.reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(String(value)), 0);
  if (size > TOTAL_ANNOTATION_SIZE) add('invalid-annotation', 'metadata.annotations', `${size} bytes in all, more than the limit of ${TOTAL_ANNOTATION_SIZE}`);
}

/** ValidateService / validateServicePort, and the node port allocator's range. */
function service(manifest: Manifest, add: Parameters<Check>[1]): void {
  if (!isA(manifest, 'v1', 'Service')) return;
  const spec = asMap(manifest.object.spec);
  const type = spec.type ?? 'ClusterIP';
  const ports = asList(spec.ports).map(asMap);
  const issue = (path: string, problem: string) => add('invalid-service', path, problem);
  if (ports.length === 0 && spec.clusterIP !== 'None' && type !== 'ExternalName') issue('spec.ports', 'is required, except for a headless or ExternalName Service');
  if (spec.clusterIP === 'None' && (type === 'NodePort' || type === 'LoadBalancer')) issue('spec.clusterIP', `may not be "None" for a ${type} Service`);
  if (type === 'ExternalName' && typeof spec.externalName === 'string' && dns1123Subdomain()(spec.externalName.replace(/\.$/, ''))) {
    issue('spec.externalName', `${JSON.stringify(spec.externalName)} must be a DNS-1123 subdomain`);
  }
  if (spec.externalTrafficPolicy !== undefined && type !== 'NodePort' && type !== 'LoadBalancer') issue('spec.externalTrafficPolicy', 'may only be set for NodePort and LoadBalancer Services');
  ports.forEach((port, i) => {
    const path = `spec.ports[${i}]`;
    if (ports.length > 1 && !port.name) issue(`${path}.name`, 'is required when the Service has more than one port');
    if (typeof port.name === 'string' && port.name && dns1123Label(port.name)) issue(`${path}.name`, `${JSON.stringify(port.name)} ${dns1123Label(port.name)}`);
    if (port.name && ports.slice(0, i).some((p) => p.name === port.name)) issue(`${path}.name`, `${JSON.stringify(port.name)} is a duplicate port name`);
    if (typeof port.port === 'number' && portNumOrNameProblem(port.port)) issue(`${path}.port`, `${port.port} must be a port number from 1 to 65535`);
    const targetProblem = portNumOrNameProblem(port.targetPort);
    if (targetProblem) issue(`${path}.targetPort`, `${JSON.stringify(port.targetPort)} ${targetProblem}`);
    const protocol = port.protocol ?? 'TCP';
    if (ports.slice(0, i).some((p) => p.port === port.port && (p.protocol ?? 'TCP') === protocol)) issue(path, `port ${port.port}/${protocol} is defined twice`);
    if (port.nodePort !== undefined && port.nodePort !== 0) {
      if (type === 'ClusterIP') issue(`${path}.nodePort`, 'may not be used when type is ClusterIP');
      else if (typeof port.nodePort === 'number' && (port.nodePort < NODE_PORTS.min || port.nodePort > NODE_PORTS.max)) {
        issue(`${path}.nodePort`, `${port.nodePort} is not in the valid range ${NODE_PORTS.min}-${NODE_PORTS.max} (the default --service-node-port-range)`);
      }
      if (ports.slice(0, i).some((p) => p.nodePort === port.nodePort && (p.protocol ?? 'TCP') === protocol)) issue(`${path}.nodePort`, `${port.nodePort} is a duplicate node port`);
    }
  });
}

/** Non-negative int, or a percent of at most 100 (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent). */
function intOrPercentProblem(value: unknown): string | undefined {
  if (typeof value === 'number') return value < 0 ? 'must be greater than or equal to 0' : undefined;
  if (typeof value !== 'string') return undefined;
  if (!PERCENT.test(value)) return 'must be an integer or a percent such as "25%"';
  return Number(value.slice(0, -1)) > 100 ? 'must not be greater than 100%' : undefined;
}

const isPercentOrZero = (value: unknown): boolean => value === 0 || value === '0%';

/** ValidateDeploymentSpec, ValidateRollingUpdateDeployment, ValidateStatefulSetSpec, ValidateReplicaSetSpec, validateJobSpec. */
function rollout(manifest: Manifest, add: Parameters<Check>[1]): void {
  const spec = asMap(manifest.object.spec);
  const issue = (path: string, problem: string) => add('invalid-workload-spec', path, problem);
  if (['Deployment', 'StatefulSet', 'ReplicaSet'].includes(manifest.kind) && typeof spec.replicas === 'number' && spec.replicas < 0) {
    issue('spec.replicas', `${spec.replicas} must be greater than or equal to 0`);
  }
  if (isA(manifest, 'apps/v1', 'Deployment')) {
    const strategy = asMap(spec.strategy);
    const rolling = asMap(strategy.rollingUpdate);
    if (strategy.type === 'Recreate' && strategy.rollingUpdate !== undefined) issue('spec.strategy.rollingUpdate', 'may not be specified when the strategy type is Recreate');
    for (const field of ['maxSurge', 'maxUnavailable'] as const) {
      const problem = intOrPercentProblem(rolling[field]);
      if (problem && !(field === 'maxSurge' && problem.includes('100%'))) issue(`spec.strategy.rollingUpdate.${field}`, `${JSON.stringify(rolling[field])} ${problem}`);
    }
    if (isPercentOrZero(rolling.maxSurge) && isPercentOrZero(rolling.maxUnavailable)) issue('spec.strategy.rollingUpdate.maxUnavailable', 'may not be 0 when maxSurge is 0: the rollout could never progress');
    if (typeof spec.progressDeadlineSeconds === 'number' && spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      issue('spec.progressDeadlineSeconds', `${spec.progressDeadlineSeconds} must be greater than minReadySeconds (${spec.minReadySeconds ?? 0})`);
    }
  }
  if (isA(manifest, 'batch/v1', 'Job')) {
    for (const field of ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished']) {
      if (typeof spec[field] === 'number' && spec[field] < 0) issue(`spec.${field}`, `${spec[field]} must be greater than or equal to 0`);
    }
  }
  if (isA(manifest, 'batch/v1', 'CronJob') && typeof spec.schedule === 'string' && !validSchedule(spec.schedule)) {
    issue('spec.schedule', `${JSON.stringify(spec.schedule)} must be a cron schedule of 5 fields or a descriptor such as @daily, without TZ (use spec.timeZone)`);
  }
}

/** cron.ParseStandard (robfig/cron v3) as validateScheduleFormat uses it, and no TZ= or CRON_TZ= in the schedule. */
function validSchedule(schedule: string): boolean {
  if (schedule.includes('TZ')) return false;
  if (/^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(schedule) || /^@every \d+(\.\d+)?(ns|us|µs|ms|s|m|h)+/.test(schedule)) return true;
  const fields = schedule.trim().split(/\s+/);
  return fields.length === 5 && fields.every((field) => /^[-*/,?0-9A-Za-z]+$/.test(field));
}

/** ValidatePodDisruptionBudgetSpec. */
function budget(manifest: Manifest, add: Parameters<Check>[1]): void {
  if (!isA(manifest, 'policy/v1', 'PodDisruptionBudget')) return;
  const spec = asMap(manifest.object.spec);
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) add('invalid-workload-spec', 'spec', 'minAvailable and maxUnavailable cannot be both set');
  for (const field of ['minAvailable', 'maxUnavailable']) {
    const problem = intOrPercentProblem(spec[field]);
    if (problem) add('invalid-workload-spec', `spec.${field}`, `${JSON.stringify(spec[field])} ${problem}`);
  }
}

/** ValidateHorizontalPodAutoscalerSpec (HPAScaleToZero is an alpha gate, off by default). */
function autoscaler(manifest: Manifest, add: Parameters<Check>[1]): void {
  if (!isA(manifest, 'autoscaling/v2', 'HorizontalPodAutoscaler')) return;
  const { minReplicas, maxReplicas } = asMap(manifest.object.spec);
  if (typeof minReplicas === 'number' && minReplicas < 1) add('invalid-workload-spec', 'spec.minReplicas', `${minReplicas} must be greater than or equal to 1`);
  if (typeof maxReplicas === 'number' && maxReplicas < 1) add('invalid-workload-spec', 'spec.maxReplicas', `${maxReplicas} must be greater than 0`);
  if (typeof maxReplicas === 'number' && typeof minReplicas === 'number' && maxReplicas < minReplicas) {
    add('invalid-workload-spec', 'spec.maxReplicas', `${maxReplicas} must be greater than or equal to minReplicas (${minReplicas})`);
  }
}

/** ValidatePersistentVolumeClaimSpec: an access mode and a positive storage request. */
function claim(manifest: Manifest, add: Parameters<Check>[1]): void {
  if (!isA(manifest, 'v1', 'PersistentVolumeClaim')) return;
  const spec = asMap(manifest.object.spec);
  if (asList(spec.accessModes).length === 0) add('invalid-workload-spec', 'spec.accessModes', 'at least 1 access mode is required');
  const storage = asMap(asMap(spec.resources).requests).storage;
  if (storage === undefined) add('invalid-workload-spec', 'spec.resources.requests.storage', 'is required');
}

/** ValidateIngressSpec: paths, hosts and backends. */
function ingress(manifest: Manifest, add: Parameters<Check>[1]): void {
  if (!isA(manifest, 'networking.k8s.io/v1', 'Ingress')) return;
  const issue = (path: string, problem: string) => add('invalid-ingress', path, problem);
  const spec = asMap(manifest.object.spec);
  asList(spec.rules).forEach((value, i) => {
    const rule = asMap(value);
    if (typeof rule.host === 'string') {
      const problem = hostProblem(rule.host);
      if (problem) issue(`spec.rules[${i}].host`, `${JSON.stringify(rule.host)} ${problem}`);
    }
    asList(asMap(rule.http).paths).forEach((pathValue, j) => {
      const { path, pathType, backend } = asMap(pathValue);
      const where = `spec.rules[${i}].http.paths[${j}]`;
      if (typeof path === 'string' && path !== '' && !path.startsWith('/')) issue(`${where}.path`, `${JSON.stringify(path)} must be an absolute path`);
      if ((pathType === 'Prefix' || pathType === 'Exact') && typeof path === 'string') {
        const problem = prefixPathProblem(path);
        if (problem) issue(`${where}.path`, `${JSON.stringify(path)} ${problem}`);
      }
      const service = asMap(asMap(backend).service);
      if (asMap(backend).service !== undefined && asMap(backend).resource !== undefined) issue(`${where}.backend`, 'cannot set both service and resource');
      const port = asMap(service.port);
      if (port.name !== undefined && port.number !== undefined) issue(`${where}.backend.service.port`, 'cannot set both name and number');
      if (typeof port.name === 'string' && portNameProblem(port.name)) issue(`${where}.backend.service.port.name`, `${JSON.stringify(port.name)} ${portNameProblem(port.name)}`);
    });
  });
  asList(spec.tls).forEach((tls, i) =>
    asList(asMap(tls).hosts).forEach((host, j) => {
      const problem = typeof host === 'string' ? hostProblem(host) : undefined;
      if (problem) issue(`spec.tls[${i}].hosts[${j}]`, `${JSON.stringify(host)} ${problem}`);
    }),
  );
}

/** What the API server finds wrong with a Prefix or Exact path: a sequence it rejects (validateIngressHTTPIngressPath). */
export function prefixPathProblem(path: string): string | undefined {
  const sequence = INVALID_PATH_SEQUENCES.find((s) => path.includes(s)) ?? (/\/\.\.?$/.test(path) ? path.slice(path.lastIndexOf('/')) : undefined);
  return sequence && `must not contain ${JSON.stringify(sequence)}`;
}

/** An Ingress host: a DNS-1123 subdomain, optionally with a leading "*." wildcard, and not an IP address. */
function hostProblem(host: string): string | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(':')) return 'must be a DNS name, not an IP address';
  const name = host.startsWith('*.') ? host.slice(2) : host;
  const problem = dns1123Subdomain()(name);
  return problem ? `${problem}${host.includes('*') && !host.startsWith('*.') ? ' (a wildcard is only allowed as the first label, "*.")' : ''}` : undefined;
}

/** ValidateNetworkPolicySpec: ports with endPort, ipBlock CIDRs with except inside cidr. */
function networkPolicy(manifest: Manifest, add: Parameters<Check>[1]): void {
  if (!isA(manifest, 'networking.k8s.io/v1', 'NetworkPolicy')) return;
  const spec = asMap(manifest.object.spec);
  const issue = (path: string, problem: string) => add('invalid-network-policy', path, problem);
  for (const [direction, peersField] of [['ingress', 'from'], ['egress', 'to']] as const) {
    asList(spec[direction]).forEach((value, i) => {
      const rule = asMap(value);
      asList(rule.ports).forEach((portValue, j) => {
        const { port, endPort } = asMap(portValue);
        const path = `spec.${direction}[${i}].ports[${j}]`;
        if (endPort !== undefined && typeof port !== 'number') issue(`${path}.endPort`, 'may only be set with a numeric port');
        else if (typeof endPort === 'number' && endPort < port) issue(`${path}.endPort`, `${endPort} must be greater than or equal to port (${port})`);
        const problem = portNumOrNameProblem(port);
        if (problem) issue(`${path}.port`, `${JSON.stringify(port)} ${problem}`);
      });
      asList(rule[peersField]).forEach((peer, j) => {
        const block = asMap(asMap(peer).ipBlock);
        if (asMap(peer).ipBlock === undefined) return;
        const path = `spec.${direction}[${i}].${peersField}[${j}].ipBlock`;
        const cidr = parseCidr(block.cidr);
        if (!cidr) return issue(`${path}.cidr`, `${JSON.stringify(block.cidr)} must be a CIDR such as 10.0.0.0/8`);
        asList(block.except).forEach((except, k) => {
          const inner = parseCidr(except);
          if (!inner || inner.v6 !== cidr.v6 || inner.bits <= cidr.bits || !sameNetwork(inner, cidr)) issue(`${path}.except[${k}]`, `${JSON.stringify(except)} must be a CIDR strictly within ${block.cidr}`);
        });
      });
    });
  }
}

interface Cidr {
  readonly v6: boolean;
  readonly address: bigint;
  readonly bits: number;
}

function parseCidr(value: unknown): Cidr | undefined {
  if (typeof value !== 'string') return undefined;
  const [ip, bitsText] = value.split('/');
  const bits = Number(bitsText);
  if (!/^\d+$/.test(bitsText ?? '')) return undefined;
  const v4 = ip.split('.');
  if (v4.length === 4 && v4.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255) && bits <= 32) {
    return { v6: false, address: v4.reduce((sum, part) => (sum << 8n) + BigInt(part), 0n), bits };
  }
  if (ip.includes(':') && bits <= 128) {
    const [head, tail = ''] = ip.split('::');
    const groups = (text: string) => (text ? text.split(':') : []);
    const missing = 8 - groups(head).length - groups(tail).length;
    const all = ip.includes('::') ? [...groups(head), ...Array(missing).fill('0'), ...groups(tail)] : groups(head);
    if (all.length !== 8 || !all.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
    return { v6: true, address: all.reduce((sum, group) => (sum << 16n) + BigInt(parseInt(group, 16)), 0n), bits };
  }
  return undefined;
}

function sameNetwork(inner: Cidr, outer: Cidr): boolean {
  const width = inner.v6 ? 128 : 32;
  const shift = BigInt(width - outer.bits);
  return inner.address >> shift === outer.address >> shift;
}

/** ValidateConfigMap / ValidateSecret: key syntax, no key in both maps, at most 1 MiB, the keys of the Secret's type. */
function configData(manifest: Manifest, add: Parameters<Check>[1]): void {
  const isConfigMap = isA(manifest, 'v1', 'ConfigMap');
  if (!isConfigMap && !isA(manifest, 'v1', 'Secret')) return;
  const maps = isConfigMap ? ['data', 'binaryData'] : ['data', 'stringData'];
  const issue = (path: string, problem: string) => add('invalid-config-data', path, problem);
  let size = 0;
  const keys = new Set<string>();
  for (const field of maps) {
    for (const [key, value] of Object.entries(asMap(manifest.object[field]))) {
      size += typeof value === 'string' ? Buffer.byteLength(value) : 0;
      if (!CONFIG_KEY.test(key) || key.length > 253 || key.startsWith('..')) issue(formatPath([field, key]), `key ${JSON.stringify(key)} must consist of letters, digits, '-', '_' and '.', at most 253 characters, not starting with '..'`);
      if (isConfigMap && keys.has(key)) issue(formatPath([field, key]), `key ${JSON.stringify(key)} is also in data`);
      keys.add(key);
    }
  }
  if (size > CONFIG_DATA_SIZE) issue(maps[0], `${size} bytes of data, more than the limit of ${CONFIG_DATA_SIZE}`);
  const type = manifest.object.type;
  if (!isConfigMap && typeof type === 'string') {
    const missing = (SECRET_TYPE_KEYS[type] ?? []).filter((key) => !keys.has(key));
    if (missing.length) issue('data', `a Secret of type ${type} needs the keys ${missing.join(', ')}`);
  }
}
