// Systematic sweeps over every leaf of every base, beside the hand-written mutations: each number made -1, 0 or
// 2^31, each string made empty, odd (ODD, which no name, enum or path accepts) or 254 letters long, each leaf removed. They find the
// bounds, syntaxes and required fields nobody thought to write.
import { BASES } from './bases';
import type { Category } from './mutations';

export interface Sweep {
  readonly base: string;
  readonly what: string;
  readonly category: Category;
  readonly object: Record<string, any>;
}

/** Uppercase, an underscore, a space and a '!': no name, label, enum or path syntax takes it. */
const ODD = 'Bad_Value !';

const POD_SPEC = /(^|\.)spec(\.template\.spec|\.jobTemplate\.spec\.template\.spec)?\.(containers|initContainers|volumes|securityContext|tolerations|topologySpreadConstraints|automountServiceAccountToken|restartPolicy)/;

function categoryOf(kind: string, path: string): Category {
  if (kind === 'Pod' || POD_SPEC.test(path)) return 'pod specs';
  if (path.startsWith('metadata')) return 'names, labels, annotations';
  const byKind: Record<string, Category> = {
    Service: 'Services', ConfigMap: 'ConfigMap/Secret data', Secret: 'ConfigMap/Secret data', Ingress: 'Ingresses', NetworkPolicy: 'NetworkPolicies',
    HorizontalPodAutoscaler: 'HPA / PDB', PodDisruptionBudget: 'HPA / PDB', Certificate: 'cert-manager resources', ClusterIssuer: 'cert-manager resources',
    Issuer: 'cert-manager resources', ServiceAccount: 'names, labels, annotations', Namespace: 'names, labels, annotations',
    EndpointSlice: 'EndpointSlices',
  };
  return byKind[kind] ?? 'workloads, rollouts, PVCs';
}

function leaves(node: unknown, path: Array<string | number> = []): Array<{ path: Array<string | number>; value: unknown }> {
  if (Array.isArray(node)) return node.flatMap((item, i) => leaves(item, [...path, i]));
  if (node !== null && typeof node === 'object') return Object.entries(node).flatMap(([key, child]) => leaves(child, [...path, key]));
  return [{ path, value: node }];
}

const show = (path: ReadonlyArray<string | number>): string => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').slice(1);

function edited(object: Record<string, any>, path: ReadonlyArray<string | number>, value: unknown): Record<string, any> {
  const copy = JSON.parse(JSON.stringify(object));
  const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy);
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = value;
  }
  return copy;
}

/**
 * Every sweep of every object given (the typical bases by default), skipping apiVersion and kind (the schema
 * mutations cover those).
 */
export function sweeps(objects: Readonly<Record<string, Record<string, any>>> = BASES): Sweep[] {
  return Object.entries(objects).flatMap(([base, object]) =>
    leaves(object)
      .filter(({ path }) => path[0] !== 'apiVersion' && path[0] !== 'kind')
      .flatMap(({ path, value }) => {
        const at = show(path);
        const category = categoryOf(object.kind, at);
        const variants: Sweep[] = [{ base, what: `sweep: ${at} removed`, category, object: edited(object, path, undefined) }];
        if (typeof value === 'number') {
          variants.push({ base, what: `sweep: ${at} = -1`, category, object: edited(object, path, -1) });
          if (value !== 0) variants.push({ base, what: `sweep: ${at} = 0`, category, object: edited(object, path, 0) });
          variants.push({ base, what: `sweep: ${at} = 2^31`, category, object: edited(object, path, 2 ** 31) });
        }
        if (typeof value === 'string' && value !== '') {
          variants.push({ base, what: `sweep: ${at} = ""`, category, object: edited(object, path, '') });
          variants.push({ base, what: `sweep: ${at} = "${ODD}"`, category, object: edited(object, path, ODD) });
          variants.push({ base, what: `sweep: ${at} = 254 letters`, category, object: edited(object, path, 'a'.repeat(254)) });
        }
        return variants;
      }),
  );
}
