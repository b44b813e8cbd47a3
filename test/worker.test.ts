import { Worker, WorkerProps } from '../lib/worker';
import { containerOf, findObject, synthIn } from './synth';

const synthWorker = (props: Partial<WorkerProps> = {}) =>
  synthIn((scope) => new Worker(scope, 'worker', { image: 'stephengrider/multi-worker:latest', ...props }));

describe('Worker', () => {
  test('emits only a Deployment: no Service, no ports, no probes on a port it does not have', () => {
    const manifests = synthWorker({ env: { REDIS_HOST: 'redis-cluster-ip-service', REDIS_PORT: '6379' } });
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(['Deployment/worker']);
    const deployment = manifests[0];
    expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'worker' } });
    expect(deployment.spec.template.metadata.labels).toEqual({ app: 'worker' });
    const container = containerOf(deployment);
    expect(container.ports).toBeUndefined();
    expect(container.readinessProbe).toBeUndefined();
    expect(container.env).toEqual([{ name: 'REDIS_HOST', value: 'redis-cluster-ip-service' }, { name: 'REDIS_PORT', value: '6379' }]);
    expect(container.securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });

  test('takes replicas and names', () => {
    const deployment = findObject(synthWorker({ name: 'worker-deployment', replicas: 2, selectorLabels: { component: 'worker' } }), 'Deployment', 'worker-deployment');
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.selector.matchLabels).toEqual({ component: 'worker' });
    expect(containerOf(deployment).name).toBe('worker-deployment');
  });

  test.each<[Partial<WorkerProps>, string]>([
    [{ replicas: -2 }, "Worker 'test/worker': replicas must be an integer from 0 to 1000, got -2"],
    [{ name: 'worker_1' }, "Worker 'test/worker': name must be a DNS-1123 subdomain"],
    [{ image: '' }, "Worker 'test/worker': image must be an image reference"],
  ])('refuses %j', (props, message) => {
    expect(() => synthWorker(props)).toThrow(message);
  });
});
