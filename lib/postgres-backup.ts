import { Construct } from 'constructs';
import { scheduleProblem } from '../gate/api/cron';
import * as k8s from '../imports/k8s';
import { ContainerResources, POSTGRES_BACKUP } from './defaults';
import { PasswordSecretRef } from './password-secret-ref';
import { GateWaivers } from './pod-template';
import { StatefulStore } from './stateful-store';
import { Workload } from './workload';

// The dumps are `<database>-<UTC time>.dump`; the names sort by time.
const DUMP_NAME = '"^$PGDATABASE-[0-9]{8}T[0-9]{6}Z[.]dump$"';

/**
 * Writes one custom-format dump of $PGDATABASE to $BACKUP_DIR, then keeps the newest $BACKUP_RETENTION dumps.
 * A dump is written under a temporary name and renamed when complete, so a failed run leaves no dump that looks whole.
 * pg_dump reads the connection from PGHOST, PGPORT, PGUSER and PGPASSWORD.
 */
export const BACKUP_SCRIPT = `set -eu
rm -f "$BACKUP_DIR"/*.partial
dump="$PGDATABASE-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump --format=custom --file="$BACKUP_DIR/$dump.partial"
mv "$BACKUP_DIR/$dump.partial" "$BACKUP_DIR/$dump"
echo "wrote $dump"
ls -1 "$BACKUP_DIR" | grep -E ${DUMP_NAME} | sort -r | tail -n +$((BACKUP_RETENTION + 1)) | while read -r old; do
  rm -f "$BACKUP_DIR/$old"
  echo "removed $old"
done
`;

/**
 * Restores $RESTORE_FILE (a dump's file name), or the newest dump when it is "latest", into $PGDATABASE: objects the
 * dump holds are dropped first if they exist, so it works on an empty database and on one that holds older data.
 */
export const RESTORE_SCRIPT = `set -eu
dump="\${RESTORE_FILE:-latest}"
if [ "$dump" = latest ]; then
  dump=$(ls -1 "$BACKUP_DIR" | grep -E ${DUMP_NAME} | sort -r | head -n 1)
  [ -n "$dump" ] || { echo "no dump of $PGDATABASE in $BACKUP_DIR" >&2; exit 1; }
fi
echo "restoring $dump into $PGDATABASE"
pg_restore --exit-on-error --clean --if-exists --no-owner --dbname="$PGDATABASE" "$BACKUP_DIR/$dump"
echo "restored $dump"
`;

/** Props of a {@link PostgresBackup}. */
export interface PostgresBackupProps {
  /** The in-cluster Postgres to back up: the backups connect to its Service. */
  readonly store: StatefulStore;
  /** The Postgres image, whose pg_dump and pg_restore match the server's major version: use the store's own. */
  readonly image: string;
  /** The password of `user`, from the Secret the store reads. */
  readonly password: PasswordSecretRef;
  /**
   * Name of the backup CronJob, of its NetworkPolicy and of the pods' `component` label; the restore CronJob is `<name>-restore`,
   * the claim `<name>s`.
   * @default the construct id
   */
  readonly name?: string;
  /**
   * When backups run: a cron schedule (five fields, or a macro such as "@daily") in the CronJob's time zone.
   * @default "0 3 * * *" (03:00 every day)
   */
  readonly schedule?: string;
  /**
   * How many dumps to keep; older ones are deleted after each backup.
   * @default 7
   */
  readonly retention?: number;
  /**
   * Size of the backups' PersistentVolumeClaim.
   * @default "2Gi"
   */
  readonly storage?: string;
  /**
   * Database to dump and restore.
   * @default "postgres"
   */
  readonly database?: string;
  /**
   * User the backups connect as.
   * @default "postgres"
   */
  readonly user?: string;
  /**
   * CPU and memory of the backup and restore containers.
   * @default 50m/64Mi requested, 500m/256Mi limit
   */
  readonly resources?: ContainerResources;
}

/**
 * Backups of an in-cluster Postgres that restore: a CronJob that writes a custom-format `pg_dump` to a
 * ReadWriteOnce claim of its own and keeps the newest `retention` dumps, and a suspended CronJob that restores one,
 * run on demand with `kubectl create job --from=cronjob/<name>-restore`. `kubectl create job --from=cronjob/<name>`
 * takes a backup now. Both run as the image's postgres user on a read-only root filesystem, and their NetworkPolicy
 * lets them reach the store's port and the cluster DNS, nothing else.
 */
export class PostgresBackup extends Workload {
  /** The backups connect out only. */
  public readonly port = undefined;
  /** The CronJob that takes the backups. */
  public readonly backups: k8s.KubeCronJob;
  /** The suspended CronJob whose Jobs restore a dump. */
  public readonly restore: k8s.KubeCronJob;
  /** The claim the dumps are written to. */
  public readonly claim: k8s.KubePersistentVolumeClaim;

  constructor(scope: Construct, id: string, props: PostgresBackupProps) {
    super(scope, id, 'PostgresBackup');
    const check = this.check;
    const schedule = props.schedule ?? POSTGRES_BACKUP.schedule;
    const problem = typeof schedule === 'string' ? scheduleProblem(schedule) : 'must be a string';
    if (problem) check.fail('schedule', schedule, problem);
    const retention = check.integer('retention', props.retention ?? POSTGRES_BACKUP.retention, 1, 1000);
    const storage = props.storage ?? POSTGRES_BACKUP.storage;
    check.quantity('storage', storage);
    const name = check.dnsLabel('name', props.name ?? id);
    const claimName = `${name}s`;
    const volume = 'backups';
    // Both CronJobs mount the claim; they never run together: backups one at a time (Forbid), restores on demand.
    const oneWriter = 'the backup CronJob runs one Job at a time and the restore CronJob only on demand, with backups suspended first';
    const gateWaivers: GateWaivers = { 'single-writer': oneWriter };
    const workload = this.render({
      name,
      image: props.image,
      selectorLabels: { component: name },
      env: {
        PGHOST: props.store.serviceName,
        PGPORT: String(props.store.servicePort),
        PGUSER: props.user ?? 'postgres',
        PGDATABASE: props.database ?? 'postgres',
        BACKUP_DIR: POSTGRES_BACKUP.mountPath,
        BACKUP_RETENTION: String(retention),
      },
      secretEnv: { PGPASSWORD: props.password },
      resources: props.resources ?? POSTGRES_BACKUP.resources,
      runAsUser: POSTGRES_BACKUP.runAsUser,
      readOnlyRootFilesystem: true,
      gateWaivers,
    }, {
      volumes: [{ name: volume, persistentVolumeClaim: { claimName } }],
      volumeMounts: [{ name: volume, mountPath: POSTGRES_BACKUP.mountPath }],
    });

    this.claim = new k8s.KubePersistentVolumeClaim(this, 'claim', {
      metadata: { name: claimName },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: k8s.Quantity.fromString(storage) } } },
    });
    // The rendered container runs the image's entrypoint; each CronJob runs its script instead.
    const jobSpec = (script: string): k8s.JobSpec => {
      const { spec } = workload.template;
      const [container] = spec!.containers;
      return {
        backoffLimit: POSTGRES_BACKUP.backoffLimit,
        template: { ...workload.template, spec: { ...spec!, restartPolicy: 'Never', containers: [{ ...container, command: ['/bin/sh', '-c', script] }] } },
      };
    };
    const kept = { successfulJobsHistoryLimit: POSTGRES_BACKUP.jobsKept, failedJobsHistoryLimit: POSTGRES_BACKUP.jobsKept };
    this.backups = new k8s.KubeCronJob(this, 'cronjob', {
      metadata: workload.metadata,
      spec: { schedule, concurrencyPolicy: 'Forbid', ...kept, jobTemplate: { spec: jobSpec(BACKUP_SCRIPT) } },
    });
    this.restore = new k8s.KubeCronJob(this, 'restore', {
      metadata: { ...workload.metadata, name: `${name}-restore` },
      // Never runs on its schedule: it is the template of `kubectl create job --from=cronjob/<name>-restore`.
      spec: { schedule, suspend: true, concurrencyPolicy: 'Forbid', ...kept, jobTemplate: { spec: jobSpec(RESTORE_SCRIPT) } },
    });
    this.allowTo(props.store);
    this.allowDns();
  }
}
