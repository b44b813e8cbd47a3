import { Chart } from 'cdk8s';
import { validateManifests } from '../gate';
import { denyAllTraffic, ExternalStore, ExternalStoreProps, StatefulStore, Worker } from '../lib';
import { findObject, flowsOf, Manifest, synthIn } from './synth';

const RDS = 'mydb.abc123.eu-west-1.rds.amazonaws.com';
const postgres: ExternalStoreProps = { serviceName: 'postgres-cluster-ip-service', host: RDS, port: 5432 };
const redis: ExternalStoreProps = { serviceName: 'redis-cluster-ip-service', host: '10.20.30.40', port: 6379 };

/** The store alone, and a worker allowed to reach it under the default deny. */
function synthStore(props: ExternalStoreProps): { manifests: Manifest[]; store: ExternalStore } {
  let store: ExternalStore | undefined;
  const manifests = synthIn((scope) => {
    store = new ExternalStore(scope, 'store', props);
    denyAllTraffic(Chart.of(scope));
    const worker = new Worker(scope, 'worker', { image: 'stephengrider/multi-worker:3f1c2ab' });
    worker.allowTo(store);
    worker.allowTo(store);
    worker.allowDns();
  }, {}, { labels: { 'app.kubernetes.io/part-of': 'shop' } });
  return { manifests, store: store! };
}

/** The worker's egress rules other than DNS. */
const storeEgress = (manifests: Manifest[]) => findObject(manifests, 'NetworkPolicy', 'worker').spec.egress.filter((rule: any) => rule.ports[0].port !== 53);
const chartLabel = { 'app.kubernetes.io/part-of': 'shop' };

describe('ExternalStore with a DNS name', () => {
  test('is an ExternalName Service that keeps the port, and nothing else', () => {
    const { manifests, store } = synthStore(postgres);
    expect(manifests.filter((m) => m.metadata.name !== 'worker' && m.metadata.name !== 'default-deny')).toEqual([{
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'postgres-cluster-ip-service', labels: chartLabel },
      spec: { type: 'ExternalName', externalName: RDS, ports: [{ port: 5432, protocol: 'TCP' }] },
    }]);
    expect(store.endpointSlice).toBeUndefined();
    expect([store.serviceName, store.host, store.port]).toEqual(['postgres-cluster-ip-service', RDS, 5432]);
  });

  test('lets the workload reach any address on the port, once, and says so', () => {
    const { manifests, store } = synthStore(postgres);
    expect(storeEgress(manifests)).toEqual([
      { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 5432, protocol: 'TCP' }] },
      { to: [{ ipBlock: { cidr: '::/0' } }], ports: [{ port: 5432, protocol: 'TCP' }] },
    ]);
    expect(store.egressDescription).toBe(`TCP 5432 to any address (0.0.0.0/0, ::/0): a NetworkPolicy cannot name the host ${RDS}, so every destination on that port is allowed; set allowedCidrs to the ranges it resolves into to narrow it`);
    expect(flowsOf(manifests)).toContain('Deployment/worker -> IP block 0.0.0.0/0: TCP 5432');
  });

  test('allowedCidrs narrows the rule to the ranges given', () => {
    const { manifests, store } = synthStore({ ...postgres, allowedCidrs: ['10.50.0.0/16', '2001:db8:1::/48'] });
    expect(storeEgress(manifests)).toEqual([
      { to: [{ ipBlock: { cidr: '10.50.0.0/16' } }], ports: [{ port: 5432, protocol: 'TCP' }] },
      { to: [{ ipBlock: { cidr: '2001:db8:1::/48' } }], ports: [{ port: 5432, protocol: 'TCP' }] },
    ]);
    expect(store.egressDescription).toBe(`TCP 5432 to 10.50.0.0/16, 2001:db8:1::/48, the ranges given for ${RDS} (allowedCidrs)`);
  });
});

describe('ExternalStore with an IP address', () => {
  test('is a ClusterIP Service without a selector and an EndpointSlice listing the address on the same unnamed port', () => {
    const { manifests, store } = synthStore(redis);
    expect(findObject(manifests, 'Service', 'redis-cluster-ip-service')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'redis-cluster-ip-service', labels: chartLabel },
      spec: { type: 'ClusterIP', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'], ports: [{ port: 6379, protocol: 'TCP' }] },
    });
    expect(findObject(manifests, 'EndpointSlice', 'redis-cluster-ip-service-external')).toEqual({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'redis-cluster-ip-service-external',
        labels: { ...chartLabel, 'kubernetes.io/service-name': 'redis-cluster-ip-service', 'endpointslice.kubernetes.io/managed-by': 'multi-k8s-cdk8s' },
      },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.20.30.40'] }],
      ports: [{ port: 6379, protocol: 'TCP' }],
    });
    expect(store.endpointSlice).toBeDefined();
  });

  test('lets the workload reach that address alone on the port', () => {
    const { manifests, store } = synthStore(redis);
    expect(storeEgress(manifests)).toEqual([{ to: [{ ipBlock: { cidr: '10.20.30.40/32' } }], ports: [{ port: 6379, protocol: 'TCP' }] }]);
    expect(store.egressDescription).toBe("TCP 6379 to 10.20.30.40/32, the store's address");
  });

  test('an IPv6 address makes an IPv6 Service and slice, and a /128 rule', () => {
    const { manifests } = synthStore({ ...redis, host: '2001:db8::5' });
    expect(findObject(manifests, 'Service', 'redis-cluster-ip-service').spec.ipFamilies).toEqual(['IPv6']);
    expect(findObject(manifests, 'EndpointSlice', 'redis-cluster-ip-service-external')).toMatchObject({ addressType: 'IPv6', endpoints: [{ addresses: ['2001:db8::5'] }] });
    expect(storeEgress(manifests)).toEqual([{ to: [{ ipBlock: { cidr: '2001:db8::5/128' } }], ports: [{ port: 6379, protocol: 'TCP' }] }]);
  });
});

test('the gate finds nothing to say about either shape beside a store of the cluster', () => {
  const manifests = synthIn((scope) => {
    new ExternalStore(scope, 'postgres', postgres);
    new ExternalStore(scope, 'redis', redis);
    new StatefulStore(scope, 'cache', { image: 'redis:7.2.5-alpine', port: 6380, replicas: 1 });
  });
  const wiring = validateManifests(manifests.map((object) => ({ file: 'test', object })))
    .filter((f) => ['service-no-pods', 'service-unreachable', 'service-endpoints', 'service-target-port'].includes(f.rule) || f.severity === 'error');
  expect(wiring).toEqual([]);
});

describe('ExternalStore refuses', () => {
  test.each<[string, Partial<ExternalStoreProps>, string]>([
    ['a Service name that is not a DNS-1035 label', { serviceName: '1-postgres' }, `ExternalStore 'test/store': serviceName must be a DNS-1035 label`],
    ['a Service name with a dot', { serviceName: 'postgres.db' }, 'serviceName must be a DNS-1035 label (lowercase letters, digits and \'-\', starting with a letter and ending with a letter or digit), at most 63 characters, got "postgres.db"'],
    ['a host that is no DNS name', { host: 'My_DB.example.com' }, 'host must be an IP address, or a DNS name that must be a DNS-1123 subdomain'],
    ['an IPv4 address with leading zeros', { host: '10.020.30.40' }, 'host must be a DNS name or an IPv4 or IPv6 address (no leading zeros, no IPv4-mapped IPv6, no prefix or zone), got "10.020.30.40"'],
    ['a CIDR as host', { host: '10.20.30.40/32' }, 'got "10.20.30.40/32"'],
    ['an IPv6 address not in canonical form', { host: '2001:DB8:0::5' }, 'host must be written in canonical form, "2001:db8::5", got "2001:DB8:0::5"'],
    ['a loopback address', { host: '127.0.0.1' }, 'host is an IP address the API server refuses as an endpoint: it may not be in the loopback range (127.0.0.0/8, ::1/128), got "127.0.0.1"'],
    ['a link-local address', { host: '169.254.169.254' }, 'may not be in the link-local range'],
    ['port 0', { port: 0 }, `ExternalStore 'test/store': port must be an integer from 1 to 65535, got 0`],
    ['port 65536', { port: 65536 }, 'port must be an integer from 1 to 65535, got 65536'],
    ['a CIDR that is not one', { allowedCidrs: ['10.50.0.0/33'] }, `ExternalStore 'test/store': allowedCidrs[0] must be a CIDR such as "10.20.0.0/16" or "2001:db8::/48", got "10.50.0.0/33"`],
    ['a CIDR with host bits', { allowedCidrs: ['10.0.0.0/16', '10.50.1.0/16'] }, 'allowedCidrs[1] must have no bits set beyond the prefix length (the API server refuses them from 1.34), got "10.50.1.0/16"'],
    ['an empty allowedCidrs', { allowedCidrs: [] }, 'allowedCidrs must list at least one CIDR, or be left out to allow any address, got []'],
  ])('%s', (_case, props, message) => {
    expect(() => synthStore({ ...postgres, ...props })).toThrow(message);
  });

  test('allowedCidrs with an IP address', () => {
    expect(() => synthStore({ ...redis, allowedCidrs: ['10.20.0.0/16'] })).toThrow(
      `ExternalStore 'test/store': allowedCidrs applies only when host is a DNS name: for the address 10.20.30.40 the rule allows 10.20.30.40/32 alone, got ["10.20.0.0/16"]`,
    );
  });
});
