import { Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { IMAGE_CAPABILITIES, IMAGE_WAIVERS, imageWithLatestTagWaiver } from '../images';
import { anyAddress, denyAllTraffic } from '../../lib/network-isolation';
import { PasswordSecretRef } from '../../lib/password-secret-ref';
import { StatefulStore } from '../../lib/stateful-store';
import { DOCKER_SAMPLES_PRESET, VotingAppConfig } from './config';
import { ServiceType, WebTier } from '../../lib/web-tier';
import { Worker } from '../../lib/worker';

export const VOTING_APP_NAMESPACE = 'vote';
const ONLY_LATEST = 'Docker publishes the example-voting-app images only as :latest';
// The example is taught on a single node; docker's own manifests run one pod of every tier.
const ONE_POD_EACH = { 'missing-replicas': 'the example-voting-app runs one pod per tier, as in docker\'s own manifests' } as const;

/**
 * Docker's example-voting-app, in a namespace of its own so that it never clashes with the
 * multi-k8s app. Every pod's traffic is denied but for the app's own flows. The apps hard-code
 * the host names "db" and "redis" and the database password "postgres", which the out-of-band
 * Secret must therefore hold. The config picks images, workload names and NodePort Services.
 */
export class VotingAppChart extends Chart {
  constructor(scope: Construct, id: string, config: VotingAppConfig = DOCKER_SAMPLES_PRESET) {
    super(scope, id, {
      disableResourceNameHashes: true,
      namespace: VOTING_APP_NAMESPACE,
      labels: { 'app.kubernetes.io/part-of': 'example-voting-app' },
    });
    const namespace = new k8s.KubeNamespace(this, 'namespace', { metadata: { name: VOTING_APP_NAMESPACE } });
    // A Namespace is cluster-scoped: the chart's namespace must not be stamped on it.
    namespace.addJsonPatch(JsonPatch.remove('/metadata/namespace'));

    denyAllTraffic(this);

    // The vote, result and worker images connect with the password "postgres" and take no other.
    const dbPassword = new PasswordSecretRef(this, 'db-password', { secretName: 'db-password', key: 'POSTGRES_PASSWORD', valueHint: 'postgres' });
    const { images, workloadNames: names, webServices } = config;
    const db = new StatefulStore(this, 'db', {
      name: names.db,
      serviceName: 'db',
      containerName: 'postgres',
      image: images.db,
      port: 5432,
      env: { POSTGRES_USER: 'postgres' },
      secretEnv: { POSTGRES_PASSWORD: dbPassword },
      addCapabilities: IMAGE_CAPABILITIES.postgres,
      gateWaivers: IMAGE_WAIVERS.postgres,
    });
    const redis = new StatefulStore(this, 'redis', {
      name: names.redis,
      serviceName: 'redis',
      image: images.redis,
      port: 6379,
      addCapabilities: IMAGE_CAPABILITIES.redis,
      gateWaivers: IMAGE_WAIVERS.redis,
    });
    const webTier = (tier: 'vote' | 'result') => new WebTier(this, tier, {
      name: names[tier],
      ...imageWithLatestTagWaiver(images[tier], ONLY_LATEST),
      port: 80,
      serviceName: webServices[tier].name,
      servicePort: webServices[tier].port,
      serviceType: ServiceType.NODE_PORT,
      nodePort: webServices[tier].nodePort,
      addCapabilities: IMAGE_CAPABILITIES.lowPort,
      gateWaivers: { ...IMAGE_WAIVERS.app, ...IMAGE_WAIVERS.lowPort, ...ONE_POD_EACH },
    });
    const vote = webTier('vote');
    const result = webTier('result');
    const worker = new Worker(this, 'worker', {
      name: names.worker,
      ...imageWithLatestTagWaiver(images.worker, ONLY_LATEST),
      gateWaivers: { ...IMAGE_WAIVERS.app, ...ONE_POD_EACH },
    });

    vote.allowTo(redis);
    worker.allowTo(redis);
    worker.allowTo(db);
    result.allowTo(db);
    for (const tier of [vote, result, worker]) tier.allowDns();
    // NodePort traffic arrives from clients, or from a node's address after SNAT.
    for (const anywhere of anyAddress(this)) {
      vote.allowFrom(anywhere);
      result.allowFrom(anywhere);
    }
  }
}
