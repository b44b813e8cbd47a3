import { Testing, Yaml } from 'cdk8s';
import { VotingAppChart } from '../apps/voting-app/chart';
import { KODEKLOUD_PRESET } from '../apps/voting-app/config';
import { containerOf, findObject, flowsOf, Manifest } from './synth';

const manifests = Testing.synth(new VotingAppChart(Testing.app(), 'voting-app')) as Manifest[];

describe('VotingAppChart', () => {
  test('lives in its own namespace, created by the chart, so it never clashes with multi-k8s', () => {
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      'Deployment/result', 'Deployment/vote', 'Deployment/worker', 'Namespace/vote',
      'NetworkPolicy/db', 'NetworkPolicy/default-deny', 'NetworkPolicy/redis', 'NetworkPolicy/result', 'NetworkPolicy/vote', 'NetworkPolicy/worker',
      'Service/db', 'Service/redis', 'Service/result', 'Service/vote',
      'StatefulSet/db', 'StatefulSet/redis',
    ]);
    const namespace = findObject(manifests, 'Namespace', 'vote');
    expect(namespace.metadata.namespace).toBeUndefined();
    expect(manifests.filter((m) => m.kind !== 'Namespace').map((m) => m.metadata.namespace)).toEqual(Array(15).fill('vote'));
  });

  test('db and redis answer on the host names the apps hard-code', () => {
    expect(findObject(manifests, 'Service', 'db').spec).toEqual({
      type: 'ClusterIP', selector: { app: 'db' }, ports: [{ port: 5432, targetPort: 5432, protocol: 'TCP' }],
    });
    expect(findObject(manifests, 'Service', 'redis').spec).toEqual({
      type: 'ClusterIP', selector: { app: 'redis' }, ports: [{ port: 6379, targetPort: 6379, protocol: 'TCP' }],
    });
    const db = containerOf(findObject(manifests, 'StatefulSet', 'db'));
    expect(db.name).toBe('postgres');
    expect(db.image).toBe('postgres:15-alpine');
    expect(db.env).toEqual([
      { name: 'POSTGRES_USER', value: 'postgres' },
      { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-password', key: 'POSTGRES_PASSWORD' } } },
    ]);
    expect(containerOf(findObject(manifests, 'StatefulSet', 'redis')).image).toBe('redis:alpine');
  });

  test.each([
    ['vote', 'dockersamples/examplevotingapp_vote', 8080, 31000],
    ['result', 'dockersamples/examplevotingapp_result', 8081, 31001],
  ])('%s listens on 80 behind a NodePort Service', (name, image, port, nodePort) => {
    const deployment = findObject(manifests, 'Deployment', name);
    expect(containerOf(deployment).image).toBe(image);
    expect(containerOf(deployment).ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(containerOf(deployment).securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] });
    expect(findObject(manifests, 'Service', name).spec).toEqual({
      type: 'NodePort', selector: { app: name }, ports: [{ port, targetPort: 80, protocol: 'TCP', nodePort }],
    });
  });

  test('the worker has no Service', () => {
    expect(containerOf(findObject(manifests, 'Deployment', 'worker')).image).toBe('dockersamples/examplevotingapp_worker');
    expect(manifests.filter((m) => m.kind === 'Service' && m.metadata.name === 'worker')).toEqual([]);
  });

  test('its NetworkPolicies allow exactly vote -> redis, worker -> redis and db, result -> db, DNS, and NodePort traffic to vote and result', () => {
    const dns = 'pods {k8s-app=kube-dns} in namespace kube-system';
    const dnsFrom = (tier: string) => [`Deployment/${tier} -> ${dns}: TCP 53`, `Deployment/${tier} -> ${dns}: UDP 53`];
    // flowsOf lists flows in code-point order.
    expect(flowsOf(manifests)).toEqual([
      ...dnsFrom('result'),
      'Deployment/result -> StatefulSet/db: TCP 5432',
      ...dnsFrom('vote'),
      'Deployment/vote -> StatefulSet/redis: TCP 6379',
      ...dnsFrom('worker'),
      'Deployment/worker -> StatefulSet/db: TCP 5432',
      'Deployment/worker -> StatefulSet/redis: TCP 6379',
      'IP block ::/0 -> Deployment/result: TCP 80',
      'IP block ::/0 -> Deployment/vote: TCP 80',
      'IP block 0.0.0.0/0 -> Deployment/result: TCP 80',
      'IP block 0.0.0.0/0 -> Deployment/vote: TCP 80',
    ].sort());
  });

  test('the default deny selects the chart\'s pods, and peers in the namespace are selected by namespace name too', () => {
    expect(findObject(manifests, 'NetworkPolicy', 'default-deny').spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'example-voting-app' } }, policyTypes: ['Egress', 'Ingress'],
    });
    expect(findObject(manifests, 'NetworkPolicy', 'db').spec).toEqual({
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: ['worker', 'result'].map((app) => ({
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'vote' } }, podSelector: { matchLabels: { app } } }],
        ports: [{ port: 5432, protocol: 'TCP' }],
      })),
    });
    expect(findObject(manifests, 'NetworkPolicy', 'vote').spec.ingress.slice(0, 2)).toEqual([
      { from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 80, protocol: 'TCP' }] },
      { from: [{ ipBlock: { cidr: '::/0' } }], ports: [{ port: 80, protocol: 'TCP' }] },
    ]);
  });

  test('snapshot for review, as the YAML that lands in dist/', () => {
    expect(Yaml.stringify(...manifests)).toMatchSnapshot();
  });

  test('the kodekloud preset: the course exercise\'s pinned images, object names, Services and node ports', () => {
    const kodekloud = Testing.synth(new VotingAppChart(Testing.app(), 'voting-app', KODEKLOUD_PRESET)) as Manifest[];
    const workloads = kodekloud.filter((m) => ['Deployment', 'StatefulSet'].includes(m.kind) && m.spec.replicas !== 0);
    expect(workloads.map((m) => `${m.kind}/${m.metadata.name} ${containerOf(m).image}`).sort()).toEqual([
      'Deployment/result-app-deploy kodekloud/examplevotingapp_result:v1',
      'Deployment/voting-app-deploy kodekloud/examplevotingapp_vote:v1',
      'Deployment/worker-app-deploy kodekloud/examplevotingapp_worker:v1',
      'StatefulSet/postgres-deploy postgres:15-alpine',
      'StatefulSet/redis-deploy redis:alpine',
    ]);
    const service = (name: string) => findObject(kodekloud, 'Service', name).spec;
    expect(service('voting-service')).toEqual({ type: 'NodePort', selector: { app: 'voting-app-deploy' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP', nodePort: 30004 }] });
    expect(service('result-service')).toEqual({ type: 'NodePort', selector: { app: 'result-app-deploy' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP', nodePort: 30005 }] });
    expect([service('redis').type, service('redis').selector, service('db').type, service('db').selector]).toEqual(['ClusterIP', { app: 'redis-deploy' }, 'ClusterIP', { app: 'postgres-deploy' }]);
    // Pinned images need no waiver of the gate's latest-tag rule; the other waivers say what the images need.
    expect(findObject(kodekloud, 'Deployment', 'voting-app-deploy').metadata.annotations).toEqual({
      'ignore-check.multi-k8s-cdk8s/missing-replicas': 'the example-voting-app runs one pod per tier, as in docker\'s own manifests',
      'ignore-check.multi-k8s-cdk8s/privileged-port': 'the image listens on port 80, which it binds with NET_BIND_SERVICE',
      'ignore-check.multi-k8s-cdk8s/run-as-root': 'the image sets no USER and is not known to run as any other user',
      'ignore-check.multi-k8s-cdk8s/writable-root-filesystem': 'the image is not known to run on a read-only filesystem',
    });
  });
});
