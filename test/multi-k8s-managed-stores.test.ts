// Production with Postgres and Redis outside the cluster: no store workloads, the same Service names pointing out,
// and NetworkPolicies that let the server and the worker reach the stores' ports and nothing more.
import { Testing } from 'cdk8s';
import { MultiK8sChart } from '../apps/multi-k8s/chart';
import { multiK8sInputsFromEnv } from '../apps/multi-k8s/inputs';
import { MANAGED_STORES_CONFIG, MANAGED_STORES_ENV, PRODUCTION_ENV } from './production-config';
import { containerOf, findObject, Manifest } from './synth';

const manifests = Testing.synth(new MultiK8sChart(Testing.app(), 'multi-k8s', MANAGED_STORES_CONFIG)) as Manifest[];
const tcp = (port: number) => ({ port, protocol: 'TCP' });

describe('MultiK8sChart with managed Postgres and Redis', () => {
  test('runs no store in the cluster: no StatefulSet, claim, guard, peers Service, retired Deployment or backup', () => {
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`).filter((key) => /postgres|redis|PersistentVolumeClaim|CronJob/.test(key)).sort()).toEqual([
      'EndpointSlice/redis-cluster-ip-service-external',
      'Service/postgres-cluster-ip-service',
      'Service/redis-cluster-ip-service',
    ]);
  });

  test('Postgres, by DNS name, is an ExternalName Service of the same name', () => {
    expect(findObject(manifests, 'Service', 'postgres-cluster-ip-service').spec).toEqual({
      type: 'ExternalName', externalName: 'mydb.abc123.eu-west-1.rds.amazonaws.com', ports: [tcp(5432)],
    });
  });

  test('Redis, by IP address, is a selector-less Service and the EndpointSlice that lists the address', () => {
    expect(findObject(manifests, 'Service', 'redis-cluster-ip-service').spec).toEqual({
      type: 'ClusterIP', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'], ports: [tcp(6379)],
    });
    const slice = findObject(manifests, 'EndpointSlice', 'redis-cluster-ip-service-external');
    expect(slice.metadata.labels).toMatchObject({ 'kubernetes.io/service-name': 'redis-cluster-ip-service' });
    expect([slice.addressType, slice.endpoints, slice.ports]).toEqual(['IPv4', [{ addresses: ['10.20.0.5'] }], [tcp(6379)]]);
  });

  test('the server logs in with the managed database, user and sslmode, through the same Service names', () => {
    expect(containerOf(findObject(manifests, 'Deployment', 'server-deployment')).env).toEqual([
      { name: 'REDIS_HOST', value: 'redis-cluster-ip-service' },
      { name: 'REDIS_PORT', value: '6379' },
      { name: 'PGUSER', value: 'app' },
      { name: 'PGHOST', value: 'postgres-cluster-ip-service' },
      { name: 'PGPORT', value: '5432' },
      { name: 'PGDATABASE', value: 'fib' },
      { name: 'PGSSLMODE', value: 'no-verify' },
      { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'pgpassword', key: 'PGPASSWORD' } } },
    ]);
  });

  test('the server may reach Postgres\'s port at any address (a NetworkPolicy cannot name a host), Redis at its address alone', () => {
    const egress = findObject(manifests, 'NetworkPolicy', 'server-deployment').spec.egress;
    expect(egress.slice(0, 3)).toEqual([
      { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [tcp(5432)] },
      { to: [{ ipBlock: { cidr: '::/0' } }], ports: [tcp(5432)] },
      { to: [{ ipBlock: { cidr: '10.20.0.5/32' } }], ports: [tcp(6379)] },
    ]);
    expect(findObject(manifests, 'NetworkPolicy', 'worker-deployment').spec.egress[0]).toEqual({ to: [{ ipBlock: { cidr: '10.20.0.5/32' } }], ports: [tcp(6379)] });
  });

  test('POSTGRES_CIDRS narrows the Postgres rule to the ranges its name resolves into', () => {
    const { config } = multiK8sInputsFromEnv({ ...MANAGED_STORES_ENV, POSTGRES_CIDRS: '10.30.0.0/16, 10.31.0.0/16' });
    const narrowed = Testing.synth(new MultiK8sChart(Testing.app(), 'multi-k8s', config)) as Manifest[];
    expect(findObject(narrowed, 'NetworkPolicy', 'server-deployment').spec.egress.slice(0, 2)).toEqual([
      { to: [{ ipBlock: { cidr: '10.30.0.0/16' } }], ports: [tcp(5432)] },
      { to: [{ ipBlock: { cidr: '10.31.0.0/16' } }], ports: [tcp(5432)] },
    ]);
  });
});

describe('the managed-store inputs', () => {
  test('default to port 5432 and 6379 and to the postgres database and user; each store moves out on its own', () => {
    const { config, summary } = multiK8sInputsFromEnv({ ...PRODUCTION_ENV, POSTGRES_HOST: '10.20.0.7' });
    expect([config.managedPostgres, config.managedRedis, config.backup]).toEqual([{ host: '10.20.0.7', port: 5432, database: 'postgres', user: 'postgres' }, undefined, undefined]);
    expect(summary).toMatch(/, Postgres at 10\.20\.0\.7:5432$/);
    const redisOnly = multiK8sInputsFromEnv({ ...PRODUCTION_ENV, REDIS_HOST: 'cache.example.internal', REDIS_PORT: '6380' }).config;
    expect([redisOnly.managedRedis, redisOnly.managedPostgres, redisOnly.backup]).toEqual([
      { host: 'cache.example.internal', port: 6380 }, undefined, { schedule: '0 3 * * *', retention: 7 },
    ]);
  });

  test.each([
    [{ POSTGRES_HOST: 'My_DB' }, 'POSTGRES_HOST must be a DNS name such as "mydb.abc123.eu-west-1.rds.amazonaws.com" or an IP address such as "10.20.0.5"', '"My_DB"'],
    [{ POSTGRES_HOST: '127.0.0.1' }, 'POSTGRES_HOST must be a DNS name', '"127.0.0.1"'],
    [{ POSTGRES_HOST: 'db.example.com', POSTGRES_PORT: '0' }, 'POSTGRES_PORT must be a port number from 1 to 65535 (default 5432)', '"0"'],
    [{ POSTGRES_HOST: 'db.example.com', POSTGRES_SSLMODE: 'on' }, 'POSTGRES_SSLMODE must be one of disable, prefer, require, verify-ca, verify-full, no-verify, or unset (no TLS)', '"on"'],
    [{ POSTGRES_HOST: 'db.example.com', POSTGRES_SSLMODE: 'allow' }, 'POSTGRES_SSLMODE must be one of', '"allow"'],
    [{ POSTGRES_HOST: 'db.example.com', POSTGRES_USER: 'App User' }, 'POSTGRES_USER must be a lower-case Postgres role', '"App User"'],
    [{ POSTGRES_HOST: 'db.example.com', POSTGRES_DATABASE: 'fib-db' }, 'POSTGRES_DATABASE must be a lower-case Postgres name', '"fib-db"'],
    [{ POSTGRES_HOST: 'db.example.com', POSTGRES_CIDRS: '10.30.0.1/16' }, 'POSTGRES_CIDRS must be comma-separated CIDRs', '"10.30.0.1/16"'],
    [{ REDIS_HOST: '10.20.0.5', REDIS_CIDRS: '10.20.0.0/16' }, 'REDIS_CIDRS must be unset when REDIS_HOST is an IP address', '"10.20.0.0/16"'],
    [{ POSTGRES_PORT: '5433' }, 'POSTGRES_PORT must be unset unless POSTGRES_HOST is set', '"5433"'],
    [{ POSTGRES_SSLMODE: 'require' }, 'POSTGRES_SSLMODE must be unset unless POSTGRES_HOST is set', '"require"'],
    [{ REDIS_PORT: '6380' }, 'REDIS_PORT must be unset unless REDIS_HOST is set', '"6380"'],
    [{ POSTGRES_HOST: 'db.example.com', BACKUP_SCHEDULE: '@daily' }, 'BACKUP_SCHEDULE is set ("@daily") but POSTGRES_HOST moves Postgres out of the cluster', '@daily'],
  ])('refuse %j, naming the variable and the value', (override, message, value) => {
    const read = () => multiK8sInputsFromEnv({ ...PRODUCTION_ENV, ...override });
    expect(read).toThrow(message);
    expect(read).toThrow(value);
  });

  test('are production only', () => {
    expect(() => multiK8sInputsFromEnv({ POSTGRES_HOST: 'db.example.com' })).toThrow('POSTGRES_HOST is set ("db.example.com") but PROFILE is dev');
  });
});
