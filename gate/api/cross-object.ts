import { formatLabels, Issue, kindAndName, Manifest, objectIdentity } from '../core/manifest';
import { isEmptySelector, matchesSelector } from '../core/selectors';
import { Workload } from '../core/workloads';

/** duplicate-object and selector-mismatch: what the API server rejects about objects of one apply, or a workload's selector. */
export function crossObjectIssues(manifests: readonly Manifest[], workloads: readonly Workload[]): Issue[] {
  return [...duplicateIssues(manifests), ...workloads.flatMap(selectorIssues)];
}

function duplicateIssues(manifests: readonly Manifest[]): Issue[] {
  const seen = new Map<string, Manifest>();
  return manifests.flatMap((manifest) => {
    if (!manifest.kind || !manifest.name) return [];
    const key = objectIdentity(manifest);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, manifest);
      return [];
    }
    return [{ manifest, rule: 'duplicate-object', message: `metadata.name: ${kindAndName(first)} in namespace "${manifest.namespace}" is already defined in ${first.file}` }];
  });
}

function selectorIssues(workload: Workload): Issue[] {
  // A missing selector is a schema error already.
  if (workload.selector === undefined) return [];
  const { manifest, labels } = workload;
  if (isEmptySelector(workload.selector)) return [{ manifest, rule: 'selector-mismatch', message: 'spec.selector: is empty; it must select the pod template labels' }];
  if (matchesSelector(workload.selector, labels)) return [];
  return [{ manifest, rule: 'selector-mismatch', message: `spec.selector: does not match the pod template labels ${formatLabels(labels)}` }];
}
