import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { IMAGE_CAPABILITIES, IMAGE_WAIVERS, imageWithLatestTagWaiver } from '../images';
import { ExternalStore } from '../../lib/external-store';
import { LetsEncryptCertificate } from '../../lib/lets-encrypt-certificate';
import { DEV_CONFIG, ManagedStoreConfig, MULTI_K8S_TIER_NAMES, MULTI_K8S_TIERS, MultiK8sComponent, MultiK8sConfig } from './config';
import { denyAllTraffic } from '../../lib/network-isolation';
import { NginxIngress } from '../../lib/nginx-ingress';
import { PasswordSecretRef } from '../../lib/password-secret-ref';
import { PostgresBackup } from '../../lib/postgres-backup';
import { REQUIRE_PINNED_IMAGES } from '../../lib/props-check';
import { StatefulStore } from '../../lib/stateful-store';
import { WebTier } from '../../lib/web-tier';
import { Worker } from '../../lib/worker';
import { Workload } from '../../lib/workload';

const COURSE_IMAGES_ONLY_LATEST = 'the course publishes its images only as :latest; the production profile requires pinned tags';
const CONSTRUCTS = { WebTier, Worker, StatefulStore };

/** The workload name and pod selector MULTI_K8S_TIERS gives the tier, as construct props; the container is named like the tier. */
function named(tier: MultiK8sComponent) {
  const { name, selectorLabels } = MULTI_K8S_TIERS[tier];
  return { name, containerName: tier, selectorLabels };
}

/** named(tier), and the Service name and port MULTI_K8S_TIERS gives a tier that serves a port. */
function served(tier: MultiK8sComponent) {
  const { kind, serviceName, port } = MULTI_K8S_TIERS[tier];
  if (serviceName === undefined || port === undefined) {
    throw new Error(`MULTI_K8S_TIERS.${tier}: a ${kind} needs a serviceName and a port, got ${JSON.stringify({ serviceName, port })}`);
  }
  return { ...named(tier), serviceName, port };
}

/** A store that runs outside the cluster, behind the Service name MULTI_K8S_TIERS gives it. */
function managed(scope: Construct, tier: MultiK8sComponent, store: ManagedStoreConfig): ExternalStore {
  const { host, port, allowedCidrs } = store;
  return new ExternalStore(scope, tier, { serviceName: served(tier).serviceName, host, port, allowedCidrs });
}

/** The port clients of a store connect to, in the cluster or outside it. */
function servicePort(store: StatefulStore | ExternalStore): number {
  return store instanceof StatefulStore ? store.servicePort : store.port;
}

/**
 * The multi-k8s Fibonacci calculator, object for object compatible with the course's
 * hand-written k8s/ folder (same names, Deployment selectors, Service ports, PVC and Ingress),
 * except that Redis and Postgres run as StatefulSets: the course's Deployments of them stay at
 * 0 replicas, and postgres waits until the course's postgres is gone (see docs/charts.md, Upgrading).
 * Every pod's traffic is denied but for the app's own flows. Each tier's names, port, route and
 * traffic come from MULTI_K8S_TIERS; this class adds what differs per tier (images, env, resources...).
 */
export class MultiK8sChart extends Chart {
  constructor(scope: Construct, id: string, config: MultiK8sConfig = DEV_CONFIG) {
    super(scope, id, { disableResourceNameHashes: true, labels: { 'app.kubernetes.io/part-of': 'multi-k8s' } });
    const production = config.profile === 'production';
    this.node.setContext(REQUIRE_PINNED_IMAGES, production);
    denyAllTraffic(this);
    const imagePullPolicy = config.localAppImages ? 'IfNotPresent' : undefined;
    const autoscaling = (tier: 'client' | 'server') => (production
      ? { maxReplicas: config.autoscaling.maxReplicas[tier], cpuUtilization: config.autoscaling.cpuUtilization }
      : undefined);

    const pgPassword = new PasswordSecretRef(this, 'pgpassword', { secretName: 'pgpassword', key: 'PGPASSWORD' });
    const redis = config.managedRedis ? managed(this, 'redis', config.managedRedis) : new StatefulStore(this, 'redis', {
      ...served('redis'),
      image: config.images.redis,
      resources: config.resources.redis,
      addCapabilities: IMAGE_CAPABILITIES.redis,
      gateWaivers: IMAGE_WAIVERS.redis,
      replacesDeployment: 'redis-deployment',
    });
    const managedPostgres = config.managedPostgres;
    const postgres = managedPostgres ? managed(this, 'postgres', managedPostgres) : new StatefulStore(this, 'postgres', {
      ...served('postgres'),
      image: config.images.postgres,
      resources: config.resources.postgres,
      addCapabilities: IMAGE_CAPABILITIES.postgres,
      gateWaivers: IMAGE_WAIVERS.postgres,
      secretEnv: { POSTGRES_PASSWORD: pgPassword },
      volume: {
        claimName: 'database-persistent-volume-claim',
        size: config.postgresStorage,
        mountPath: '/var/lib/postgresql/data',
        subPath: 'postgres',
      },
      replacesDeployment: 'postgres-deployment',
    });
    // A managed Postgres has its provider's backups.
    if (config.backup && postgres instanceof StatefulStore) {
      new PostgresBackup(this, 'postgres-backup', { store: postgres, image: config.images.postgres, password: pgPassword, ...config.backup });
    }
    const redisEnv = { REDIS_HOST: redis.serviceName, REDIS_PORT: String(servicePort(redis)) };

    const client = new WebTier(this, 'client', {
      ...served('client'),
      ...imageWithLatestTagWaiver(config.images.client, COURSE_IMAGES_ONLY_LATEST),
      imagePullPolicy,
      replicas: config.replicas.client,
      spreadOverNodes: production,
      autoscaling: autoscaling('client'),
      resources: config.resources.client,
      addCapabilities: IMAGE_CAPABILITIES.nginx,
      gateWaivers: IMAGE_WAIVERS.nginx,
    });
    const server = new WebTier(this, 'server', {
      ...served('server'),
      ...imageWithLatestTagWaiver(config.images.server, COURSE_IMAGES_ONLY_LATEST),
      imagePullPolicy,
      replicas: config.replicas.server,
      spreadOverNodes: production,
      autoscaling: autoscaling('server'),
      resources: config.resources.server,
      env: {
        ...redisEnv,
        PGUSER: managedPostgres?.user ?? 'postgres',
        PGHOST: postgres.serviceName,
        PGPORT: String(servicePort(postgres)),
        PGDATABASE: managedPostgres?.database ?? 'postgres',
        ...(managedPostgres?.sslMode ? { PGSSLMODE: managedPostgres.sslMode } : {}),
      },
      secretEnv: { PGPASSWORD: pgPassword },
      gateWaivers: IMAGE_WAIVERS.app,
    });
    const worker = new Worker(this, 'worker', {
      ...named('worker'),
      ...imageWithLatestTagWaiver(config.images.worker, COURSE_IMAGES_ONLY_LATEST),
      imagePullPolicy,
      replicas: config.replicas.worker,
      spreadOverNodes: production,
      resources: config.resources.worker,
      env: redisEnv,
      gateWaivers: {
        ...IMAGE_WAIVERS.app,
        'missing-replicas': 'every worker receives every Redis "insert" message, so a second worker computes each value again',
      },
    });
    // Every tier of MULTI_K8S_TIERS, built above as the construct its kind names (a store may run outside the cluster).
    const tiers: Readonly<Record<MultiK8sComponent, Workload | ExternalStore>> = { client, server, worker, redis, postgres };
    for (const tier of MULTI_K8S_TIER_NAMES) {
      const { kind, ingressPath } = MULTI_K8S_TIERS[tier];
      const external = kind === 'StatefulStore' && tiers[tier] instanceof ExternalStore;
      if (!external && !(tiers[tier] instanceof CONSTRUCTS[kind])) {
        // Named from the table of constructs, not by constructor.name: the bundle npm run synth runs from renames classes.
        const built = Object.entries(CONSTRUCTS).find(([, construct]) => tiers[tier] instanceof construct)?.[0] ?? 'ExternalStore';
        throw new Error(`MultiK8sChart: MULTI_K8S_TIERS.${tier} is a ${kind}, but the chart builds a ${built}`);
      }
      if (ingressPath !== undefined && kind !== 'WebTier') throw new Error(`MultiK8sChart: MULTI_K8S_TIERS.${tier} has an ingressPath, which only a WebTier can serve, and it is a ${kind}`);
    }

    if (config.letsEncrypt && config.domain === undefined) {
      throw new Error(`MultiK8sChart '${this.node.path}': letsEncrypt needs a domain to certify, got ${JSON.stringify(config.letsEncrypt)} and no domain`);
    }
    const hosts = config.domain === undefined ? undefined : [config.domain, `www.${config.domain}`];
    const certificate = config.letsEncrypt && new LetsEncryptCertificate(this, 'certificate', { dnsNames: hosts!, ...config.letsEncrypt });
    new NginxIngress(this, 'ingress', {
      name: 'ingress-service',
      regexRewrite: true,
      hosts,
      tls: certificate && { secretName: certificate.secretName },
      controllerNamespace: config.ingressNginxNamespace,
      routes: MULTI_K8S_TIER_NAMES.flatMap((tier) => {
        const { ingressPath } = MULTI_K8S_TIERS[tier];
        return ingressPath === undefined ? [] : [{ path: ingressPath, backend: tiers[tier] as WebTier }];
      }),
    });
    for (const tier of MULTI_K8S_TIER_NAMES) {
      const source = tiers[tier];
      const reaches = MULTI_K8S_TIERS[tier].reaches ?? [];
      if (reaches.length === 0) continue;
      if (!(source instanceof Workload)) throw new Error(`MultiK8sChart: MULTI_K8S_TIERS.${tier} runs outside the cluster and cannot reach ${reaches.join(', ')}`);
      for (const target of reaches) source.allowTo(tiers[target]);
      source.allowDns();
    }
  }
}
