import { asList, asMap, formatLabels, isA, Issue, Manifest, sameNamespace } from '../core/manifest';
import { isEmptySelector } from '../core/selectors';
import { isService, Workload, workloadsSelectedBy } from '../core/workloads';

const SCALABLE_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet'];

/**
 * Objects that name or select others that are not in the output: kube-linter's dangling-horizontalpodautoscaler,
 * dangling-networkpolicy and dangling-networkpolicypeer-podselector, and the same for budgets and StatefulSets.
 */
export function danglingIssues(manifests: readonly Manifest[], workloads: readonly Workload[]): Issue[] {
  const selectsSome = (selector: unknown, owner: Manifest): boolean => workloadsSelectedBy(selector, owner, workloads).length > 0;
  return manifests.flatMap((manifest): Issue[] => {
    const spec = asMap(manifest.object.spec);
    if (isA(manifest, 'autoscaling/v2', 'HorizontalPodAutoscaler')) return autoscalerTargetIssues(manifest, manifests);
    if (isA(manifest, 'apps/v1', 'StatefulSet')) return governingServiceIssues(manifest, manifests);
    if (isA(manifest, 'policy/v1', 'PodDisruptionBudget')) {
      // A budget without a selector is a schema error; an empty one selects every pod of the namespace.
      if (spec.selector === undefined || selectsSome(spec.selector, manifest)) return [];
      return [{ manifest, rule: 'pdb-selects-nothing', message: `spec.selector: selects the pods of no workload in namespace "${manifest.namespace}", so it protects nothing` }];
    }
    if (isA(manifest, 'networking.k8s.io/v1', 'NetworkPolicy')) {
      return podSelectorsOf(manifest)
        .filter(({ selector }) => !isEmptySelector(selector) && !selectsSome(selector, manifest))
        .map(({ path, selector }) => ({
          manifest,
          rule: 'network-policy-selects-nothing' as const,
          message: `${path}: ${describeSelector(selector)} selects the pods of no workload in namespace "${manifest.namespace}"`,
        }));
    }
    return [];
  });
}

/** The policy's podSelector, and the podSelector of each peer that selects pods of the policy's own namespace (no namespaceSelector). */
function podSelectorsOf(policy: Manifest): Array<{ path: string; selector: unknown }> {
  const spec = asMap(policy.object.spec);
  const peers = (direction: 'ingress' | 'egress', field: 'from' | 'to') =>
    asList(spec[direction]).flatMap((rule, i) =>
      asList(asMap(rule)[field]).flatMap((peer, j) => {
        const { podSelector, namespaceSelector } = asMap(peer);
        return podSelector !== undefined && namespaceSelector === undefined ? [{ path: `spec.${direction}[${i}].${field}[${j}].podSelector`, selector: podSelector }] : [];
      }),
    );
  return [{ path: 'spec.podSelector', selector: spec.podSelector }, ...peers('ingress', 'from'), ...peers('egress', 'to')];
}

function describeSelector(selector: unknown): string {
  const { matchLabels, matchExpressions } = asMap(selector);
  const expressions = asList(matchExpressions).length;
  return `${formatLabels(asMap(matchLabels))}${expressions ? ` and ${expressions} matchExpressions` : ''}`;
}

function autoscalerTargetIssues(autoscaler: Manifest, manifests: readonly Manifest[]): Issue[] {
  const { apiVersion, kind, name } = asMap(asMap(autoscaler.object.spec).scaleTargetRef);
  const target = manifests.find((m) => sameNamespace(m, autoscaler) && m.apiVersion === apiVersion && m.kind === kind && m.name === name);
  if (target && SCALABLE_KINDS.includes(target.kind)) return [];
  const problem = target ? `is a ${kind}, which has no scale subresource` : `is not in the output (namespace "${autoscaler.namespace}")`;
  return [{ manifest: autoscaler, rule: 'autoscaler-target-missing', message: `spec.scaleTargetRef: ${apiVersion} ${kind} "${name}" ${problem}` }];
}

/**
 * A StatefulSet's serviceName names the Service meant to give its pods DNS names. Not required to be headless
 * here: serviceName is immutable, and a StatefulSet whose pods are reached through a ClusterIP Service works.
 */
function governingServiceIssues(statefulSet: Manifest, manifests: readonly Manifest[]): Issue[] {
  const serviceName = asMap(statefulSet.object.spec).serviceName;
  // Optional since Kubernetes 1.30 (schema): without it the pods get no DNS names.
  if (typeof serviceName !== 'string' || serviceName === '') return [];
  if (manifests.some((m) => isService(m) && sameNamespace(m, statefulSet) && m.name === serviceName)) return [];
  return [{ manifest: statefulSet, rule: 'governing-service-missing', message: `spec.serviceName: Service "${serviceName}" is not in the output (namespace "${statefulSet.namespace}")` }];
}
