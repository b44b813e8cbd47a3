import { ContainerResources, DEFAULT_CPU_UTILIZATION, INGRESS_NGINX_NAMESPACE } from '../../lib/defaults';

/** The tiers of the multi-k8s app, in the order the course introduces them. */
export type MultiK8sComponent = 'client' | 'server' | 'worker' | 'redis' | 'postgres';

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
  readonly replicas: Readonly<Record<'client' | 'server' | 'worker', number>>;
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
}

/**
 * Suits a default minikube (2 CPUs, 2 GB) beside ingress-nginx: the 9 pods request 0.425 CPU
 * and 512 MiB in all. The course publishes its images only as :latest; Postgres and Redis
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
};
