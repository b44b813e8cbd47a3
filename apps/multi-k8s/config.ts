import { ContainerResources, DEFAULT_CPU_UTILIZATION, INGRESS_NGINX_NAMESPACE, POSTGRES_BACKUP } from '../../lib/defaults';

/** The tiers of the multi-k8s app: the course's five, in the order it introduces them, then any added since. */
export type MultiK8sComponent = 'client' | 'server' | 'worker' | 'redis' | 'postgres';

/** The tiers that keep data: StatefulStores, one pod each. Every other tier is stateless and has a replica count. */
export type MultiK8sStore = 'redis' | 'postgres';

/**
 * What the chart builds for a tier and whom it lets the tier talk to, the same in every profile.
 * The tests read it too: what they expect of every tier (its objects, budgets, policies, flows,
 * the pods' total requests) follows from this table and the config.
 */
export interface MultiK8sTier {
  /** The construct: a WebTier (Deployment and Service), a Worker (Deployment, no Service) or a StatefulStore (StatefulSet and Service). */
  readonly kind: 'WebTier' | 'Worker' | 'StatefulStore';
  /** Name of the Deployment or StatefulSet, and of the tier's NetworkPolicy and PodDisruptionBudget. The container is named like the tier. */
  readonly name: string;
  /** Labels that select the tier's pods. */
  readonly selectorLabels: Readonly<Record<string, string>>;
  /** Name of the Service (WebTier and StatefulStore only). */
  readonly serviceName?: string;
  /** Port the container listens on and the Service exposes (WebTier and StatefulStore only). */
  readonly port?: number;
  /** Path (a regex, as in the course) the Ingress routes to the tier's Service; WebTier only. Only routed tiers are reachable from outside. */
  readonly ingressPath?: string;
  /**
   * Tiers whose port this tier may connect to (it may also look their Service names up in DNS).
   * Under the chart's default deny, nothing else reaches a tier: list it in some tier's `reaches`,
   * or give it an `ingressPath`.
   */
  readonly reaches?: readonly MultiK8sComponent[];
}

/** Every tier of the app, in the order the chart wires them. */
export const MULTI_K8S_TIERS: Readonly<Record<MultiK8sComponent, MultiK8sTier>> = {
  client: {
    kind: 'WebTier', name: 'client-deployment', selectorLabels: { component: 'web' },
    serviceName: 'client-cluster-ip-service', port: 3000, ingressPath: '/?(.*)',
  },
  server: {
    kind: 'WebTier', name: 'server-deployment', selectorLabels: { component: 'server' },
    serviceName: 'server-cluster-ip-service', port: 5000, ingressPath: '/api/?(.*)', reaches: ['postgres', 'redis'],
  },
  worker: { kind: 'Worker', name: 'worker-deployment', selectorLabels: { component: 'worker' }, reaches: ['redis'] },
  redis: { kind: 'StatefulStore', name: 'redis-statefulset', selectorLabels: { component: 'redis' }, serviceName: 'redis-cluster-ip-service', port: 6379 },
  postgres: { kind: 'StatefulStore', name: 'postgres-statefulset', selectorLabels: { component: 'postgres' }, serviceName: 'postgres-cluster-ip-service', port: 5432 },
};

/** The names of the tiers, in MULTI_K8S_TIERS' order. */
export const MULTI_K8S_TIER_NAMES = Object.keys(MULTI_K8S_TIERS) as readonly MultiK8sComponent[];

export interface LetsEncryptConfig {
  /** The ACME account's email: Let's Encrypt writes to it about expiring certificates. */
  readonly email: string;
  /** Let's Encrypt's staging endpoint (untrusted certificates, generous rate limits), for trying things out. */
  readonly staging: boolean;
}

/** Everything that differs between environments; the rest of the chart is fixed on purpose. */
export interface MultiK8sConfig {
  /**
   * "production" refuses images without a pinned tag or digest, spreads the multi-replica tiers
   * over nodes and zones, and autoscales the client and server.
   */
  readonly profile: 'dev' | 'production';
  /** Image reference per tier. */
  readonly images: Readonly<Record<MultiK8sComponent, string>>;
  /** Pods of the stateless tiers (the stores always run one). */
  readonly replicas: Readonly<Record<Exclude<MultiK8sComponent, MultiK8sStore>, number>>;
  /** Requests and limits per tier. */
  readonly resources: Readonly<Record<MultiK8sComponent, ContainerResources>>;
  /** The site's domain: the Ingress answers for it and for `www.<domain>`; undefined answers on every host (the minikube IP). */
  readonly domain?: string;
  /** HTTPS for the domain and `www.<domain>` through cert-manager and Let's Encrypt; undefined serves plain HTTP. */
  readonly letsEncrypt?: LetsEncryptConfig;
  /** Size of the Postgres volume. */
  readonly postgresStorage: string;
  /** Production only: the client and server scale on CPU use from their `replicas` up to `maxReplicas`. */
  readonly autoscaling: {
    readonly maxReplicas: Readonly<Record<'client' | 'server', number>>;
    /** Average CPU use aimed at, in percent of the CPU request. */
    readonly cpuUtilization: number;
  };
  /**
   * The client, server and worker images are built into the cluster's own image store (skaffold
   * on minikube): the kubelet must not try to pull them from a registry.
   */
  readonly localAppImages?: boolean;
  /** Namespace of the ingress-nginx controller, the only pods that may reach the client and the server. */
  readonly ingressNginxNamespace: string;
  /** Backups of the in-cluster Postgres (a PostgresBackup); undefined takes none. */
  readonly backup?: BackupConfig;
  /** Production: Postgres runs outside the cluster (a managed service); undefined runs it in the cluster. */
  readonly managedPostgres?: ManagedPostgresConfig;
  /** Production: Redis runs outside the cluster (a managed service); undefined runs it in the cluster. */
  readonly managedRedis?: ManagedStoreConfig;
}

/** Where a store outside the cluster is; the app reaches it through its usual Service name. */
export interface ManagedStoreConfig {
  /** A DNS name or an IP address. */
  readonly host: string;
  readonly port: number;
  /** For a DNS name: the address ranges it resolves into, which the NetworkPolicies then allow alone on the port. */
  readonly allowedCidrs?: readonly string[];
}

/** A managed Postgres, and how the server logs in to it. */
export interface ManagedPostgresConfig extends ManagedStoreConfig {
  readonly database: string;
  readonly user: string;
  /**
   * PGSSLMODE for the server, as node-postgres reads it: "no-verify" encrypts without checking the certificate; every other
   * value but "disable" checks it against Node's CAs and the name connected to. Undefined: no TLS.
   */
  readonly sslMode?: string;
}

/** When the in-cluster Postgres is dumped and how many dumps are kept. */
export interface BackupConfig {
  /** A cron schedule, in the CronJob's time zone (UTC unless the cluster sets another). */
  readonly schedule: string;
  /** How many dumps to keep. */
  readonly retention: number;
}

/**
 * Suits a default minikube (2 CPUs, 2 GB) beside ingress-nginx: test/multi-k8s-chart.test.ts checks
 * that the pods' requests, summed over every tier, fit beside minikube's own. The course publishes its images only as :latest; Postgres and Redis
 * are pinned (Postgres on the Debian image the course used, and on the major version
 * that wrote the volume: see the README's upgrade steps).
 */
export const DEV_CONFIG: MultiK8sConfig = {
  profile: 'dev',
  images: {
    client: 'stephengrider/multi-client:latest',
    server: 'stephengrider/multi-server:latest',
    worker: 'stephengrider/multi-worker:latest',
    redis: 'redis:7.2.5-alpine',
    postgres: 'postgres:15.8',
  },
  replicas: { client: 3, server: 3, worker: 1 },
  resources: {
    client: { cpuRequest: '25m', memoryRequest: '32Mi', cpuLimit: '200m', memoryLimit: '128Mi' },
    server: { cpuRequest: '50m', memoryRequest: '64Mi', cpuLimit: '500m', memoryLimit: '256Mi' },
    worker: { cpuRequest: '50m', memoryRequest: '64Mi', cpuLimit: '500m', memoryLimit: '256Mi' },
    redis: { cpuRequest: '50m', memoryRequest: '32Mi', cpuLimit: '250m', memoryLimit: '128Mi' },
    postgres: { cpuRequest: '100m', memoryRequest: '128Mi', cpuLimit: '1', memoryLimit: '512Mi' },
  },
  postgresStorage: '2Gi',
  autoscaling: { maxReplicas: { client: 6, server: 6 }, cpuUtilization: DEFAULT_CPU_UTILIZATION },
  ingressNginxNamespace: INGRESS_NGINX_NAMESPACE,
  backup: { schedule: POSTGRES_BACKUP.schedule, retention: POSTGRES_BACKUP.retention },
};
