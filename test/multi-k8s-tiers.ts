// What the multi-k8s tests expect of the tiers added to the course's five, derived from MULTI_K8S_TIERS and
// a config. The tests spell out the course tiers' objects and traffic literally, and add what this derives for
// the others, so a new tier needs no edit to them (its literal facts go in its own test file).
import { MULTI_K8S_TIER_NAMES, MULTI_K8S_TIERS, MultiK8sComponent, MultiK8sConfig } from '../apps/multi-k8s/config';

/** The course's tiers, whose objects and traffic the tests spell out. */
export const COURSE_TIERS: readonly MultiK8sComponent[] = ['client', 'server', 'worker', 'redis', 'postgres'];

/** Every other tier of MULTI_K8S_TIERS. */
export const ADDED_TIERS: readonly MultiK8sComponent[] = MULTI_K8S_TIER_NAMES.filter((tier) => !COURSE_TIERS.includes(tier));

/** `Deployment/<name>` or `StatefulSet/<name>`: the tier's workload, as flowsOf and the diagrams name it. */
export function workloadKey(tier: MultiK8sComponent): string {
  const { kind, name } = MULTI_K8S_TIERS[tier];
  return `${kind === 'StatefulStore' ? 'StatefulSet' : 'Deployment'}/${name}`;
}

/** Pods the tier runs with this config: a store runs one. */
export function replicasOf(config: MultiK8sConfig, tier: MultiK8sComponent): number {
  return (config.replicas as Partial<Record<MultiK8sComponent, number>>)[tier] ?? 1;
}

/** Tiers that connect to this one. */
export function sourcesOf(tier: MultiK8sComponent): MultiK8sComponent[] {
  return MULTI_K8S_TIER_NAMES.filter((source) => MULTI_K8S_TIERS[source].reaches?.includes(tier));
}

/** The tier connects to another, another to it, or the Ingress routes to it: it has a NetworkPolicy of its own. */
export function isWired(tier: MultiK8sComponent): boolean {
  const { reaches = [], ingressPath } = MULTI_K8S_TIERS[tier];
  return reaches.length > 0 || ingressPath !== undefined || sourcesOf(tier).length > 0;
}

/** The objects (`Kind/name`) of an added WebTier or Worker: workload, Service, policy, and a budget from two pods on. */
export function addedTierObjects(config: MultiK8sConfig): string[] {
  return ADDED_TIERS.flatMap((tier) => {
    const { name, serviceName } = MULTI_K8S_TIERS[tier];
    return [
      workloadKey(tier),
      ...(serviceName === undefined ? [] : [`Service/${serviceName}`]),
      ...(isWired(tier) ? [`NetworkPolicy/${name}`] : []),
      ...(replicasOf(config, tier) >= 2 ? [`PodDisruptionBudget/${name}`] : []),
    ];
  });
}

/** The Ingress paths to added tiers, in route order, as the Ingress spec writes them. */
export function addedIngressPaths(): Array<{ path: string; serviceName: string; port: number }> {
  return ADDED_TIERS.flatMap((tier) => {
    const { ingressPath, serviceName, port } = MULTI_K8S_TIERS[tier];
    return ingressPath === undefined ? [] : [{ path: ingressPath, serviceName: serviceName!, port: port! }];
  });
}

/**
 * The flows (as flowsOf writes them) that MULTI_K8S_TIERS allows to or from an added tier: to each tier it
 * reaches, to DNS when it reaches any, and from the ingress-nginx controller when the Ingress routes to it.
 */
export function addedTierFlows(peers: { readonly dns: string; readonly controller: string }): string[] {
  const added = (tier: MultiK8sComponent) => ADDED_TIERS.includes(tier);
  return MULTI_K8S_TIER_NAMES.flatMap((tier) => {
    const { reaches = [], ingressPath, port } = MULTI_K8S_TIERS[tier];
    return [
      ...reaches.filter((target) => added(tier) || added(target))
        .map((target) => `${workloadKey(tier)} -> ${workloadKey(target)}: TCP ${MULTI_K8S_TIERS[target].port}`),
      ...(added(tier) && reaches.length > 0 ? [`${workloadKey(tier)} -> ${peers.dns}: TCP 53`, `${workloadKey(tier)} -> ${peers.dns}: UDP 53`] : []),
      ...(added(tier) && ingressPath !== undefined ? [`${peers.controller} -> ${workloadKey(tier)}: TCP ${port}`] : []),
    ];
  });
}

/** Whether a flow (as flowsOf writes it) starts or ends at an added tier's workload. */
export function involvesAddedTier(flow: string): boolean {
  const [from, rest] = flow.split(' -> ');
  const to = rest.slice(0, rest.lastIndexOf(': '));
  return ADDED_TIERS.map(workloadKey).some((key) => key === from || key === to);
}

/**
 * A NetworkPolicy spec without its rules whose peers are all pods of added tiers (and without a policy type
 * left with no rule): the course tier's own policy, which the tests spell out.
 */
export function withoutAddedTierRules(spec: Record<string, any>): Record<string, any> {
  const selectors = ADDED_TIERS.map((tier) => canonical(MULTI_K8S_TIERS[tier].selectorLabels));
  const isAdded = (peer: any) => peer.podSelector !== undefined && peer.namespaceSelector === undefined && peer.ipBlock === undefined
    && selectors.includes(canonical(peer.podSelector.matchLabels ?? {}));
  const result = { ...spec };
  for (const [field, peers, type] of [['ingress', 'from', 'Ingress'], ['egress', 'to', 'Egress']] as const) {
    if (spec[field] === undefined) continue;
    const kept = spec[field].filter((rule: any) => !(rule[peers] ?? []).length || !rule[peers].every(isAdded));
    if (kept.length === spec[field].length) continue;
    if (kept.length > 0) {
      result[field] = kept;
    } else {
      delete result[field];
      result.policyTypes = result.policyTypes.filter((t: string) => t !== type);
    }
  }
  return result;
}

const canonical = (labels: Readonly<Record<string, string>>) => JSON.stringify(Object.entries(labels).sort());
