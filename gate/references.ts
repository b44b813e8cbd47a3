import { asList, asMap, isA, Issue, Manifest, sameNamespace } from './manifest';
import { containersOf, Workload } from './workloads';

/** Annotation on a workload listing Secrets created out of band, comma-separated. */
export const EXTERNAL_SECRETS_ANNOTATION = 'multi-k8s-cdk8s/external-secrets';

/** A pod's reference to an object it needs by name. */
export interface Reference {
  readonly kind: 'Secret' | 'PersistentVolumeClaim';
  readonly name: string;
  /** Where the name sits in the workload, e.g. `spec.template.spec.volumes[0].persistentVolumeClaim.claimName`. */
  readonly path: string;
  /** `optional: true`: the pod starts without it. */
  readonly optional: boolean;
}

export function referencesOf(workload: Workload): Reference[] {
  const refs: Reference[] = [];
  const add = (kind: Reference['kind'], holder: unknown, field: string, path: string): void => {
    const name = asMap(holder)[field];
    if (typeof name === 'string') refs.push({ kind, name, path: `${path}.${field}`, optional: asMap(holder).optional === true });
  };
  const { podSpec, podSpecPath } = workload;
  asList(podSpec.volumes).forEach((volume, i) => {
    const path = `${podSpecPath}.volumes[${i}]`;
    add('PersistentVolumeClaim', volume?.persistentVolumeClaim, 'claimName', `${path}.persistentVolumeClaim`);
    add('Secret', volume?.secret, 'secretName', `${path}.secret`);
    asList(volume?.projected?.sources).forEach((source, j) => add('Secret', source?.secret, 'name', `${path}.projected.sources[${j}].secret`));
  });
  asList(podSpec.imagePullSecrets).forEach((secret, i) => add('Secret', secret, 'name', `${podSpecPath}.imagePullSecrets[${i}]`));
  for (const { container, path } of containersOf(workload)) {
    asList(container.env).forEach((env, i) => add('Secret', env?.valueFrom?.secretKeyRef, 'name', `${path}.env[${i}].valueFrom.secretKeyRef`));
    asList(container.envFrom).forEach((source, i) => add('Secret', source?.secretRef, 'name', `${path}.envFrom[${i}].secretRef`));
  }
  return refs;
}

/** pvc-missing and secret-missing: every object a pod needs to start is in the output (or, for a Secret, declared external). */
export function referenceIssues(manifests: readonly Manifest[], workloads: readonly Workload[], externalSecrets: readonly string[]): Issue[] {
  return workloads.flatMap((workload) => {
    const external = new Set([...externalSecrets, ...annotatedExternalSecrets(workload.manifest)]);
    const exists = (ref: Reference): boolean =>
      manifests.some((m) => isA(m, 'v1', ref.kind) && sameNamespace(m, workload.manifest) && m.name === ref.name);
    return referencesOf(workload)
      .filter((ref) => !ref.optional && !exists(ref))
      .flatMap((ref): Issue[] => {
        const where = `is not in the output (namespace "${workload.manifest.namespace}")`;
        if (ref.kind === 'PersistentVolumeClaim') {
          return [{ manifest: workload.manifest, rule: 'pvc-missing', message: `${ref.path}: PersistentVolumeClaim "${ref.name}" ${where}` }];
        }
        if (external.has(ref.name)) return [];
        return [
          {
            manifest: workload.manifest,
            rule: 'secret-missing',
            message: `${ref.path}: Secret "${ref.name}" ${where} and is not declared external (annotation ${EXTERNAL_SECRETS_ANNOTATION} or --external-secret)`,
          },
        ];
      });
  });
}

function annotatedExternalSecrets(manifest: Manifest): string[] {
  const value = asMap(asMap(manifest.object.metadata).annotations)[EXTERNAL_SECRETS_ANNOTATION];
  return typeof value === 'string' ? value.split(',').map((name) => name.trim()).filter(Boolean) : [];
}
