// Services without a selector and ExternalName Services: service-no-pods, service-target-port and
// service-unreachable leave them alone; service-endpoints checks the EndpointSlices written for them; the API rules
// accept what the API server accepts (invalid-endpoint-slice and the schema).
import { validateManifests } from '../../gate';

const deployment = (name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] }] } } },
});
const service = (name: string, spec: object, annotations: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, annotations }, spec });
const slice = (name: string, serviceName: string | undefined, rest: object = {}, annotations: Record<string, string> = {}) => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name, annotations, labels: serviceName === undefined ? {} : { 'kubernetes.io/service-name': serviceName } },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.20.30.40'] }],
  ports: [{ port: 5432 }],
  ...rest,
});
const DENY = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } };
const DB = service('db', { ports: [{ port: 5432 }] });
/** The rules about Services and the pods behind them. */
const SERVICE_RULES = ['service-no-pods', 'service-target-port', 'service-unreachable', 'service-endpoints', 'missing-probes'];

function findings(objects: readonly object[], options = {}): string[] {
  return validateManifests(objects.map((object) => ({ file: 'test', object })), options)
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.rule} ${f.kind}/${f.name}: ${f.message}`);
}

describe('the Service rules leave selector-less and ExternalName Services alone', () => {
  test('a selector-less Service, with or without its slice, under a default deny: no service-no-pods, service-unreachable or anything else', () => {
    expect(findings([DB, DENY])).toEqual([]);
    expect(findings([DB, slice('db-external', 'db'), DENY])).toEqual([]);
    const all = validateManifests([DB, DENY].map((object) => ({ file: 'test', object }))).map((f) => f.rule);
    expect(all.filter((rule) => SERVICE_RULES.includes(rule))).toEqual([]);
  });

  test('an ExternalName Service whose selector matches pods, or none: only service-endpoints speaks, about the selector', () => {
    const search = (selector: object) => service('web', { type: 'ExternalName', externalName: 'search.example.com', selector, ports: [{ port: 9200, targetPort: 'nope' }] });
    for (const selector of [{ app: 'web' }, { app: 'nothing' }]) {
      const all = validateManifests([deployment('web'), search(selector), DENY].map((object) => ({ file: 'test', object })));
      expect(all.filter((f) => SERVICE_RULES.includes(f.rule)).map((f) => f.rule)).toEqual(['service-endpoints']);
    }
  });

  test('an ExternalName Service without a selector, with or without ports, says nothing', () => {
    expect(findings([service('mail', { type: 'ExternalName', externalName: 'smtp.example.com' })])).toEqual([]);
    expect(findings([service('mail', { type: 'ExternalName', externalName: 'smtp.example.com', ports: [{ port: 25 }] })])).toEqual([]);
  });
});

describe('service-endpoints', () => {
  test('a slice without the service-name label', () => {
    expect(findings([DB, slice('db-external', undefined)])).toEqual([
      'service-endpoints EndpointSlice/db-external: metadata.labels: has no kubernetes.io/service-name label naming its Service, so no Service routes to these endpoints',
    ]);
  });

  test('a Service in another namespace is not the slice\'s', () => {
    const other = { ...DB, metadata: { name: 'db', namespace: 'shop' } };
    expect(findings([other, slice('db-external', 'db')])).toEqual([
      'service-endpoints EndpointSlice/db-external: metadata.labels["kubernetes.io/service-name"]: Service "db" is not in namespace "default" of the output, so nothing routes to these endpoints',
    ]);
  });

  test('a Service port that no slice port names, when every slice port is one of the Service\'s', () => {
    const twoPorts = service('db', { ports: [{ name: 'pg', port: 5432 }, { name: 'metrics', port: 9187 }] });
    expect(findings([twoPorts, slice('db-external', 'db', { ports: [{ name: 'pg', port: 5432 }] })])).toEqual([
      'service-endpoints Service/db: spec.ports[1]: no EndpointSlice of the Service (EndpointSlice/db-external) has port "metrics" (TCP), so traffic to this port goes nowhere',
    ]);
    expect(findings([twoPorts, slice('db-external', 'db', { ports: [{ name: 'pg', port: 5432 }, { name: 'metrics', port: 9187 }] })])).toEqual([]);
  });

  test('ports match by name and protocol; an absent name is "" and an absent protocol TCP on both sides', () => {
    const udp = service('dns', { ports: [{ port: 53, protocol: 'UDP' }] });
    expect(findings([udp, slice('dns-external', 'dns', { ports: [{ port: 53 }] })])).toEqual([
      'service-endpoints EndpointSlice/dns-external: ports[0]: the unnamed TCP port matches no port of Service/dns (its ports: unnamed UDP): kube-proxy routes a Service port only to slice ports of the same name and protocol',
    ]);
    expect(findings([udp, slice('dns-external', 'dns', { ports: [{ name: '', port: 53, protocol: 'UDP' }] })])).toEqual([]);
  });

  test('a slice without ports, and a port number the API server accepts but nothing can reach', () => {
    expect(findings([DB, slice('db-external', 'db', { ports: [] })])).toEqual([
      'service-endpoints EndpointSlice/db-external: ports: lists no port, so no port of Service/db reaches these endpoints; list unnamed TCP',
    ]);
    expect(findings([DB, slice('db-external', 'db', { ports: [{ port: 0 }] })])).toEqual([
      'service-endpoints EndpointSlice/db-external: ports[0].port: 0 is not a port number from 1 to 65535, so traffic to the unnamed TCP port goes nowhere (the API server accepts it)',
    ]);
  });

  test('a headless Service without ports takes slices whatever their ports', () => {
    expect(findings([service('db', { clusterIP: 'None' }), slice('db-external', 'db')])).toEqual([]);
  });

  test('ready endpoints: absent conditions count as ready, one ready endpoint in any slice is enough, a slice without endpoints has none', () => {
    const notReady = { endpoints: [{ addresses: ['10.20.30.41'], conditions: { ready: false } }] };
    expect(findings([DB, slice('db-a', 'db', notReady), slice('db-b', 'db')])).toEqual([]);
    expect(findings([DB, slice('db-a', 'db', notReady), slice('db-b', 'db', { endpoints: undefined })])).toEqual([
      'service-endpoints Service/db: spec.ports[0]: the unnamed TCP port has no ready endpoint: EndpointSlice/db-a, EndpointSlice/db-b list no IP endpoint whose conditions.ready is true or absent, so traffic to this port goes nowhere',
    ]);
  });

  test('an FQDN slice is not routed to', () => {
    const fqdn = slice('db-external', 'db', { addressType: 'FQDN', endpoints: [{ addresses: ['db.example.com'] }] });
    expect(findings([DB, fqdn])).toEqual([
      'service-endpoints Service/db: spec.ports[0]: the unnamed TCP port has no ready endpoint: EndpointSlice/db-external lists no IP endpoint whose conditions.ready is true or absent, so traffic to this port goes nowhere',
      'service-endpoints EndpointSlice/db-external: addressType: FQDN: kube-proxy routes Service/db only to IPv4 and IPv6 slices (and the API server warns that FQDN endpoints are deprecated); for a DNS name, make the Service an ExternalName one',
    ]);
  });

  test('the EndpointSlice controller\'s label on a slice of a Service with a selector, where the controller deletes it; on a selector-less one it stays', () => {
    const managed = (serviceName: string) => ({ 'kubernetes.io/service-name': serviceName, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    const web = service('web', { selector: { app: 'web' }, ports: [{ port: 5432 }] });
    const webSlice = { ...slice('web-extra', 'web'), metadata: { name: 'web-extra', labels: managed('web') } };
    expect(findings([deployment('web'), web, webSlice]).filter((f) => f.startsWith('service-endpoints'))).toEqual([
      'service-endpoints EndpointSlice/web-extra: metadata.labels["endpointslice.kubernetes.io/managed-by"]: "endpointslice-controller.k8s.io" hands the slice to that controller, which deletes it as one it did not make; label it with a manager of your own',
    ]);
    expect(findings([DB, { ...slice('db-external', 'db'), metadata: { name: 'db-external', labels: managed('db') } }])).toEqual([]);
  });

  test('an IP family the Service does not have, unless it may be dual-stack', () => {
    const v6 = slice('db-external', 'db', { addressType: 'IPv6', endpoints: [{ addresses: ['2001:db8::5'] }] });
    expect(findings([service('db', { ipFamilies: ['IPv4'], ports: [{ port: 5432 }] }), v6])).toHaveLength(1);
    expect(findings([service('db', { ipFamilies: ['IPv4'], ipFamilyPolicy: 'PreferDualStack', ports: [{ port: 5432 }] }), v6])).toEqual([]);
    expect(findings([service('db', { ipFamilies: ['IPv6'], ports: [{ port: 5432 }] }), v6])).toEqual([]);
  });

  test('is waivable, on the slice and on the Service', () => {
    const waiver = { 'ignore-check.multi-k8s-cdk8s/service-endpoints': 'the Service is created by another team' };
    expect(findings([slice('db-external', 'db', {}, waiver)])).toEqual([]);
    const search = service('search', { type: 'ExternalName', externalName: 'search.example.com', selector: { app: 'search' } }, waiver);
    expect(findings([search])).toEqual([]);
  });
});

describe('the API rules on EndpointSlices and ExternalName Services, as the 1.36 server judged them', () => {
  const api = (object: object, kubernetesVersion?: string) =>
    validateManifests([{ file: 'test', object }], { kubernetesVersion }).filter((f) => ['schema', 'unknown-field', 'invalid-endpoint-slice', 'invalid-service', 'invalid-name', 'invalid-label'].includes(f.rule)).map((f) => f.message);

  test('a valid slice, one without endpoints (as the controller writes it), and an ExternalName Service with ports', () => {
    expect(api(slice('db-external', 'db'))).toEqual([]);
    expect(api(slice('db-external', 'db', { endpoints: undefined, ports: undefined }))).toEqual([]);
    expect(api(service('db', { type: 'ExternalName', externalName: 'db.example.com', ports: [{ port: 5432, protocol: 'TCP' }] }))).toEqual([]);
  });

  test('the addressType is required and one of the enum', () => {
    expect(api(slice('db-external', 'db', { addressType: undefined }))).toEqual(['(root): must have required property addressType']);
    expect(api(slice('db-external', 'db', { addressType: 'IP' }))).toEqual(['addressType: must be equal to one of the allowed values (FQDN, IPv4, IPv6) (got "IP")']);
  });

  test('leading zeros and IPv4-mapped IPv6 addresses are refused from 1.34, named as such over a range of versions', () => {
    const zeros = slice('db-external', 'db', { endpoints: [{ addresses: ['10.020.30.40'] }] });
    expect(api(zeros)).toEqual(['endpoints[0].addresses[0]: "10.020.30.40" must not have leading 0s']);
    expect(api(zeros, '1.33')).toEqual([]);
    expect(api(zeros, '1.27-1.36')).toEqual(['endpoints[0].addresses[0]: "10.020.30.40" must not have leading 0s (Kubernetes 1.34-1.36 only; 1.33 and earlier accept it)']);
    const mapped = slice('db-external', 'db', { endpoints: [{ addresses: ['::ffff:10.1.2.3'] }] });
    expect(api(mapped)).toEqual(['endpoints[0].addresses[0]: "::ffff:10.1.2.3" must not be an IPv4-mapped IPv6 address']);
    expect(api(mapped, '1.33')).toEqual([]);
  });

  test('special addresses, in either family', () => {
    const at = (addressType: string, address: string) => api(slice('s', 'db', { addressType, endpoints: [{ addresses: [address] }] }));
    expect(at('IPv4', '0.0.0.0')).toEqual(['endpoints[0].addresses[0]: "0.0.0.0" may not be unspecified (0.0.0.0)']);
    expect(at('IPv4', '169.254.169.254')).toEqual(['endpoints[0].addresses[0]: "169.254.169.254" may not be in the link-local range (169.254.0.0/16, fe80::/10)']);
    expect(at('IPv4', '224.0.0.5')).toEqual(['endpoints[0].addresses[0]: "224.0.0.5" may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)']);
    expect(at('IPv4', '239.1.2.3')).toEqual([]);
    expect(at('IPv6', '::1')).toEqual(['endpoints[0].addresses[0]: "::1" may not be in the loopback range (127.0.0.0/8, ::1/128)']);
    expect(at('IPv6', 'ff32::1')).toEqual(['endpoints[0].addresses[0]: "ff32::1" may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)']);
    expect(at('IPv6', 'ff05::1')).toEqual([]);
    expect(at('IPv6', '2001:db8::1:1:1:1:1')).toEqual(['endpoints[0].addresses[0]: "2001:db8::1:1:1:1:1" must be in canonical form ("2001:db8:0:1:1:1:1:1")']);
    expect(at('FQDN', 'db')).toEqual(['endpoints[0].addresses[0]: "db" should be a domain with at least two segments separated by dots']);
    expect(at('FQDN', 'db.example.com.')).toEqual([]);
  });

  test('port names: DNS-1123 labels, unique, an absent name counting as ""', () => {
    expect(api(slice('s', 'db', { ports: [{ name: 'PG', port: 5432 }] }))).toEqual(['ports[0].name: "PG" must be a DNS-1123 label (lowercase letters, digits and \'-\', starting and ending with a letter or digit), at most 63 characters']);
    expect(api(slice('s', 'db', { ports: [{ port: 5432 }, { port: 5433 }] }))).toEqual(['ports[1].name: "" is a duplicate port name (an absent name is "")']);
    expect(api(slice('s', 'db', { ports: [{ name: '5432-pg', port: 5432 }, { name: 'postgres-primary-long', port: 5433 }] }))).toEqual([]);
  });
});
