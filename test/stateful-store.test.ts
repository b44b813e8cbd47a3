import { StatefulStore, StatefulStoreProps } from '../lib/stateful-store';
import { containerOf, findObject, synthIn } from './synth';

const volume = { claimName: 'database-persistent-volume-claim', size: '2Gi', mountPath: '/var/lib/postgresql/data', subPath: 'postgres' };
const synthStore = (props: Partial<StatefulStoreProps> = {}) =>
  synthIn((scope) => new StatefulStore(scope, 'postgres', { image: 'postgres:15.8', port: 5432, ...props }));

describe('StatefulStore', () => {
  test('runs one pod in a StatefulSet that stops the old pod before starting the new one', () => {
    const manifests = synthStore();
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(['Service/postgres', 'StatefulSet/postgres']);
    const statefulSet = findObject(manifests, 'StatefulSet', 'postgres');
    expect(statefulSet.spec).toMatchObject({
      replicas: 1,
      serviceName: 'postgres',
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate' },
      selector: { matchLabels: { app: 'postgres' } },
    });
    expect(statefulSet.spec.updateStrategy.rollingUpdate).toBeUndefined();
    expect(statefulSet.spec.template.metadata.labels).toEqual({ app: 'postgres' });
    expect(statefulSet.spec.template.spec.terminationGracePeriodSeconds).toBe(60);
    expect(findObject(manifests, 'Service', 'postgres').spec).toEqual({
      type: 'ClusterIP', selector: { app: 'postgres' }, ports: [{ port: 5432, targetPort: 5432, protocol: 'TCP' }],
    });
  });

  test('claims and mounts a ReadWriteOnce volume with a subPath when asked', () => {
    const manifests = synthStore({ volume });
    expect(findObject(manifests, 'PersistentVolumeClaim', 'database-persistent-volume-claim').spec).toEqual({
      accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } },
    });
    const statefulSet = findObject(manifests, 'StatefulSet', 'postgres');
    expect(statefulSet.spec.template.spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'database-persistent-volume-claim' } }]);
    expect(containerOf(statefulSet).volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/postgresql/data', subPath: 'postgres' }]);
    expect(statefulSet.spec.volumeClaimTemplates).toBeUndefined();
  });

  test('takes ReadWriteOncePod, a storage class and zero replicas', () => {
    const manifests = synthStore({ replicas: 0, volume: { ...volume, accessMode: 'ReadWriteOncePod', storageClassName: 'fast' } });
    expect(findObject(manifests, 'PersistentVolumeClaim', volume.claimName).spec).toMatchObject({ accessModes: ['ReadWriteOncePod'], storageClassName: 'fast' });
    expect(findObject(manifests, 'StatefulSet', 'postgres').spec.replicas).toBe(0);
  });

  test.each<[string, Partial<StatefulStoreProps>, string]>([
    ['two replicas', { replicas: 2 }, "StatefulStore 'test/postgres': replicas must be 0 or 1: a single-writer store never runs two pods at once, got 2"],
    ['shared volume', { volume: { ...volume, accessMode: 'ReadWriteMany' } }, 'volume.accessMode must be ReadWriteOnce or ReadWriteOncePod: a single-writer store never shares its volume, got "ReadWriteMany"'],
    ['port', { port: 99999 }, 'port must be an integer from 1 to 65535, got 99999'],
    ['storage size', { volume: { ...volume, size: '2 GB' } }, 'volume.size must be a positive Kubernetes quantity such as "250m", "128Mi" or "2Gi", got "2 GB"'],
    ['claim name', { volume: { ...volume, claimName: 'Data' } }, 'volume.claimName must be a DNS-1123 subdomain'],
    ['mount path', { volume: { ...volume, mountPath: 'var/lib' } }, 'volume.mountPath must be an absolute path without ".." or white space, got "var/lib"'],
    ['sub path escaping the volume', { volume: { ...volume, subPath: '../etc' } }, 'volume.subPath must be a relative path inside the volume without "..", got "../etc"'],
    ['absolute sub path', { volume: { ...volume, subPath: '/postgres' } }, 'volume.subPath must be a relative path inside the volume without "..", got "/postgres"'],
    ['storage class', { volume: { ...volume, storageClassName: 'Fast SSD' } }, 'volume.storageClassName must be a DNS-1123 subdomain'],
  ])('refuses %s', (_case, props, message) => {
    expect(() => synthStore(props)).toThrow(message);
  });
});
