import { Testing, Yaml } from 'cdk8s';
import { MultiK8sChart } from '../apps/multi-k8s/chart';
import { DEV_CONFIG, MULTI_K8S_TIER_NAMES, MultiK8sConfig } from '../apps/multi-k8s/config';
import { addedIngressPaths, addedTierObjects, replicasOf, workloadKey } from './multi-k8s-tiers';
import { containerOf, findObject, Manifest } from './synth';

const synthChart = (config: MultiK8sConfig = DEV_CONFIG): Manifest[] => Testing.synth(new MultiK8sChart(Testing.app(), 'multi-k8s', config)) as Manifest[];
const manifests = synthChart();
const pgPasswordEnv = (name: string) => ({ name, valueFrom: { secretKeyRef: { name: 'pgpassword', key: 'PGPASSWORD' } } });
const cpuCores = (quantity: string) => (quantity.endsWith('m') ? parseInt(quantity, 10) / 1000 : Number(quantity));
const memoryMebibytes = (quantity: string) => (quantity.endsWith('Gi') ? parseInt(quantity, 10) * 1024 : parseInt(quantity, 10));
// A default minikube node (2 CPUs, 2 GB = 1907 MiB), less what its control plane, CoreDNS and ingress-nginx request
// (about 0.85 CPU and 0.3 GiB).
const MINIKUBE_LEFT = { cpu: 2 - 0.85, memoryMi: 1907 - 307 };

describe('MultiK8sChart', () => {
  test('emits the course objects (stores as StatefulSets, their course Deployments at 0), budgets, policies, the Postgres backups and no Secret, and those of every added tier', () => {
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      'CronJob/postgres-backup',
      'CronJob/postgres-backup-restore',
      'Deployment/client-deployment',
      'Deployment/postgres-deployment',
      'Deployment/redis-deployment',
      'Deployment/server-deployment',
      'Deployment/worker-deployment',
      'Ingress/ingress-service',
      'NetworkPolicy/client-deployment',
      'NetworkPolicy/default-deny',
      'NetworkPolicy/postgres-backup',
      'NetworkPolicy/postgres-statefulset',
      'NetworkPolicy/redis-statefulset',
      'NetworkPolicy/server-deployment',
      'NetworkPolicy/worker-deployment',
      'PersistentVolumeClaim/database-persistent-volume-claim',
      'PersistentVolumeClaim/postgres-backups',
      'PodDisruptionBudget/client-deployment',
      'PodDisruptionBudget/server-deployment',
      'Service/client-cluster-ip-service',
      'Service/postgres-cluster-ip-service',
      'Service/postgres-statefulset-pods',
      'Service/redis-cluster-ip-service',
      'Service/server-cluster-ip-service',
      'StatefulSet/postgres-statefulset',
      'StatefulSet/redis-statefulset',
      ...addedTierObjects(DEV_CONFIG),
    ].sort());
  });

  test.each([
    ['Deployment', 'client-deployment', 'client', 'web', 3, 'stephengrider/multi-client:latest', 3000],
    ['Deployment', 'server-deployment', 'server', 'server', 3, 'stephengrider/multi-server:latest', 5000],
    ['Deployment', 'worker-deployment', 'worker', 'worker', 1, 'stephengrider/multi-worker:latest', undefined],
    ['StatefulSet', 'redis-statefulset', 'redis', 'redis', 1, 'redis:7.2.5-alpine', 6379],
    ['StatefulSet', 'postgres-statefulset', 'postgres', 'postgres', 1, 'postgres:15.8', 5432],
  ])('%s %s keeps the course selector, container, replicas and port', (kind, name, container, component, replicas, image, port) => {
    const workload = findObject(manifests, kind, name);
    expect(workload.spec.selector).toEqual({ matchLabels: { component } });
    expect(workload.spec.template.metadata.labels).toEqual({ 'app.kubernetes.io/part-of': 'multi-k8s', component });
    expect(workload.spec.replicas).toBe(replicas);
    expect(containerOf(workload).name).toBe(container);
    expect(containerOf(workload).image).toBe(image);
    expect(containerOf(workload).ports).toEqual(port === undefined ? undefined : [{ containerPort: port, protocol: 'TCP' }]);
  });

  test.each([
    ['client-cluster-ip-service', 'web', 3000],
    ['server-cluster-ip-service', 'server', 5000],
    ['redis-cluster-ip-service', 'redis', 6379],
    ['postgres-cluster-ip-service', 'postgres', 5432],
  ])('Service %s is a ClusterIP selecting component=%s on port %d', (name, component, port) => {
    expect(findObject(manifests, 'Service', name).spec).toEqual({
      type: 'ClusterIP', selector: { component }, ports: [{ port, targetPort: port, protocol: 'TCP' }],
    });
  });

  test('the server gets Redis, Postgres and the password from the pgpassword Secret', () => {
    expect(containerOf(findObject(manifests, 'Deployment', 'server-deployment')).env).toEqual([
      { name: 'REDIS_HOST', value: 'redis-cluster-ip-service' },
      { name: 'REDIS_PORT', value: '6379' },
      { name: 'PGUSER', value: 'postgres' },
      { name: 'PGHOST', value: 'postgres-cluster-ip-service' },
      { name: 'PGPORT', value: '5432' },
      { name: 'PGDATABASE', value: 'postgres' },
      pgPasswordEnv('PGPASSWORD'),
    ]);
  });

  test('the worker gets Redis; postgres gets POSTGRES_PASSWORD from the same Secret', () => {
    expect(containerOf(findObject(manifests, 'Deployment', 'worker-deployment')).env).toEqual([
      { name: 'REDIS_HOST', value: 'redis-cluster-ip-service' },
      { name: 'REDIS_PORT', value: '6379' },
    ]);
    expect(containerOf(findObject(manifests, 'StatefulSet', 'postgres-statefulset')).env).toEqual([pgPasswordEnv('POSTGRES_PASSWORD')]);
  });

  test('postgres keeps its data on the course PVC, mounted with subPath postgres', () => {
    expect(findObject(manifests, 'PersistentVolumeClaim', 'database-persistent-volume-claim').spec).toEqual({
      accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } },
    });
    const postgres = findObject(manifests, 'StatefulSet', 'postgres-statefulset');
    expect(postgres.spec.template.spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'database-persistent-volume-claim' } }]);
    expect(containerOf(postgres).volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/postgresql/data', subPath: 'postgres' }]);
  });

  test('the Ingress routes the course regex paths with rewrite to the client and server Services', () => {
    const ingress = findObject(manifests, 'Ingress', 'ingress-service');
    expect(ingress.metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/use-regex': 'true',
      'nginx.ingress.kubernetes.io/rewrite-target': '/$1',
    });
    expect(ingress.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{
        http: {
          paths: [
            { path: '/?(.*)', pathType: 'ImplementationSpecific', backend: { service: { name: 'client-cluster-ip-service', port: { number: 3000 } } } },
            { path: '/api/?(.*)', pathType: 'ImplementationSpecific', backend: { service: { name: 'server-cluster-ip-service', port: { number: 5000 } } } },
            ...addedIngressPaths().map(({ path, serviceName, port }) => ({ path, pathType: 'ImplementationSpecific', backend: { service: { name: serviceName, port: { number: port } } } })),
          ],
        },
      }],
    });
  });

  test('every tier runs its configured pods, each container has requests and limits, and all pods fit a 2-CPU, 2 GB minikube beside ingress-nginx', () => {
    const running = manifests.filter((m) => m.spec?.template && m.spec.replicas > 0);
    expect(running.map((m) => `${m.kind}/${m.metadata.name} x${m.spec.replicas}`).sort()).toEqual(
      MULTI_K8S_TIER_NAMES.map((tier) => `${workloadKey(tier)} x${replicasOf(DEV_CONFIG, tier)}`).sort());
    let cpu = 0;
    let memoryMi = 0;
    for (const workload of running) {
      const { requests, limits } = containerOf(workload).resources;
      expect(Object.keys(requests).sort()).toEqual(['cpu', 'memory']);
      expect(Object.keys(limits).sort()).toEqual(['cpu', 'memory']);
      cpu += workload.spec.replicas * cpuCores(requests.cpu);
      memoryMi += workload.spec.replicas * memoryMebibytes(requests.memory);
    }
    // The sum of each tier's configured requests times its configured pods...
    const configured = (request: 'cpuRequest' | 'memoryRequest', quantity: (q: string) => number) =>
      MULTI_K8S_TIER_NAMES.reduce((sum, tier) => sum + replicasOf(DEV_CONFIG, tier) * quantity(DEV_CONFIG.resources[tier][request]), 0);
    expect(cpu).toBeCloseTo(configured('cpuRequest', cpuCores));
    expect(memoryMi).toBe(configured('memoryRequest', memoryMebibytes));
    // ...which fits what minikube leaves.
    expect(cpu).toBeLessThanOrEqual(MINIKUBE_LEFT.cpu);
    expect(memoryMi).toBeLessThanOrEqual(MINIKUBE_LEFT.memoryMi);
  });

  test('no Secret object and no password value anywhere in the output', () => {
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
    const envValues = manifests.flatMap((m) => m.spec?.template?.spec.containers.flatMap((c: any) => c.env ?? []) ?? []);
    expect(envValues.filter((e: any) => /PASSWORD/.test(e.name) && e.value !== undefined)).toEqual([]);
  });

  test('takes a domain, replicas and images from its config', () => {
    const custom = synthChart({
      ...DEV_CONFIG,
      domain: 'fib.example.com',
      replicas: { ...DEV_CONFIG.replicas, client: 1, server: 2, worker: 2 },
      images: { ...DEV_CONFIG.images, server: 'registry.example.com/multi-server:3f1c2ab' },
    });
    expect(findObject(custom, 'Ingress', 'ingress-service').spec.rules.map((r: any) => r.host)).toEqual(['fib.example.com', 'www.fib.example.com']);
    expect(findObject(custom, 'Deployment', 'client-deployment').spec.replicas).toBe(1);
    expect(findObject(custom, 'Deployment', 'worker-deployment').spec.replicas).toBe(2);
    expect(containerOf(findObject(custom, 'Deployment', 'server-deployment')).image).toBe('registry.example.com/multi-server:3f1c2ab');
    // A pinned image needs no waiver of the gate's latest-tag rule; the course's :latest images carry one.
    expect(findObject(custom, 'Deployment', 'server-deployment').metadata.annotations).toEqual({
        'ignore-check.multi-k8s-cdk8s/run-as-root': 'the image sets no USER and is not known to run as any other user',
        'ignore-check.multi-k8s-cdk8s/writable-root-filesystem': 'the image is not known to run on a read-only filesystem',
        'multi-k8s-cdk8s/external-secrets': 'pgpassword',
    });
    expect(findObject(custom, 'Deployment', 'client-deployment').metadata.annotations).toEqual({
      'ignore-check.multi-k8s-cdk8s/latest-tag': 'the course publishes its images only as :latest; the production profile requires pinned tags',
      'ignore-check.multi-k8s-cdk8s/run-as-root': 'the nginx master process starts as root and runs its workers as the nginx user',
      'ignore-check.multi-k8s-cdk8s/writable-root-filesystem': 'nginx writes its pid file and temporary files under /var',
    });
  });

  test('the production profile refuses the :latest course images, naming the construct and image', () => {
    expect(() => synthChart({ ...DEV_CONFIG, profile: 'production' })).toThrow(
      "WebTier 'multi-k8s/client': image must carry a tag other than \"latest\" or a digest in production, got \"stephengrider/multi-client:latest\"");
    const sha = '3f1c2ab';
    const pinned = synthChart({
      ...DEV_CONFIG,
      profile: 'production',
      images: { ...DEV_CONFIG.images, client: `stephengrider/multi-client:${sha}`, server: `stephengrider/multi-server:${sha}`, worker: `stephengrider/multi-worker:${sha}` },
    });
    expect(containerOf(findObject(pinned, 'Deployment', 'worker-deployment')).image).toBe(`stephengrider/multi-worker:${sha}`);
  });

  test('with local app images (skaffold), the app containers are pulled only if not present', () => {
    const local = synthChart({ ...DEV_CONFIG, localAppImages: true });
    const policy = (kind: string, name: string) => containerOf(findObject(local, kind, name)).imagePullPolicy;
    expect([policy('Deployment', 'client-deployment'), policy('Deployment', 'server-deployment'), policy('Deployment', 'worker-deployment')]).toEqual(Array(3).fill('IfNotPresent'));
    expect(containerOf(findObject(manifests, 'Deployment', 'client-deployment')).imagePullPolicy).toBe('Always');
  });

  test('snapshot for review, as the YAML that lands in dist/', () => {
    expect(Yaml.stringify(...manifests)).toMatchSnapshot();
  });
});
