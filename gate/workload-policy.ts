import { asList, asMap, formatLabels, isA, Issue, kindAndName, Manifest, sameNamespace } from './manifest';
import { referencesOf } from './references';
import { matchesSelector } from './selectors';
import { fewestPods, replicasSource, Workload } from './workloads';

const SINGLE_NODE_MODES = ['ReadWriteOnce', 'ReadWriteOncePod'];

/** pdb-missing, network-policy-missing and single-writer: policies about workloads as a whole. */
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
    ...manifests.filter(isSingleNodeClaim).flatMap((claim) => singleWriterIssues(claim, workloads)),
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

function isSingleNodeClaim(manifest: Manifest): boolean {
  return isA(manifest, 'v1', 'PersistentVolumeClaim') && asList(asMap(manifest.object.spec).accessModes).some((mode) => SINGLE_NODE_MODES.includes(mode));
}

/** A single-node volume must have one writer: two pods that mount it at once either hang on attach or corrupt its data. */
function singleWriterIssues(claim: Manifest, workloads: readonly Workload[]): Issue[] {
  const mounts = workloads
    .filter((w) => sameNamespace(w.manifest, claim))
    .flatMap((workload) => referencesOf(workload).filter((ref) => ref.kind === 'PersistentVolumeClaim' && ref.name === claim.name).map((ref) => ({ workload, ref })));
  return mounts.flatMap(({ workload, ref }): Issue[] => {
    const others = mounts.filter((m) => m.workload !== workload).map((m) => kindAndName(m.workload.manifest));
    const why = others.length ? `is also mounted by ${[...new Set(others)].join(', ')}` : concurrentPods(workload);
    if (!why) return [];
    const modes = asList(asMap(claim.object.spec).accessModes).join(', ');
    return [{ manifest: workload.manifest, rule: 'single-writer', message: `${ref.path}: PersistentVolumeClaim "${claim.name}" (${modes}) ${why}` }];
  });
}

/** Why a workload may run two pods at once, or undefined if it never does. */
function concurrentPods(workload: Workload): string | undefined {
  const { manifest, replicas } = workload;
  if (replicas !== undefined && replicas > 1) return `is mounted by up to ${replicas} pods (${replicasSource(workload)}); run 1 replica`;
  if (isA(manifest, 'apps/v1', 'DaemonSet')) return 'is mounted by one pod on every node';
  const strategy = asMap(asMap(manifest.object.spec).strategy).type ?? 'RollingUpdate';
  if (isA(manifest, 'apps/v1', 'Deployment') && strategy !== 'Recreate') {
    return `is mounted by the old and the new pod at once during a ${strategy} rollout (the default strategy); use strategy Recreate`;
  }
  return undefined;
}
