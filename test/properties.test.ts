// Bad input never becomes bad output: random props, valid and invalid, either make the
// constructs throw an error that names the construct, a field and the value received, or
// produce manifests that the gate (schema, wiring and policy checks) passes without error.
import { Chart } from 'cdk8s';
import fc from 'fast-check';
import { Construct } from 'constructs';
import { validateManifests } from '../gate';
import { denyAllTraffic } from '../lib/network-isolation';
import { NginxIngress } from '../lib/nginx-ingress';
import { REQUIRE_PINNED_IMAGES } from '../lib/props-check';
import { PasswordSecretRef } from '../lib/password-secret-ref';
import { StatefulStore } from '../lib/stateful-store';
import { ServiceType, WebTier } from '../lib/web-tier';
import { Worker } from '../lib/worker';
import { synthIn } from './synth';

const RUNS = 150;
// Production refuses moving tags, which the gate's latest-tag rule also refuses.
const PRODUCTION = { [REQUIRE_PINNED_IMAGES]: true };
// The chart denies all traffic but what the constructs allow, as the project's charts do.
const CHART = { labels: { 'app.kubernetes.io/part-of': 'property-test' } };
const errorsOf = (manifests: object[]) =>
  validateManifests(manifests.map((object) => ({ file: 'property', object })), {}).filter((f) => f.severity === 'error');

const mostlyValid = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: invalid, weight: 1 }) as fc.Arbitrary<T>;

const port = mostlyValid(fc.integer({ min: 1, max: 65535 }), fc.oneof(fc.integer({ min: -100000, max: 100000 }), fc.double()));
const replicas = mostlyValid(fc.integer({ min: 0, max: 5 }), fc.oneof(fc.integer({ min: -10, max: 100000 }), fc.double()));
const dnsLabel = mostlyValid(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/), fc.string({ maxLength: 70 }));
const image = mostlyValid(
  fc.tuple(fc.constantFrom('nginx', 'redis', 'registry.example.com:5000/team/app', 'stephengrider/multi-client'), fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,10}$/))
    .map(([repository, tag]) => `${repository}:${tag}`),
  fc.oneof(fc.string(), fc.constantFrom('nginx', 'nginx:latest', 'Nginx:1.0', 'nginx:1.0 ', '')),
);
const capabilities = fc.array(mostlyValid(fc.constantFrom('CHOWN', 'SETUID', 'SETGID', 'NET_BIND_SERVICE'),
  fc.oneof(fc.constantFrom('SYS_ADMIN', 'CAP_SYS_ADMIN', 'all', 'cap_net_admin'), fc.string({ maxLength: 10 }))), { maxLength: 3 });
const autoscaling = fc.option(fc.record({
  maxReplicas: mostlyValid(fc.integer({ min: 1, max: 10 }), fc.oneof(fc.integer({ min: -5, max: 100000 }), fc.double())),
  cpuUtilization: fc.option(mostlyValid(fc.integer({ min: 1, max: 100 }), fc.oneof(fc.integer(), fc.double())), { nil: undefined }),
}), { nil: undefined });
const envName = mostlyValid(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,12}$/), fc.string({ maxLength: 12 }));
const env = fc.dictionary(envName, fc.string({ maxLength: 20 }), { maxKeys: 4 });
const quantity = (units: string) => mostlyValid(fc.stringMatching(new RegExp(`^[1-9][0-9]{0,2}${units}$`)), fc.string({ maxLength: 8 }));
const ingressPath = mostlyValid(fc.stringMatching(/^\/[a-z0-9/-]{0,12}$/), fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('/api/?(.*)', '/(', '/a b')));

/** Every value, sub-object and key in the props, as the errors print them (JSON). */
function printedValues(value: unknown): string[] {
  const nested = value !== null && typeof value === 'object'
    ? Object.entries(value).flatMap(([key, inner]) => [JSON.stringify(key), ...printedValues(inner)])
    : [];
  return [JSON.stringify(value), ...nested];
}

/** An error names the construct and its path, a field, and a value that really was in the props. */
function expectNamedError(error: unknown, kind: string, props: unknown): void {
  expect(error).toBeInstanceOf(Error);
  const match = /^(\w+) '(test\/[^']+)': (\S+) .*, got (.*)$/s.exec((error as Error).message);
  expect(match).not.toBeNull();
  const [, construct, , , value] = match!;
  expect(construct).toBe(kind);
  expect(printedValues(props)).toContain(value);
}

/**
 * What every generated workload also gets: a non-root user and a read-only root filesystem (which the gate
 * requires and only the user can know an image allows), and waivers for the two policies a user may choose
 * against on purpose, with a reason (one replica, a port below 1024).
 */
const USER_CHOICES = {
  runAsUser: 1000,
  readOnlyRootFilesystem: true,
  gateWaivers: { 'missing-replicas': 'property test: random replica counts', 'privileged-port': 'property test: random ports' },
} as const;

/** Builds with random props: an error must be a named one, a success must pass the gate. */
function check<P>(kind: string, props: fc.Arbitrary<P>, build: (scope: Construct, props: P) => void): void {
  fc.assert(fc.property(props, (generated) => {
    let manifests;
    try {
      manifests = synthIn((scope) => {
        denyAllTraffic(Chart.of(scope));
        build(scope, generated);
      }, PRODUCTION, CHART);
    } catch (error) {
      expectNamedError(error, kind, generated);
      return;
    }
    expect(errorsOf(manifests)).toEqual([]);
  }), { numRuns: RUNS });
}

describe('random props either fail with a named error or pass the gate', () => {
  test('WebTier: ports, replicas, autoscaling, spreading, names, images, env, capabilities, service types', () => {
    check('WebTier', fc.record({
      port, servicePort: port, replicas, autoscaling, spreadOverNodes: fc.boolean(), image, env, name: dnsLabel, serviceName: dnsLabel, addCapabilities: capabilities,
      serviceType: fc.constantFrom(ServiceType.CLUSTER_IP, ServiceType.NODE_PORT),
      nodePort: fc.option(mostlyValid(fc.integer({ min: 30000, max: 32767 }), fc.integer()), { nil: undefined }),
    }), (scope, props) => {
      const password = new PasswordSecretRef(scope, 'password', { secretName: 'app-password', key: 'password' });
      new WebTier(scope, 'web', { ...USER_CHOICES, ...props, secretEnv: { APP_PASSWORD_FROM_SECRET: password } });
    });
  });

  test('Worker: replicas, autoscaling, spreading, names, images, env', () => {
    check('Worker', fc.record({ replicas, autoscaling, spreadOverNodes: fc.boolean(), image, env, name: dnsLabel, containerName: dnsLabel }),
      (scope, props) => new Worker(scope, 'worker', { ...USER_CHOICES, ...props }));
  });

  test('StatefulStore: ports, replicas, names, storage sizes, claim names, mount paths, replaced Deployments', () => {
    check('StatefulStore', fc.record({
      port,
      name: fc.option(dnsLabel, { nil: undefined }),
      replacesDeployment: fc.option(dnsLabel, { nil: undefined }),
      replicas: mostlyValid(fc.constantFrom(0, 1), replicas),
      image,
      volume: fc.record({
        claimName: dnsLabel,
        size: quantity('(Mi|Gi)'),
        mountPath: mostlyValid(fc.stringMatching(/^\/[a-z]{1,8}(\/[a-z]{1,8}){0,2}$/), fc.string({ maxLength: 12 })),
        subPath: fc.option(mostlyValid(fc.stringMatching(/^[a-z]{1,8}$/), fc.string({ maxLength: 8 })), { nil: undefined }),
      }),
    }), (scope, props) => new StatefulStore(scope, 'store', { ...USER_CHOICES, ...props }));
  });

  test('NginxIngress: paths (prefix and regex), hosts, controller namespaces, routes to WebTiers', () => {
    check('NginxIngress', fc.record({
      paths: fc.array(ingressPath, { minLength: 0, maxLength: 3 }),
      regexRewrite: fc.boolean(),
      hosts: fc.option(fc.array(mostlyValid(fc.stringMatching(/^[a-z]{1,10}\.example\.com$/), fc.string({ maxLength: 12 })), { maxLength: 2 }), { nil: undefined }),
      controllerNamespace: fc.option(dnsLabel, { nil: undefined }),
    }), (scope, { paths, regexRewrite, hosts, controllerNamespace }) => {
      const web = new WebTier(scope, 'web', { ...USER_CHOICES, image: 'nginx:1.25.3', port: 8080 });
      new NginxIngress(scope, 'ingress', { regexRewrite, hosts, controllerNamespace, routes: paths.map((path) => ({ path, backend: web })) });
    });
  });
});
