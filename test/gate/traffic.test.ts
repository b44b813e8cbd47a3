// The gate's NetworkPolicy evaluator, on small outputs whose answer is known from the API docs.
import { allowedFlowsOf } from '../../gate/core/traffic';
import { renderFlows } from '../../gate/front-ends/traffic-diagram';

const pod = (name: string, labels: Record<string, string>, ports: object[] = []) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name, image: 'nginx:1.27', ports }] },
});
const policy = (name: string, spec: object) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec });
const flows = (...objects: object[]) => allowedFlowsOf(objects.map((object) => ({ file: 'test', object }))).map((f) => `${f.from} -> ${f.to}: ${f.port}`);

const web = pod('web', { app: 'web' }, [{ name: 'http', containerPort: 8080 }]);
const client = pod('client', { app: 'client' });

test('a pod that no policy selects is open both ways', () => {
  expect(flows(web)).toEqual(['Pod/web -> anywhere: any port', 'anywhere -> Pod/web: any port']);
});

test('an ingress rule by named port and pod selector allows that peer on the resolved port, and nothing else in', () => {
  const allowClient = policy('web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }], ports: [{ port: 'http' }] }] });
  expect(flows(web, client, allowClient)).toEqual([
    'Pod/client -> Pod/web: TCP 8080',
    'Pod/client -> anywhere: any port',
    'Pod/web -> anywhere: any port',
    'anywhere -> Pod/client: any port',
  ]);
});

test('both sides must agree: egress isolation of the source blocks what the destination allows', () => {
  const allowAll = policy('web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{}], policyTypes: ['Ingress'] });
  const denyClientEgress = policy('client', { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'] });
  // The web pods may still reach each other: their egress is open and the ingress rule allows any peer.
  expect(flows(web, client, allowAll, denyClientEgress)).toEqual([
    'Pod/web -> Pod/web: TCP 8080',
    'Pod/web -> anywhere: any port',
    'anywhere -> Pod/client: any port',
    'anywhere -> Pod/web: any port',
  ]);
});

test('policyTypes defaults to Ingress, plus Egress when there are egress rules; port ranges and UDP', () => {
  const egressOnly = policy('client', {
    podSelector: { matchLabels: { app: 'client' } },
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ protocol: 'UDP', port: 5000, endPort: 5010 }] }],
  });
  expect(flows(client, egressOnly)).toEqual(['Pod/client -> IP block 10.0.0.0/8 except 10.1.0.0/16: UDP 5000-5010']);
});

test('an empty egress list does not add Egress to the default policyTypes: egress stays open', () => {
  const ingressOnly = policy('client', { podSelector: { matchLabels: { app: 'client' } }, ingress: [{}], egress: [] });
  expect(flows(client, ingressOnly)).toEqual(['Pod/client -> Pod/client: any port', 'Pod/client -> anywhere: any port', 'anywhere -> Pod/client: any port']);
});

test('peers in other namespaces are described by their selectors', () => {
  const fromTeam = policy('web', {
    podSelector: {},
    ingress: [
      { from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }] },
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['prometheus'] }] } }] },
    ],
    policyTypes: ['Ingress'],
  });
  expect(flows(web, fromTeam)).toEqual([
    'Pod/web -> anywhere: any port',
    'all pods in namespaces {team=ops} -> Pod/web: any port',
    'pods app In (prometheus) in namespace monitoring -> Pod/web: any port',
  ]);
});

test('the diagram has one node per endpoint and one edge per pair, listing its ports', () => {
  expect(renderFlows([
    { from: 'Deployment/api', to: 'StatefulSet/db', port: 'TCP 5432' },
    { from: 'Deployment/api', to: 'pods {k8s-app=kube-dns} in namespace kube-system', port: 'TCP 53' },
    { from: 'Deployment/api', to: 'pods {k8s-app=kube-dns} in namespace kube-system', port: 'UDP 53' },
  ])).toBe([
    'flowchart LR',
    '  n1["Deployment/api"]',
    '  n2["StatefulSet/db"]',
    '  n3["pods {k8s-app=kube-dns} in namespace kube-system"]',
    '  n1 -->|"TCP 5432"| n2',
    '  n1 -->|"TCP 53, UDP 53"| n3',
  ].join('\n'));
});
