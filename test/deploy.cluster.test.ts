// The deploy against a real cluster. It runs only when CLUSTER_TEST_KUBECONFIG names the kubeconfig of a
// throwaway cluster: it deletes the cert-manager CustomResourceDefinitions, the IngressClass "nginx" and the
// namespace "vote" there, and creates and deletes namespaces of its own. kubectl is $KUBECTL, else the PATH's.
import { spawn, spawnSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { synthesize, SYNTH_INPUTS } from '../apps/synthesize';
import { main } from '../deploy/cli';
import { MANAGED_STORES_ENV, PRODUCTION_ENV } from './production-config';

const KUBECONFIG = process.env.CLUSTER_TEST_KUBECONFIG;
const KUBECTL = process.env.KUBECTL ?? 'kubectl';
const INGRESS_CLASS = { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } };
const namespaces: string[] = [];
const READERS = 'StatefulSet/postgres-statefulset, CronJob/postgres-backup, CronJob/postgres-backup-restore, Deployment/server-deployment';
// The course's Deployments of the stores, in the output at 0 replicas: a deploy applies them only where the cluster has them.
const RETIRED = 2;
// The objects of the course's k8s/ folder, which the move takes over.
const COURSE_OBJECTS = 11;

/** How many objects the synth writes for these inputs. */
function outputSize(inputs: Record<string, string> = {}): number {
  const { app } = synthesize({ ...inputs, CDK8S_OUTDIR: mkdtempSync(join(tmpdir(), 'deploy-count-')) });
  return app.charts.flatMap((chart) => chart.toJson()).length;
}

function kubectl(args: string[], input?: string): string {
  // jest-light-runner has no per-test timeout: a cluster that stops answering fails the call instead of hanging the run.
  const result = spawnSync(KUBECTL, args, { env: { ...process.env, KUBECONFIG }, input, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`kubectl ${args.join(' ')}: ${result.error?.message ?? result.stderr}`);
  return result.stdout;
}

/** Runs `npm run deploy -- ...args` in process with only these synth inputs; returns its exit status and log. */
function deploy(args: string[], inputs: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, KUBECONFIG, KUBECTL, CDK8S_OUTDIR: mkdtempSync(join(tmpdir(), 'deploy-dist-')), ...inputs };
  for (const name of SYNTH_INPUTS.filter((n) => !(n in inputs))) delete env[name];
  const lines: string[] = [];
  const status = main(args, env, (line) => lines.push(line));
  return { status, log: lines.join('\n') };
}

function newNamespace(withSecret = true): string {
  const name = `deploy-test-${process.pid}-${namespaces.length}`;
  kubectl(['create', 'namespace', name]);
  if (withSecret) kubectl(['create', 'secret', 'generic', 'pgpassword', '--namespace', name, '--from-literal', 'PGPASSWORD=test-only']);
  namespaces.push(name);
  return name;
}

/**
 * Per object (kind/name), its generation and when the deploy's field manager last changed it: a server-side apply
 * that changes nothing writes neither. (resourceVersion also moves with the controllers' status updates.)
 */
function versions(namespace: string): Record<string, string> {
  const items = JSON.parse(kubectl(['get', 'deploy,sts,cronjobs,svc,netpol,pdb,hpa,ing,pvc,certificates', '--namespace', namespace, '-o', 'json', '--show-managed-fields'])).items;
  return Object.fromEntries(items.map((o: any) => [
    `${o.kind}/${o.metadata.name}`,
    `generation ${o.metadata.generation}, applied ${o.metadata.managedFields.find((f: any) => f.manager === 'multi-k8s-cdk8s')?.time}`,
  ]));
}

function names(kinds: string, namespace: string): string[] {
  return kubectl(['get', kinds, '--namespace', namespace, '-o', 'name']).split('\n').filter(Boolean).sort();
}

function hasNodes(): boolean {
  return KUBECONFIG !== undefined && kubectl(['get', 'nodes', '-o', 'name']).trim() !== '';
}

const describeWithCluster = KUBECONFIG ? describe : describe.skip;
if (!KUBECONFIG) {
  test.skip('deploy against a real cluster: skipped, set CLUSTER_TEST_KUBECONFIG to the kubeconfig of a throwaway cluster to run it', () => undefined);
}

describeWithCluster('npm run deploy against the cluster of CLUSTER_TEST_KUBECONFIG', () => {
  beforeAll(() => {
    kubectl(['delete', '-f', 'crds/', '--ignore-not-found']);
    kubectl(['delete', 'ingressclass', 'nginx', '--ignore-not-found']);
    kubectl(['delete', 'namespace', 'vote', '--ignore-not-found']);
  });

  afterAll(() => {
    if (namespaces.length) kubectl(['delete', 'namespace', ...namespaces, '--wait=false', '--ignore-not-found']);
  });

  test('preflight: each missing Secret, CRD and IngressClass is one error with its fix, and nothing is applied', () => {
    const namespace = newNamespace(false);
    const { status, log } = deploy(['--namespace', namespace], PRODUCTION_ENV);
    expect(status).toBe(1);
    expect(log).toContain(`preflight: error: Secret "pgpassword" in namespace "${namespace}" (read by ${READERS}) does not exist\n`
      + `  fix: kubectl create secret generic pgpassword --namespace ${namespace} --from-literal PGPASSWORD=<value>`);
    expect(log).toContain('preflight: error: the server does not serve ClusterIssuer in cert-manager.io/v1 (ClusterIssuer letsencrypt-production needs it)\n'
      + '  fix: install cert-manager (its CustomResourceDefinitions and controller): kubectl apply -f https://github.com/cert-manager/cert-manager/releases/download/v1.21.1/cert-manager.yaml');
    expect(log).toContain('preflight: error: the server does not serve Certificate in cert-manager.io/v1');
    expect(log).toContain('preflight: error: IngressClass "nginx" does not exist: no controller would serve the Ingress\n  fix: install ingress-nginx (on minikube: minikube addons enable ingress;');
    expect(log).toMatch(/deploy failed: preflight found 4 problems \(above\); nothing was applied$/);
    expect(names('all,netpol,ing,pvc', namespace)).toEqual([]);
  });

describe('with cert-manager\'s CRDs and the IngressClass installed', () => {
  beforeAll(() => {
    kubectl(['apply', '--server-side', '-f', 'crds/']);
    kubectl(['wait', '--for', 'condition=established', '-f', 'crds/']);
    kubectl(['apply', '--server-side', '-f', '-'], JSON.stringify(INGRESS_CLASS));
  });

  test('npx cdk8s synth, then kubectl apply -f on its folder: every object is created and kubectl exits 0', () => {
    const namespace = newNamespace();
    const dist = join(mkdtempSync(join(tmpdir(), 'cdk8s-synth-')), 'dist');
    const synth = spawnSync(process.execPath, ['node_modules/cdk8s-cli/bin/cdk8s', 'synth', '--output', dist, '--check-upgrade', 'false'], { encoding: 'utf8' });
    expect(synth.status).toBe(0);
    const applied = kubectl(['apply', '--namespace', namespace, '-f', dist]);
    expect(applied.split('\n').filter(Boolean)).toHaveLength(outputSize());
    expect(applied).not.toMatch(/unchanged|configured/);
  });

  test('a Secret without the key the pods read fails the preflight, naming the key and the patch', () => {
    const namespace = newNamespace(false);
    kubectl(['create', 'secret', 'generic', 'pgpassword', '--namespace', namespace, '--from-literal', 'PASSWORD=typo']);
    const { status, log } = deploy(['--dry-run', '--namespace', namespace]);
    expect(status).toBe(1);
    expect(log).toContain(`preflight: error: Secret "pgpassword" in namespace "${namespace}" (read by ${READERS}) has no key "PGPASSWORD"\n`
      + `  fix: kubectl patch secret pgpassword --namespace ${namespace} --type merge -p '{"stringData":{"PGPASSWORD":"<value>"}}'`);
  });

  test('--dry-run: the server checks every object and the diff lists them, and nothing is created', () => {
    const namespace = newNamespace();
    const { status, log } = deploy(['--dry-run', '--namespace', namespace]);
    expect(status).toBe(0);
    const applied = outputSize() - RETIRED;
    expect(log).toContain(`preflight: passed\ndry run: the API server accepts all ${applied} objects\ndiff: ${applied} to create, 0 to change, 0 unchanged\n`);
    expect(log).toContain(`diff:   + StatefulSet ${namespace}/postgres-statefulset\n`);
    expect(log).toContain(`diff: skipped Deployment ${namespace}/postgres-deployment: retired, and the cluster does not have it`);
    expect(log).toMatch(/dry run: nothing was changed$/);
    expect(names('all,netpol,ing,pvc', namespace)).toEqual([]);
  });

  test('a deploy applies every object, a second one changes none, and a change shows in the diff', () => {
    const namespace = newNamespace();
    const first = deploy(['--no-wait', '--namespace', namespace], PRODUCTION_ENV);
    expect(first.status).toBe(0);
    const applied = outputSize(PRODUCTION_ENV) - RETIRED;
    expect(first.log).toContain(`diff: ${applied} to create, 0 to change, 0 unchanged`);
    const before = versions(namespace);
    expect(Object.keys(before)).toHaveLength(applied - 1); // all but the cluster-scoped ClusterIssuer
    const second = deploy(['--no-wait', '--namespace', namespace], PRODUCTION_ENV);
    expect(second.status).toBe(0);
    expect(second.log).toContain(`diff: 0 to create, 0 to change, ${applied} unchanged`);
    expect(versions(namespace)).toEqual(before);
    const retagged = deploy(['--dry-run', '--namespace', namespace], { ...PRODUCTION_ENV, IMAGE_TAG: '4a2d3bc0e9f8' });
    expect(retagged.log).toContain(`diff: 0 to create, 3 to change, ${applied - 3} unchanged\n`
      + `diff:   ~ Deployment ${namespace}/client-deployment\ndiff:   ~ Deployment ${namespace}/server-deployment\ndiff:   ~ Deployment ${namespace}/worker-deployment\n`);
  });

  test('prune: what left the output is listed by the dry run, then deleted; objects without the app label are never touched', () => {
    const namespace = newNamespace();
    expect(deploy(['--no-wait', '--namespace', namespace], PRODUCTION_ENV).status).toBe(0);
    kubectl(['create', 'configmap', 'foreign', '--namespace', namespace]);
    kubectl(['create', 'deployment', 'client-deployment-v2', '--image', 'nginx:1.27', '--namespace', namespace]);
    kubectl(['create', 'configmap', 'other-app', '--namespace', namespace]);
    kubectl(['label', 'configmap', 'other-app', 'app.kubernetes.io/part-of=another-app', '--namespace', namespace]);
    const plan = deploy(['--dry-run', '--namespace', namespace]);
    expect(plan.log).toContain('prune: 4 no longer in the output, 0 retired: deleted once the rollouts are ready; 0 kept\n'
      + `prune:   - Certificate ${namespace}/k8s-multi-example-com-tls\nprune:   - ClusterIssuer letsencrypt-production\n`
      + `prune:   - HorizontalPodAutoscaler ${namespace}/client-deployment\nprune:   - HorizontalPodAutoscaler ${namespace}/server-deployment\n`);
    expect(names('hpa,certificates', namespace)).toHaveLength(3);
    const { status, log } = deploy(['--no-wait', '--namespace', namespace]);
    expect(status).toBe(0);
    expect(log).toContain(`prune:  deleted HorizontalPodAutoscaler ${namespace}/client-deployment`);
    expect(names('hpa,certificates', namespace)).toEqual([]);
    expect(names('configmap,deployment', namespace)).toEqual(expect.arrayContaining(['configmap/foreign', 'configmap/other-app', 'deployment.apps/client-deployment-v2']));
  });

  test('managed stores: the Services point outside, the EndpointSlice is tied to its Service, and moving Redis back prunes it', () => {
    const namespace = newNamespace();
    const managed = deploy(['--no-wait', '--namespace', namespace], MANAGED_STORES_ENV);
    expect([managed.status, managed.log]).toEqual([0, expect.stringContaining('apply: endpointslice.discovery.k8s.io/redis-cluster-ip-service-external serverside-applied')]);
    expect(names('statefulsets,pvc,cronjobs', namespace)).toEqual([]);
    expect(kubectl(['get', 'service', 'postgres-cluster-ip-service', '--namespace', namespace, '-o', 'jsonpath={.spec.type} {.spec.externalName}']))
      .toBe('ExternalName mydb.abc123.eu-west-1.rds.amazonaws.com');
    expect(kubectl(['describe', 'service', 'redis-cluster-ip-service', '--namespace', namespace])).toMatch(/^Endpoints:\s+10\.20\.0\.5:6379$/m);
    const inCluster = deploy(['--no-wait', '--namespace', namespace], PRODUCTION_ENV);
    expect(inCluster.status).toBe(0);
    expect(inCluster.log).toContain(`prune:  deleted EndpointSlice ${namespace}/redis-cluster-ip-service-external`);
    expect(names('statefulsets', namespace)).toEqual(['statefulset.apps/postgres-statefulset', 'statefulset.apps/redis-statefulset']);
  });

  test('the move from the course\'s objects: every field is taken over from kubectl apply without conflicts, the claim is kept', () => {
    const namespace = newNamespace();
    kubectl(['apply', '--namespace', namespace, '-f', 'test/fixtures/course-k8s/']);
    const claim = JSON.parse(kubectl(['get', 'pvc', 'database-persistent-volume-claim', '--namespace', namespace, '-o', 'json']));
    const { status, log } = deploy(['--no-wait', '--namespace', namespace]);
    expect(status).toBe(0);
    expect(log).toContain(`diff: ${outputSize() - COURSE_OBJECTS} to create, ${COURSE_OBJECTS} to change, 0 unchanged`);
    expect(log).toContain(`prune: kept the retired Deployment ${namespace}/postgres-deployment, Deployment ${namespace}/redis-deployment: without --wait, nothing says their replacements are ready`);
    const objects = JSON.parse(kubectl(['get', 'deploy,svc,pvc,ing', '--namespace', namespace, '-o', 'json', '--show-managed-fields'])).items;
    for (const o of objects) {
      expect([`${o.kind}/${o.metadata.name}`, o.metadata.managedFields.map((f: any) => f.manager).filter((m: string) => m.startsWith('kubectl'))]).toEqual([`${o.kind}/${o.metadata.name}`, []]);
      expect(o.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
      expect(o.metadata.labels?.['app.kubernetes.io/part-of']).toBe('multi-k8s');
    }
    // A field only the course set is gone: the course's last-applied configuration became the field manager's.
    expect(objects.find((o: any) => o.kind === 'Ingress').metadata.annotations).not.toHaveProperty(['kubernetes.io/ingress.class']);
    const retired = objects.find((o: any) => o.metadata.name === 'postgres-deployment');
    expect(retired.spec.replicas).toBe(0);
    expect(objects.find((o: any) => o.kind === 'PersistentVolumeClaim').metadata.uid).toBe(claim.metadata.uid);
    expect(deploy(['--dry-run', '--namespace', namespace]).log).toContain(`diff: 0 to create, 0 to change, ${outputSize()} unchanged`);
  });

  test('a rollout that does not finish in time: the pods\' reasons, the undo command, exit 1, and nothing pruned', () => {
    const namespace = newNamespace();
    kubectl(['apply', '--namespace', namespace, '-f', 'test/fixtures/course-k8s/postgres-deployment.yaml']);
    const { status, log } = deploy(['--timeout', '3s', '--namespace', namespace]);
    expect(status).toBe(1);
    expect(log).toMatch(new RegExp(`wait: StatefulSet ${namespace}/postgres-statefulset did not finish its rollout within 3 s \\(.+\\)\\nwait:   pod postgres-statefulset-0: \\w+\\nwait:     \\S`));
    expect(log).toContain(`wait:   roll it back to its previous revision: kubectl rollout undo statefulset/postgres-statefulset --namespace ${namespace}`);
    expect(log).toMatch(/deploy failed: \d rollouts? did not finish \(above\); nothing was pruned$/);
    expect(names('deployment', namespace)).toContain('deployment.apps/postgres-deployment');
  });

  // With nodes, kubelets decide readiness, and the stand-in below would fight them.
  (hasNodes() ? test.skip : test)('the whole deploy from the course\'s objects on a cluster without nodes: once the rollouts are ready, the retired Deployments are deleted', () => {
    const namespace = newNamespace();
    kubectl(['apply', '--namespace', namespace, '-f', 'test/fixtures/course-k8s/']);
    // A stand-in for the kubelets this cluster lacks: it reports every pod of the namespace Running and Ready.
    const ready = JSON.stringify({ status: { phase: 'Running', conditions: ['Ready', 'ContainersReady', 'Initialized'].map((type) => ({ type, status: 'True' })) } });
    const kubelet = spawn('sh', ['-c', `while true; do for pod in $("$KUBECTL" get pods -n ${namespace} -o name); do "$KUBECTL" patch -n ${namespace} "$pod" --subresource=status --type=merge -p '${ready}'; done; sleep 1; done`], {
      env: { ...process.env, KUBECONFIG, KUBECTL },
      stdio: 'ignore',
    });
    try {
      const { status, log } = deploy(['--timeout', '60s', '--namespace', namespace]);
      expect(status).toBe(0);
      expect(log).toContain('prune: 0 no longer in the output, 2 retired: deleted once the rollouts are ready; 0 kept');
      expect(log).toContain(`wait:  StatefulSet ${namespace}/postgres-statefulset: ready`);
      expect(log).toMatch(new RegExp(`prune:  deleted Deployment ${namespace}/postgres-deployment\nprune:  deleted Deployment ${namespace}/redis-deployment\ndeploy: done$`));
      expect(names('deployment', namespace)).toEqual(['deployment.apps/client-deployment', 'deployment.apps/server-deployment', 'deployment.apps/worker-deployment']);
    } finally {
      kubelet.kill();
    }
  });

  test('the voting app: its namespace and Secret named by the preflight, then deployed into the namespace it creates', () => {
    const missing = deploy(['--dry-run'], { CHART: 'voting-app' });
    expect(missing.status).toBe(1);
    expect(missing.log).toContain('  fix: kubectl create namespace vote --save-config; kubectl create secret generic db-password --namespace vote --from-literal POSTGRES_PASSWORD=<value>');
    kubectl(['create', 'namespace', 'vote']);
    kubectl(['create', 'secret', 'generic', 'db-password', '--namespace', 'vote', '--from-literal', 'POSTGRES_PASSWORD=test-only']);
    const { status, log } = deploy(['--no-wait'], { CHART: 'voting-app' });
    expect([status, log]).toEqual([0, expect.stringContaining('diff: 15 to create, 1 to change, 0 unchanged\ndiff:   + NetworkPolicy vote/default-deny')]);
    expect(deploy(['--dry-run'], { CHART: 'voting-app' }).log).toMatch(/diff: 0 to create, 0 to change, \d+ unchanged/);
    kubectl(['delete', 'namespace', 'vote', '--wait=false']);
  });
});
});
