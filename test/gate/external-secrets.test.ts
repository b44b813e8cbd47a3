import { validateManifests } from '../../gate';

const NETWORK_POLICY = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'default-deny' },
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
};

/** One budget for every workload of the namespace, which each runs two pods. */
const BUDGET = {
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'all' },
  spec: { maxUnavailable: 1, selector: {}, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
};

function server(name: string, annotations: Record<string, string> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, annotations },
    spec: {
      replicas: 2,
      selector: { matchLabels: { component: name } },
      template: {
        metadata: { labels: { component: name } },
        spec: {
          automountServiceAccountToken: false,
          containers: [
            {
              name,
              image: 'stephengrider/multi-server:v2',
              env: [{ name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'pgpassword', key: 'PGPASSWORD' } } }],
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, readOnlyRootFilesystem: true },
            },
          ],
        },
      },
    },
  };
}

function missingSecrets(objects: object[], externalSecrets?: string[]) {
  return validateManifests([...objects, NETWORK_POLICY, BUDGET].map((object) => ({ file: 'app.yaml', object })), { externalSecrets }).map(
    (f) => `${f.kind}/${f.name} ${f.rule}`,
  );
}

test('a Secret neither in the output nor declared external is missing', () => {
  expect(missingSecrets([server('server')])).toEqual(['Deployment/server secret-missing']);
});

test('the externalSecrets option declares a Secret external for every workload', () => {
  expect(missingSecrets([server('server'), server('worker')], ['pgpassword'])).toEqual([]);
});

test('the annotation declares Secrets external for the workload it is on only', () => {
  const annotated = server('server', { 'multi-k8s-cdk8s/external-secrets': 'registry-creds, pgpassword' });
  expect(missingSecrets([annotated, server('worker')])).toEqual(['Deployment/worker secret-missing']);
});

test('a Secret of the same name in another namespace does not count', () => {
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'pgpassword', namespace: 'other' }, stringData: { PGPASSWORD: 'x' } };
  expect(missingSecrets([server('server'), secret])).toEqual(['Deployment/server secret-missing']);
});
