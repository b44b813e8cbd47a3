import { asList, asMap, Issue } from '../core/manifest';
import type { RuleId } from '../rules';
import { Workload } from '../core/workloads';

/**
 * The sysctls Kubernetes 1.27 (the oldest supported cluster) treats as safe; the kubelet rejects pods with any
 * other unless the node allows it (https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/,
 * pod security standard "baseline", pkg/kubelet/sysctl/safe_sysctls.go). The tcp_keepalive_* ones are safe only since 1.29.
 */
export const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
];

const HOST_NAMESPACES = { hostNetwork: 'network', hostPID: 'process (PID)', hostIPC: 'IPC' };

/** Paths whose host mount hands the pod the node (kube-linter sensitive-host-mounts, docker-sock). */
const SENSITIVE_HOST_PATHS = ['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr', '/var/lib/kubelet', '/var/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/crio/crio.sock'];

type PodCheck = (workload: Workload) => string[];

const POD_CHECKS: ReadonlyArray<readonly [RuleId, PodCheck]> = [
  ['host-namespaces', hostNamespaces],
  ['host-path', hostPaths],
  ['unsafe-sysctls', unsafeSysctls],
  ['service-account-token', ({ podSpec, podSpecPath }) =>
    podSpec.automountServiceAccountToken === false ? [] : [`${podSpecPath}.automountServiceAccountToken: must be false (the pod gets an API token it does not need)`]],
];

/** Pod-level security policy: the pod must not share the node's namespaces, files or kernel settings, nor carry an API token. */
export function podPolicyIssues(workloads: readonly Workload[]): Issue[] {
  return workloads.flatMap((workload) =>
    POD_CHECKS.flatMap(([rule, check]) => check(workload).map((message): Issue => ({ manifest: workload.manifest, rule, message }))),
  );
}

function hostNamespaces({ podSpec, podSpecPath }: Workload): string[] {
  return [
    ...Object.entries(HOST_NAMESPACES).filter(([field]) => podSpec[field] === true).map(([field, namespace]) => `${podSpecPath}.${field}: the pod must not use the node's ${namespace} namespace`),
    ...(asMap(asMap(podSpec.securityContext).windowsOptions).hostProcess === true ? [`${podSpecPath}.securityContext.windowsOptions.hostProcess: the pod must not run as a Windows host process`] : []),
  ];
}

function hostPaths({ podSpec, podSpecPath }: Workload): string[] {
  return asList(podSpec.volumes).flatMap((volume, i) => {
    const hostPath = asMap(volume).hostPath;
    if (hostPath === undefined) return [];
    const path = String(asMap(hostPath).path ?? '').replace(/\/+$/, '') || '/';
    const sensitive = SENSITIVE_HOST_PATHS.some((p) => path === p || (p !== '/' && path.startsWith(`${p}/`)));
    const why = /\.sock$/.test(path) ? ', a container runtime socket (root on the node)' : sensitive ? ', a sensitive node path' : '';
    return [`${podSpecPath}.volumes[${i}].hostPath: volume ${JSON.stringify(asMap(volume).name)} mounts the node's ${JSON.stringify(path)}${why}; use a PersistentVolumeClaim, emptyDir or ConfigMap`];
  });
}

function unsafeSysctls({ podSpec, podSpecPath }: Workload): string[] {
  return asList(asMap(podSpec.securityContext).sysctls).flatMap((sysctl, i) => {
    const name = asMap(sysctl).name;
    return SAFE_SYSCTLS.includes(name) ? [] : [`${podSpecPath}.securityContext.sysctls[${i}].name: ${JSON.stringify(name)} is not a safe sysctl; the kubelet rejects the pod unless the node allows it`];
  });
}

/** Whether a container runs as a user other than root: its own or the pod's runAsUser > 0, or runAsNonRoot. */
export function runsAsNonRoot(container: Record<string, any>, podSpec: Record<string, any>): boolean {
  const own = asMap(container.securityContext);
  const pod = asMap(podSpec.securityContext);
  const user = own.runAsUser ?? pod.runAsUser;
  if (typeof user === 'number') return user > 0;
  return (own.runAsNonRoot ?? pod.runAsNonRoot) === true;
}
