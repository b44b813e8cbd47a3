import { RETIRED_ANNOTATION } from '../lib/stateful-store';
import { Cluster, kindKey } from './cluster';

/** One object of the output, as the deploy applies it. */
export interface OutputObject {
  /** The manifest, with the target namespace filled in where a namespaced object names none. */
  readonly object: Record<string, any>;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Undefined for cluster-scoped kinds. */
  readonly namespace?: string;
  /** The kind as kubectl takes it, e.g. "deployments.apps"; undefined where the cluster does not serve the kind. */
  readonly resource?: string;
  /** A Deployment the app replaces (the course's redis and postgres): applied only while the cluster has it, deleted once its replacement is ready. */
  readonly retired: boolean;
}

/** The output's objects placed in the cluster: kubectl would put namespaced objects that name no namespace in `namespace`. */
export function placeObjects(manifests: readonly any[], cluster: Cluster, namespace: string): OutputObject[] {
  return manifests.map((manifest) => {
    const served = cluster.kinds.get(kindKey(manifest.apiVersion, manifest.kind));
    // A kind the cluster does not serve yet (the preflight says so) is placed by the convention of Kubernetes's own kinds.
    const namespaced = served?.namespaced ?? !manifest.kind.startsWith('Cluster');
    const placed = namespaced ? manifest.metadata.namespace ?? namespace : undefined;
    const object = placed === undefined ? manifest : { ...manifest, metadata: { ...manifest.metadata, namespace: placed } };
    return {
      object,
      apiVersion: manifest.apiVersion,
      kind: manifest.kind,
      name: manifest.metadata.name,
      namespace: placed,
      resource: served?.resource,
      retired: manifest.metadata.annotations?.[RETIRED_ANNOTATION] !== undefined,
    };
  });
}

/** How the deploy names an object: `Deployment default/client-deployment`, `ClusterIssuer letsencrypt-production`. */
export function describe(o: { readonly kind: string; readonly namespace?: string; readonly name: string }): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

/** Arguments that make kubectl act on one object. */
export function objectArgs(o: { readonly resource?: string; readonly namespace?: string; readonly name: string }): string[] {
  return [o.resource!, o.name, ...namespaceArgs(o)];
}

/** `--namespace NS` for a namespaced object, nothing for a cluster-scoped one. */
export function namespaceArgs(o: { readonly namespace?: string }): string[] {
  return o.namespace ? ['--namespace', o.namespace] : [];
}

export function isNamespace(o: OutputObject): boolean {
  return o.apiVersion === 'v1' && o.kind === 'Namespace';
}
