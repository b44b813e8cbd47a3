import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { ValidationContext } from 'cdk8s-cli/plugins';
import { gateRunsAsPlugin, validateApp } from '../../gate/app';
import { MultiK8sGate } from '../../gate/plugin';

const REPO = path.join(__dirname, '..', '..');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'gate');

function pluginReport(files: string[], metadata: Record<string, { path: string }> = {}, options = {}) {
  const context = new ValidationContext(files, 'multi-k8s-gate', '0.1.0', metadata);
  return new MultiK8sGate(options).validate(context).then(() => context.report);
}

test('the plugin fails the report on errors: one violation per rule, each object with the construct path the CLI recorded for it', async () => {
  const report = await pluginReport([path.join(FIXTURES, 'secret-missing', 'fail.yaml')], { app: { path: 'shop/app/pod' } });
  expect(report.success).toBe(false);
  const { violations, summary } = report.toJson();
  expect(summary.metadata).toEqual({ objects: '3', errors: '5', warnings: '0' });
  expect(violations.map((v) => v.ruleName)).toEqual(['secret-missing (error)']);
  expect(violations[0].fix).toContain('ignore-check.multi-k8s-cdk8s/secret-missing: "<reason>"');
  expect(violations[0].violatingConstructs).toHaveLength(2);
  const [pod, ingress] = violations[0].violatingConstructs;
  expect(ingress).toMatchObject({ constructPath: undefined, resourceName: 'web', locations: [expect.stringContaining('Ingress/web: spec.tls[0].secretName')] });
  expect(pod).toMatchObject({ constructPath: 'shop/app/pod', resourceName: 'app' });
  expect(pod.locations).toHaveLength(4);
  expect(pod.locations[0]).toContain('Pod/app: spec.volumes[0].secret.secretName: Secret "tls"');
});

test('the plugin passes on a clean folder and takes the gate options as its properties', async () => {
  expect((await pluginReport([path.join(FIXTURES, 'secret-missing', 'pass.yaml')])).success).toBe(true);
  const external = await pluginReport([path.join(FIXTURES, 'secret-missing', 'fail.yaml')], {}, { externalSecrets: ['tls', 'registry', 'db', 'api', 'web-tls'] });
  expect(external.success).toBe(true);
});

test('validateApp reports each finding by the construct path of its object', () => {
  const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), 'gate-app-')) });
  const chart = new Chart(app, 'shop');
  new ApiObject(chart, 'web', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'Web' }, spec: { ports: [{ port: 80 }] } });
  const findings = validateApp(app);
  expect(findings.map((f) => [f.file, f.rule])).toEqual([['shop/web', 'invalid-name']]);
});

test('the app leaves the gate to the plugin exactly when cdk8s synth runs validation plugins', () => {
  expect(gateRunsAsPlugin({ CDK8S_RECORD_CONSTRUCT_METADATA: 'true' })).toBe(true);
  expect(gateRunsAsPlugin({ CDK8S_RECORD_CONSTRUCT_METADATA: 'false' })).toBe(false);
  expect(gateRunsAsPlugin({})).toBe(false);
});

test('npx cdk8s synth runs the gate as the plugin of cdk8s.yaml: errors fail the synth and name the construct path', () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'cdk8s-synth-'));
  const reportFile = path.join(outdir, 'report.json');
  const result = spawnSync(
    process.execPath,
    [path.join(REPO, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), 'synth', '--app', 'node test/fixtures/plugin-app/app.js', '--output', path.join(outdir, 'dist'), '--validation-reports-output-file', reportFile, '--check-upgrade', 'false'],
    { cwd: REPO, encoding: 'utf8' },
  );
  expect(result.status).toBe(2);
  expect(result.stdout).toContain('Construct Path: broken/no-such-secret');
  const [report] = JSON.parse(readFileSync(reportFile, 'utf8')).reports;
  expect(report.summary.status).toBe('failure');
  expect(report.violations.map((v: { ruleName: string }) => v.ruleName)).toEqual(['secret-missing (error)']);
  expect(report.violations[0].violatingConstructs[0]).toMatchObject({ constructPath: 'broken/no-such-secret', resourceName: 'app' });
});
