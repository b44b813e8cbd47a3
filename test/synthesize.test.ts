// What the synth writes for each choice of inputs, in process: the files, the Secret commands, the summary line, and
// that a bad input writes nothing. The process around it (exit status, printing) is main.test.ts.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Env, synthesize } from '../apps/synthesize';
import { PRODUCTION_ENV } from './production-config';

const newOutdir = () => mkdtempSync(join(tmpdir(), 'synth-'));
const synthInto = (outdir: string, inputs: Env = {}) => synthesize({ ...inputs, CDK8S_OUTDIR: outdir });

test('by default: only the multi-k8s app, with no Secret, and the command that creates its Secret', () => {
  const outdir = newOutdir();
  const { summary, files, secretCommands } = synthInto(outdir);
  expect(summary).toBe('multi-k8s, profile dev: the course images (:latest), every host, plain HTTP, Postgres backups at "0 3 * * *", 7 kept');
  expect(files).toEqual([join(outdir, 'multi-k8s.k8s.yaml')]);
  const yaml = readFileSync(files[0], 'utf8');
  expect(yaml).not.toMatch(/^kind: Secret$/m);
  expect(yaml).toContain('name: client-deployment');
  expect(secretCommands).toEqual(['kubectl create secret generic pgpassword --from-literal PGPASSWORD=<password>']);
});

test('CHART=voting-app writes only the voting app, replaces what an earlier synth left, and creates its namespace first', () => {
  const outdir = newOutdir();
  synthInto(outdir);
  const { summary, files, secretCommands } = synthInto(outdir, { CHART: 'voting-app' });
  expect(summary).toBe('voting-app, preset dockersamples');
  expect(readdirSync(outdir)).toEqual(['voting-app.k8s.yaml']);
  expect(files).toEqual([join(outdir, 'voting-app.k8s.yaml')]);
  // The output creates the namespace too; --save-config lets its apply adopt it. The value is the one the images use.
  expect(secretCommands).toEqual([
    'kubectl create namespace vote --save-config',
    'kubectl create secret generic db-password --namespace vote --from-literal POSTGRES_PASSWORD=postgres',
  ]);
  expect(synthInto(newOutdir(), { CHART: 'voting-app', VOTING_PRESET: 'kodekloud' }).summary).toBe('voting-app, preset kodekloud');
});

test('PROFILE=production with its variables writes the production objects', () => {
  const { summary, files } = synthInto(newOutdir(), PRODUCTION_ENV);
  expect(summary).toMatch(/^multi-k8s, profile production: images registry\.example\.com\/team\/\{multi-client,multi-server,multi-worker\}:3f1c2ab9d8e7/);
  const yaml = readFileSync(files[0], 'utf8');
  expect(yaml).toContain('kind: ClusterIssuer');
  expect(yaml).toContain('image: registry.example.com/team/multi-server:3f1c2ab9d8e7');
});

test.each([
  [{ CHART: 'nope' }, 'CHART must be one of multi-k8s, voting-app, got "nope"'],
  [{ ...PRODUCTION_ENV, IMAGE_TAG: 'latest' }, 'IMAGE_TAG must be a Docker tag other than "latest"'],
  [{ ...PRODUCTION_ENV, DOMAIN: '' }, 'DOMAIN must be set (required in production)'],
  [{ IMAGE_TAG: '3f1c2ab' }, 'IMAGE_TAG is set ("3f1c2ab") but PROFILE is dev'],
  [{ CHART: 'voting-app', PROFILE: 'production' }, 'PROFILE is set ("production") but CHART is voting-app, which does not use it'],
  [{ BACKUP_RETENTION: '0', BACKUP_SCHEDULE: '0 3 * * 8' }, '  BACKUP_SCHEDULE must be a cron schedule such as "0 3 * * *" or "@daily" (day of week "8": 8 is above the maximum (6)), got "0 3 * * 8"\n  BACKUP_RETENTION must be'],
  [{ BACKUP_RETENTION: '0' }, 'BACKUP_RETENTION must be the number of dumps to keep, an integer from 1 to 1000, got "0"'],
  [{ CHART: 'voting-app', BACKUP_SCHEDULE: '@daily' }, 'BACKUP_SCHEDULE is set ("@daily") but CHART is voting-app, which does not use it'],
  [{ CHART: 'voting-app', VOTING_PRESET: 'kubecon' }, 'VOTING_PRESET must be one of dockersamples, kodekloud (default dockersamples), got "kubecon"'],
  [{ VOTING_PRESET: 'kodekloud' }, 'VOTING_PRESET is set ("kodekloud") but CHART is multi-k8s, which does not use it'],
])('bad inputs %j fail with the variable named and leave the output folder as it was', (inputs: Env, message) => {
  const outdir = newOutdir();
  writeFileSync(join(outdir, 'previous.k8s.yaml'), 'kept');
  expect(() => synthInto(outdir, inputs)).toThrow(message);
  expect([readdirSync(outdir), readFileSync(join(outdir, 'previous.k8s.yaml'), 'utf8')]).toEqual([['previous.k8s.yaml'], 'kept']);
});
