import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import * as path from 'path';
import '@microsoft/jest-sarif';
import { RULES } from '../../gate';
import { main } from '../../gate/front-ends/cli';

const REPO = path.join(__dirname, '..', '..');
const fixture = (name: string): string => path.join('test', 'fixtures', name);


/** Runs the CLI in-process from the repository root, as `npm run validate` does; `stdin` is what `-` reads. */
function run(argv: readonly string[], stdin = ''): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = process.cwd();
  process.chdir(REPO);
  try {
    const code = main(argv, { out: (text) => out.push(...text.split('\n')), err: (text) => err.push(...text.split('\n')), stdin: () => stdin });
    return { code, out, err };
  } finally {
    process.chdir(cwd);
  }
}

const COURSE = fixture('course-k8s');
const CLEAN_FILE = fixture('cli/clean/app.k8s.yaml');

test('a clean folder (nested folders, .yml, empty documents, a List) exits 0 with only the summary', () => {
  expect(run([fixture('cli/clean')])).toEqual({ code: 0, out: ['0 errors, 0 warnings in 14 objects from 2 files'], err: [] });
});

test('on a folder, what breaks is an error and policy is a warning: exit 1, one line per finding naming file, object, severity, rule and field', () => {
  const { code, out, err } = run([COURSE]);
  expect(code).toBe(1);
  expect(err).toEqual([]);
  expect(out).toContain(
    'test/fixtures/course-k8s/postgres-deployment.yaml: Deployment/postgres-deployment: error: single-writer: spec.template.spec.volumes[0].persistentVolumeClaim.claimName: PersistentVolumeClaim "database-persistent-volume-claim" (ReadWriteOnce) is mounted by the old and the new pod at once during a RollingUpdate rollout (the default strategy); use strategy Recreate',
  );
  expect(out).toContain(
    'test/fixtures/course-k8s/client-deployment.yaml: Deployment/client-deployment: warning: pdb-missing: spec.replicas: 3: up to 3 pods but no policy/v1 PodDisruptionBudget selects the pod template labels {component=web}',
  );
  expect(out.at(-1)).toBe('5 errors, 49 warnings in 11 objects from 11 files');
});

test('--strict makes policy rules errors, as for the project\'s own charts', () => {
  expect(run([COURSE, '--strict']).out.at(-1)).toBe('54 errors, 0 warnings in 11 objects from 11 files');
});

test('--severity sets one rule\'s level (error, warning, off), over the defaults and --strict', () => {
  const out = run([COURSE, '--severity', 'pdb-missing=error', '--severity=secret-missing=off', '--strict', '--severity', 'latest-tag=warning']).out;
  expect(out.filter((line) => line.includes(': pdb-missing: ')).every((line) => line.includes(': error: '))).toBe(true);
  expect(out.filter((line) => line.includes(': secret-missing: '))).toEqual([]);
  expect(out.filter((line) => line.includes(': latest-tag: ')).every((line) => line.includes(': warning: '))).toBe(true);
});

test('--external-secret declares a Secret external (both spellings, repeatable)', () => {
  expect(run([COURSE, '--external-secret', 'pgpassword']).out.at(-1)).toBe('3 errors, 49 warnings in 11 objects from 11 files');
  expect(run(['--external-secret=other', COURSE, '--external-secret=pgpassword']).out.at(-1)).toBe('3 errors, 49 warnings in 11 objects from 11 files');
});

test('files, folders and - (standard input) are read alike, in the order given', () => {
  const text = readFileSync(path.join(REPO, CLEAN_FILE), 'utf8');
  expect(run([CLEAN_FILE]).out.at(-1)).toBe('0 errors, 0 warnings in 11 objects from 1 file');
  expect(run(['-'], text).out.at(-1)).toBe('0 errors, 0 warnings in 11 objects from 1 file');
  // One run: the same objects read three times are duplicates of each other.
  const all = run([CLEAN_FILE, '-', fixture('cli/clean')], text).out;
  expect(all.at(-1)).toMatch(/ in 36 objects from 4 files$/);
  expect(new Set(all.slice(0, -1).map((line) => line.split(': ')[3]))).toEqual(new Set(['duplicate-object', 'overlapping-workloads']));
  const bad = run(['-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n');
  expect(bad.code).toBe(1);
  expect(bad.out[0]).toMatch(/^-: ConfigMap\/Bad_Name: error: invalid-name: /);
});

test('--kubernetes-version: a rule relaxed in 1.32 applies to a range that includes older versions, and says so', () => {
  const env = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n---\n' + readFileSync(path.join(REPO, fixture('cli/env-name.yaml')), 'utf8');
  expect(run(['-'], env).out.filter((line) => line.includes('invalid-pod-spec'))).toEqual([]);
  expect(run(['-', '--kubernetes-version', '1.27-1.36'], env).out.filter((line) => line.includes('invalid-pod-spec'))).toEqual([
    '-: Pod/app: error: invalid-pod-spec: spec.containers[0].env[0].name: "1ST" must consist of letters, digits, \'_\', \'-\' and \'.\', not start with a digit (Kubernetes 1.27-1.31 only; 1.32 and later accept it)',
  ]);
});

test('--format json prints the findings and the summary as one JSON document', () => {
  const { code, out } = run([COURSE, '--format', 'json']);
  const report = JSON.parse(out.join('\n'));
  expect(code).toBe(1);
  expect(report.summary).toEqual({ errors: 5, warnings: 49, objects: 11, files: 11 });
  expect(report.findings[0]).toEqual(expect.objectContaining({ file: expect.stringMatching(/^test\/fixtures\/course-k8s\//), line: 1, rule: expect.any(String), severity: expect.stringMatching(/^(error|warning)$/) }));
});

test('--format sarif prints a valid SARIF 2.1.0 log with the rule table and a result per finding at its file and line', () => {
  const { out } = run([COURSE, '--format=sarif']);
  const log = JSON.parse(out.join('\n'));
  expect(log).toBeValidSarifLog();
  const [sarifRun] = log.runs;
  expect(sarifRun.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(RULES.map((rule) => rule.id));
  expect(sarifRun.results).toHaveLength(54);
  expect(sarifRun.results[0]).toEqual(expect.objectContaining({ ruleId: expect.any(String), level: expect.stringMatching(/^(error|warning)$/) }));
  expect(sarifRun.results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: expect.stringMatching(/^test\/fixtures\/course-k8s\//) }, region: { startLine: 1 } });
});

test.each([
  [[fixture('cli/unparsable')], 'error: test/fixtures/cli/unparsable/service.yaml: YAML parse error in document 1: Map keys must be unique at line 8, column 7'],
  [[fixture('cli/no-yaml')], 'error: no .yaml or .yml files in test/fixtures/cli/no-yaml (did you run cdk8s synth?)'],
  [[fixture('does-not-exist')], 'error: cannot read test/fixtures/does-not-exist: ENOENT: no such file or directory'],
  [['--bogus'], 'unknown option --bogus'],
  [['--external-secret'], '--external-secret needs a Secret name'],
  [['--format', 'xml'], '--format must be one of text, json, sarif, got "xml"'],
  [['--severity', 'latest-tag'], '--severity needs RULE=LEVEL, got "latest-tag"'],
  [[CLEAN_FILE, '--severity', 'no-such-rule=error'], 'error: severities: unknown rule "no-such-rule"'],
  [[CLEAN_FILE, '--severity', 'latest-tag=fatal'], 'error: severities: latest-tag must be one of error, warning, off, got "fatal"'],
  [[CLEAN_FILE, '--kubernetes-version', '1.20'], 'error: kubernetesVersion must be a version or a range of versions from 1.27 to 1.36'],
])('usage error %j exits 2 and says why', (argv, message) => {
  const { code, out, err } = run(argv);
  expect([code, out]).toEqual([2, []]);
  expect(err.join('\n')).toContain(message);
});

test('--help prints the usage, with the exit codes, and exits 0', () => {
  const { code, out } = run(['--help']);
  expect(code).toBe(0);
  expect(out[0]).toBe('usage: npm run validate -- [file | dir | - ]... (default: dist/)');
  expect(out.at(-1)).toBe('exit: 0 no errors (warnings allowed), 1 errors found, 2 bad usage or unreadable input');
});

test('npm run validate (scripts/run-ts.js gate/front-ends/cli.ts) exits 1 on the course folder and names the problems', () => {
  const { status, stdout } = spawnSync(process.execPath, ['scripts/run-ts.js', 'gate/front-ends/cli.ts', fixture('course-k8s')], { cwd: REPO, encoding: 'utf8' });
  expect(status).toBe(1);
  expect(stdout).toContain('test/fixtures/course-k8s/server-deployment.yaml: Deployment/server-deployment: error: secret-missing:');
  expect(stdout.trim().split('\n').at(-1)).toBe('5 errors, 49 warnings in 11 objects from 11 files');
});

test('--external-config-map and --external-service-account declare those kinds external, and each flag needs a name', () => {
  const missing = (rule: string, ...argv: string[]) => run(argv).out.filter((line) => line.includes(`: ${rule}: `));
  const configMaps = fixture('gate/configmap-missing');
  // The folder's pass.yaml has the ConfigMap "settings"; fail.yaml also names three others.
  expect(missing('configmap-missing', configMaps)).toHaveLength(3);
  expect(missing('configmap-missing', configMaps, ...['shared', 'levels', 'flags'].flatMap((name) => ['--external-config-map', name]))).toEqual([]);
  const accounts = fixture('gate/service-account-missing');
  // pass.yaml has the ServiceAccount "api"; fail.yaml also names "legacy".
  expect(missing('service-account-missing', accounts)).toHaveLength(1);
  expect(missing('service-account-missing', accounts, '--external-service-account=legacy')).toEqual([]);
  expect(run([configMaps, '--external-config-map'])).toMatchObject({ code: 2, err: expect.arrayContaining([expect.stringContaining('--external-config-map needs a ConfigMap name')]) });
});
