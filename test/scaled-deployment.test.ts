// Budgets, spreading and autoscaling of the stateless tiers (WebTier and Worker share them).
import { WebTier, WebTierProps } from '../lib/web-tier';
import { Worker } from '../lib/worker';
import { findObject, synthIn } from './synth';

const synthWeb = (props: Partial<WebTierProps>) => synthIn((scope) => new WebTier(scope, 'web', { image: 'nginx:1.25.3', port: 8080, ...props }));
const kinds = (manifests: { kind: string }[]) => manifests.map((m) => m.kind).sort();

describe('scaled Deployments', () => {
  test('one pod: no budget, no autoscaler, no spreading even when asked', () => {
    const manifests = synthWeb({ replicas: 1, spreadOverNodes: true });
    expect(kinds(manifests)).toEqual(['Deployment', 'Service']);
    expect(findObject(manifests, 'Deployment', 'web').spec.template.spec.topologySpreadConstraints).toBeUndefined();
  });

  test('two or more pods: a budget that lets one pod go, which also lets unhealthy pods be evicted', () => {
    const manifests = synthIn((scope) => new Worker(scope, 'jobs', { image: 'busybox:1.36.1', replicas: 2 }));
    expect(findObject(manifests, 'PodDisruptionBudget', 'jobs').spec).toEqual({
      maxUnavailable: 1, selector: { matchLabels: { app: 'jobs' } }, unhealthyPodEvictionPolicy: 'AlwaysAllow',
    });
  });

  test('autoscaling from one pod still gets a budget, since the autoscaler may run more', () => {
    const manifests = synthWeb({ replicas: 1, autoscaling: { maxReplicas: 4 } });
    expect(kinds(manifests)).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service']);
    expect(findObject(manifests, 'HorizontalPodAutoscaler', 'web').spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 4,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
    expect(findObject(manifests, 'Deployment', 'web').spec.replicas).toBeUndefined();
  });

  test('spreading puts one constraint per topology key, counting only the pods of the same rollout', () => {
    const spec = findObject(synthWeb({ replicas: 2, spreadOverNodes: true }), 'Deployment', 'web').spec.template.spec;
    expect(spec.topologySpreadConstraints.map((c: any) => [c.topologyKey, c.whenUnsatisfiable, c.matchLabelKeys])).toEqual([
      ['kubernetes.io/hostname', 'ScheduleAnyway', ['pod-template-hash']],
      ['topology.kubernetes.io/zone', 'ScheduleAnyway', ['pod-template-hash']],
    ]);
  });

  test.each([
    [{ replicas: 0, autoscaling: { maxReplicas: 3 } }, "replicas must be at least 1 with autoscaling: it is the autoscaler's minimum, got 0"],
    [{ replicas: 3, autoscaling: { maxReplicas: 2 } }, 'autoscaling.maxReplicas must be an integer from 3 to 1000, got 2'],
    [{ replicas: 1, autoscaling: { maxReplicas: 1.5 } }, 'autoscaling.maxReplicas must be an integer from 1 to 1000, got 1.5'],
    [{ replicas: 1, autoscaling: { maxReplicas: 3, cpuUtilization: 0 } }, 'autoscaling.cpuUtilization must be an integer from 1 to 100, got 0'],
  ])('refuses %j', (props, message) => {
    expect(() => synthWeb(props)).toThrow(`WebTier 'test/web': ${message}`);
  });
});
