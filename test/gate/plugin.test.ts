import { spawn } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { ValidationContext } from 'cdk8s-cli/plugins';
import { parse } from 'yaml';
import { gateRunsAsPlugin, PROJECT_GATE_OPTIONS, validateApp } from '../../gate/front-ends/in-synth';
import { MultiK8sGate } from '../../gate/front-ends/plugin';

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

test('the plugin looks construct paths up by object key where the app recorded them so, and deletes the metadata file', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'plugin-'));
  const manifest = path.join(folder, 'shop.k8s.yaml');
  writeFileSync(manifest, readFileSync(path.join(FIXTURES, 'secret-missing', 'fail.yaml')));
  writeFileSync(path.join(folder, 'construct-metadata.json'), '{}');
  const report = await pluginReport([manifest], { 'v1 Pod app': { path: 'shop/app/pod' }, app: { path: 'shop/app/network-policy' } });
  expect(report.toJson().violations[0].violatingConstructs[0]).toMatchObject({ constructPath: 'shop/app/pod', resourceName: 'v1 Pod app' });
  expect(readdirSync(folder)).toEqual(['shop.k8s.yaml']);
});

test('the plugin passes on a clean folder and takes the gate options as its properties', async () => {
  expect((await pluginReport([path.join(FIXTURES, 'secret-missing', 'pass.yaml')])).success).toBe(true);
  const external = await pluginReport([path.join(FIXTURES, 'secret-missing', 'fail.yaml')], {}, { externalSecrets: ['tls', 'registry', 'db', 'api', 'web-tls'] });
  expect(external.success).toBe(true);
});

test("cdk8s.yaml gives the plugin the project's gate options: policy rules are errors, every supported version", () => {
  const config = parse(readFileSync(path.join(REPO, 'cdk8s.yaml'), 'utf8'));
  expect(config.validations.map((v: { properties?: object }) => v.properties)).toEqual([PROJECT_GATE_OPTIONS]);
});

test('the plugin takes strict and per-rule severities as properties: warnings pass, off drops the rule', async () => {
  const fixture = [path.join(FIXTURES, 'latest-tag', 'fail.yaml')];
  expect((await pluginReport(fixture, {}, { strict: true })).success).toBe(false);
  const report = await pluginReport(fixture, {}, { strict: false });
  expect([report.success, report.toJson().violations.map((v) => v.ruleName)]).toEqual([true, ['latest-tag (warning)']]);
  const off = await pluginReport(fixture, {}, { strict: true, severities: { 'latest-tag': 'off' } });
  expect([off.success, off.toJson().violations]).toEqual([true, []]);
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

/** Runs cdk8s-cli's synth on an app the way the README says (offline: no upgrade check), into a fresh folder. */
function cdk8sSynth(app: string, env: Record<string, string> = {}) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'cdk8s-synth-'));
  const reportFile = path.join(outdir, 'report.json');
  const dist = path.join(outdir, 'dist');
  const child = spawn(
    process.execPath,
    [path.join(REPO, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), 'synth', '--app', app, '--output', dist, '--validation-reports-output-file', reportFile, '--check-upgrade', 'false'],
    { cwd: REPO, env: { ...process.env, ...env } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise<{ status: number | null; stdout: string; stderr: string; reportFile: string; dist: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr, reportFile, dist }));
  });
}

// The three synths start together, when the first test needs one: most of each is cdk8s-cli starting up.
let started: Record<'broken' | 'app' | 'appError', ReturnType<typeof cdk8sSynth>> | undefined;
const synths = () => (started ??= {
  broken: cdk8sSynth('node test/fixtures/plugin-app/app.js'),
  app: cdk8sSynth('node scripts/run-ts.js main.ts'),
  appError: cdk8sSynth('node scripts/run-ts.js main.ts', { CHART: 'nope' }),
});

test('npx cdk8s synth runs the gate as the plugin of cdk8s.yaml: errors fail the synth and name the construct path of each object', async () => {
  const { status, stdout, reportFile, dist } = await synths().broken;
  expect(status).toBe(2);
  // The NetworkPolicy named "app" does not take the Pod's place: metadata is keyed by apiVersion, kind, namespace and name.
  expect(stdout).toContain('Construct Path: broken/no-such-secret');
  const [report] = JSON.parse(readFileSync(reportFile, 'utf8')).reports;
  expect(report.summary.status).toBe('failure');
  expect(report.violations.map((v: { ruleName: string }) => v.ruleName)).toEqual(['secret-missing (error)']);
  expect(report.violations[0].violatingConstructs).toEqual([expect.objectContaining({ constructPath: 'broken/no-such-secret', resourceName: 'v1 Pod app' })]);
  // What a failed gate leaves: the manifests that failed, and nothing kubectl apply -f would reject.
  expect(readdirSync(dist)).toEqual(['broken.k8s.yaml']);
});

test('npx cdk8s synth of the app leaves only manifests in the output folder', async () => {
  const { status, stderr, dist } = await synths().app;
  expect([status, stderr]).toEqual([0, expect.not.stringContaining('    at ')]);
  expect(readdirSync(dist)).toEqual(['multi-k8s.k8s.yaml']);
});

test('npx cdk8s synth on an app error: exit 1, the output folder is gone (the CLI deletes it before it runs the app)', async () => {
  const { status, stderr, dist } = await synths().appError;
  expect(status).toBe(1);
  expect(stderr).toContain('error: CHART must be one of multi-k8s, voting-app, got "nope"');
  expect(existsSync(dist)).toBe(false);
});
