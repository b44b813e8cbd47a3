// What the API server rejects beyond the OpenAPI schema, object by object (Kubernetes 1.27-1.36, see versions.ts).
// Sources, in kubernetes/kubernetes: staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go (metadata,
// annotations), pkg/apis/core/validation/validation.go (Service, ConfigMap, Secret); the workloads, autoscalers,
// networking kinds and EndpointSlices have files of their own (api-workloads.ts, api-autoscaling.ts,
// api-networking.ts, discovery.ts). Each check was compared with a v1.36 API server's verdicts (test/differential).
import { autoscalerProblems } from './autoscaling';
import { endpointSliceProblems } from './discovery';
import { ingressProblems, networkPolicyProblems } from './networking';
import { portNumOrNameProblem } from './pod-spec';
import { workloadSpecProblems } from './workloads';
import { parseCidr, parseIp } from './ip';
import { asList, asMap, formatPath, isA, Issue, Manifest, parseJson } from '../core/manifest';
import { podTemplatePath } from '../core/workloads';
import type { RuleId } from '../rules';
import { dns1123Label, dns1123SubdomainName, labelKey } from '../core/syntax';
import { VersionRange } from '../core/versions';

const TOTAL_ANNOTATION_SIZE = 256 * 1024;
const CONFIG_DATA_SIZE = 1024 * 1024;
const TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];
const MAX_SESSION_SECONDS = 86400;
const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];
const POD_SECURITY_LEVELS = ['privileged', 'baseline', 'restricted'];
// IsConfigMapKey.
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
// ValidateSecret: the keys each built-in Secret type needs.
const SECRET_TYPE_KEYS: Readonly<Record<string, readonly string[]>> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

type Check = (manifest: Manifest, add: (rule: RuleId, path: string, problem: string) => void, versions: VersionRange) => void;

const CHECKS: readonly Check[] = [annotations, metadata, service, workloads, autoscaler, ingress, networkPolicy, endpointSlice, configData];

function workloads(manifest: Manifest, add: Parameters<Check>[1]): void {
  workloadSpecProblems(manifest, (path, problem) => add('invalid-workload-spec', path, problem));
}

function autoscaler(manifest: Manifest, add: Parameters<Check>[1]): void {
  if (isA(manifest, 'autoscaling/v2', 'HorizontalPodAutoscaler')) autoscalerProblems(asMap(manifest.object.spec), (path, problem) => add('invalid-workload-spec', path, problem));
}

function ingress(manifest: Manifest, add: Parameters<Check>[1], versions: VersionRange): void {
  if (isA(manifest, 'networking.k8s.io/v1', 'Ingress')) ingressProblems(asMap(manifest.object.spec), versions, (path, problem) => add('invalid-ingress', path, problem));
}

function networkPolicy(manifest: Manifest, add: Parameters<Check>[1], versions: VersionRange): void {
  if (isA(manifest, 'networking.k8s.io/v1', 'NetworkPolicy')) networkPolicyProblems(asMap(manifest.object.spec), versions, (path, problem) => add('invalid-network-policy', path, problem));
}

function endpointSlice(manifest: Manifest, add: Parameters<Check>[1], versions: VersionRange): void {
  if (isA(manifest, 'discovery.k8s.io/v1', 'EndpointSlice')) endpointSliceProblems(manifest.object, versions, (path, problem) => add('invalid-endpoint-slice', path, problem));
}

/** invalid-annotation, invalid-service, invalid-workload-spec, invalid-ingress, invalid-network-policy, invalid-endpoint-slice and invalid-config-data findings of one object. */
export function apiObjectIssues(manifest: Manifest, versions: VersionRange): Issue[] {
  const issues: Issue[] = [];
  for (const check of CHECKS) check(manifest, (rule, path, problem) => issues.push({ manifest, rule, message: `${path}: ${problem}` }), versions);
  return issues;
}

/**
 * ValidateAnnotations: keys are qualified names (case-insensitive), the object's and its pod template's
 * (ValidatePodTemplateSpec); the object's keys and values take at most 256 KiB in all.
 */
function annotations(manifest: Manifest, add: Parameters<Check>[1]): void {
  const entries = Object.entries(asMap(asMap(manifest.object.metadata).annotations));
  const template = podTemplatePath(manifest);
  for (const metadataPath of template?.length ? [['metadata'], [...template, 'metadata']] : [['metadata']]) {
    const metadata = metadataPath.reduce<Record<string, any>>((node, key) => asMap(node[key]), manifest.object);
    for (const key of Object.keys(asMap(metadata.annotations))) {
      const problem = labelKey(key.toLowerCase());
      if (problem) add('invalid-annotation', formatPath([...metadataPath, 'annotations', key]), `key ${JSON.stringify(key)} ${problem}`);
    }
  }
  const size = entries.reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(String(value)), 0);
  if (size > TOTAL_ANNOTATION_SIZE) add('invalid-annotation', 'metadata.annotations', `${size} bytes in all, more than the limit of ${TOTAL_ANNOTATION_SIZE}`);
}

/** ValidateService / validateServicePort; the node port allocator's range is a cluster setting (wiring/node-ports.ts). */
function service(manifest: Manifest, add: Parameters<Check>[1]): void {
  if (!isA(manifest, 'v1', 'Service')) return;
  const spec = asMap(manifest.object.spec);
  const type = spec.type ?? 'ClusterIP';
  const ports = asList(spec.ports).map(asMap);
  const issue = (path: string, problem: string) => add('invalid-service', path, problem);
  if (ports.length === 0 && spec.clusterIP !== 'None' && type !== 'ExternalName') issue('spec.ports', 'is required, except for a headless or ExternalName Service');
  if (spec.clusterIP === 'None' && (type === 'NodePort' || type === 'LoadBalancer')) issue('spec.clusterIP', `may not be "None" for a ${type} Service`);
  if (type === 'ExternalName') {
    if (!spec.externalName) issue('spec.externalName', 'is required for an ExternalName Service');
    else if (typeof spec.externalName === 'string' && dns1123SubdomainName(spec.externalName.replace(/\.$/, ''))) issue('spec.externalName', `${JSON.stringify(spec.externalName)} must be a DNS-1123 subdomain`);
    if (spec.clusterIP || asList(spec.clusterIPs).length) issue('spec.clusterIP', 'may not be set for an ExternalName Service');
    // An ExternalName Service has no IP, so no IP family either (an empty ipFamilies is as good as none).
    if (asList(spec.ipFamilies).length) issue('spec.ipFamilies', 'may not be set for an ExternalName Service');
    if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) issue('spec.ipFamilyPolicy', 'may not be set for an ExternalName Service');
  }
  for (const [index, ip] of [spec.clusterIP, ...asList(spec.clusterIPs)].entries()) {
    if (typeof ip === 'string' && ip !== '' && ip !== 'None' && !parseIp(ip)) issue(index === 0 ? 'spec.clusterIP' : `spec.clusterIPs[${index - 1}]`, `${JSON.stringify(ip)} must be an IP address, "None" or ""`);
  }
  if (asList(spec.clusterIPs).length && asList(spec.clusterIPs)[0] !== spec.clusterIP) issue('spec.clusterIPs', spec.clusterIP ? 'the first value must match clusterIP' : 'must be empty when clusterIP is not set');
  if (spec.ipFamilyPolicy === 'RequireDualStack') issue('spec.ipFamilyPolicy', 'RequireDualStack is rejected by a cluster that is not configured for dual-stack Services; use PreferDualStack');
  asList(spec.externalIPs).forEach((ip, i) => {
    const parsed = parseIp(ip);
    const loopback = parsed && (parsed.v6 ? parsed.address === 1n : parsed.address >> 24n === 127n);
    if (!parsed || parsed.address === 0n || loopback) issue(`spec.externalIPs[${i}]`, `${JSON.stringify(ip)} must be an IP address, not unspecified (0.0.0.0, ::) nor loopback (127.0.0.0/8, ::1)`);
  });
  asList(spec.ipFamilies).forEach((family, i) => {
    if (asList(spec.ipFamilies).indexOf(family) !== i) issue(`spec.ipFamilies[${i}]`, `${JSON.stringify(family)} is listed twice`);
  });
  if (spec.externalTrafficPolicy !== undefined && type !== 'NodePort' && type !== 'LoadBalancer') issue('spec.externalTrafficPolicy', 'may only be set for NodePort and LoadBalancer Services');
  for (const field of ['loadBalancerSourceRanges', 'allocateLoadBalancerNodePorts', 'loadBalancerClass']) {
    if (spec[field] !== undefined && type !== 'LoadBalancer') issue(`spec.${field}`, 'may only be set for a LoadBalancer Service');
  }
  asList(spec.loadBalancerSourceRanges).forEach((range, i) => {
    if (!parseCidr(String(range).trim())) issue(`spec.loadBalancerSourceRanges[${i}]`, `${JSON.stringify(range)} must be a CIDR such as 10.0.0.0/8`);
  });
  if (spec.healthCheckNodePort !== undefined && !(type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local')) issue('spec.healthCheckNodePort', 'may only be set for a LoadBalancer Service with externalTrafficPolicy Local');
  if (spec.ipFamilyPolicy === 'SingleStack' && asList(spec.ipFamilies).length > 1) issue('spec.ipFamilyPolicy', 'must be RequireDualStack or PreferDualStack when two ipFamilies are listed');
  if (spec.trafficDistribution !== undefined && !TRAFFIC_DISTRIBUTIONS.includes(spec.trafficDistribution)) issue('spec.trafficDistribution', `${JSON.stringify(spec.trafficDistribution)} must be one of ${TRAFFIC_DISTRIBUTIONS.join(', ')}`);
  const timeout = asMap(asMap(spec.sessionAffinityConfig).clientIP).timeoutSeconds;
  if (spec.sessionAffinity === 'ClientIP' && typeof timeout === 'number' && (timeout <= 0 || timeout > MAX_SESSION_SECONDS)) issue('spec.sessionAffinityConfig.clientIP.timeoutSeconds', `${timeout} must be from 1 to ${MAX_SESSION_SECONDS}`);
  ports.forEach((port, i) => {
    const path = `spec.ports[${i}]`;
    if (ports.length > 1 && !port.name) issue(`${path}.name`, 'is required when the Service has more than one port');
    if (typeof port.name === 'string' && port.name && dns1123Label(port.name)) issue(`${path}.name`, `${JSON.stringify(port.name)} ${dns1123Label(port.name)}`);
    if (port.name && ports.slice(0, i).some((p) => p.name === port.name)) issue(`${path}.name`, `${JSON.stringify(port.name)} is a duplicate port name`);
    if (typeof port.port === 'number' && portNumOrNameProblem(port.port)) issue(`${path}.port`, `${port.port} must be a port number from 1 to 65535`);
    // 0 and "" are defaulted to the port.
    const targetProblem = port.targetPort === 0 || port.targetPort === '' ? undefined : portNumOrNameProblem(port.targetPort);
    if (targetProblem) issue(`${path}.targetPort`, `${JSON.stringify(port.targetPort)} ${targetProblem}`);
    if (typeof port.appProtocol === 'string' && labelKey(port.appProtocol)) issue(`${path}.appProtocol`, `${JSON.stringify(port.appProtocol)} ${labelKey(port.appProtocol)}`);
    const protocol = port.protocol ?? 'TCP';
    if (ports.slice(0, i).some((p) => p.port === port.port && (p.protocol ?? 'TCP') === protocol)) issue(path, `port ${port.port}/${protocol} is defined twice`);
    if (port.nodePort !== undefined && port.nodePort !== 0) {
      if (type === 'ClusterIP') issue(`${path}.nodePort`, 'may not be used when type is ClusterIP');
      if (ports.slice(0, i).some((p) => p.nodePort === port.nodePort && (p.protocol ?? 'TCP') === protocol)) issue(`${path}.nodePort`, `${port.nodePort} is a duplicate node port`);
    }
  });
}

/** ValidateObjectMeta: finalizers and owner references; a Namespace's PodSecurity labels and spec finalizers. */
function metadata(manifest: Manifest, add: Parameters<Check>[1]): void {
  const meta = asMap(manifest.object.metadata);
  asList(meta.finalizers).forEach((finalizer, i) => {
    if (typeof finalizer !== 'string') return;
    const problem = labelKey(finalizer) ?? (finalizer.includes('/') || STANDARD_FINALIZERS.includes(finalizer) ? undefined : 'is neither a standard finalizer nor fully qualified (example.com/name)');
    if (problem) add('invalid-name', `metadata.finalizers[${i}]`, `${JSON.stringify(finalizer)} ${problem}`);
  });
  if (isA(manifest, 'v1', 'Namespace')) {
    // The PodSecurity admission plugin reads these labels and refuses values it does not know.
    for (const [key, value] of Object.entries(asMap(meta.labels))) {
      const mode = /^pod-security\.kubernetes\.io\/(enforce|audit|warn)(-version)?$/.exec(key);
      const valid = !mode || (mode[2] ? value === 'latest' || /^v1\.\d+$/.test(String(value)) : POD_SECURITY_LEVELS.includes(String(value)));
      if (!valid) add('invalid-label', formatPath(['metadata', 'labels', key]), `${JSON.stringify(value)} must be ${mode![2] ? 'latest or a version such as v1.36' : `one of ${POD_SECURITY_LEVELS.join(', ')}`}`);
    }
    asList(asMap(manifest.object.spec).finalizers).forEach((finalizer, i) => {
      if (typeof finalizer === 'string' && !finalizer.includes('/') && finalizer !== 'kubernetes') add('invalid-name', `spec.finalizers[${i}]`, `${JSON.stringify(finalizer)} is neither "kubernetes" nor fully qualified (example.com/name)`);
    });
  }
  asList(meta.ownerReferences).forEach((reference, i) => {
    for (const field of ['apiVersion', 'kind', 'name', 'uid']) if (!asMap(reference)[field]) add('invalid-name', `metadata.ownerReferences[${i}].${field}`, 'is required');
  });
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
      if (!CONFIG_KEY.test(key) || key.length > 253 || key.startsWith('..') || key === '.') issue(formatPath([field, key]), `key ${JSON.stringify(key)} must consist of letters, digits, '-', '_' and '.', at most 253 characters, not starting with '..'`);
      if (isConfigMap && keys.has(key)) issue(formatPath([field, key]), `key ${JSON.stringify(key)} is also in data`);
      keys.add(key);
    }
  }
  if (size > CONFIG_DATA_SIZE) issue(maps[0], `${size} bytes of data, more than the limit of ${CONFIG_DATA_SIZE}`);
  const type = manifest.object.type;
  if (!isConfigMap && typeof type === 'string') {
    const missing = (SECRET_TYPE_KEYS[type] ?? []).filter((key) => !keys.has(key));
    if (missing.length) issue('data', `a Secret of type ${type} needs the keys ${missing.join(', ')}`);
    if (type === 'kubernetes.io/basic-auth' && !keys.has('username') && !keys.has('password')) issue('data', 'a Secret of type kubernetes.io/basic-auth needs the key username or password');
    if (type === 'kubernetes.io/service-account-token' && !asMap(asMap(manifest.object.metadata).annotations)['kubernetes.io/service-account.name']) {
      issue('metadata.annotations', 'a Secret of type kubernetes.io/service-account-token needs the annotation kubernetes.io/service-account.name');
    }
    const dockerKey = { 'kubernetes.io/dockerconfigjson': '.dockerconfigjson', 'kubernetes.io/dockercfg': '.dockercfg' }[type];
    const dockerConfig = dockerKey ? decodedSecretValue(manifest.object, dockerKey) : undefined;
    if (dockerConfig !== undefined && parseJson(dockerConfig) === undefined) issue(`data[${dockerKey}]`, 'must be JSON (a Docker config)');
  }
}

/** A Secret key's value as the API server stores it: data is base64, stringData plain text and wins. */
function decodedSecretValue(secret: Record<string, any>, key: string): string | undefined {
  const plain = asMap(secret.stringData)[key];
  if (typeof plain === 'string') return plain;
  const encoded = asMap(secret.data)[key];
  return typeof encoded === 'string' ? Buffer.from(encoded, 'base64').toString('utf8') : undefined;
}
