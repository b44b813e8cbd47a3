import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** Runs the app the way `npm run synth` does, into a fresh output folder. */
function synth(chart?: string, outdir = mkdtempSync(join(tmpdir(), 'synth-'))) {
  const env = { ...process.env, CDK8S_OUTDIR: outdir, CHART: chart };
  if (chart === undefined) delete env.CHART;
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
    expect(stderr).toContain('kubectl create secret generic db-password --namespace vote --from-literal POSTGRES_PASSWORD=<password>');
  });

  test('an error is one clear line, no stack trace, and nothing in the output folder changes', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'synth-'));
    writeFileSync(join(outdir, 'previous.k8s.yaml'), 'kept');
    const { status, stderr, files } = synth('nope', outdir);
    expect(status).toBe(1);
    expect(stderr.trim()).toBe('error: CHART must be one of multi-k8s, voting-app, got "nope"');
    expect(files).toEqual(['previous.k8s.yaml']);
  });
});
