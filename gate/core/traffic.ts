import { asList, asMap, formatLabels, isA, kindAndName, Manifest, toManifest } from './manifest';
import { matchesSelector } from './selectors';
import { Workload, workloadsOf } from './workloads';

/**
 * What NetworkPolicies allow, evaluated over one output with the API's semantics
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/): a pod that no
 * policy of a direction selects is open in that direction; otherwise a connection needs a rule
 * of a policy that selects the pod, whose peer matches the other side and whose ports include the
 * port. A connection between two workloads of the output needs the source's egress and the
 * destination's ingress. Peers outside the output (other namespaces, IP blocks) are endpoints of
 * their own, and their side of a connection is not known here.
 */
export interface Flow {
  readonly from: string;
  readonly to: string;
  /** `TCP 5432`, `UDP 53`, or `any port`. */
  readonly port: string;
}

/** Label every namespace carries since Kubernetes 1.21: the only namespace label known offline. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
export const ANYWHERE = 'anywhere';
const ANY_PORT = 'any port';

/** One ingress or egress rule of a NetworkPolicy; peers and ports undefined where the rule allows every peer or port. */
export interface PolicyRule {
  readonly policy: Manifest;
  readonly peers: readonly unknown[] | undefined;
  readonly ports: readonly unknown[] | undefined;
}

export type Direction = 'Ingress' | 'Egress';

/** allowedFlows of a set of documents, as the gate reads them. */
export function allowedFlowsOf(docs: ReadonlyArray<{ readonly file: string; readonly object: unknown }>): Flow[] {
  const manifests = docs.map(toManifest);
  return allowedFlows(manifests, workloadsOf(manifests));
}

/** The allowed flows into, out of and between the running workloads (none scaled to 0), sorted by source, destination and port. */
export function allowedFlows(manifests: readonly Manifest[], workloads: readonly Workload[]): Flow[] {
  const policies = manifests.filter(isNetworkPolicy);
  const running = workloads.filter((w) => w.replicas !== 0);
  const rulesOf = (workload: Workload, direction: Direction): PolicyRule[] | undefined => {
    const isolating = isolatingPolicies(policies, workload, direction);
    return isolating.length ? rulesOfPolicies(isolating, direction) : undefined;
  };
  const flows: Flow[] = [];
  for (const destination of running) {
    const ingress = rulesOf(destination, 'Ingress');
    for (const source of running) {
      const egress = rulesOf(source, 'Egress');
      for (const port of candidatePorts(destination, [...(ingress ?? []), ...(egress ?? [])])) {
        const inOk = ingress === undefined || ingress.some((rule) => peerMatchesWorkload(rule, source) && portMatches(rule, port, destination));
        const outOk = egress === undefined || egress.some((rule) => peerMatchesWorkload(rule, destination) && portMatches(rule, port, destination));
        if (inOk && outOk && (ingress !== undefined || egress !== undefined)) flows.push({ from: kindAndName(source.manifest), to: kindAndName(destination.manifest), port: port.label });
      }
    }
    flows.push(...externalFlows(destination, ingress, running, 'Ingress'));
  }
  for (const source of running) flows.push(...externalFlows(source, rulesOf(source, 'Egress'), running, 'Egress'));
  // Code-point order, not the locale's: the documented diagram must not depend on the machine.
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return dedupe(flows).sort((a, b) => order(a.from, b.from) || order(a.to, b.to) || order(a.port, b.port));
}

export function isNetworkPolicy(manifest: Manifest): boolean {
  return isA(manifest, 'networking.k8s.io/v1', 'NetworkPolicy');
}

/**
 * The policies of the workload's namespace that select its pods and whose policyTypes include the direction:
 * where there is one, the pods are isolated in that direction and get only what the policies' rules allow.
 */
export function isolatingPolicies(policies: readonly Manifest[], workload: Workload, direction: Direction): Manifest[] {
  return policies.filter((p) => p.namespace === workload.manifest.namespace && matchesSelector(asMap(p.object.spec).podSelector, workload.labels) && policyTypes(p).includes(direction));
}

/** The rules of the direction of these policies (the ingress rules for Ingress, the egress rules for Egress). */
export function rulesOfPolicies(policies: readonly Manifest[], direction: Direction): PolicyRule[] {
  const field = direction === 'Ingress' ? 'ingress' : 'egress';
  const peerField = direction === 'Ingress' ? 'from' : 'to';
  return policies.flatMap((policy) => asList(asMap(policy.object.spec)[field]).map((rule) => ({ policy, peers: optionalList(asMap(rule)[peerField]), ports: optionalList(asMap(rule).ports) })));
}

function policyTypes(policy: Manifest): readonly string[] {
  const spec = asMap(policy.object.spec);
  const types = asList(spec.policyTypes);
  // The API's default (SetDefaults_NetworkPolicy): Ingress always, Egress when the policy has egress rules
  // (a non-empty list: `egress: []` leaves egress open).
  return types.length ? types : ['Ingress', ...(asList(spec.egress).length ? ['Egress'] : [])];
}

/** An absent or empty `from`/`to`/`ports` list means every peer or port. */
function optionalList(value: unknown): readonly unknown[] | undefined {
  const list = asList(value);
  return list.length ? list : undefined;
}

/** A destination port: `label` is how messages and diagrams show it (`TCP 8080`). */
export interface Port {
  readonly protocol: string;
  readonly number?: number;
  readonly label: string;
}

/** The destination's container ports, and the ports the rules about it name. */
function candidatePorts(destination: Workload, rules: readonly PolicyRule[]): Port[] {
  const declared = containerPorts(destination).map((p) => ({ protocol: p.protocol ?? 'TCP', number: p.containerPort }));
  const named = rules.flatMap((rule) => (rule.ports ?? []).map(asMap)).filter((p) => typeof p.port === 'number').map((p) => ({ protocol: p.protocol ?? 'TCP', number: p.port }));
  const all = [...declared, ...named].filter((p) => typeof p.number === 'number').map((p) => ({ ...p, label: `${p.protocol} ${p.number}` }));
  const unique = [...new Map(all.map((p) => [p.label, p])).values()];
  return unique.length ? unique : [{ protocol: 'TCP', label: ANY_PORT }];
}

/** Whether the rule's ports include the port of the destination (a named port is resolved against its containers' ports). */
export function portMatches(rule: PolicyRule, port: Port, destination: Workload): boolean {
  if (rule.ports === undefined) return true;
  return rule.ports.map(asMap).some((p) => {
    const protocol = p.protocol ?? 'TCP';
    if (protocol !== port.protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') return port.number !== undefined && namedPort(destination, p.port, protocol) === port.number;
    return port.number !== undefined && port.number >= p.port && port.number <= (p.endPort ?? p.port);
  });
}

/** The number of the workload's container port of that name and protocol, as the API resolves a Service's named targetPort. */
export function namedPort(workload: Workload, name: string, protocol: string): number | undefined {
  return containerPorts(workload).find((p) => p.name === name && (p.protocol ?? 'TCP') === protocol)?.containerPort;
}

/** The ports the workload's (non-init) containers declare. */
function containerPorts(workload: Workload): Array<Record<string, any>> {
  return asList(workload.podSpec.containers).flatMap((c) => asList(asMap(c).ports).map(asMap));
}

function peerMatchesWorkload(rule: PolicyRule, workload: Workload): boolean {
  return rule.peers === undefined || rule.peers.some((peer) => selectsWorkload(asMap(peer), rule.policy, workload));
}

function selectsWorkload(peer: Record<string, any>, policy: Manifest, workload: Workload): boolean {
  if (peer.ipBlock !== undefined) return false;
  const namespace = workload.manifest.namespace;
  const namespaceOk = peer.namespaceSelector === undefined
    ? namespace === policy.namespace
    : matchesSelector(peer.namespaceSelector, { [NAMESPACE_NAME_LABEL]: namespace });
  return namespaceOk && (peer.podSelector === undefined || matchesSelector(peer.podSelector, workload.labels));
}

/** Flows between a workload and the peers of its rules that match no running workload of the output. */
function externalFlows(workload: Workload, rules: readonly PolicyRule[] | undefined, running: readonly Workload[], direction: Direction): Flow[] {
  const self = kindAndName(workload.manifest);
  const flow = (other: string, port: string): Flow => (direction === 'Ingress' ? { from: other, to: self, port } : { from: self, to: other, port });
  if (rules === undefined) return [flow(ANYWHERE, ANY_PORT)];
  return rules.flatMap((rule) => {
    const peers = rule.peers === undefined
      ? [ANYWHERE]
      : rule.peers.map(asMap).filter((peer) => !running.some((w) => selectsWorkload(peer, rule.policy, w))).map((peer) => describePeer(peer, rule.policy));
    const ports = rule.ports === undefined ? [ANY_PORT] : rule.ports.map(asMap).map((p) => (p.port === undefined ? `${p.protocol ?? 'TCP'} any port` : `${p.protocol ?? 'TCP'} ${p.port}${p.endPort ? `-${p.endPort}` : ''}`));
    return peers.flatMap((peer) => ports.map((port) => flow(peer, port)));
  });
}

/** `pods {k8s-app=kube-dns} in namespace kube-system`, `IP block 0.0.0.0/0`. */
function describePeer(peer: Record<string, any>, policy: Manifest): string {
  if (peer.ipBlock !== undefined) {
    const { cidr, except } = asMap(peer.ipBlock);
    return `IP block ${cidr}${asList(except).length ? ` except ${asList(except).join(', ')}` : ''}`;
  }
  const pods = peer.podSelector === undefined ? 'all pods' : `pods ${describeSelector(peer.podSelector)}`;
  if (peer.namespaceSelector === undefined) return `${pods} in namespace ${policy.namespace}`;
  const { matchLabels, matchExpressions } = asMap(peer.namespaceSelector);
  const labels = asMap(matchLabels);
  const names = Object.keys(labels);
  if (names.length === 1 && names[0] === NAMESPACE_NAME_LABEL && asList(matchExpressions).length === 0) return `${pods} in namespace ${labels[NAMESPACE_NAME_LABEL]}`;
  return `${pods} in namespaces ${describeSelector(peer.namespaceSelector)}`;
}

function describeSelector(selector: unknown): string {
  const { matchLabels, matchExpressions } = asMap(selector);
  const expressions = asList(matchExpressions).map(asMap).map((e) => `${e.key} ${e.operator}${e.values ? ` (${asList(e.values).join(', ')})` : ''}`);
  const labels = Object.keys(asMap(matchLabels)).length ? formatLabels(asMap(matchLabels)) : '';
  return [labels, ...expressions].filter(Boolean).join(' ') || '(any)';
}

function dedupe(flows: readonly Flow[]): Flow[] {
  return [...new Map(flows.map((f) => [JSON.stringify([f.from, f.to, f.port]), f])).values()];
}
