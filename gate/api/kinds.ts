/** A kubernetes-models model class: its prototype.validate() runs the ajv validator compiled from the Kubernetes OpenAPI schema. */
export interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  readonly prototype: { validate(this: unknown): void };
}

interface RemovedApi {
  readonly apiVersion: string;
  /** The kinds this entry is about; absent for every kind of the apiVersion. */
  readonly kinds?: readonly string[];
  readonly removedIn: string;
  readonly replacement: string;
}

const POD_SECURITY_ADMISSION = 'nothing: use Pod Security Admission (pod-security.kubernetes.io/* namespace labels)';

/**
 * Group versions that kubernetes-models still ships but that Kubernetes 1.33 no longer serves
 * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/): a manifest must apply on every cluster
 * from 1.27 to 1.33, so an API removed anywhere in that range (flowcontrol v1beta2 in 1.29, v1beta3 in 1.32) is out too.
 * First match wins.
 */
const REMOVED_APIS: readonly RemovedApi[] = [
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], removedIn: '1.16', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.16', replacement: POD_SECURITY_ADMISSION },
  { apiVersion: 'extensions/v1beta1', removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta1', removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1' },
  { apiVersion: 'authentication.k8s.io/v1beta1', removedIn: '1.22', replacement: 'authentication.k8s.io/v1' },
  { apiVersion: 'authorization.k8s.io/v1beta1', removedIn: '1.22', replacement: 'authorization.k8s.io/v1' },
  { apiVersion: 'certificates.k8s.io/v1beta1', removedIn: '1.22', replacement: 'certificates.k8s.io/v1' },
  { apiVersion: 'coordination.k8s.io/v1beta1', removedIn: '1.22', replacement: 'coordination.k8s.io/v1' },
  { apiVersion: 'networking.k8s.io/v1beta1', removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', removedIn: '1.22', replacement: 'scheduling.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], removedIn: '1.27', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'batch/v1beta1', removedIn: '1.25', replacement: 'batch/v1' },
  { apiVersion: 'discovery.k8s.io/v1beta1', removedIn: '1.25', replacement: 'discovery.k8s.io/v1' },
  { apiVersion: 'events.k8s.io/v1beta1', removedIn: '1.25', replacement: 'events.k8s.io/v1' },
  { apiVersion: 'node.k8s.io/v1beta1', removedIn: '1.25', replacement: 'node.k8s.io/v1' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.25', replacement: POD_SECURITY_ADMISSION },
  { apiVersion: 'policy/v1beta1', removedIn: '1.25', replacement: 'policy/v1' },
  { apiVersion: 'autoscaling/v2beta1', removedIn: '1.25', replacement: 'autoscaling/v2' },
  { apiVersion: 'autoscaling/v2beta2', removedIn: '1.26', replacement: 'autoscaling/v2' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
];

/** "no longer served since Kubernetes 1.22; use networking.k8s.io/v1", or undefined for an API that is still served. */
export function removedApiMessage(apiVersion: string, kind: string): string | undefined {
  const removed = REMOVED_APIS.find((api) => api.apiVersion === apiVersion && (!api.kinds || api.kinds.includes(kind)));
  return removed && `${apiVersion} ${kind} is no longer served since Kubernetes ${removed.removedIn}; use ${removed.replacement}`;
}

const models = new Map<string, ModelClass | undefined>();

/**
 * The kinds the project's charts emit, required by literal paths so that the synth's bundle holds their models
 * (scripts/run-ts.js): a computed path is a file read at run time. Any other kind is loaded by its computed path.
 */
const BUNDLED_MODELS: Readonly<Record<string, () => Record<string, unknown>>> = {
  'v1/Namespace': () => require('kubernetes-models/v1/Namespace'),
  'v1/Service': () => require('kubernetes-models/v1/Service'),
  'v1/PersistentVolumeClaim': () => require('kubernetes-models/v1/PersistentVolumeClaim'),
  'apps/v1/Deployment': () => require('kubernetes-models/apps/v1/Deployment'),
  'apps/v1/StatefulSet': () => require('kubernetes-models/apps/v1/StatefulSet'),
  'batch/v1/CronJob': () => require('kubernetes-models/batch/v1/CronJob'),
  'policy/v1/PodDisruptionBudget': () => require('kubernetes-models/policy/v1/PodDisruptionBudget'),
  'autoscaling/v2/HorizontalPodAutoscaler': () => require('kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler'),
  'networking.k8s.io/v1/Ingress': () => require('kubernetes-models/networking.k8s.io/v1/Ingress'),
  'networking.k8s.io/v1/NetworkPolicy': () => require('kubernetes-models/networking.k8s.io/v1/NetworkPolicy'),
  'discovery.k8s.io/v1/EndpointSlice': () => require('kubernetes-models/discovery.k8s.io/v1/EndpointSlice'),
};

/**
 * The kubernetes-models class for apiVersion/kind. The package lays its models out as
 * `kubernetes-models/<group>/<version>/<Kind>` (`kubernetes-models/v1/<Kind>` for the core group), one module per kind,
 * so requiring just that module keeps start-up fast. Non-resource types live there too (e.g. v1/Container):
 * only a class whose static apiVersion/kind match is a served resource.
 */
export function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  const key = `${apiVersion}/${kind}`;
  if (!models.has(key)) models.set(key, loadModel(apiVersion, kind));
  return models.get(key);
}

function loadModel(apiVersion: string, kind: string): ModelClass | undefined {
  // Only names that can be a group version and a Kind reach require(): no "..", no extra path segments.
  if (!/^([a-z0-9.-]+\/)?v[0-9]+[a-z0-9]*$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  let module: Record<string, unknown>;
  try {
    module = BUNDLED_MODELS[`${apiVersion}/${kind}`]?.() ?? require(`kubernetes-models/${apiVersion}/${kind}`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return undefined;
    throw error;
  }
  const model = module[kind] as ModelClass | undefined;
  return model?.apiVersion === apiVersion && model.kind === kind ? model : undefined;
}
