// `npm run synth` as a process: what it prints, its exit status, and what it leaves in the output folder.
// What the synth writes for each input is tested in process (synthesize.test.ts).
import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SYNTH_INPUTS } from '../apps/synthesize';

/** Runs the app the way `npm run synth` does, into this output folder, with only the given inputs set. */
function synth(outdir: string, inputs: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = { ...process.env, CDK8S_OUTDIR: outdir, ...inputs };
  for (const name of SYNTH_INPUTS.filter((n) => inputs[n] === undefined)) delete env[name];
  const result = spawnSync(process.execPath, ['scripts/run-ts.js', 'main.ts'], { env, encoding: 'utf8' });
  return { ...result, files: readdirSync(outdir) };
}

describe('npm run synth (main.ts)', () => {
  test('prints the profile, the files written and the Secret command, and exits 0', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'synth-'));
    const { status, stderr, files } = synth(outdir);
    expect([status, files]).toEqual([0, ['multi-k8s.k8s.yaml']]);
    expect(stderr).toBe([
      'synth: multi-k8s, profile dev: the course images (:latest), every host, plain HTTP, Postgres backups at "0 3 * * *", 7 kept',
      `wrote ${join(outdir, 'multi-k8s.k8s.yaml')}`,
      `Before "kubectl apply -f ${outdir}", create the Secrets it reads (once per cluster):`,
      '  kubectl create secret generic pgpassword --from-literal PGPASSWORD=<password>',
      '',
    ].join('\n'));
  });

  test('an error is one clear line, no stack trace, exit 1, and nothing in the output folder changes', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'synth-'));
    writeFileSync(join(outdir, 'previous.k8s.yaml'), 'kept');
    const { status, stderr, files } = synth(outdir, { CHART: 'nope' });
    expect([status, stderr]).toEqual([1, 'error: CHART must be one of multi-k8s, voting-app, got "nope"\n']);
    expect([files, readFileSync(join(outdir, 'previous.k8s.yaml'), 'utf8')]).toEqual([['previous.k8s.yaml'], 'kept']);
  });
});
