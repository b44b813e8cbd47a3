// The traffic diagrams (docs/network.md, kept current by test/docs.test.ts) in every profile.
import { Testing } from 'cdk8s';
import { MultiK8sChart } from '../apps/multi-k8s/chart';
import { chartDiagram } from '../scripts/docs';
import { ADDED_TIERS, workloadKey } from './multi-k8s-tiers';
import { PRODUCTION_CONFIG } from './production-config';

test('the multi-k8s diagram is the same in production, and names every tier, store, the backups, ingress-nginx and DNS', () => {
  const dev = chartDiagram(new MultiK8sChart(Testing.app(), 'multi-k8s'));
  expect(chartDiagram(new MultiK8sChart(Testing.app(), 'multi-k8s', PRODUCTION_CONFIG))).toBe(dev);
  expect(dev.split('\n').filter((line) => line.includes('["')).map((line) => line.replace(/^\s+n\d+\["|"\]$/g, '')).sort()).toEqual([
    'CronJob/postgres-backup',
    'CronJob/postgres-backup-restore',
    'Deployment/client-deployment',
    'Deployment/server-deployment',
    'Deployment/worker-deployment',
    'StatefulSet/postgres-statefulset',
    'StatefulSet/redis-statefulset',
    'pods {app.kubernetes.io/component=controller, app.kubernetes.io/name=ingress-nginx} in namespace ingress-nginx',
    'pods {k8s-app=kube-dns} in namespace kube-system',
    ...ADDED_TIERS.map(workloadKey),
  ].sort());
});
