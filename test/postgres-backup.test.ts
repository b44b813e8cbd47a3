import { validateManifests } from '../gate';
import { BACKUP_SCRIPT, PostgresBackup, PostgresBackupProps, RESTORE_SCRIPT } from '../lib/postgres-backup';
import { PasswordSecretRef } from '../lib/password-secret-ref';
import { StatefulStore } from '../lib/stateful-store';
import { findObject, flowsOf, synthIn } from './synth';

const synthBackup = (props: Partial<PostgresBackupProps> = {}) => synthIn((scope) => {
  const password = new PasswordSecretRef(scope, 'pgpassword', { secretName: 'pgpassword', key: 'PGPASSWORD' });
  const store = new StatefulStore(scope, 'postgres', { image: 'postgres:15.8', port: 5432, serviceName: 'postgres-cluster-ip-service', selectorLabels: { component: 'postgres' } });
  new PostgresBackup(scope, 'postgres-backup', { store, image: 'postgres:15.8', password, ...props });
}, {}, { labels: { 'app.kubernetes.io/part-of': 'test' } });

describe('PostgresBackup', () => {
  const manifests = synthBackup();
  const backups = findObject(manifests, 'CronJob', 'postgres-backup');
  const restore = findObject(manifests, 'CronJob', 'postgres-backup-restore');
  const podSpec = (cronJob: typeof backups) => cronJob.spec.jobTemplate.spec.template.spec;

  test('dumps every night at 03:00, one Job at a time, keeping three finished Jobs of each outcome', () => {
    expect(backups.spec).toMatchObject({
      schedule: '0 3 * * *', concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 3,
      jobTemplate: { spec: { backoffLimit: 2 } },
    });
    expect(backups.spec.suspend).toBeUndefined();
    expect(podSpec(backups).containers[0].command).toEqual(['/bin/sh', '-c', BACKUP_SCRIPT]);
  });

  test('the restore is a suspended CronJob with the same pod, running the restore script', () => {
    expect(restore.spec).toMatchObject({ suspend: true, concurrencyPolicy: 'Forbid' });
    expect(podSpec(restore).containers[0].command).toEqual(['/bin/sh', '-c', RESTORE_SCRIPT]);
    const withoutCommand = (spec: any) => ({ ...spec, containers: [{ ...spec.containers[0], command: undefined }] });
    expect(withoutCommand(podSpec(restore))).toEqual(withoutCommand(podSpec(backups)));
  });

  test('connects to the store with the password from its Secret, and writes to a claim of its own', () => {
    const container = podSpec(backups).containers[0];
    expect(container.image).toBe('postgres:15.8');
    expect(container.env).toEqual([
      { name: 'PGHOST', value: 'postgres-cluster-ip-service' },
      { name: 'PGPORT', value: '5432' },
      { name: 'PGUSER', value: 'postgres' },
      { name: 'PGDATABASE', value: 'postgres' },
      { name: 'BACKUP_DIR', value: '/backups' },
      { name: 'BACKUP_RETENTION', value: '7' },
      { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'pgpassword', key: 'PGPASSWORD' } } },
    ]);
    expect(container.volumeMounts).toEqual([{ name: 'backups', mountPath: '/backups' }]);
    expect(podSpec(backups).volumes).toEqual([{ name: 'backups', persistentVolumeClaim: { claimName: 'postgres-backups' } }]);
    expect(podSpec(backups).restartPolicy).toBe('Never');
    expect(findObject(manifests, 'PersistentVolumeClaim', 'postgres-backups').spec).toEqual({
      accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } },
    });
  });

  test('runs as the postgres user on a read-only root filesystem, with no capabilities and no token', () => {
    const spec = podSpec(backups);
    expect(spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' }, fsGroup: 999 });
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] },
      runAsNonRoot: true, runAsUser: 999, runAsGroup: 999,
    });
  });

  test('may reach the store and the cluster DNS, nothing else; the store lets it in', () => {
    expect(flowsOf(manifests).filter((flow) => flow.startsWith('CronJob/')).sort()).toEqual([
      'CronJob/postgres-backup -> StatefulSet/postgres: TCP 5432',
      'CronJob/postgres-backup -> pods {k8s-app=kube-dns} in namespace kube-system: TCP 53',
      'CronJob/postgres-backup -> pods {k8s-app=kube-dns} in namespace kube-system: UDP 53',
      'CronJob/postgres-backup-restore -> StatefulSet/postgres: TCP 5432',
      'CronJob/postgres-backup-restore -> pods {k8s-app=kube-dns} in namespace kube-system: TCP 53',
      'CronJob/postgres-backup-restore -> pods {k8s-app=kube-dns} in namespace kube-system: UDP 53',
    ]);
  });

  test('passes the gate strictly, once a default deny covers its pods', () => {
    const withDeny = [...manifests, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } }];
    const findings = validateManifests(withDeny.map((object) => ({ file: 'test', object })), { strict: true });
    expect(findings.filter((f) => f.kind === 'CronJob' || f.kind === 'PersistentVolumeClaim').map((f) => `${f.kind}/${f.name}: ${f.rule}`)).toEqual([]);
  });

  test('takes the schedule, retention and size it is given', () => {
    const custom = synthBackup({ schedule: '@hourly', retention: 24, storage: '5Gi' });
    const cronJob = findObject(custom, 'CronJob', 'postgres-backup');
    expect(cronJob.spec.schedule).toBe('@hourly');
    expect(podSpec(cronJob).containers[0].env).toContainEqual({ name: 'BACKUP_RETENTION', value: '24' });
    expect(findObject(custom, 'PersistentVolumeClaim', 'postgres-backups').spec.resources.requests.storage).toBe('5Gi');
  });

  test.each([
    [{ schedule: '61 * * * *' }, 'schedule', '"61 * * * *"'],
    [{ schedule: 'nightly' }, 'schedule', '"nightly"'],
    [{ retention: 0 }, 'retention must be an integer from 1 to 1000', 'got 0'],
    [{ storage: 'lots' }, 'storage must be a positive Kubernetes quantity', '"lots"'],
  ])('refuses %j', (props, message, value) => {
    const create = () => synthBackup(props);
    expect(create).toThrow(`PostgresBackup 'test/postgres-backup': ${message}`);
    expect(create).toThrow(value);
  });
});
