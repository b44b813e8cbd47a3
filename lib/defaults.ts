// Every default the constructs apply, in one place. They are chosen for the images this
// project runs (official postgres/redis/nginx images and the course images start as root
// and write to their filesystem) and for a default 2-CPU, 2 GB minikube.

/** CPU and memory for one container. Quantities as Kubernetes writes them ("50m", "64Mi"). */
export interface ContainerResources {
  /** CPU the scheduler reserves for the container, e.g. "50m". */
  readonly cpuRequest: string;
  /** Memory the scheduler reserves for the container, e.g. "64Mi". */
  readonly memoryRequest: string;
  /** Most CPU the container may use (it is throttled above), e.g. "500m"; at least `cpuRequest`. */
  readonly cpuLimit: string;
  /** Most memory the container may use (it is killed above), e.g. "256Mi"; at least `memoryRequest`. */
  readonly memoryLimit: string;
}

export const DEFAULT_REPLICAS = 1;

/** Guards against typos such as 3000 for 3; raise it if you truly run more pods of one tier. */
export const MAX_REPLICAS = 1000;

/** A container's resources unless its props set them: 50m CPU and 64Mi requested, 500m and 256Mi at most. */
export const DEFAULT_RESOURCES: ContainerResources = {
  cpuRequest: '50m',
  memoryRequest: '64Mi',
  cpuLimit: '500m',
  memoryLimit: '256Mi',
};

/** How long a container may take to open its port before Kubernetes restarts it (30 x 5 s). */
export const STARTUP_PROBE = { periodSeconds: 5, failureThreshold: 30 };
export const READINESS_PROBE = { periodSeconds: 5, failureThreshold: 3 };
export const LIVENESS_PROBE = { periodSeconds: 10, failureThreshold: 6 };

/** Stateless tiers: start the new pod before stopping an old one, never drop below the desired count. */
export const ROLLING_UPDATE = { maxSurge: 1, maxUnavailable: 0 };

/** Lets a database finish its shutdown checkpoint before it is killed. */
export const STORE_TERMINATION_GRACE_SECONDS = 60;

export const DEFAULT_STORE_ACCESS_MODE = 'ReadWriteOnce';

export const INGRESS_CLASS = 'nginx';

/** Multi-replica tiers: voluntary disruptions (node drains, upgrades) take one pod at a time. */
export const DISRUPTION_BUDGET = { maxUnavailable: 1 };

/**
 * Production spreading: pods of a tier spread over nodes and zones when the cluster has them,
 * but still schedule on a single node (ScheduleAnyway). `pod-template-hash` limits the count
 * to the pods of the same rollout, so a rollout does not skew towards the old pods' nodes.
 */
export const SPREAD_TOPOLOGY_KEYS = ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'];
export const SPREAD_MAX_SKEW = 1;

/** HorizontalPodAutoscaler target: average CPU use, in percent of the CPU request. */
export const DEFAULT_CPU_UTILIZATION = 70;

/**
 * Where the ingress-nginx controller pods run and how they are labelled, in minikube's ingress
 * addon, the project's official manifests and its Helm chart (whose namespace is the release's).
 * The namespace is NginxIngress's default `controllerNamespace`.
 */
export const INGRESS_NGINX_NAMESPACE = 'ingress-nginx';
export const INGRESS_NGINX_CONTROLLER_LABELS = { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' };

/** The cluster DNS pods (CoreDNS or kube-dns keep this label) and their port, UDP and TCP. */
export const KUBE_DNS = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, port: 53 };

/**
 * The init container that keeps a store with a volume from starting while another pod with
 * its labels runs: it needs no privilege, so it runs as "nobody" on a read-only filesystem.
 */
export const SINGLE_WRITER_GUARD = {
  retrySeconds: 5,
  runAsUser: 65534,
  resources: { cpuRequest: '10m', memoryRequest: '16Mi', cpuLimit: '100m', memoryLimit: '32Mi' } satisfies ContainerResources,
};

/** Let's Encrypt's ACME directories. */
export const LETS_ENCRYPT_SERVERS = {
  production: 'https://acme-v02.api.letsencrypt.org/directory',
  staging: 'https://acme-staging-v02.api.letsencrypt.org/directory',
};

/**
 * Backups of an in-cluster Postgres (PostgresBackup): a custom-format pg_dump every night at 03:00 (the
 * CronJob's time zone, UTC unless the cluster sets another), the newest 7 kept on a claim of their own.
 * The dump runs as the official image's postgres user (999), which needs no privilege.
 */
export const POSTGRES_BACKUP = {
  schedule: '0 3 * * *',
  retention: 7,
  storage: '2Gi',
  runAsUser: 999,
  mountPath: '/backups',
  resources: { cpuRequest: '50m', memoryRequest: '64Mi', cpuLimit: '500m', memoryLimit: '256Mi' } satisfies ContainerResources,
  /** Tries of one backup before its Job fails, and how many finished Jobs of each outcome stay for `kubectl logs`. */
  backoffLimit: 2,
  jobsKept: 3,
};
