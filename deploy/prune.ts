import { Cluster, kindKey } from './cluster';
import { Kubectl } from './kubectl';
import { objectIdentity } from '../gate/core/manifest';
import { describe, objectArgs, OutputObject } from './objects';

/** The label every object of a chart carries (the charts set it); the deploy prunes by it. */
export const APP_LABEL = 'app.kubernetes.io/part-of';

/** Kinds the charts emit that the deploy deletes once they leave the output, as "group/Kind". */
export const PRUNED_KINDS = [
  'apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job', 'batch/CronJob', '/Service', 'discovery.k8s.io/EndpointSlice', '/ConfigMap', '/ServiceAccount',
  'networking.k8s.io/NetworkPolicy', 'networking.k8s.io/Ingress', 'policy/PodDisruptionBudget', 'autoscaling/HorizontalPodAutoscaler',
  'cert-manager.io/Certificate', 'cert-manager.io/Issuer', 'cert-manager.io/ClusterIssuer',
];
/**
 * Kinds whose deletion loses data or everything inside them: the deploy lists them when they leave the output
 * and leaves the deletion to a person.
 */
export const KEPT_KINDS = ['/PersistentVolumeClaim', '/Namespace', '/Secret'];

/** A live object of the app, found by its label. */
export interface LiveObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly resource: string;
}

export interface PrunePlan {
  /** Objects of the app no longer in the output: deleted once the rollouts are ready. */
  readonly remove: readonly LiveObject[];
  /** Retired objects of the output that the cluster still has: deleted once the rollouts are ready. */
  readonly retire: readonly LiveObject[];
  /** Objects of the app no longer in the output that the deploy does not delete (claims, namespaces, Secrets). */
  readonly kept: readonly LiveObject[];
}

/**
 * The app's live objects (by `app.kubernetes.io/part-of`) that the output no longer has, in the namespaces the
 * output uses and among cluster-scoped objects, and the retired objects the deploy applies. Objects that a
 * controller owns (ownerReferences) follow their owner and are never listed; objects without the label are never touched.
 */
export function planPrune(kubectl: Kubectl, cluster: Cluster, output: readonly OutputObject[], applied: readonly OutputObject[], apps: readonly string[]): PrunePlan {
  const kinds = [...PRUNED_KINDS, ...KEPT_KINDS].flatMap((key) => {
    const served = cluster.kinds.get(key);
    return served ? [{ key, resource: served.resource }] : [];
  });
  const namespaces = new Set(output.flatMap((o) => (o.namespace ? [o.namespace] : [])));
  const inOutput = new Set(output.map(objectIdentity));
  const items = kubectl.json(['get', kinds.map((k) => k.resource).join(','), '--all-namespaces', '-l', `${APP_LABEL} in (${apps.join(',')})`]).items as any[];
  const remove: LiveObject[] = [];
  const kept: LiveObject[] = [];
  for (const item of items) {
    const { namespace, name, ownerReferences } = item.metadata;
    if (ownerReferences?.length || (namespace && !namespaces.has(namespace))) continue;
    const kind = kinds.find((k) => k.key === kindKey(item.apiVersion, item.kind))!;
    const live: LiveObject = { apiVersion: item.apiVersion, kind: item.kind, name, namespace, resource: kind.resource };
    if (!inOutput.has(objectIdentity(live))) (KEPT_KINDS.includes(kind.key) ? kept : remove).push(live);
  }
  // The retired objects carry the app's label once the deploy has applied them (the course's objects have none before).
  const retire = applied.filter((o) => o.retired).map(({ apiVersion, kind, name, namespace, resource }) => ({ apiVersion, kind, name, namespace, resource: resource! }));
  const byName = (a: LiveObject, b: LiveObject) => describe(a).localeCompare(describe(b));
  return { remove: remove.sort(byName), retire: retire.sort(byName), kept: kept.sort(byName) };
}

/** A count per group of the plan, then one line per object. */
export function formatPrune(plan: PrunePlan): string[] {
  return [
    `${plan.remove.length} no longer in the output, ${plan.retire.length} retired: deleted once the rollouts are ready; ${plan.kept.length} kept`,
    ...plan.remove.map((o) => `  - ${describe(o)}`),
    ...plan.retire.map((o) => `  - ${describe(o)} (retired)`),
    ...plan.kept.map((o) => `  kept ${describe(o)}: no longer in the output; if its data is not needed, kubectl delete ${objectArgs(o).join(' ')}`),
  ];
}

export function deleteObjects(kubectl: Kubectl, objects: readonly LiveObject[], log: (line: string) => void): void {
  for (const o of objects) {
    kubectl.output(['delete', ...objectArgs(o), '--ignore-not-found', '--wait=false']);
    log(`  deleted ${describe(o)}`);
  }
}
