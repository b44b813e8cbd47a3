import { asList, asMap, isA, Issue, Manifest, sameNamespace } from '../core/manifest';
import type { RuleId } from '../rules';
import { containersOf, Workload, workloadsOf } from '../core/workloads';

/** Annotation on a workload (or an Ingress) listing Secrets created out of band, comma-separated. */
export const EXTERNAL_SECRETS_ANNOTATION = 'multi-k8s-cdk8s/external-secrets';

/** The kinds an object may name that must exist in its namespace before its pods start (or its TLS works). */
export type ReferencedKind = 'Secret' | 'ConfigMap' | 'ServiceAccount' | 'PersistentVolumeClaim';

/** The objects of each kind that are created out of band, by name, in any namespace (`--external-secret` etc.). */
export type ExternalObjects = Partial<Record<ExternalKind, readonly string[]>>;
export type ExternalKind = Exclude<ReferencedKind, 'PersistentVolumeClaim'>;

interface KindRule {
  readonly rule: RuleId;
  /** How to declare one external, if the kind can be: the object annotation and the CLI flag. */
  readonly external?: { readonly annotation: string; readonly flag: string };
}

export const REFERENCE_RULES: Readonly<Record<ReferencedKind, KindRule>> = {
  Secret: { rule: 'secret-missing', external: { annotation: EXTERNAL_SECRETS_ANNOTATION, flag: '--external-secret' } },
  ConfigMap: { rule: 'configmap-missing', external: { annotation: 'multi-k8s-cdk8s/external-config-maps', flag: '--external-config-map' } },
  ServiceAccount: { rule: 'service-account-missing', external: { annotation: 'multi-k8s-cdk8s/external-service-accounts', flag: '--external-service-account' } },
  PersistentVolumeClaim: { rule: 'pvc-missing' },
};

/** An object's reference to another object by name. */
export interface Reference {
  readonly kind: ReferencedKind;
  readonly name: string;
  /** Where the name sits in the object, e.g. `spec.template.spec.volumes[0].persistentVolumeClaim.claimName`. */
  readonly path: string;
  /** `optional: true`: the pod starts without it. */
  readonly optional: boolean;
  /** The key a `secretKeyRef` or `configMapKeyRef` reads. */
  readonly key?: string;
}

export function referencesOf(workload: Workload): Reference[] {
  const refs: Reference[] = [];
  const add = (kind: ReferencedKind, holder: unknown, field: string, path: string): void => {
    const { [field]: name, optional, key } = asMap(holder);
    if (typeof name === 'string') refs.push({ kind, name, path: `${path}.${field}`, optional: optional === true, ...(typeof key === 'string' && { key }) });
  };
  const { podSpec, podSpecPath } = workload;
  // Every namespace has the ServiceAccount "default", which pods use when they name none; serviceAccount is the deprecated alias.
  const accountField = podSpec.serviceAccountName !== undefined ? 'serviceAccountName' : 'serviceAccount';
  if (podSpec[accountField] !== 'default') add('ServiceAccount', podSpec, accountField, podSpecPath);
  asList(podSpec.volumes).forEach((volume, i) => {
    const path = `${podSpecPath}.volumes[${i}]`;
    add('PersistentVolumeClaim', volume?.persistentVolumeClaim, 'claimName', `${path}.persistentVolumeClaim`);
    add('Secret', volume?.secret, 'secretName', `${path}.secret`);
    add('ConfigMap', volume?.configMap, 'name', `${path}.configMap`);
    asList(volume?.projected?.sources).forEach((source, j) => {
      add('Secret', source?.secret, 'name', `${path}.projected.sources[${j}].secret`);
      add('ConfigMap', source?.configMap, 'name', `${path}.projected.sources[${j}].configMap`);
    });
  });
  asList(podSpec.imagePullSecrets).forEach((secret, i) => add('Secret', secret, 'name', `${podSpecPath}.imagePullSecrets[${i}]`));
  for (const { container, path } of containersOf(workload)) {
    asList(container.env).forEach((env, i) => {
      add('Secret', env?.valueFrom?.secretKeyRef, 'name', `${path}.env[${i}].valueFrom.secretKeyRef`);
      add('ConfigMap', env?.valueFrom?.configMapKeyRef, 'name', `${path}.env[${i}].valueFrom.configMapKeyRef`);
    });
    asList(container.envFrom).forEach((source, i) => {
      add('Secret', source?.secretRef, 'name', `${path}.envFrom[${i}].secretRef`);
      add('ConfigMap', source?.configMapRef, 'name', `${path}.envFrom[${i}].configMapRef`);
    });
  }
  return refs;
}

/** An Ingress's TLS Secrets: ingress-nginx serves its default certificate for a host whose Secret is missing. */
function ingressReferences(ingress: Manifest): Reference[] {
  return asList(asMap(ingress.object.spec).tls).flatMap((tls, i) => {
    const name = asMap(tls).secretName;
    return typeof name === 'string' ? [{ kind: 'Secret' as const, name, path: `spec.tls[${i}].secretName`, optional: false }] : [];
  });
}

/**
 * pvc-missing, secret-missing, configmap-missing and service-account-missing: every object a pod (or an Ingress's TLS)
 * needs is in the output, is produced by an object of the output (a cert-manager Certificate's Secret), or is declared external.
 */
export function referenceIssues(manifests: readonly Manifest[], workloads: readonly Workload[], external: ExternalObjects): Issue[] {
  return referencesOutside(manifests, workloads).flatMap(({ manifest, refs }) =>
    refs
      .filter((ref) => !declaredExternal(ref, manifest, external))
      .map((ref): Issue => {
        const { rule, external: how } = REFERENCE_RULES[ref.kind];
        const declare = how ? ` and is not declared external (annotation ${how.annotation} or ${how.flag})` : '';
        return { manifest, rule, message: `${ref.path}: ${ref.kind} "${ref.name}" is not in the output (namespace "${manifest.namespace}")${declare}` };
      }),
  );
}

/** Per object, the references it needs that the output neither holds nor produces: what the cluster must already have. */
export function referencesOutside(manifests: readonly Manifest[], workloads: readonly Workload[] = workloadsOf(manifests)): Array<{ manifest: Manifest; refs: Reference[] }> {
  const referrers = [
    ...workloads.map((w) => ({ manifest: w.manifest, refs: referencesOf(w) })),
    ...manifests.filter((m) => isA(m, 'networking.k8s.io/v1', 'Ingress')).map((manifest) => ({ manifest, refs: ingressReferences(manifest) })),
  ];
  return referrers.map(({ manifest, refs }) => ({ manifest, refs: refs.filter((ref) => !ref.optional && !inOutput(ref, manifest, manifests)) }));
}

function inOutput(ref: Reference, referrer: Manifest, manifests: readonly Manifest[]): boolean {
  return manifests.some(
    (m) => sameNamespace(m, referrer) && ((isA(m, 'v1', ref.kind) && m.name === ref.name) || (ref.kind === 'Secret' && certificateSecret(m) === ref.name)),
  );
}

/** The Secret a cert-manager Certificate writes its key pair to. */
function certificateSecret(manifest: Manifest): string | undefined {
  return isA(manifest, 'cert-manager.io/v1', 'Certificate') ? asMap(manifest.object.spec).secretName : undefined;
}

function declaredExternal(ref: Reference, referrer: Manifest, external: ExternalObjects): boolean {
  if (ref.kind === 'PersistentVolumeClaim') return false;
  const annotated = asMap(asMap(referrer.object.metadata).annotations)[REFERENCE_RULES[ref.kind].external!.annotation];
  const names = [...(external[ref.kind] ?? []), ...(typeof annotated === 'string' ? annotated.split(',').map((name) => name.trim()) : [])];
  return names.includes(ref.name);
}
