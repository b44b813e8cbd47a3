import { asList, asMap, formatPath, isA, Manifest, sameNamespace } from './manifest';
import { matchesSelector } from './selectors';

/** An object that creates pods, seen through its pod template. */
export interface Workload {
  readonly manifest: Manifest;
  /** The pod template's labels (a bare Pod's own labels); non-string values are dropped. */
  readonly labels: Readonly<Record<string, string>>;
  readonly podSpec: Record<string, any>;
  /** Where podSpec sits in the object, e.g. `spec.template.spec`. */
  readonly podSpecPath: string;
  /** Where the pod template's metadata sits, e.g. ['spec', 'template', 'metadata'] (['metadata'] for a Pod). */
  readonly podMetadataPath: readonly string[];
  /** spec.selector of the controllers that have one (undefined for Pod, Job, CronJob). */
  readonly selector: unknown;
  /**
   * The most pods the workload may run, for the kinds that have replicas (undefined for the others):
   * the maxReplicas of a HorizontalPodAutoscaler that scales it, else spec.replicas (default 1).
   */
  readonly replicas: number | undefined;
  /** The autoscaling/v2 HorizontalPodAutoscaler that scales it, if any. */
  readonly autoscaler?: Manifest;
}

export interface ContainerRef {
  readonly container: Record<string, any>;
  /** `container "web"`, or `init container "migrate"`, for messages. */
  readonly label: string;
  /** Where the container sits in the object, e.g. `spec.template.spec.containers[0]`. */
  readonly path: string;
  readonly init: boolean;
}

interface WorkloadKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** Path from the object to the pod template (metadata + spec); empty for a bare Pod. */
  readonly template: readonly string[];
  readonly hasSelector: boolean;
  readonly hasReplicas: boolean;
}

const WORKLOAD_KINDS: readonly WorkloadKind[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment', template: ['spec', 'template'], hasSelector: true, hasReplicas: true },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', template: ['spec', 'template'], hasSelector: true, hasReplicas: true },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', template: ['spec', 'template'], hasSelector: true, hasReplicas: true },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', template: ['spec', 'template'], hasSelector: true, hasReplicas: false },
  { apiVersion: 'batch/v1', kind: 'Job', template: ['spec', 'template'], hasSelector: false, hasReplicas: false },
  { apiVersion: 'batch/v1', kind: 'CronJob', template: ['spec', 'jobTemplate', 'spec', 'template'], hasSelector: false, hasReplicas: false },
  { apiVersion: 'v1', kind: 'Pod', template: [], hasSelector: false, hasReplicas: false },
];

/** Path from the object to its pod template (metadata + spec), [] for a bare Pod, undefined for other kinds. */
export function podTemplatePath(manifest: Manifest): readonly string[] | undefined {
  return WORKLOAD_KINDS.find((k) => isA(manifest, k.apiVersion, k.kind))?.template;
}

export function workloadsOf(manifests: readonly Manifest[]): Workload[] {
  const autoscalers = manifests.filter((m) => isA(m, 'autoscaling/v2', 'HorizontalPodAutoscaler'));
  return manifests.flatMap((manifest) => {
    const kind = WORKLOAD_KINDS.find((k) => isA(manifest, k.apiVersion, k.kind));
    if (!kind) return [];
    const spec = asMap(manifest.object.spec);
    const template = kind.template.reduce<Record<string, any>>((node, key) => asMap(node[key]), manifest.object);
    const labels = Object.fromEntries(
      Object.entries(asMap(asMap(template.metadata).labels)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
    const autoscaler = kind.hasReplicas ? autoscalers.find((hpa) => scales(hpa, manifest)) : undefined;
    const maxReplicas = asMap(autoscaler?.object.spec).maxReplicas;
    const replicas = typeof maxReplicas === 'number' ? maxReplicas : typeof spec.replicas === 'number' ? spec.replicas : 1;
    return [
      {
        manifest,
        labels,
        podSpec: asMap(template.spec),
        podSpecPath: formatPath([...kind.template, 'spec']),
        podMetadataPath: [...kind.template, 'metadata'],
        selector: kind.hasSelector ? spec.selector : undefined,
        replicas: kind.hasReplicas ? replicas : undefined,
        autoscaler,
      },
    ];
  });
}

function scales(autoscaler: Manifest, target: Manifest): boolean {
  const ref = asMap(asMap(autoscaler.object.spec).scaleTargetRef);
  return sameNamespace(autoscaler, target) && ref.apiVersion === target.apiVersion && ref.kind === target.kind && ref.name === target.name;
}

/** How a message names a workload's replica count: `spec.replicas: 3` or `HorizontalPodAutoscaler/web maxReplicas: 6`. */
export function replicasSource(workload: Workload): string {
  return workload.autoscaler ? `${workload.autoscaler.kind}/${workload.autoscaler.name} maxReplicas: ${workload.replicas}` : `spec.replicas: ${workload.replicas}`;
}

/** The fewest pods a workload with replicas runs: its autoscaler's minReplicas (default 1), else its replicas. */
export function fewestPods(workload: Workload): number {
  if (!workload.autoscaler) return workload.replicas ?? 1;
  const min = asMap(workload.autoscaler.object.spec).minReplicas;
  return typeof min === 'number' ? min : 1;
}

/** Init containers first, as the kubelet starts them. */
export function containersOf(workload: Workload): ContainerRef[] {
  const list = (field: 'initContainers' | 'containers', init: boolean): ContainerRef[] =>
    asList(workload.podSpec[field]).map((value, i) => {
      const container = asMap(value);
      return {
        container,
        label: `${init ? 'init container' : 'container'} ${JSON.stringify(container.name ?? i)}`,
        path: `${workload.podSpecPath}.${field}[${i}]`,
        init,
      };
    });
  return [...list('initContainers', true), ...list('containers', false)];
}

/** Whether a container declares a port: a number is matched against containerPort, a string against the port name. */
export function containerHasPort(container: Record<string, any>, port: unknown): boolean {
  return asList(container.ports).some((p) => (typeof port === 'number' ? p?.containerPort === port : p?.name === port));
}

/** The workloads in the owner's namespace whose pod template labels a LabelSelector selects. */
export function workloadsSelectedBy(selector: unknown, owner: Manifest, workloads: readonly Workload[]): Workload[] {
  return workloads.filter((w) => sameNamespace(w.manifest, owner) && matchesSelector(selector, w.labels));
}

/**
 * The workloads whose pods a Service routes to; none for a Service without a selector (its endpoints are managed
 * elsewhere) or an ExternalName Service (a DNS alias, which ignores its selector).
 */
export function workloadsBehind(service: Manifest, workloads: readonly Workload[]): Workload[] {
  const selector = asMap(asMap(service.object.spec).selector);
  if (Object.keys(selector).length === 0 || isExternalName(service)) return [];
  return workloadsSelectedBy({ matchLabels: selector }, service, workloads);
}

export function isService(manifest: Manifest): boolean {
  return isA(manifest, 'v1', 'Service');
}

/** A Service of type ExternalName: a DNS CNAME to spec.externalName, with no cluster IP, endpoints or pods. */
export function isExternalName(manifest: Manifest): boolean {
  return isService(manifest) && asMap(manifest.object.spec).type === 'ExternalName';
}
