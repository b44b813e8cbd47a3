import { asMap, formatLabels, isA, Issue, kindAndName, Manifest, sameNamespace } from '../core/manifest';
import { matchesSelector } from '../core/selectors';
import { fewestPods, replicasSource, Workload } from '../core/workloads';

/** pdb-missing, network-policy-missing, naked-pod and missing-replicas: policies about workloads as a whole. */
export function workloadPolicyIssues(manifests: readonly Manifest[], workloads: readonly Workload[]): Issue[] {
  const pdbs = manifests.filter((m) => isA(m, 'policy/v1', 'PodDisruptionBudget'));
  const networkPolicies = manifests.filter((m) => isA(m, 'networking.k8s.io/v1', 'NetworkPolicy'));
  const covered = (workload: Workload, policies: readonly Manifest[], selectorField: string): boolean =>
    policies.some((p) => sameNamespace(p, workload.manifest) && matchesSelector(asMap(p.object.spec)[selectorField], workload.labels));
  return [
    ...workloads
      .filter((w) => (w.replicas ?? 0) >= 2 && !covered(w, pdbs, 'selector'))
      .map((w): Issue => ({
        manifest: w.manifest,
        rule: 'pdb-missing',
        message: `${replicasSource(w)}: up to ${w.replicas} pods but no policy/v1 PodDisruptionBudget selects the pod template labels ${formatLabels(w.labels)}`,
      })),
    ...workloads
      .filter((w) => !covered(w, networkPolicies, 'podSelector'))
      .map((w): Issue => ({
        manifest: w.manifest,
        rule: 'network-policy-missing',
        message: `${w.podSpecPath}: no NetworkPolicy podSelector in namespace "${w.manifest.namespace}" covers the pod labels ${formatLabels(w.labels)}`,
      })),
    ...workloads
      .filter((w) => isA(w.manifest, 'v1', 'Pod'))
      .map((w): Issue => ({ manifest: w.manifest, rule: 'naked-pod', message: 'kind: a bare Pod is not replaced when it fails or its node goes away; run it from a Deployment, StatefulSet or Job' })),
    ...workloads.filter((w) => isA(w.manifest, 'apps/v1', 'Deployment')).flatMap(missingReplicas),
  ];
}

/** A Deployment of one pod is down during every rollout, eviction and node failure (Polaris deploymentMissingReplicas, kube-linter hpa-minimum-three-replicas). */
function missingReplicas(workload: Workload): Issue[] {
  const min = fewestPods(workload);
  // 0 replicas: a Deployment kept to retire its pods runs none.
  if (min === 0 || min >= 2) return [];
  const source = workload.autoscaler ? `${kindAndName(workload.autoscaler)} minReplicas: ${min}` : `spec.replicas: ${min}`;
  return [{ manifest: workload.manifest, rule: 'missing-replicas', message: `${source}: a single pod is down during every rollout, eviction and node failure; run at least 2` }];
}
