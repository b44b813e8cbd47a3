// The README's construct example runs as written, against lib/index.ts, and its output passes the gate.
import { readFileSync } from 'fs';
import { join } from 'path';
import { Chart, Testing } from 'cdk8s';
import { transformSync } from 'esbuild';
import { validateManifests } from '../gate';
import * as lib from '../lib';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const example = /```ts\n([\s\S]*?)```/.exec(readme)![1];

test("the README's example builds the objects it describes, and the gate finds no error in them", () => {
  const app = Testing.app();
  const js = transformSync(example, { loader: 'ts', format: 'cjs' }).code;
  new Function('app', 'Chart', ...Object.keys(lib), js)(app, Chart, ...Object.values(lib));
  const objects = app.charts.flatMap((chart) => chart.toJson());
  expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
    'Deployment/server', 'Ingress/ingress', 'NetworkPolicy/default-deny', 'NetworkPolicy/postgres', 'NetworkPolicy/server',
    'PersistentVolumeClaim/database-persistent-volume-claim', 'PodDisruptionBudget/server', 'Service/postgres', 'Service/postgres-pods',
    'Service/server', 'StatefulSet/postgres',
  ]);
  const findings = validateManifests(objects.map((object) => ({ file: 'README.md', object })));
  expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.kind}/${f.name}: ${f.rule}: ${f.message}`)).toEqual([]);
});
