import { groupOf, toManifest } from '../gate/core/manifest';
import { Reference, referencesOutside } from '../gate/wiring/references';
import { Cluster, kindKey } from './cluster';
import { isNotFound, Kubectl } from './kubectl';
import { describe, isNamespace, OutputObject } from './objects';

/** One thing the cluster lacks or gets wrong for the output, and what to do about it. */
export interface Problem {
  readonly level: 'error' | 'warning';
  readonly message: string;
  readonly fix: string;
}

/**
 * The Kubernetes versions the output is made for: its classes are generated from the 1.27 API (cdk8s.yaml
 * imports k8s@1.27.0), and the project's cluster tests run on 1.36.
 */
export const SUPPORTED_MINOR_VERSIONS = { oldest: 27, newestTested: 36 } as const;

const CERT_MANAGER_INSTALL = 'kubectl apply -f https://github.com/cert-manager/cert-manager/releases/download/v1.21.1/cert-manager.yaml';
const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';
const INGRESS_NGINX_INSTALL = 'on minikube: minikube addons enable ingress; elsewhere: helm upgrade --install ingress-nginx ingress-nginx '
  + '--repo https://kubernetes.github.io/ingress-nginx --namespace ingress-nginx --create-namespace';
const METRICS_SERVER_INSTALL = 'on minikube: minikube addons enable metrics-server; elsewhere: '
  + 'kubectl apply -f https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml (GKE serves it already)';

/** What the output needs from the cluster that the output does not bring: checked before anything is applied. */
export function preflight(kubectl: Kubectl, cluster: Cluster, objects: readonly OutputObject[]): Problem[] {
  return [
    ...versionProblems(cluster),
    ...kindProblems(cluster, objects),
    ...namespaceProblems(cluster, objects),
    ...referenceProblems(kubectl, cluster, objects),
    ...ingressClassProblems(kubectl, objects),
    ...metricsProblems(kubectl, objects),
  ];
}

function versionProblems({ version }: Cluster): Problem[] {
  const { oldest, newestTested } = SUPPORTED_MINOR_VERSIONS;
  if (version.major === 1 && version.minor < oldest) {
    return [{ level: 'error', message: `the server runs Kubernetes ${version.text}; the output is made for 1.${oldest} and later`, fix: `upgrade the cluster to 1.${oldest} or later` }];
  }
  if (version.major !== 1 || version.minor > newestTested) {
    return [{ level: 'warning', message: `the server runs Kubernetes ${version.text}, newer than 1.${newestTested}, the newest the project is tested on`, fix: 'read the server dry run below: it says whether the server accepts every object' }];
  }
  return [];
}

function kindProblems(cluster: Cluster, objects: readonly OutputObject[]): Problem[] {
  const missing = new Map<string, OutputObject>();
  for (const o of objects) {
    if (!cluster.groupVersions.has(o.apiVersion) || !cluster.kinds.has(kindKey(o.apiVersion, o.kind))) missing.set(`${o.apiVersion} ${o.kind}`, o);
  }
  return [...missing.values()].map((o) => {
    const group = groupOf(o.apiVersion);
    const fix = group === 'cert-manager.io'
      ? `install cert-manager (its CustomResourceDefinitions and controller): ${CERT_MANAGER_INSTALL}`
      : builtIn(group)
        ? `use a cluster that serves ${o.apiVersion} (Kubernetes 1.${SUPPORTED_MINOR_VERSIONS.oldest} or later)`
        : `install the CustomResourceDefinition of ${o.kind} (group ${group}) and its controller`;
    return { level: 'error' as const, message: `the server does not serve ${o.kind} in ${o.apiVersion} (${describe(o)} needs it)`, fix };
  });
}

function builtIn(group: string): boolean {
  return !group.includes('.') || group.endsWith('.k8s.io');
}

/** Namespaces the output uses that neither exist nor are created by the output. */
function namespaceProblems(cluster: Cluster, objects: readonly OutputObject[]): Problem[] {
  const used = new Set(objects.flatMap((o) => (o.namespace ? [o.namespace] : [])));
  return [...used]
    .filter((ns) => !cluster.namespaces.has(ns) && !createsNamespace(objects, ns))
    .map((ns) => ({ level: 'error' as const, message: `namespace "${ns}" does not exist and the output does not create it`, fix: `kubectl create namespace ${ns}` }));
}

function createsNamespace(objects: readonly OutputObject[], namespace: string): boolean {
  return objects.some((o) => isNamespace(o) && o.name === namespace);
}

interface NeededObject {
  readonly ref: Reference;
  readonly namespace: string;
  readonly keys: Set<string>;
  readonly readers: Set<string>;
}

/** Every Secret, ConfigMap, ServiceAccount and claim the output reads but does not bring must exist, with every key it reads. */
function referenceProblems(kubectl: Kubectl, cluster: Cluster, objects: readonly OutputObject[]): Problem[] {
  const manifests = objects.map((o, i) => toManifest({ file: 'output', object: o.object }, i));
  const needed = new Map<string, NeededObject>();
  for (const { manifest, refs } of referencesOutside(manifests)) {
    for (const ref of refs) {
      const id = `${ref.kind}/${manifest.namespace}/${ref.name}`;
      const entry = needed.get(id) ?? { ref, namespace: manifest.namespace, keys: new Set<string>(), readers: new Set<string>() };
      if (ref.key !== undefined) entry.keys.add(ref.key);
      entry.readers.add(`${manifest.kind}/${manifest.name}`);
      needed.set(id, entry);
    }
  }
  return [...needed.values()].flatMap((entry) => {
    const { ref, namespace, keys } = entry;
    const what = `${ref.kind} "${ref.name}" in namespace "${namespace}" (read by ${[...entry.readers].join(', ')})`;
    // --save-config: the output creates this namespace too, and the apply then adopts it without a warning.
    const createNamespace = cluster.namespaces.has(namespace) ? '' : `kubectl create namespace ${namespace} --save-config; `;
    const live = cluster.namespaces.has(namespace) ? liveKeys(kubectl, ref.kind, ref.name, namespace) : undefined;
    if (live === undefined) return [{ level: 'error' as const, message: `${what} does not exist`, fix: createNamespace + createCommand(ref, namespace, [...keys]) }];
    const missingKeys = [...keys].filter((key) => !live.includes(key));
    if (!missingKeys.length) return [];
    return [{ level: 'error' as const, message: `${what} has no key ${missingKeys.map((k) => `"${k}"`).join(', ')}`, fix: addKeysCommand(ref, namespace, missingKeys) }];
  });
}

/** The keys of a live Secret or ConfigMap (never their values), [] for other kinds; undefined when it does not exist. */
function liveKeys(kubectl: Kubectl, kind: Reference['kind'], name: string, namespace: string): string[] | undefined {
  const fields = kind === 'Secret' ? ['.data'] : kind === 'ConfigMap' ? ['.data', '.binaryData'] : [];
  const template = fields.map((field) => `{{range $k, $v := ${field}}}{{$k}}{{"\\n"}}{{end}}`).join('') || '{{""}}';
  return kubectl.find(['get', kind.toLowerCase(), name, '--namespace', namespace, '-o', `go-template=${template}`])?.split('\n').filter(Boolean);
}

function createCommand(ref: Reference, namespace: string, keys: readonly string[]): string {
  const ns = `--namespace ${namespace}`;
  const literals = keys.map((key) => ` --from-literal ${key}=<value>`).join('');
  switch (ref.kind) {
    case 'Secret':
      if (ref.path.startsWith('spec.tls')) return `kubectl create secret tls ${ref.name} ${ns} --cert <certificate file> --key <key file>`;
      if (ref.path.includes('imagePullSecrets')) return `kubectl create secret docker-registry ${ref.name} ${ns} --docker-server <registry> --docker-username <user> --docker-password <password>`;
      return `kubectl create secret generic ${ref.name} ${ns}${literals}`;
    case 'ConfigMap':
      return `kubectl create configmap ${ref.name} ${ns}${literals}`;
    case 'ServiceAccount':
      return `kubectl create serviceaccount ${ref.name} ${ns}`;
    default:
      return `create the PersistentVolumeClaim ${ref.name} in namespace ${namespace}`;
  }
}

function addKeysCommand(ref: Reference, namespace: string, keys: readonly string[]): string {
  const field = ref.kind === 'Secret' ? 'stringData' : 'data';
  const patch = JSON.stringify({ [field]: Object.fromEntries(keys.map((key) => [key, '<value>'])) });
  return `kubectl patch ${ref.kind.toLowerCase()} ${ref.name} --namespace ${namespace} --type merge -p '${patch}'`;
}

/** The IngressClass each Ingress names must exist, and be ingress-nginx's: the NginxIngress speaks its annotations. */
function ingressClassProblems(kubectl: Kubectl, objects: readonly OutputObject[]): Problem[] {
  const classes = new Set(objects.filter((o) => o.kind === 'Ingress').flatMap((o) => (o.object.spec?.ingressClassName ? [o.object.spec.ingressClassName as string] : [])));
  return [...classes].flatMap((name): Problem[] => {
    const controller = kubectl.find(['get', 'ingressclass', name, '-o', 'jsonpath={.spec.controller}']);
    if (controller === undefined) return [{ level: 'error', message: `IngressClass "${name}" does not exist: no controller would serve the Ingress`, fix: `install ingress-nginx (${INGRESS_NGINX_INSTALL})` }];
    if (controller !== INGRESS_NGINX_CONTROLLER) {
      return [{ level: 'warning', message: `IngressClass "${name}" belongs to controller "${controller}", not ${INGRESS_NGINX_CONTROLLER}: the Ingress's nginx.ingress.kubernetes.io annotations would be ignored`, fix: `install ingress-nginx (${INGRESS_NGINX_INSTALL})` }];
    }
    return [];
  });
}

/** HorizontalPodAutoscalers scale on the metrics API: without it they keep their minimum. */
function metricsProblems(kubectl: Kubectl, objects: readonly OutputObject[]): Problem[] {
  if (!objects.some((o) => o.kind === 'HorizontalPodAutoscaler')) return [];
  const result = kubectl.run(['get', 'apiservice', 'v1beta1.metrics.k8s.io', '-o', 'jsonpath={.status.conditions[?(@.type=="Available")].status}']);
  if (result.status === 0 && result.stdout === 'True') return [];
  const state = isNotFound(result) ? 'is not installed' : 'is not available';
  return [{ level: 'warning', message: `the metrics API (metrics.k8s.io) ${state}: the HorizontalPodAutoscalers will not scale`, fix: `install metrics-server (${METRICS_SERVER_INSTALL})` }];
}
