import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { DEFAULT_STORE_ACCESS_MODE, STORE_TERMINATION_GRACE_SECONDS } from './defaults';
import { renderWorkload, serviceProps, WorkloadProps } from './pod-template';
import { PropsCheck } from './props-check';

/** Access modes that let only one node (or one pod) write the volume. */
const SINGLE_WRITER_ACCESS_MODES = ['ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_NAME = 'data';

export interface StoreVolume {
  /** Name of the PersistentVolumeClaim. */
  readonly claimName: string;
  /** Requested size, e.g. "2Gi". */
  readonly size: string;
  /** Where the volume is mounted in the container. */
  readonly mountPath: string;
  /**
   * Sub-directory of the volume to mount (postgres refuses a data directory holding lost+found).
   * @default the volume's root
   */
  readonly subPath?: string;
  /**
   * ReadWriteOnce or ReadWriteOncePod; shared access modes are refused.
   * @default "ReadWriteOnce"
   */
  readonly accessMode?: string;
  /**
   * StorageClass of the claim.
   * @default the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

export interface StatefulStoreProps extends WorkloadProps {
  /** Port the store listens on. */
  readonly port: number;
  /**
   * Name of the ClusterIP Service clients connect to.
   * @default the workload name
   */
  readonly serviceName?: string;
  /**
   * 1, or 0 to stop the store; a single-writer store never runs two pods.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * A PersistentVolumeClaim for the store's data.
   * @default no volume: data lives as long as the pod
   */
  readonly volume?: StoreVolume;
}

/**
 * A single-writer data store (Postgres, Redis): a StatefulSet of at most one pod, its
 * ClusterIP Service and, when asked, its PersistentVolumeClaim.
 *
 * A StatefulSet, unlike a Deployment, never starts a replacement pod before the old one is
 * gone, in a rollout or when a node stops answering, so two database processes never
 * share the volume.
 */
export class StatefulStore extends Construct {
  public readonly statefulSet: k8s.KubeStatefulSet;
  public readonly service: k8s.KubeService;
  public readonly claim?: k8s.KubePersistentVolumeClaim;
  public readonly serviceName: string;
  public readonly servicePort: number;

  constructor(scope: Construct, id: string, props: StatefulStoreProps) {
    super(scope, id);
    const check = new PropsCheck(this, 'StatefulStore');
    this.servicePort = check.port('port', props.port);
    const replicas = props.replicas ?? 1;
    if (replicas !== 0 && replicas !== 1) {
      check.fail('replicas', replicas, 'must be 0 or 1: a single-writer store never runs two pods at once');
    }
    const volume = props.volume && renderVolume(check, props.volume);
    const workload = renderWorkload(check, id, props, {
      port: this.servicePort,
      volumes: volume && [{ name: VOLUME_NAME, persistentVolumeClaim: { claimName: volume.claimName } }],
      volumeMounts: volume && [{ name: VOLUME_NAME, mountPath: volume.mountPath, subPath: volume.subPath }],
      terminationGracePeriodSeconds: STORE_TERMINATION_GRACE_SECONDS,
    });
    this.serviceName = check.serviceName('serviceName', props.serviceName ?? workload.name);

    this.service = new k8s.KubeService(this, 'service', serviceProps(this.serviceName, workload, { port: this.servicePort, targetPort: this.servicePort }));
    if (volume) {
      this.claim = new k8s.KubePersistentVolumeClaim(this, 'claim', {
        metadata: { name: volume.claimName },
        spec: {
          accessModes: [volume.accessMode],
          storageClassName: volume.storageClassName,
          resources: { requests: { storage: k8s.Quantity.fromString(volume.size) } },
        },
      });
    }
    this.statefulSet = new k8s.KubeStatefulSet(this, 'statefulset', {
      metadata: workload.metadata,
      spec: {
        replicas,
        serviceName: this.serviceName,
        selector: { matchLabels: workload.selectorLabels },
        // OrderedReady + RollingUpdate: the old pod is terminated before its successor starts.
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate' },
        template: workload.template,
      },
    });
  }
}

function renderVolume(check: PropsCheck, volume: StoreVolume): StoreVolume & { readonly accessMode: string } {
  const accessMode = volume.accessMode ?? DEFAULT_STORE_ACCESS_MODE;
  if (!SINGLE_WRITER_ACCESS_MODES.includes(accessMode)) {
    check.fail('volume.accessMode', accessMode, `must be ${SINGLE_WRITER_ACCESS_MODES.join(' or ')}: a single-writer store never shares its volume`);
  }
  if (volume.subPath !== undefined && (volume.subPath === '' || volume.subPath.startsWith('/') || volume.subPath.split('/').includes('..'))) {
    check.fail('volume.subPath', volume.subPath, 'must be a relative path inside the volume without ".."');
  }
  check.quantity('volume.size', volume.size);
  return {
    ...volume,
    claimName: check.dnsSubdomain('volume.claimName', volume.claimName),
    mountPath: check.absolutePath('volume.mountPath', volume.mountPath),
    accessMode,
    storageClassName: volume.storageClassName === undefined ? undefined : check.dnsSubdomain('volume.storageClassName', volume.storageClassName),
  };
}
