import { FORBIDDEN_CAPABILITIES, SECRET_LIKE_NAME } from '../gate/policy/containers';
import { EXTERNAL_SECRETS_ANNOTATION } from '../gate/wiring/references';
import { RULE_BY_ID, WaivableRuleId } from '../gate/rules';
import { WAIVER_PREFIX } from '../gate/core/waivers';
import * as k8s from '../imports/k8s';
import { ContainerResources, DEFAULT_RESOURCES, LIVENESS_PROBE, READINESS_PROBE, STARTUP_PROBE } from './defaults';
import { PasswordSecretRef } from './password-secret-ref';
import { isPinned, PropsCheck } from './props-check';

// Capability names as Kubernetes documents them: upper case, without the CAP_ prefix.
const CAPABILITY = /^(?!CAP_)[A-Z][A-Z_]*$/;

/** What every workload construct (WebTier, Worker, StatefulStore) takes for its one container. */
export interface WorkloadProps {
  /** Container image, e.g. `redis:7.2.5-alpine`. Where {@link REQUIRE_PINNED_IMAGES} is set, it needs a pinned tag or digest. */
  readonly image: string;
  /**
   * When the kubelet pulls the image: "IfNotPresent" for images built into the cluster's own image
   * store (skaffold on minikube), whose tags no registry has.
   * @default "IfNotPresent" for pinned tags and digests, "Always" for moving tags (Kubernetes' own rule)
   */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /**
   * Name of the workload object.
   * @default the construct id
   */
  readonly name?: string;
  /**
   * Name of the container.
   * @default the workload name
   */
  readonly containerName?: string;
  /**
   * Labels that select the pods. A Deployment's selector is immutable: keep them when upgrading.
   * @default { app: <workload name> }
   */
  readonly selectorLabels?: Readonly<Record<string, string>>;
  /**
   * Literal environment variables. Names that look like credentials are refused: use `secretEnv`.
   * @default none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Environment variables read from out-of-band Secrets.
   * @default none
   */
  readonly secretEnv?: Readonly<Record<string, PasswordSecretRef>>;
  /**
   * CPU and memory requests and limits of the container.
   * @default DEFAULT_RESOURCES (50m/64Mi requested, 500m/256Mi limit)
   */
  readonly resources?: ContainerResources;
  /**
   * Linux capabilities added back after dropping ALL, for images whose entrypoint starts as
   * root and then switches user (nginx, postgres and redis need CHOWN, SETUID, SETGID...).
   * @default none
   */
  readonly addCapabilities?: readonly string[];
  /**
   * Run the container as this non-root user id (and group), with `runAsNonRoot: true`.
   * @default the image's own user (root for the official and course images)
   */
  readonly runAsUser?: number;
  /**
   * Mount the container's root filesystem read-only.
   * @default false (nginx, postgres and redis write to their filesystem)
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Annotations on the workload object.
   * @default none
   */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * Gate rules the workload is exempt from, each with its reason, written as `ignore-check.multi-k8s-cdk8s/<rule>`
   * annotations; e.g. `{ 'run-as-root': 'the redis entrypoint chowns /data, then runs redis as the redis user' }`.
   * @default none
   */
  readonly gateWaivers?: GateWaivers;
}

/** Gate rules and why a workload is exempt from each: the ids of the rules that the rule table of docs/gate.md marks waivable. */
export type GateWaivers = Readonly<Partial<Record<WaivableRuleId, string>>>;

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

/** What a construct adds to the shared pod template. */
export interface PodExtras {
  readonly port?: number;
  /** Labels the pods carry besides the selector labels (the chart's, which its default deny selects). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly initContainers?: k8s.Container[];
  readonly volumes?: k8s.Volume[];
  readonly volumeMounts?: k8s.VolumeMount[];
  readonly terminationGracePeriodSeconds?: number;
}

/** The validated, rendered parts of one workload. */
export interface RenderedWorkload {
  readonly name: string;
  readonly selectorLabels: Record<string, string>;
  readonly metadata: k8s.ObjectMeta;
  readonly template: k8s.PodTemplateSpec;
}

export function renderWorkload(check: PropsCheck, defaultName: string, props: WorkloadProps, extras: PodExtras = {}): RenderedWorkload {
  const name = check.dnsSubdomain('name', props.name ?? defaultName);
  const containerName = check.dnsLabel('containerName', props.containerName ?? name);
  const selectorLabels = check.labels('selectorLabels', props.selectorLabels ?? { app: name });
  const secretNames = [...new Set(Object.values(props.secretEnv ?? {}).map((ref) => ref.secretName))];
  const annotations = {
    ...props.annotations,
    ...renderWaivers(check, props.gateWaivers ?? {}),
    ...(secretNames.length ? { [EXTERNAL_SECRETS_ANNOTATION]: secretNames.join(',') } : {}),
  };
  const container: k8s.Container = {
    name: containerName,
    image: check.image('image', props.image),
    imagePullPolicy: props.imagePullPolicy === undefined ? imagePullPolicy(props.image) : check.oneOf('imagePullPolicy', props.imagePullPolicy, PULL_POLICIES),
    ports: extras.port === undefined ? undefined : [{ containerPort: extras.port, protocol: 'TCP' }],
    env: renderEnv(check, props),
    resources: renderResources(check, props.resources ?? DEFAULT_RESOURCES),
    securityContext: renderSecurityContext(check, props),
    ...(extras.port === undefined ? {} : tcpProbes(extras.port)),
    volumeMounts: extras.volumeMounts,
  };
  return {
    name,
    selectorLabels,
    metadata: { name, ...(Object.keys(annotations).length ? { annotations } : {}) },
    template: {
      metadata: { labels: { ...extras.labels, ...selectorLabels } },
      spec: {
        // The apps never call the Kubernetes API, and service-link variables such as
        // REDIS_PORT=tcp://... would shadow the apps' own settings.
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        securityContext: {
          seccompProfile: { type: 'RuntimeDefault' },
          ...(props.runAsUser === undefined ? {} : { fsGroup: props.runAsUser }),
        },
        terminationGracePeriodSeconds: extras.terminationGracePeriodSeconds,
        initContainers: extras.initContainers,
        containers: [container],
        volumes: extras.volumes,
      },
    },
  };
}

function renderWaivers(check: PropsCheck, waivers: GateWaivers): Record<string, string> {
  return Object.fromEntries(Object.entries(waivers).map(([rule, reason]) => {
    if (!RULE_BY_ID.get(rule)?.waivable) check.fail('gateWaivers', rule, 'must name a waivable rule of the gate (see docs/gate.md)');
    if (typeof reason !== 'string' || reason.trim() === '') check.fail(`gateWaivers["${rule}"]`, reason, 'must give the reason');
    return [`${WAIVER_PREFIX}${rule}`, reason];
  }));
}

/** Kubernetes' own rule, made explicit: re-pull moving tags, keep pinned ones. */
export function imagePullPolicy(image: string): string {
  return isPinned(image) ? 'IfNotPresent' : 'Always';
}

/** A Service in front of a workload's pods that forwards one port to the container port. */
export function serviceProps(name: string, workload: RenderedWorkload, ports: { port: number; targetPort: number; nodePort?: number },
  type = 'ClusterIP'): k8s.KubeServiceProps {
  return {
    metadata: { name },
    spec: {
      type,
      selector: workload.selectorLabels,
      ports: [{
        port: ports.port,
        targetPort: k8s.IntOrString.fromNumber(ports.targetPort),
        protocol: 'TCP',
        ...(ports.nodePort === undefined ? {} : { nodePort: ports.nodePort }),
      }],
    },
  };
}

function renderEnv(check: PropsCheck, props: WorkloadProps): k8s.EnvVar[] | undefined {
  const literal = Object.entries(props.env ?? {}).map(([name, value]) => {
    check.envName('env name', name);
    if (SECRET_LIKE_NAME.test(name)) {
      check.fail(`env["${name}"]`, value, 'looks like a credential and must not be a literal: pass it in secretEnv with a PasswordSecretRef');
    }
    if (typeof value !== 'string') check.fail(`env["${name}"]`, value, 'must be a string');
    return { name, value };
  });
  const fromSecrets = Object.entries(props.secretEnv ?? {}).map(([name, ref]) => {
    check.envName('secretEnv name', name);
    if (props.env?.[name] !== undefined) check.fail('secretEnv name', name, 'is also set in env');
    return ref.envVar(name);
  });
  const env = [...literal, ...fromSecrets];
  return env.length ? env : undefined;
}

export function renderResources(check: PropsCheck, resources: ContainerResources): k8s.ResourceRequirements {
  const pairs = [['cpuRequest', 'cpuLimit'], ['memoryRequest', 'memoryLimit']] as const;
  for (const [request, limit] of pairs) {
    if (check.quantity(`resources.${request}`, resources[request]) > check.quantity(`resources.${limit}`, resources[limit])) {
      check.fail(`resources.${request}`, resources[request], `must not exceed resources.${limit} (${resources[limit]})`);
    }
  }
  return {
    requests: { cpu: k8s.Quantity.fromString(resources.cpuRequest), memory: k8s.Quantity.fromString(resources.memoryRequest) },
    limits: { cpu: k8s.Quantity.fromString(resources.cpuLimit), memory: k8s.Quantity.fromString(resources.memoryLimit) },
  };
}

function renderSecurityContext(check: PropsCheck, props: WorkloadProps): k8s.SecurityContext {
  const add = [...(props.addCapabilities ?? [])];
  for (const capability of add) {
    if (!CAPABILITY.test(capability) || FORBIDDEN_CAPABILITIES.includes(capability)) {
      check.fail('addCapabilities', capability, `must be a capability name such as "CHOWN" (no CAP_ prefix), and not one of ${FORBIDDEN_CAPABILITIES.join(', ')}`);
    }
  }
  const user = props.runAsUser === undefined ? {} : {
    runAsNonRoot: true,
    runAsUser: check.integer('runAsUser', props.runAsUser, 1, 2147483647),
    runAsGroup: props.runAsUser,
  };
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: props.readOnlyRootFilesystem ?? false,
    capabilities: { drop: ['ALL'], ...(add.length ? { add } : {}) },
    ...user,
  };
}

/** TCP probes work for any image that listens on its port; startup covers slow first starts (initdb). */
function tcpProbes(port: number): Pick<k8s.Container, 'startupProbe' | 'readinessProbe' | 'livenessProbe'> {
  const tcpSocket = { port: k8s.IntOrString.fromNumber(port) };
  return {
    startupProbe: { tcpSocket, ...STARTUP_PROBE },
    readinessProbe: { tcpSocket, ...READINESS_PROBE },
    livenessProbe: { tcpSocket, ...LIVENESS_PROBE },
  };
}
