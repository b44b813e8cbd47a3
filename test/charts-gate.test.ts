// Every chart and profile the project synthesizes goes through the manifest gate.
import { Testing } from 'cdk8s';
import { formatFinding, validateManifests } from '../gate';
import { MultiK8sChart } from '../lib/multi-k8s-chart';
import { DEV_CONFIG } from '../lib/multi-k8s-config';
import { VotingAppChart } from '../lib/voting-app-chart';

const SHA = '3f1c2ab';
const PRODUCTION_CONFIG = {
  ...DEV_CONFIG,
  profile: 'production' as const,
  host: 'fib.example.com',
  images: {
    ...DEV_CONFIG.images,
    client: `stephengrider/multi-client:${SHA}`,
    server: `stephengrider/multi-server:${SHA}`,
    worker: `stephengrider/multi-worker:${SHA}`,
  },
};

// Hardening (PodDisruptionBudgets, NetworkPolicies) lands in a later issue; until then these are
// the warnings the gate must report, no more and no fewer.
const uncovered = (workloads: string[]) => workloads.map((w) => `${w}: network-policy-missing`);
const multiK8sWarnings = [
  'Deployment/client-deployment: pdb-missing', 'Deployment/server-deployment: pdb-missing',
  ...uncovered(['Deployment/client-deployment', 'Deployment/server-deployment', 'Deployment/worker-deployment',
    'StatefulSet/postgres-statefulset', 'StatefulSet/redis-statefulset']),
];

const charts = {
  'multi-k8s (dev)': { build: () => new MultiK8sChart(Testing.app(), 'multi-k8s'), warnings: multiK8sWarnings },
  'multi-k8s (production)': { build: () => new MultiK8sChart(Testing.app(), 'multi-k8s', PRODUCTION_CONFIG), warnings: multiK8sWarnings },
  'voting-app': {
    build: () => new VotingAppChart(Testing.app(), 'voting-app'),
    warnings: uncovered(['Deployment/result', 'Deployment/vote', 'Deployment/worker', 'StatefulSet/db', 'StatefulSet/redis']),
  },
};

describe.each(Object.entries(charts))('the gate on chart %s', (name, { build, warnings: expectedWarnings }) => {
  const findings = validateManifests(Testing.synth(build()).map((object) => ({ file: name, object })));

  test('reports no error', () => {
    expect(findings.filter((f) => f.severity === 'error').map(formatFinding)).toEqual([]);
  });

  test('reports exactly the warnings of the rules that hardening will fix', () => {
    const warnings = findings.filter((f) => f.severity === 'warning');
    // Visible in every test run until the hardening issue turns them into errors.
    console.info(`gate warnings for ${name}:\n${warnings.map(formatFinding).join('\n')}`);
    expect(warnings.map((f) => `${f.kind}/${f.name}: ${f.rule}`).sort()).toEqual([...expectedWarnings].sort());
  });
});
