// The multi-k8s chart's NetworkPolicies: exact objects, and what they allow taken together.
import { Testing } from 'cdk8s';
import { MultiK8sChart } from '../apps/multi-k8s/chart';
import { DEV_CONFIG, MULTI_K8S_TIER_NAMES, MULTI_K8S_TIERS } from '../apps/multi-k8s/config';
import { addedTierFlows, ADDED_TIERS, involvesAddedTier, isWired, withoutAddedTierRules, workloadKey } from './multi-k8s-tiers';
import { PRODUCTION_CONFIG } from './production-config';
import { findObject, flowsOf, Manifest } from './synth';

const synth = (config = DEV_CONFIG) => Testing.synth(new MultiK8sChart(Testing.app(), 'multi-k8s', config)) as Manifest[];
const manifests = synth();
// A course tier's policy; the rules for tiers added since are checked with the flows below and in their own tests.
const policy = (name: string) => withoutAddedTierRules(findObject(manifests, 'NetworkPolicy', name).spec);
const DNS = 'pods {k8s-app=kube-dns} in namespace kube-system';
const CONTROLLER = 'pods {app.kubernetes.io/component=controller, app.kubernetes.io/name=ingress-nginx} in namespace ingress-nginx';

const tcp = (port: number) => ({ port, protocol: 'TCP' });
const pods = (labels: Record<string, string>) => ({ podSelector: { matchLabels: labels } });
const ingressNginx = (namespace: string) => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
  podSelector: { matchLabels: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/name': 'ingress-nginx' } },
});
const kubeDns = {
  ports: [{ port: 53, protocol: 'UDP' }, tcp(53)],
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
};

describe('MultiK8sChart network policies', () => {
  test('one default deny and one policy per tier and for the backups, all networking.k8s.io/v1', () => {
    const policies = manifests.filter((m) => m.kind === 'NetworkPolicy');
    expect(policies.map((m) => `${m.apiVersion} ${m.metadata.name}`).sort()).toEqual([
      'networking.k8s.io/v1 client-deployment',
      'networking.k8s.io/v1 default-deny',
      'networking.k8s.io/v1 postgres-backup',
      'networking.k8s.io/v1 postgres-statefulset',
      'networking.k8s.io/v1 redis-statefulset',
      'networking.k8s.io/v1 server-deployment',
      'networking.k8s.io/v1 worker-deployment',
      ...ADDED_TIERS.filter(isWired).map((tier) => `networking.k8s.io/v1 ${MULTI_K8S_TIERS[tier].name}`),
    ].sort());
  });

  test('the default deny covers every pod of the chart, in and out, and the pods carry the chart label it selects', () => {
    expect(policy('default-deny')).toEqual({ podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'multi-k8s' } }, policyTypes: ['Egress', 'Ingress'] });
    const templateOf = (m: Manifest) => m.spec?.template ?? m.spec?.jobTemplate?.spec.template;
    const templates = manifests.filter(templateOf).map((m) => `${m.kind}/${m.metadata.name} ${templateOf(m).metadata.labels['app.kubernetes.io/part-of']}`);
    expect(templates.sort()).toEqual([
      'CronJob/postgres-backup',
      'CronJob/postgres-backup-restore',
      'Deployment/client-deployment',
      'Deployment/postgres-deployment',
      'Deployment/redis-deployment',
      'Deployment/server-deployment',
      'Deployment/worker-deployment',
      'StatefulSet/postgres-statefulset',
      'StatefulSet/redis-statefulset',
      ...ADDED_TIERS.map(workloadKey),
    ].map((workload) => `${workload} multi-k8s`).sort());
  });

  test('only the ingress-nginx controller reaches the client (3000) and the server (5000)', () => {
    expect(policy('client-deployment')).toEqual({
      podSelector: { matchLabels: { component: 'web' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [ingressNginx('ingress-nginx')], ports: [tcp(3000)] }],
    });
    expect(policy('server-deployment')).toEqual({
      podSelector: { matchLabels: { component: 'server' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [ingressNginx('ingress-nginx')], ports: [tcp(5000)] }],
      egress: [
        { to: [pods({ component: 'postgres' })], ports: [tcp(5432)] },
        { to: [pods({ component: 'redis' })], ports: [tcp(6379)] },
        kubeDns,
      ],
    });
  });

  test('the worker may reach only Redis and DNS', () => {
    expect(policy('worker-deployment')).toEqual({
      podSelector: { matchLabels: { component: 'worker' } },
      policyTypes: ['Egress'],
      egress: [{ to: [pods({ component: 'redis' })], ports: [tcp(6379)] }, kubeDns],
    });
  });

  test('only the server and the backups reach Postgres; Postgres may look up its peers Service in DNS (single-writer guard)', () => {
    expect(policy('postgres-statefulset')).toEqual({
      podSelector: { matchLabels: { component: 'postgres' } },
      policyTypes: ['Egress', 'Ingress'],
      egress: [kubeDns],
      ingress: [
        { from: [pods({ component: 'postgres-backup' })], ports: [tcp(5432)] },
        { from: [pods({ component: 'server' })], ports: [tcp(5432)] },
      ],
    });
  });

  test('the backups may reach only Postgres and DNS', () => {
    expect(policy('postgres-backup')).toEqual({
      podSelector: { matchLabels: { component: 'postgres-backup' } },
      policyTypes: ['Egress'],
      egress: [{ to: [pods({ component: 'postgres' })], ports: [tcp(5432)] }, kubeDns],
    });
  });

  test('only the server and the worker reach Redis', () => {
    expect(policy('redis-statefulset')).toEqual({
      podSelector: { matchLabels: { component: 'redis' } },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [pods({ component: 'server' })], ports: [tcp(6379)] },
        { from: [pods({ component: 'worker' })], ports: [tcp(6379)] },
      ],
    });
  });

  test('together they allow exactly the app\'s flows: nothing else reaches Postgres or Redis, nothing reaches the worker', () => {
    // flowsOf lists flows in code-point order.
    expect(flowsOf(manifests).filter((flow) => !involvesAddedTier(flow))).toEqual([
      `CronJob/postgres-backup -> ${DNS}: TCP 53`,
      `CronJob/postgres-backup -> ${DNS}: UDP 53`,
      'CronJob/postgres-backup -> StatefulSet/postgres-statefulset: TCP 5432',
      `CronJob/postgres-backup-restore -> ${DNS}: TCP 53`,
      `CronJob/postgres-backup-restore -> ${DNS}: UDP 53`,
      'CronJob/postgres-backup-restore -> StatefulSet/postgres-statefulset: TCP 5432',
      `Deployment/server-deployment -> ${DNS}: TCP 53`,
      `Deployment/server-deployment -> ${DNS}: UDP 53`,
      'Deployment/server-deployment -> StatefulSet/postgres-statefulset: TCP 5432',
      'Deployment/server-deployment -> StatefulSet/redis-statefulset: TCP 6379',
      `Deployment/worker-deployment -> ${DNS}: TCP 53`,
      `Deployment/worker-deployment -> ${DNS}: UDP 53`,
      'Deployment/worker-deployment -> StatefulSet/redis-statefulset: TCP 6379',
      `${CONTROLLER} -> Deployment/client-deployment: TCP 3000`,
      `${CONTROLLER} -> Deployment/server-deployment: TCP 5000`,
      `StatefulSet/postgres-statefulset -> ${DNS}: TCP 53`,
      `StatefulSet/postgres-statefulset -> ${DNS}: UDP 53`,
    ].sort());
  });

  test('a tier added to the course\'s has exactly the flows MULTI_K8S_TIERS gives it, no other', () => {
    expect(flowsOf(manifests).filter(involvesAddedTier)).toEqual(addedTierFlows({ dns: DNS, controller: CONTROLLER }).sort());
  });

  test('every tier that serves a port is reachable: a tier or the ingress-nginx controller may connect to it', () => {
    const flows = flowsOf(manifests);
    for (const tier of MULTI_K8S_TIER_NAMES.filter((t) => MULTI_K8S_TIERS[t].port !== undefined)) {
      const into = `-> ${workloadKey(tier)}: TCP ${MULTI_K8S_TIERS[tier].port}`;
      expect([tier, flows.some((flow) => flow.endsWith(into))]).toEqual([tier, true]);
    }
  });

  test('the same policies in production, with the controller namespace from the config', () => {
    const production = synth(PRODUCTION_CONFIG);
    expect(production.filter((m) => m.kind === 'NetworkPolicy')).toEqual(manifests.filter((m) => m.kind === 'NetworkPolicy'));
    const helm = synth({ ...DEV_CONFIG, ingressNginxNamespace: 'default' });
    expect(findObject(helm, 'NetworkPolicy', 'client-deployment').spec.ingress).toEqual([{ from: [ingressNginx('default')], ports: [tcp(3000)] }]);
  });

  test('no cdk8s hash label and no empty list or map that a second kubectl apply would report as a change', () => {
    const empties: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) {
        if (value.length === 0) empties.push(path);
        value.forEach((item, i) => walk(item, `${path}[${i}]`));
      } else if (value !== null && typeof value === 'object') {
        // An empty podSelector means "every pod" and is required; any other empty map is noise.
        if (Object.keys(value).length === 0 && !path.endsWith('.podSelector')) empties.push(path);
        Object.entries(value).forEach(([key, inner]) => walk(inner, `${path}.${key}`));
      }
    };
    for (const m of manifests.filter((m) => m.kind === 'NetworkPolicy')) walk(m, m.metadata.name);
    expect(empties).toEqual([]);
    expect(JSON.stringify(manifests)).not.toContain('cdk8s.io/');
  });
});
