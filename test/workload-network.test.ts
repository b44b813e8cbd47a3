// Workloads as cdk8s-plus-27 pod selectors and network policy peers, and their allowFrom/allowTo/allowDns API.
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { denyAllTraffic } from '../lib/network-isolation';
import { StatefulStore } from '../lib/stateful-store';
import { WebTier } from '../lib/web-tier';
import { Worker } from '../lib/worker';
import { findObject, Manifest, synthIn } from './synth';

const tcp = (port: number) => ({ port, protocol: 'TCP' });
const tiers = (scope: Construct) => ({
  api: new WebTier(scope, 'api', { image: 'nginx:1.25.3', port: 8080, selectorLabels: { component: 'api' } }),
  jobs: new Worker(scope, 'jobs', { image: 'busybox:1.36.1' }),
  db: new StatefulStore(scope, 'db', { image: 'postgres:15.8', port: 5432 }),
});
const policies = (manifests: Manifest[]) => manifests.filter((m) => m.kind === 'NetworkPolicy');

describe('Workload network API', () => {
  test('api.allowTo(db) opens exactly the db container port: ingress on the db, egress on the api', () => {
    const manifests = synthIn((scope) => {
      const { api, db } = tiers(scope);
      api.allowTo(db);
    });
    expect(findObject(manifests, 'NetworkPolicy', 'db').spec).toEqual({
      podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { component: 'api' } } }], ports: [tcp(5432)] }],
    });
    expect(findObject(manifests, 'NetworkPolicy', 'api').spec).toEqual({
      podSelector: { matchLabels: { component: 'api' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [tcp(5432)] }],
    });
  });

  test('db.allowFrom(api) is the same as api.allowTo(db), and asking twice adds nothing', () => {
    const viaAllowTo = synthIn((scope) => {
      const { api, db } = tiers(scope);
      api.allowTo(db);
    });
    const viaAllowFrom = synthIn((scope) => {
      const { api, db } = tiers(scope);
      db.allowFrom(api);
      db.allowFrom(api);
      api.allowTo(db);
    });
    expect(policies(viaAllowFrom)).toEqual(policies(viaAllowTo));
  });

  test('the port is the container port a Service forwards to, not the Service port', () => {
    const manifests = synthIn((scope) => {
      const web = new WebTier(scope, 'web', { image: 'nginx:1.25.3', port: 80, servicePort: 8080 });
      const { jobs } = tiers(scope);
      jobs.allowTo(web);
    });
    expect(findObject(manifests, 'NetworkPolicy', 'web').spec.ingress[0].ports).toEqual([tcp(80)]);
  });

  test('allowDns lets the pods reach kube-dns in kube-system on 53, UDP and TCP', () => {
    const manifests = synthIn((scope) => tiers(scope).jobs.allowDns());
    expect(findObject(manifests, 'NetworkPolicy', 'jobs').spec.egress).toEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ port: 53, protocol: 'UDP' }, tcp(53)],
    }]);
  });

  test('a Worker serves no port, so nothing can be allowed to it', () => {
    expect(() => synthIn((scope) => {
      const { api, jobs } = tiers(scope);
      jobs.allowFrom(api);
    })).toThrow("Worker 'test/jobs': allowFrom needs a workload that serves a port, and this one serves none, got \"test/api\"");
  });

  test('in a chart with a namespace, peers name it, so a policy elsewhere still selects the right pods', () => {
    const manifests = synthIn((scope) => {
      const { api, db } = tiers(scope);
      api.allowTo(db);
    }, {}, { namespace: 'shop' });
    expect(findObject(manifests, 'NetworkPolicy', 'db')).toMatchObject({
      metadata: { namespace: 'shop' },
      spec: { ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { component: 'api' } } }] }] },
    });
  });
});

describe('interop with cdk8s-plus-27', () => {
  test('a workload is a kplus pod selector and network policy peer, by its own selector labels only', () => {
    const manifests = synthIn((scope) => {
      const { api, db } = tiers(scope);
      new kplus.NetworkPolicy(scope, 'x', { selector: db, metadata: { name: 'x' } }).addIngressRule(api, [kplus.NetworkPolicyPort.tcp(5432)]);
    });
    expect(findObject(manifests, 'NetworkPolicy', 'x').spec).toEqual({
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { component: 'api' } } }], ports: [tcp(5432)] }],
    });
    expect(JSON.stringify(manifests)).not.toContain('cdk8s.io/metadata.addr');
  });

  test('the workloads implement the interfaces kplus constructs take (type-checked by tsc in npm test)', () => {
    synthIn((scope) => {
      const { api, jobs, db } = tiers(scope);
      const selectors: kplus.IPodSelector[] = [api, jobs, db];
      const peers: kplus.INetworkPolicyPeer[] = [api, jobs, db];
      expect(selectors.map((s) => s.toPodSelectorConfig().labelSelector.isEmpty())).toEqual([false, false, false]);
      expect(peers.map((p) => p.toPodSelector())).toEqual(selectors);
      expect(peers.map((p) => p.toNetworkPolicyPeerConfig().podSelector?.namespaces)).toEqual([undefined, undefined, undefined]);
    });
  });

  test('kplus peers (here the pods of another namespace) can be allowed in', () => {
    const manifests = synthIn((scope) => {
      const monitoring = kplus.Pods.select(scope, 'prometheus', {
        labels: { app: 'prometheus' }, namespaces: kplus.Namespaces.select(scope, 'monitoring', { names: ['monitoring'] }),
      });
      tiers(scope).api.allowFrom(monitoring);
    });
    expect(findObject(manifests, 'NetworkPolicy', 'api').spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } }],
      ports: [tcp(8080)],
    }]);
  });
});

describe('denyAllTraffic', () => {
  test('denies ingress and egress of the pods with the chart labels, which the workloads put on their pods', () => {
    const manifests = synthIn((scope) => {
      denyAllTraffic(Chart.of(scope));
      tiers(scope);
    }, {}, { labels: { 'app.kubernetes.io/part-of': 'shop' } });
    expect(findObject(manifests, 'NetworkPolicy', 'default-deny').spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'shop' } }, policyTypes: ['Egress', 'Ingress'],
    });
    expect(findObject(manifests, 'Deployment', 'api').spec.template.metadata.labels).toEqual({ 'app.kubernetes.io/part-of': 'shop', component: 'api' });
  });

  test('refuses a chart without labels, whose deny would hit every pod of the namespace', () => {
    expect(() => synthIn((scope) => denyAllTraffic(Chart.of(scope)))).toThrow("denyAllTraffic 'test': the chart needs labels to select its pods by, got {}");
  });
});
