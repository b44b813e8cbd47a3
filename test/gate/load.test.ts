import * as path from 'path';
import { loadManifestDir, loadManifestFile, ManifestLoadError } from '../../gate';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

test('reads .yaml and .yml files recursively in sorted order, skips empty documents and expands a List', () => {
  const dir = path.join(FIXTURES, 'cli', 'clean');
  const { files, docs } = loadManifestDir(dir);
  expect(files).toEqual([path.join(dir, 'app.k8s.yaml'), path.join(dir, 'data', 'postgres.yml')]);
  expect(docs.map((d) => `${path.relative(dir, d.file)} ${d.object.kind}/${d.object.metadata.name}`)).toEqual([
    'app.k8s.yaml Deployment/client',
    'app.k8s.yaml Service/client-cluster-ip-service',
    'app.k8s.yaml PodDisruptionBudget/client',
    'app.k8s.yaml Deployment/server',
    'app.k8s.yaml Service/server-cluster-ip-service',
    'app.k8s.yaml PodDisruptionBudget/server',
    'app.k8s.yaml Deployment/worker',
    'app.k8s.yaml Deployment/redis',
    'app.k8s.yaml Service/redis-cluster-ip-service',
    'app.k8s.yaml Ingress/ingress-service',
    'app.k8s.yaml NetworkPolicy/default-deny',
    'data/postgres.yml PersistentVolumeClaim/database-persistent-volume-claim',
    'data/postgres.yml Deployment/postgres',
    'data/postgres.yml Service/postgres-cluster-ip-service',
  ]);
});

test('reads YAML 1.1 as kubectl does: yes is a boolean, 0755 is octal', () => {
  const [{ object }] = loadManifestFile(path.join(FIXTURES, 'load', 'yaml-1.1.yaml'));
  expect(object.data).toEqual({ enabled: true, mode: 493, quoted: 'yes' });
});

test('a document that is not a mapping is a load error naming the file and the document', () => {
  const file = path.join(FIXTURES, 'load', 'not-a-mapping.yaml');
  expect(() => loadManifestFile(file)).toThrow(new ManifestLoadError(`${file}: document 2 is not a mapping (a Kubernetes object)`));
});
