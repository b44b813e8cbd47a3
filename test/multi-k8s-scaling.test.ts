// Disruption budgets in every profile; spreading and autoscaling in production.
import { Testing } from 'cdk8s';
import { MultiK8sChart } from '../apps/multi-k8s/chart';
import { DEV_CONFIG, MULTI_K8S_TIERS } from '../apps/multi-k8s/config';
import { ADDED_TIERS, replicasOf } from './multi-k8s-tiers';
import { PRODUCTION_CONFIG } from './production-config';
import { findObject, Manifest } from './synth';

const synth = (config = DEV_CONFIG) => Testing.synth(new MultiK8sChart(Testing.app(), 'multi-k8s', config)) as Manifest[];
const dev = synth();
const production = synth(PRODUCTION_CONFIG);
const budget = (matchLabels: Readonly<Record<string, string>>) => ({ maxUnavailable: 1, selector: { matchLabels }, unhealthyPodEvictionPolicy: 'AlwaysAllow' });

describe.each([['dev', dev, DEV_CONFIG], ['production', production, PRODUCTION_CONFIG]])('MultiK8sChart (%s)', (_, manifests, config) => {
  test('the client and server (3 replicas), and each added tier of two or more, have a policy/v1 budget that lets one pod go at a time; the single-pod tiers none', () => {
    const budgets = manifests.filter((m) => m.kind === 'PodDisruptionBudget');
    const byName = (a: unknown[], b: unknown[]) => String(a[1]).localeCompare(String(b[1]));
    expect(budgets.map((m) => [m.apiVersion, m.metadata.name, m.spec]).sort(byName)).toEqual([
      ['policy/v1', 'client-deployment', budget({ component: 'web' })],
      ['policy/v1', 'server-deployment', budget({ component: 'server' })],
      ...ADDED_TIERS.filter((tier) => replicasOf(config, tier) >= 2)
        .map((tier) => ['policy/v1', MULTI_K8S_TIERS[tier].name, budget(MULTI_K8S_TIERS[tier].selectorLabels)]),
    ].sort(byName));
  });
});

describe('MultiK8sChart (dev)', () => {
  test('no autoscaler and no spreading: a minikube has one node, and replicas stay as configured', () => {
    expect(dev.filter((m) => m.kind === 'HorizontalPodAutoscaler')).toEqual([]);
    expect(dev.filter((m) => m.spec?.template?.spec.topologySpreadConstraints)).toEqual([]);
    expect(findObject(dev, 'Deployment', 'client-deployment').spec.replicas).toBe(3);
  });
});

describe('MultiK8sChart (production)', () => {
  test.each([['client-deployment', 'web'], ['server-deployment', 'server']])('%s spreads over nodes and zones, and still schedules on one node', (name, component) => {
    const constraint = (topologyKey: string) => ({
      topologyKey, maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { component } }, matchLabelKeys: ['pod-template-hash'],
    });
    expect(findObject(production, 'Deployment', name).spec.template.spec.topologySpreadConstraints).toEqual([
      constraint('kubernetes.io/hostname'), constraint('topology.kubernetes.io/zone'),
    ]);
  });

  test('the single-pod worker and the stores are not spread', () => {
    for (const [kind, name] of [['Deployment', 'worker-deployment'], ['StatefulSet', 'postgres-statefulset'], ['StatefulSet', 'redis-statefulset']]) {
      expect(findObject(production, kind, name).spec.template.spec.topologySpreadConstraints).toBeUndefined();
    }
  });

  test.each(['client-deployment', 'server-deployment'])('%s scales on CPU from its 3 replicas to the configured maximum', (name) => {
    expect(findObject(production, 'HorizontalPodAutoscaler', name)).toMatchObject({
      apiVersion: 'autoscaling/v2',
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: 3,
        maxReplicas: 6,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      },
    });
    // The autoscaler owns the count: a fixed spec.replicas would be reset by every kubectl apply.
    expect(findObject(production, 'Deployment', name).spec.replicas).toBeUndefined();
  });

  test('the autoscaler minimum never conflicts with the budget: one pod may go at any count', () => {
    for (const name of ['client-deployment', 'server-deployment']) {
      const { minReplicas } = findObject(production, 'HorizontalPodAutoscaler', name).spec;
      const { maxUnavailable, minAvailable } = findObject(production, 'PodDisruptionBudget', name).spec;
      expect([minAvailable, maxUnavailable, minReplicas >= 1]).toEqual([undefined, 1, true]);
    }
  });

  test('the maximum and the CPU target come from the config', () => {
    const custom = synth({ ...PRODUCTION_CONFIG, autoscaling: { maxReplicas: { client: 4, server: 10 }, cpuUtilization: 50 } });
    expect(findObject(custom, 'HorizontalPodAutoscaler', 'client-deployment').spec.maxReplicas).toBe(4);
    expect(findObject(custom, 'HorizontalPodAutoscaler', 'server-deployment').spec).toMatchObject({
      maxReplicas: 10, metrics: [{ resource: { target: { averageUtilization: 50 } } }],
    });
  });

  test('a maximum below the configured replicas fails, naming the tier, the field and the value', () => {
    expect(() => synth({ ...PRODUCTION_CONFIG, autoscaling: { maxReplicas: { client: 2, server: 6 }, cpuUtilization: 70 } })).toThrow(
      "WebTier 'multi-k8s/client': autoscaling.maxReplicas must be an integer from 3 to 1000, got 2");
  });
});
