import * as path from 'path';
import { Finding, loadManifestDir, validateManifests } from '../../gate';

/** The hand-written k8s/ folder of the course's multi-k8s Fibonacci app, as the course has it. */
const COURSE = path.join(__dirname, '..', 'fixtures', 'course-k8s');

/** Every container of the course lacks the same hardening. */
const HARDENING = ['privilege-escalation', 'unsafe-capabilities', 'run-as-root', 'writable-root-filesystem', 'service-account-token'];
const UNHARDENED = ['latest-tag', 'missing-resources', ...HARDENING];
const BEHIND_SERVICE = ['latest-tag', 'missing-resources', 'missing-probes', ...HARDENING];

/** Findings per object, in file order and then rule table order; objects without findings are absent. */
const EXPECTED: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Deployment/client-deployment', [...BEHIND_SERVICE, 'pdb-missing', 'network-policy-missing']],
  // Regex paths under pathType Prefix: ingress-nginx 1.12+ rejects them (strict-validate-path-type).
  ['Ingress/ingress-service', ['nginx-regex-path', 'nginx-regex-path']],
  ['Deployment/postgres-deployment', ['secret-missing', ...BEHIND_SERVICE, 'missing-replicas', 'single-writer', 'network-policy-missing']],
  ['Deployment/redis-deployment', [...BEHIND_SERVICE, 'missing-replicas', 'network-policy-missing']],
  ['Deployment/server-deployment', ['secret-missing', ...BEHIND_SERVICE, 'pdb-missing', 'network-policy-missing']],
  ['Deployment/worker-deployment', [...UNHARDENED, 'missing-replicas', 'network-policy-missing']],
];

function summary(findings: readonly Finding[]): Array<[string, string[]]> {
  const byObject = new Map<string, string[]>();
  for (const f of findings) byObject.set(`${f.kind}/${f.name}`, [...(byObject.get(`${f.kind}/${f.name}`) ?? []), f.rule]);
  return [...byObject];
}

const { files, docs } = loadManifestDir(COURSE);

test('the course folder has its eleven files, one object each', () => {
  expect(files.map((file) => path.basename(file))).toEqual([
    'client-cluster-ip-service.yaml',
    'client-deployment.yaml',
    'database-persistent-volume-claim.yaml',
    'ingress-service.yaml',
    'postgres-cluster-ip-service.yaml',
    'postgres-deployment.yaml',
    'redis-cluster-ip-service.yaml',
    'redis-deployment.yaml',
    'server-cluster-ip-service.yaml',
    'server-deployment.yaml',
    'worker-deployment.yaml',
  ]);
  expect(docs).toHaveLength(11);
});

test('the gate reports exactly the known problems of the course manifests', () => {
  expect(summary(validateManifests(docs))).toEqual(EXPECTED);
});

test('the Services, the Ingress and the PVC are wired correctly: no finding on them but the Ingress\'s regex paths under Prefix', () => {
  expect(validateManifests(docs).filter((f) => f.kind !== 'Deployment' && f.rule !== 'nginx-regex-path')).toEqual([]);
});

test('declaring pgpassword external removes exactly the two secret-missing findings', () => {
  const withExternal = validateManifests(docs, { externalSecrets: ['pgpassword'] });
  expect(summary(withExternal)).toEqual(EXPECTED.map(([object, rules]) => [object, rules.filter((rule) => rule !== 'secret-missing')]));
});

test('the RollingUpdate postgres Deployment on the ReadWriteOnce claim is a single-writer error', () => {
  const singleWriter = validateManifests(docs).filter((f) => f.rule === 'single-writer');
  expect(singleWriter.map((f) => [f.file, f.severity, f.message])).toEqual([
    [
      path.join(COURSE, 'postgres-deployment.yaml'),
      'error',
      'spec.template.spec.volumes[0].persistentVolumeClaim.claimName: PersistentVolumeClaim "database-persistent-volume-claim" (ReadWriteOnce) is mounted by the old and the new pod at once during a RollingUpdate rollout (the default strategy); use strategy Recreate',
    ],
  ]);
});
