import { asMap, formatPath, Issue, Manifest } from './manifest';
import { RULE_BY_ID } from '../rules';

/** `ignore-check.multi-k8s-cdk8s/<rule-id>: "<reason>"` on an object's metadata.annotations silences that rule on that object. */
export const WAIVER_PREFIX = 'ignore-check.multi-k8s-cdk8s/';

/** Drops the waived issues and adds an invalid-waiver issue for each waiver that cannot be honoured. */
export function applyWaivers(issues: readonly Issue[], manifests: readonly Manifest[]): Issue[] {
  const waived = new Map<Manifest, Set<string>>();
  const invalid: Issue[] = [];
  for (const manifest of manifests) {
    for (const [key, reason] of Object.entries(asMap(asMap(manifest.object.metadata).annotations))) {
      if (!key.startsWith(WAIVER_PREFIX)) continue;
      const ruleId = key.slice(WAIVER_PREFIX.length);
      const rule = RULE_BY_ID.get(ruleId);
      const problem = !rule
        ? `names no rule of the gate`
        : !rule.waivable
          ? `waives ${ruleId}, which cannot be waived`
          : typeof reason !== 'string' || reason.trim() === ''
            ? 'needs a reason as its value'
            : undefined;
      if (problem) {
        invalid.push({ manifest, rule: 'invalid-waiver', message: `${formatPath(['metadata', 'annotations', key])}: ${problem}` });
      } else {
        waived.set(manifest, (waived.get(manifest) ?? new Set()).add(ruleId));
      }
    }
  }
  return [...issues.filter((issue) => !waived.get(issue.manifest)?.has(issue.rule)), ...invalid];
}
