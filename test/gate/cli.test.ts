import { spawnSync } from 'child_process';
import * as path from 'path';
import { main } from '../../gate/cli';

const REPO = path.join(__dirname, '..', '..');
const fixture = (name: string): string => path.join('test', 'fixtures', name);

/** Runs the CLI in-process from the repository root, as `npm run validate` does. */
function run(...argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = process.cwd();
  process.chdir(REPO);
  try {
    return { code: main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) }), out, err };
  } finally {
    process.chdir(cwd);
  }
}

test('a clean folder (nested folders, .yml, empty documents, a List) exits 0 with only the summary', () => {
  expect(run(fixture('cli/clean'))).toEqual({ code: 0, out: ['0 errors, 0 warnings in 14 objects from 2 files'], err: [] });
});

test('a folder with errors exits 1, prints one line per finding naming file, object, severity, rule and field, then the summary', () => {
  const { code, out, err } = run(fixture('course-k8s'));
  expect(code).toBe(1);
  expect(err).toEqual([]);
  expect(out).toContain(
    'test/fixtures/course-k8s/postgres-deployment.yaml: Deployment/postgres-deployment: error: single-writer: spec.template.spec.volumes[0].persistentVolumeClaim.claimName: PersistentVolumeClaim "database-persistent-volume-claim" (ReadWriteOnce) is mounted by the old and the new pod at once during a RollingUpdate rollout (the default strategy); use strategy Recreate',
  );
  expect(out).toContain(
    'test/fixtures/course-k8s/client-deployment.yaml: Deployment/client-deployment: error: pdb-missing: spec.replicas: 3: up to 3 pods but no policy/v1 PodDisruptionBudget selects the pod template labels {component=web}',
  );
  expect(out).toHaveLength(55);
  expect(out[54]).toBe('54 errors, 0 warnings in 11 objects from 11 files');
});

test('--external-secret declares a Secret external (both spellings, repeatable)', () => {
  expect(run(fixture('course-k8s'), '--external-secret', 'pgpassword').out.at(-1)).toBe('52 errors, 0 warnings in 11 objects from 11 files');
  expect(run('--external-secret=other', fixture('course-k8s'), '--external-secret=pgpassword').out.at(-1)).toBe('52 errors, 0 warnings in 11 objects from 11 files');
});

test.each([
  [[fixture('cli/unparsable')], 'error: test/fixtures/cli/unparsable/service.yaml: YAML parse error in document 1: Map keys must be unique at line 8, column 7'],
  [[fixture('cli/no-yaml')], 'error: no .yaml or .yml files in test/fixtures/cli/no-yaml (did you run cdk8s synth?)'],
  [[fixture('does-not-exist')], 'error: cannot read directory test/fixtures/does-not-exist: ENOENT: no such file or directory'],
  [['--bogus'], 'unknown option --bogus'],
  [['a', 'b'], 'expected one directory, got a b'],
  [['--external-secret'], '--external-secret needs a Secret name'],
])('usage error %j exits 2 and says why', (argv, message) => {
  const { code, out, err } = run(...argv);
  expect([code, out]).toEqual([2, []]);
  expect(err.join('\n')).toContain(message);
});

test('--help prints the usage and exits 0', () => {
  expect(run('--help')).toEqual({ code: 0, out: ['usage: npm run validate -- [dir (default: dist/)] [--external-secret NAME]... [--external-config-map NAME]... [--external-service-account NAME]...'], err: [] });
});

test('npm run validate (scripts/run-ts.js gate/cli.ts) exits 1 on the course folder and names the problems', () => {
  const { status, stdout } = spawnSync(process.execPath, ['scripts/run-ts.js', 'gate/cli.ts', fixture('course-k8s')], { cwd: REPO, encoding: 'utf8' });
  expect(status).toBe(1);
  expect(stdout).toContain('test/fixtures/course-k8s/server-deployment.yaml: Deployment/server-deployment: error: secret-missing:');
  expect(stdout.trim().split('\n').at(-1)).toBe('54 errors, 0 warnings in 11 objects from 11 files');
});

test('--external-config-map and --external-service-account declare those kinds external, and each flag needs a name', () => {
  const missing = (rule: string, ...argv: string[]) => run(...argv).out.filter((line) => line.includes(`: ${rule}: `));
  const configMaps = fixture('gate/configmap-missing');
  // The folder's pass.yaml has the ConfigMap "settings"; fail.yaml also names three others.
  expect(missing('configmap-missing', configMaps)).toHaveLength(3);
  expect(missing('configmap-missing', configMaps, ...['shared', 'levels', 'flags'].flatMap((name) => ['--external-config-map', name]))).toEqual([]);
  const accounts = fixture('gate/service-account-missing');
  // pass.yaml has the ServiceAccount "api"; fail.yaml also names "legacy".
  expect(missing('service-account-missing', accounts)).toHaveLength(1);
  expect(missing('service-account-missing', accounts, '--external-service-account=legacy')).toEqual([]);
  expect(run(configMaps, '--external-config-map')).toMatchObject({ code: 2, err: [expect.stringContaining('--external-config-map needs a ConfigMap name')] });
});
