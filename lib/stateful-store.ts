import { Construct } from 'constructs';
import { dns1035Label } from '../gate/core/syntax';
import * as k8s from '../imports/k8s';
import { DEFAULT_STORE_ACCESS_MODE, STORE_TERMINATION_GRACE_SECONDS } from './defaults';
import { RenderedWorkload, serviceProps, WorkloadProps } from './pod-template';
import { PropsCheck } from './props-check';
import { singleWriterGuard } from './single-writer-guard';
import { Workload } from './workload';

/** Access modes that let only one node (or one pod) write the volume. */
const SINGLE_WRITER_ACCESS_MODES = ['ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_NAME = 'data';
const PEERS_SERVICE_SUFFIX = '-pods';
/**
 * On a Deployment the store replaces, kept in the output at 0 replicas: `npm run deploy` deletes it once the
 * store's StatefulSet is ready, and applies it only while the cluster still has it.
 */
export const RETIRED_ANNOTATION = 'multi-k8s-cdk8s/retired';

/** The PersistentVolumeClaim of a {@link StatefulStore} and where its container mounts it. */
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

/** Props of a {@link StatefulStore}: its container, its Service and, optionally, its volume. */
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
   * A PersistentVolumeClaim for the store's data. The pod then waits, in an init container, until
   * no other pod with its selector labels runs (see `peersService`), and may look up names in the cluster DNS for that.
   * @default no volume: data lives as long as the pod
   */
  readonly volume?: StoreVolume;
  /**
   * Name of a Deployment with the same selector labels that this store replaces (the course's
   * `postgres-deployment`). The output keeps it, scaled to 0 replicas and without the volume, so
   * that `kubectl apply` stops its pods; with a volume, the store's pods wait until those are gone.
   * @default none
   */
  readonly replacesDeployment?: string;
}

/**
 * A single-writer data store (Postgres, Redis): a StatefulSet of at most one pod, its
 * ClusterIP Service and, when asked, its PersistentVolumeClaim.
 *
 * A StatefulSet, unlike a Deployment, never starts a replacement pod before the old one is
 * gone, in a rollout or when a node stops answering. With a volume, a single-writer guard also
 * holds the store's pod until no other pod with its labels runs (one of an older Deployment,
 * say), so two database processes never share the volume.
 */
export class StatefulStore extends Workload {
  public readonly port: number;
  /** The StatefulSet that runs the store's pod. */
  public readonly statefulSet: k8s.KubeStatefulSet;
  /** The ClusterIP Service clients connect to: it forwards the store's port. */
  public readonly service: k8s.KubeService;
  /** With a volume: its PersistentVolumeClaim. */
  public readonly claim?: k8s.KubePersistentVolumeClaim;
  /** With a volume: the headless Service that lists every pod with the store's labels, for the single-writer guard. */
  public readonly peersService?: k8s.KubeService;
  /** With `replacesDeployment`: that Deployment, at 0 replicas. */
  public readonly retiredDeployment?: k8s.KubeDeployment;
  /** Name of the Service: the host name clients of the namespace connect to. */
  public readonly serviceName: string;
  /** Port the Service exposes: the store's own port. */
  public readonly servicePort: number;

  constructor(scope: Construct, id: string, props: StatefulStoreProps) {
    super(scope, id, 'StatefulStore');
    const check = this.check;
    this.port = this.servicePort = check.port('port', props.port);
    const replicas = props.replicas ?? 1;
    if (replicas !== 0 && replicas !== 1) {
      check.fail('replicas', replicas, 'must be 0 or 1: a single-writer store never runs two pods at once');
    }
    const volume = props.volume && renderVolume(check, props.volume);
    const peersServiceName = volume ? `${check.syntax('name', props.name ?? id, namesPeersService)}${PEERS_SERVICE_SUFFIX}` : undefined;
    const workload = this.render(props, {
      port: this.port,
      volumes: volume && [{ name: VOLUME_NAME, persistentVolumeClaim: { claimName: volume.claimName } }],
      volumeMounts: volume && [{ name: VOLUME_NAME, mountPath: volume.mountPath, subPath: volume.subPath }],
      initContainers: peersServiceName === undefined ? undefined : [singleWriterGuard(check, props.image, peersServiceName)],
      terminationGracePeriodSeconds: STORE_TERMINATION_GRACE_SECONDS,
    });
    this.serviceName = check.serviceName('serviceName', props.serviceName ?? workload.name);
    const ports = { port: this.port, targetPort: this.port };

    this.service = new k8s.KubeService(this, 'service', serviceProps(this.serviceName, workload, ports));
    if (peersServiceName !== undefined) {
      const peers = serviceProps(peersServiceName, workload, ports);
      // Headless, and listing pods that are not ready or are shutting down: the guard must see them all.
      this.peersService = new k8s.KubeService(this, 'peers-service', { ...peers, spec: { ...peers.spec, clusterIp: 'None', publishNotReadyAddresses: true } });
      this.allowDns();
    }
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
    if (props.replacesDeployment !== undefined) {
      this.retiredDeployment = retire(this, check.dnsSubdomain('replacesDeployment', props.replacesDeployment), workload);
    }
  }
}

/** With a volume, the store's name plus "-pods" names its peers Service, a DNS-1035 label. */
function namesPeersService(name: string): string | undefined {
  const problem = dns1035Label(`${name}${PEERS_SERVICE_SUFFIX}`);
  return problem && `names the peers Service "${name}${PEERS_SERVICE_SUFFIX}" (the store has a volume), which ${problem}`;
}

/**
 * The replaced Deployment at 0 replicas. Its selector must stay the store's (a Deployment's
 * selector is immutable); its template is the store's without the volume, guard included, so
 * that scaling it up by mistake starts no second writer on the claim.
 */
function retire(scope: Construct, name: string, workload: RenderedWorkload): k8s.KubeDeployment {
  const { volumes, ...spec } = workload.template.spec!;
  return new k8s.KubeDeployment(scope, 'retired-deployment', {
    metadata: {
      ...workload.metadata,
      name,
      annotations: { ...workload.metadata.annotations, [RETIRED_ANNOTATION]: `replaced by StatefulSet ${workload.name}; kept at 0 replicas so that kubectl apply stops its pods` },
    },
    spec: {
      replicas: 0,
      selector: { matchLabels: workload.selectorLabels },
      template: { ...workload.template, spec: { ...spec, containers: spec.containers.map(({ volumeMounts, ...container }) => container) } },
    },
  });
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
