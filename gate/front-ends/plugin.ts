import { rmSync } from 'fs';
import { dirname, join } from 'path';
import type { Validation, ValidationContext, ValidationViolatingResource } from 'cdk8s-cli/plugins';
import { CONSTRUCT_METADATA_FILE } from './in-synth';
import { Finding, loadManifestFile, validateManifests, ValidateOptions } from '../index';
import { RULE_BY_ID } from '../rules';
import { WAIVER_PREFIX } from '../core/waivers';

/**
 * The gate as a cdk8s-cli validation plugin (cdk8s.yaml `validations:`), loaded through
 * scripts/cdk8s-validation-plugin.js. Its properties are the gate's options, e.g. `externalSecrets: [name]`.
 * One violation per rule; the CLI adds the construct path of each object from the app's construct metadata,
 * which the plugin then deletes from the output folder: `kubectl apply -f dist` rejects a file that is not a manifest.
 */
export class MultiK8sGate implements Validation {
  public constructor(private readonly options: ValidateOptions = {}) {}

  public async validate(context: ValidationContext): Promise<void> {
    // The CLI has read the metadata before it runs any plugin.
    for (const folder of new Set(context.manifests.map(dirname))) rmSync(join(folder, CONSTRUCT_METADATA_FILE), { force: true });
    const docs = context.manifests.flatMap((file) => loadManifestFile(file));
    const findings = validateManifests(docs, this.options);
    for (const [rule, ruleFindings] of groupBy(findings, (f) => f.rule)) {
      const { description, waivable } = RULE_BY_ID.get(rule)!;
      context.report.addViolation({
        ruleName: `${rule} (${ruleFindings[0].severity})`,
        recommendation: description,
        fix: `change the field named in each location${waivable ? `, or waive the rule on the object with the annotation ${WAIVER_PREFIX}${rule}: "<reason>"` : ''}`,
        violatingResources: [...groupBy(ruleFindings, (f) => JSON.stringify([f.file, f.objectKey]))].map(([, group]) => resourceOf(group, context)),
      });
    }
    const errors = findings.filter((f) => f.severity === 'error').length;
    context.report.submit(errors > 0 ? 'failure' : 'success', {
      objects: String(docs.length),
      errors: String(errors),
      warnings: String(findings.length - errors),
    });
  }
}

/**
 * One object with all its findings of one rule. The CLI looks up the construct path by `resourceName`: the
 * object's key where the app wrote its metadata by key (gate/front-ends/in-synth.ts), else its name (any other cdk8s app).
 */
function resourceOf(findings: readonly Finding[], context: ValidationContext): ValidationViolatingResource {
  const { objectKey, name, file } = findings[0];
  return {
    resourceName: objectKey in context.metadata ? objectKey : name,
    manifestPath: file,
    locations: findings.map((f) => `${f.kind}/${f.name}: ${f.message}`),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
