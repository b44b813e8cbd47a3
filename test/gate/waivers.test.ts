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

/** A compliant container except for its untagged image, so the only finding without waivers is latest-tag. */
const CONTAINER = {
  name: 'web',
  image: 'nginx',
  resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '64Mi' } },
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, readOnlyRootFilesystem: true },
};

function deployment(name: string, annotations: Record<string, string> = {}, container: object = CONTAINER) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, annotations },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { automountServiceAccountToken: false, containers: [container] } },
    },
  };
}

function findings(...objects: object[]) {
  return validateManifests([...objects, NETWORK_POLICY, BUDGET].map((object) => ({ file: 'app.yaml', object }))).map(
    (f) => `${f.kind}/${f.name} ${f.severity} ${f.rule}: ${f.message}`,
  );
}

test('without a waiver the finding is reported', () => {
  expect(findings(deployment('web'))).toEqual([
    'Deployment/web warning latest-tag: spec.template.spec.containers[0].image: container "web" image "nginx" has no tag, so it pulls latest; pin a version or a digest',
  ]);
});

test("a waiver with a reason on the workload's metadata silences that rule for its containers", () => {
  expect(findings(deployment('web', { 'ignore-check.multi-k8s-cdk8s/latest-tag': 'mirrored and scanned nightly' }))).toEqual([]);
});

test('a waiver silences only the object it is on', () => {
  expect(findings(deployment('web', { 'ignore-check.multi-k8s-cdk8s/latest-tag': 'mirrored' }), deployment('api')).map((f) => f.split(':')[0])).toEqual([
    'Deployment/api warning latest-tag',
  ]);
});

test('a waiver silences only the rule it names', () => {
  expect(findings(deployment('web', { 'ignore-check.multi-k8s-cdk8s/missing-resources': 'sized by the VPA' })).map((f) => f.split(':')[0])).toEqual([
    'Deployment/web warning latest-tag',
  ]);
});

test.each([[''], ['   ']])('a waiver with the empty reason %j is an error and waives nothing', (reason) => {
  expect(findings(deployment('web', { 'ignore-check.multi-k8s-cdk8s/latest-tag': reason })).map((f) => f.split(':').slice(0, 2).join(':'))).toEqual([
    'Deployment/web warning latest-tag: spec.template.spec.containers[0].image',
    'Deployment/web error invalid-waiver: metadata.annotations["ignore-check.multi-k8s-cdk8s/latest-tag"]',
  ]);
});

test('a waiver of a rule that cannot be waived is an error and the finding stays', () => {
  const misspelled = { ...CONTAINER, image: 'nginx:1.27', imagePullPolcy: 'Always' };
  expect(findings(deployment('web', { 'ignore-check.multi-k8s-cdk8s/unknown-field': 'the API server drops it' }, misspelled))).toEqual([
    'Deployment/web error unknown-field: spec.template.spec.containers[0].imagePullPolcy: unknown field "imagePullPolcy" (did you mean "imagePullPolicy"?)',
    'Deployment/web error invalid-waiver: metadata.annotations["ignore-check.multi-k8s-cdk8s/unknown-field"]: waives unknown-field, which cannot be waived',
  ]);
});

test('annotations outside the waiver prefix are ignored', () => {
  expect(findings(deployment('web', { 'ignore-check.kube-linter.io/latest-tag': 'another linter' })).map((f) => f.split(':')[0])).toEqual([
    'Deployment/web warning latest-tag',
  ]);
});
