import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PRODUCTION_ENV } from './production-config';

const INPUTS = ['CHART', 'PROFILE', 'LOCAL_IMAGES', 'IMAGE_TAG', 'IMAGE_REPOSITORY', 'DOMAIN', 'ACME_EMAIL', 'ACME_SERVER', 'VOTING_PRESET'];

/** Runs the app the way `npm run synth` does, into a fresh output folder, with only the given inputs set. */
function synth(chart?: string, outdir = mkdtempSync(join(tmpdir(), 'synth-')), inputs: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = { ...process.env, CDK8S_OUTDIR: outdir, CHART: chart, ...inputs };
  for (const name of INPUTS.filter((n) => env[n] === undefined)) delete env[name];
  const result = spawnSync('node', ['scripts/run-ts.js', 'main.ts'], { env, encoding: 'utf8' });
  return { ...result, outdir, files: readdirSync(outdir) };
}

describe('npm run synth (main.ts)', () => {
  test('writes only the multi-k8s app by default, with no Secret, and prints the secret command', () => {
    const { status, stderr, outdir, files } = synth();
    expect(status).toBe(0);
    expect(files).toEqual(['multi-k8s.k8s.yaml']);
    const yaml = readFileSync(join(outdir, 'multi-k8s.k8s.yaml'), 'utf8');
    expect(yaml).not.toMatch(/^kind: Secret$/m);
    expect(yaml).toContain('name: client-deployment');
    expect(stderr).toContain('kubectl create secret generic pgpassword --from-literal PGPASSWORD=<password>');
  });

  test('CHART=voting-app writes only the voting app and replaces what an earlier synth left', () => {
    const earlier = synth();
    const { status, stderr, files } = synth('voting-app', earlier.outdir);
    expect(status).toBe(0);
    expect(files).toEqual(['voting-app.k8s.yaml']);
    // The namespace comes first (the output creates it too), and the value is the one the voting app's images use.
    expect(stderr).toContain('  kubectl create namespace vote --save-config\n  kubectl create secret generic db-password --namespace vote --from-literal POSTGRES_PASSWORD=postgres\n');
  });

  test('an error is one clear line, no stack trace, and nothing in the output folder changes', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'synth-'));
    writeFileSync(join(outdir, 'previous.k8s.yaml'), 'kept');
    const { status, stderr, files } = synth('nope', outdir);
    expect(status).toBe(1);
    expect(stderr.trim()).toBe('error: CHART must be one of multi-k8s, voting-app, got "nope"');
    expect(files).toEqual(['previous.k8s.yaml']);
  });

  test('prints one line naming the profile and inputs it used', () => {
    expect(synth().stderr).toContain('synth: multi-k8s, profile dev: the course images (:latest), every host, plain HTTP, Postgres backups at "0 3 * * *", 7 kept\n');
    expect(synth('voting-app', undefined, { VOTING_PRESET: 'kodekloud' }).stderr).toContain('synth: voting-app, preset kodekloud\n');
  });

  test('PROFILE=production with its variables writes the production objects', () => {
    const { status, stderr, outdir } = synth(undefined, undefined, PRODUCTION_ENV);
    expect(status).toBe(0);
    expect(stderr).toContain('synth: multi-k8s, profile production: images registry.example.com/team/{multi-client,multi-server,multi-worker}:3f1c2ab9d8e7');
    const yaml = readFileSync(join(outdir, 'multi-k8s.k8s.yaml'), 'utf8');
    expect(yaml).toContain('kind: ClusterIssuer');
    expect(yaml).toContain('image: registry.example.com/team/multi-server:3f1c2ab9d8e7');
  });

  test.each([
    [{ ...PRODUCTION_ENV, IMAGE_TAG: 'latest' }, 'IMAGE_TAG must be a Docker tag other than "latest"'],
    [{ ...PRODUCTION_ENV, DOMAIN: '' }, 'DOMAIN must be set (required in production)'],
    [{ IMAGE_TAG: '3f1c2ab' }, 'IMAGE_TAG is set ("3f1c2ab") but PROFILE is dev'],
    [{ CHART: 'voting-app', PROFILE: 'production' }, 'PROFILE is set ("production") but CHART is voting-app, which does not use it'],
    [{ BACKUP_RETENTION: '0', BACKUP_SCHEDULE: '0 3 * * 8' }, '  BACKUP_SCHEDULE must be a cron schedule such as "0 3 * * *" or "@daily" (day of week "8": 8 is above the maximum (6)), got "0 3 * * 8"\n  BACKUP_RETENTION must be'],
    [{ BACKUP_RETENTION: '0' }, 'BACKUP_RETENTION must be the number of dumps to keep, an integer from 1 to 1000, got "0"'],
    [{ CHART: 'voting-app', BACKUP_SCHEDULE: '@daily' }, 'BACKUP_SCHEDULE is set ("@daily") but CHART is voting-app, which does not use it'],
    [{ CHART: 'voting-app', VOTING_PRESET: 'kubecon' }, 'VOTING_PRESET must be one of dockersamples, kodekloud (default dockersamples), got "kubecon"'],
  ])('bad inputs %j fail with the variable named and leave the output folder as it was', (inputs, message) => {
    const outdir = mkdtempSync(join(tmpdir(), 'synth-'));
    writeFileSync(join(outdir, 'previous.k8s.yaml'), 'kept');
    const { status, stderr, files } = synth(undefined, outdir, inputs);
    expect(status).toBe(1);
    expect(stderr).toContain(message);
    expect(stderr).not.toContain('    at ');
    expect([files, readFileSync(join(outdir, 'previous.k8s.yaml'), 'utf8')]).toEqual([['previous.k8s.yaml'], 'kept']);
  });
});
