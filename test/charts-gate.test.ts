// Every chart and profile the project synthesizes goes through the manifest gate.
import { Testing } from 'cdk8s';
import { formatFinding, validateManifests } from '../gate';
import { PROJECT_GATE_OPTIONS } from '../gate/front-ends/in-synth';
import { MultiK8sChart } from '../apps/multi-k8s/chart';
import { VotingAppChart } from '../apps/voting-app/chart';
import { KODEKLOUD_PRESET } from '../apps/voting-app/config';
import { MANAGED_STORES_CONFIG, PRODUCTION_CONFIG } from './production-config';

const charts = {
  'multi-k8s (dev)': () => new MultiK8sChart(Testing.app(), 'multi-k8s'),
  'multi-k8s (production)': () => new MultiK8sChart(Testing.app(), 'multi-k8s', PRODUCTION_CONFIG),
  'multi-k8s (production, managed Postgres and Redis)': () => new MultiK8sChart(Testing.app(), 'multi-k8s', MANAGED_STORES_CONFIG),
  'voting-app': () => new VotingAppChart(Testing.app(), 'voting-app'),
  'voting-app (kodekloud)': () => new VotingAppChart(Testing.app(), 'voting-app', KODEKLOUD_PRESET),
};

test.each(Object.entries(charts))('the gate reports nothing, neither error nor warning, on chart %s', (name, build) => {
  const findings = validateManifests(Testing.synth(build()).map((object) => ({ file: name, object })), PROJECT_GATE_OPTIONS);
  expect(findings.map(formatFinding)).toEqual([]);
});
