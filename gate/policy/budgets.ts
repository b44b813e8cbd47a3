import { asMap, isA, Issue, Manifest } from '../core/manifest';
import { fewestPods, Workload, workloadsSelectedBy } from '../core/workloads';

/** pdb-unhealthy-pod-eviction and pdb-blocks-eviction: budgets that make node drains hang. */
export function budgetIssues(manifests: readonly Manifest[], workloads: readonly Workload[]): Issue[] {
  return manifests.filter((m) => isA(m, 'policy/v1', 'PodDisruptionBudget')).flatMap((budget) => [...unhealthyPolicyIssues(budget), ...evictionBlockedIssues(budget, workloads)]);
}

/** kube-linter pdb-unhealthy-pod-eviction-policy: with the default policy a crash-looping pod counts against the budget. */
function unhealthyPolicyIssues(budget: Manifest): Issue[] {
  if (asMap(budget.object.spec).unhealthyPodEvictionPolicy === 'AlwaysAllow') return [];
  return [{ manifest: budget, rule: 'pdb-unhealthy-pod-eviction', message: 'spec.unhealthyPodEvictionPolicy: must be AlwaysAllow, or a crash-looping pod blocks node drains' }];
}

/**
 * A budget that never allows a voluntary disruption blocks every node drain (kube-linter pdb-max-unavailable and
 * pdb-min-available, Polaris pdbDisruptionsIsZero and pdbMinAvailableGreaterThanHPAMinReplicas).
 */
function evictionBlockedIssues(budget: Manifest, workloads: readonly Workload[]): Issue[] {
  const { maxUnavailable, minAvailable, selector } = asMap(budget.object.spec);
  const issue = (message: string): Issue[] => [{ manifest: budget, rule: 'pdb-blocks-eviction', message: `${message}, so node drains hang` }];
  if (maxUnavailable === 0 || maxUnavailable === '0%') return issue(`spec.maxUnavailable: ${JSON.stringify(maxUnavailable)} never allows evicting a pod`);
  if (minAvailable === '100%') return issue('spec.minAvailable: "100%" never allows evicting a pod');
  if (typeof minAvailable !== 'number') return [];
  const selected = workloadsSelectedBy(selector, budget, workloads).filter((w) => w.replicas !== 0);
  const fewest = selected.reduce((sum, w) => sum + fewestPods(w), 0);
  if (selected.length === 0 || minAvailable < fewest) return [];
  return issue(`spec.minAvailable: ${minAvailable} is not below the ${fewest} pod${fewest === 1 ? '' : 's'} the selected workloads may run`);
}
