// The CI workflow and the skaffold dev loop: valid files, wired to this project's commands and outputs.
import { readFileSync } from 'fs';
import { join } from 'path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..');
const WORKFLOW_FILE = join(ROOT, '.github', 'workflows', 'ci-deploy.yml');
const workflow = parse(readFileSync(WORKFLOW_FILE, 'utf8'));
const skaffold = parse(readFileSync(join(ROOT, 'skaffold.yaml'), 'utf8'));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const productionDoc = readFileSync(join(ROOT, 'docs', 'production.md'), 'utf8');
const runs = (job: string): string[] => workflow.jobs[job].steps.filter((s: any) => s.run).map((s: any) => s.run.trim());

describe('the GitHub Actions workflow', () => {
  test('is valid against SchemaStore\'s workflow schema (@action-validator/core)', () => {
    expect(validateWorkflow(readFileSync(WORKFLOW_FILE, 'utf8')).errors).toEqual([]);
  });

  test('a broken workflow is refused, so the check above can fail', () => {
    expect(validateWorkflow('on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    step: []\n').errors).not.toEqual([]);
  });

  test('runs on pull requests and on pushes to main', () => {
    expect(workflow.on).toEqual({ pull_request: null, push: { branches: ['main'] } });
  });

  test('tests with the README\'s test command and gates the dev and production outputs', () => {
    const testCommand = /```sh\nnpm test\n```/.exec(readme);
    expect(testCommand).not.toBeNull();
    const gate = (profile: string) => `npm run synth && npm run -s validate -- --strict --kubernetes-version 1.27-1.36 --format sarif > gate-${profile}.sarif`;
    expect(runs('test')).toEqual(['npm ci', 'npm test', gate('dev'), gate('production')]);
    expect(workflow.jobs.test.steps.find((s: any) => s.run === gate('production')).env.PROFILE).toBe('production');
  });

  test("uploads the gate's SARIF to code scanning even when the gate fails, with the permission that needs", () => {
    const job = workflow.jobs.test;
    const uploads = job.steps.filter((s: any) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(uploads.map((s: any) => [s.if, s.with.sarif_file])).toEqual([['always()', 'gate-dev.sarif'], ['always()', 'gate-production.sarif']]);
    expect(job.permissions['security-events']).toBe('write');
  });

  test('on pull requests, runs the deploy\'s cluster tests against a throwaway kind cluster', () => {
    const job = workflow.jobs['cluster-tests'];
    expect(job.if).toBe("github.event_name == 'pull_request'");
    expect(job.steps.find((s: any) => s.uses?.startsWith('helm/kind-action@'))).toBeDefined();
    expect(runs('cluster-tests')).toEqual(['npm ci', 'npx jest test/deploy.cluster.test.ts']);
    expect(job.steps.at(-1).env).toEqual({ CLUSTER_TEST_KUBECONFIG: '/home/runner/.kube/config' });
  });

  test('deploys only from main, after the tests: dry run before the build, build and push by SHA, then npm run deploy', () => {
    const deploy = workflow.jobs.deploy;
    expect([deploy.if, deploy.needs]).toEqual(["github.event_name == 'push' && github.ref == 'refs/heads/main'", 'test']);
    expect(deploy.env).toMatchObject({ PROFILE: 'production', IMAGE_TAG: '${{ github.sha }}', IMAGE_REPOSITORY: '${{ vars.IMAGE_REPOSITORY }}' });
    const commands = runs('deploy');
    expect(commands[0]).toBe('npm ci');
    expect(commands[1]).toBe('npm run deploy -- --dry-run');
    expect(commands[2]).toContain('docker build --tag "$IMAGE_REPOSITORY/multi-$tier:$IMAGE_TAG" "$APP_SOURCE_DIR/$tier"');
    expect(commands[2]).toContain('docker push "$IMAGE_REPOSITORY/multi-$tier:$IMAGE_TAG"');
    expect(commands[3]).toBe('npm run deploy -- --timeout 10m');
  });

  test('signs in to Google Cloud through Workload Identity Federation: an OIDC token, no key', () => {
    const deploy = workflow.jobs.deploy;
    expect(deploy.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const auth = deploy.steps.find((s: any) => s.uses?.startsWith('google-github-actions/auth@'));
    expect(auth.with).toEqual({ project_id: '${{ vars.GCP_PROJECT }}', workload_identity_provider: '${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }}' });
    const steps = deploy.steps.map((s: any) => s.uses ?? s.run);
    expect(steps.indexOf(auth.uses)).toBeLessThan(steps.indexOf('npm run deploy -- --dry-run'));
  });

  test('the app folder is one named setting, and the only credentials are the registry\'s, from repository secrets (documented in docs/production.md)', () => {
    expect(workflow.env).toEqual({ APP_SOURCE_DIR: '.' });
    const text = readFileSync(WORKFLOW_FILE, 'utf8');
    expect([...text.matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1]).sort()).toEqual(['REGISTRY_PASSWORD', 'REGISTRY_USERNAME']);
    for (const name of ['GCP_WORKLOAD_IDENTITY_PROVIDER', 'REGISTRY_PASSWORD', 'REGISTRY_USERNAME']) expect(productionDoc).toContain(`\`${name}\``);
  });
});

describe('skaffold.yaml', () => {
  test('is a skaffold/v4beta14 Config', () => {
    expect([skaffold.apiVersion, skaffold.kind]).toEqual(['skaffold/v4beta14', 'Config']);
  });

  test('builds the three images from the app folders\' Dockerfile.dev, locally, named as the dev manifests name them', () => {
    expect(skaffold.build.local).toEqual({ push: false });
    expect(skaffold.build.artifacts.map((a: any) => [a.image, a.context, a.docker.dockerfile])).toEqual([
      ['stephengrider/multi-client', 'client', 'Dockerfile.dev'],
      ['stephengrider/multi-server', 'server', 'Dockerfile.dev'],
      ['stephengrider/multi-worker', 'worker', 'Dockerfile.dev'],
    ]);
  });

  test('syncs source files into the running pods as the course did', () => {
    expect(skaffold.build.artifacts.map((a: any) => a.sync.manual)).toEqual([
      [{ src: '**/*.js', dest: '.' }, { src: '**/*.css', dest: '.' }, { src: '**/*.html', dest: '.' }],
      [{ src: '*.js', dest: '.' }],
      [{ src: '*.js', dest: '.' }],
    ]);
  });

  test('synthesizes first (dev profile, local images) and deploys dist/ with kubectl', () => {
    expect(skaffold.manifests).toEqual({
      hooks: { before: [{ host: { command: ['sh', '-c', 'LOCAL_IMAGES=true npm run synth'] } }] },
      rawYaml: ['dist/*.yaml'],
    });
    expect(skaffold.deploy).toEqual({ kubectl: {} });
  });
});
