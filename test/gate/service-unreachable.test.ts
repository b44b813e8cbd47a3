// service-unreachable: a Service whose pods NetworkPolicies isolate for ingress with no rule to its target ports.
import { validateManifests } from '../../gate';

const deployment = (name: string, ports: object[] = [{ name: 'http', containerPort: 8080 }], replicas = 1) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name, tier: 'web' } }, spec: { containers: [{ name, image: 'nginx:1.27', ports }] } } },
});
const service = (name: string, ports: object[], selector: Record<string, string> | undefined = { app: name }, annotations: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, annotations },
  spec: { ...(selector ? { selector } : {}), ports },
});
const policy = (name: string, spec: object) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec });
const DENY = policy('default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
const allowWeb = (rule: object, extra: object = {}) => policy('web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [rule], ...extra });
const FROM_NGINX = [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }];

const WEB = deployment('web');
const HTTP = service('web', [{ port: 80, targetPort: 'http' }]);

function unreachable(...objects: object[]): string[] {
  return validateManifests(objects.map((object) => ({ file: 'test', object })))
    .filter((f) => f.rule === 'service-unreachable')
    .map((f) => `${f.kind}/${f.name}: ${f.message}`);
}

test('isolated pods and no ingress rule at all: fires, naming the Service, its ports, the isolating policies and what to add', () => {
  expect(unreachable(WEB, HTTP, DENY)).toEqual([
    'Service/web: spec.ports: Service/web port 80 (targetPort "http", TCP 8080) reaches no pod of Deployment/web: NetworkPolicy/default-deny isolates them for ingress and has no ingress rule allowing any peer to TCP 8080; ' +
      "add to a NetworkPolicy that selects these pods an ingress rule whose from allows the Service's clients and whose ports include TCP 8080 (or that sets no ports)",
  ]);
});

test('a rule that allows another port only, or another protocol, fires; every policy that isolates the pods is named', () => {
  const [message] = unreachable(WEB, HTTP, DENY, allowWeb({ from: FROM_NGINX, ports: [{ port: 9090 }] }));
  expect(message).toContain('NetworkPolicy/default-deny and NetworkPolicy/web isolate them for ingress and none has an ingress rule allowing any peer to TCP 8080');
  expect(unreachable(WEB, HTTP, DENY, allowWeb({ from: FROM_NGINX, ports: [{ protocol: 'UDP', port: 8080 }] }))).toHaveLength(1);
  expect(unreachable(WEB, HTTP, DENY, allowWeb({ from: FROM_NGINX, ports: [{ port: 8000, endPort: 8079 }] }))).toHaveLength(1);
});

test('a rule with no ports allows every port; a rule with no from allows every source; a port range includes the port', () => {
  expect(unreachable(WEB, HTTP, DENY, allowWeb({ from: FROM_NGINX }))).toEqual([]);
  expect(unreachable(WEB, HTTP, DENY, allowWeb({ ports: [{ port: 8080 }] }))).toEqual([]);
  expect(unreachable(WEB, HTTP, DENY, allowWeb({ from: FROM_NGINX, ports: [{ port: 8000, endPort: 8100 }] }))).toEqual([]);
});

test('one allowed target port of several is enough', () => {
  const twoPorts = service('web', [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090 }]);
  expect(unreachable(deployment('web', [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }]), twoPorts, DENY, allowWeb({ ports: [{ port: 9090 }] }))).toEqual([]);
  expect(unreachable(WEB, twoPorts, DENY)[0]).toContain('Service/web ports 80 (targetPort "http", TCP 8080) and 9090 (TCP 9090) reaches no pod of Deployment/web');
});

test('a named targetPort is resolved against the container ports (name and protocol), and so is a named policy port', () => {
  expect(unreachable(WEB, HTTP, DENY, allowWeb({ ports: [{ port: 8080 }] }))).toEqual([]);
  expect(unreachable(WEB, service('web', [{ port: 80, targetPort: 8080 }]), DENY, allowWeb({ ports: [{ port: 'http' }] }))).toEqual([]);
  expect(unreachable(WEB, HTTP, DENY, allowWeb({ ports: [{ port: 80 }] }))).toHaveLength(1);
  expect(unreachable(WEB, HTTP, DENY, allowWeb({ ports: [{ port: 'metrics' }] }))).toHaveLength(1);
  // The Service's port 80 is not what the policy sees: the pods receive on the target port.
  expect(unreachable(WEB, service('web', [{ port: 80, targetPort: 'http' }]), DENY, allowWeb({ ports: [{ port: 80 }] }))[0]).toContain('any peer to TCP 8080');
  // A named targetPort that no container declares with the Service port's protocol routes nowhere (service-target-port says so).
  expect(unreachable(WEB, service('web', [{ port: 80, targetPort: 'http', protocol: 'UDP' }]), DENY)).toEqual([]);
});

test('an egress-only policy does not isolate ingress; without policyTypes a policy always does, as the API defaults it', () => {
  const egress = [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }];
  expect(unreachable(WEB, HTTP, policy('web-egress', { podSelector: {}, policyTypes: ['Egress'], egress }))).toEqual([]);
  // policyTypes Egress: its ingress rules are ignored too, so they allow nothing once another policy isolates the pods.
  expect(unreachable(WEB, HTTP, DENY, policy('web-egress', { podSelector: {}, policyTypes: ['Egress'], ingress: [{}], egress }))).toHaveLength(1);
  // No policyTypes: ["Ingress"], plus "Egress" because there are egress rules; egress rules alone still isolate ingress.
  expect(unreachable(WEB, HTTP, policy('web-egress', { podSelector: {}, egress }))[0]).toContain('NetworkPolicy/web-egress isolates them for ingress');
  expect(unreachable(WEB, HTTP, policy('web', { podSelector: {}, egress: [] }))).toHaveLength(1);
  expect(unreachable(WEB, HTTP, policy('web', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] }))).toEqual([]);
});

test('pods that no policy selects are open to everything; other namespaces\' policies do not select them', () => {
  const denyApi = policy('api', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'] });
  expect(unreachable(WEB, HTTP, deployment('api'), denyApi)).toEqual([]);
  expect(unreachable(WEB, HTTP, { ...DENY, metadata: { name: 'default-deny', namespace: 'other' } })).toEqual([]);
});

test('a Service over two workloads fires for the one whose pods are isolated; a workload scaled to 0 runs no pods', () => {
  const both = service('web', [{ port: 80, targetPort: 'http' }], { tier: 'web' });
  const denyCanary = policy('canary', { podSelector: { matchLabels: { app: 'canary' } }, policyTypes: ['Ingress'] });
  const messages = unreachable(WEB, deployment('canary'), both, denyCanary);
  expect(messages).toHaveLength(1);
  expect(messages[0]).toContain('reaches no pod of Deployment/canary: NetworkPolicy/canary isolates them');
  expect(unreachable(deployment('web', undefined, 0), HTTP, DENY)).toEqual([]);
});

test('a Service without a selector (endpoints managed elsewhere) is not checked', () => {
  expect(unreachable(WEB, service('external', [{ port: 80, targetPort: 8080 }], undefined), DENY)).toEqual([]);
});

test('it warns by default and may be waived on the Service', () => {
  const findings = validateManifests([WEB, HTTP, DENY].map((object) => ({ file: 'test', object }))).filter((f) => f.rule === 'service-unreachable');
  expect(findings.map((f) => f.severity)).toEqual(['warning']);
  const waived = service('web', [{ port: 80, targetPort: 'http' }], { app: 'web' }, { 'ignore-check.multi-k8s-cdk8s/service-unreachable': 'reached through a node-local proxy' });
  expect(unreachable(WEB, waived, DENY)).toEqual([]);
});
