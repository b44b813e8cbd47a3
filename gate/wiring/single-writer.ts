import { asList, asMap, isA, Issue, kindAndName, Manifest, sameNamespace } from '../core/manifest';
import { replicasSource, Workload } from '../core/workloads';
import { referencesOf } from './references';

const SINGLE_NODE_MODES = ['ReadWriteOnce', 'ReadWriteOncePod'];

/** single-writer: each single-node claim against the workloads that mount it. */
export function singleWriterIssues(manifests: readonly Manifest[], workloads: readonly Workload[]): Issue[] {
  return manifests.filter(isSingleNodeClaim).flatMap((claim) => claimIssues(claim, workloads));
}

function isSingleNodeClaim(manifest: Manifest): boolean {
  return isA(manifest, 'v1', 'PersistentVolumeClaim') && asList(asMap(manifest.object.spec).accessModes).some((mode) => SINGLE_NODE_MODES.includes(mode));
}

/** A single-node volume must have one writer: two pods that mount it at once either hang on attach or corrupt its data. */
function claimIssues(claim: Manifest, workloads: readonly Workload[]): Issue[] {
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
