export type Severity = 'error' | 'warning';

/**
 * What a finding means: `api`, the API server rejects the object; `ingress-nginx`,
 * the controller rejects or misreads it; `wiring`, it applies but does not work with the others (or the running
 * cluster rejects it); `policy`, a best practice of kube-linter and Polaris; `waiver`, a waiver the gate cannot use.
 */
export type Category = 'api' | 'ingress-nginx' | 'wiring' | 'policy' | 'waiver';

/** The linters whose checks the policy rules follow (gate/linter-parity.ts lists their checks). */
export type Linter = 'kube-linter' | 'Polaris';

export interface Rule {
  readonly id: string;
  readonly category: Category;
  /** The severity of its findings unless `strict` or `severities` says otherwise: policy rules, and wiring rules whose finding may be intended, warn. */
  readonly severity: Severity;
  /**
   * Whether the annotation `ignore-check.multi-k8s-cdk8s/<id>` may silence the rule on an object.
   * False where the API server would reject the object anyway, so a waiver could only hide a failed apply.
   */
  readonly waivable: boolean;
  readonly description: string;
  /** The linters' checks the rule covers, each with how the rule differs from it ('' where it does not). */
  readonly sources?: Readonly<Partial<Record<Linter, Readonly<Record<string, string>>>>>;
}

/**
 * The one table of every check the gate runs, in the order findings are listed. docs/gate.md's rule and
 * parity tables are generated from it (`npm run docs`).
 */
export const RULES = [
  // api: what `kubectl apply` against the API server would reject.
  { id: 'schema', category: 'api', severity: 'error', waivable: false, description: 'the object matches the Kubernetes OpenAPI schema of its apiVersion/kind (types, enums, required fields)' },
  { id: 'unknown-field', category: 'api', severity: 'error', waivable: false, description: 'no field that the schema does not define (e.g. a misspelled `contaners`), at any depth' },
  { id: 'invalid-name', category: 'api', severity: 'error', waivable: false, description: 'metadata.name (and namespace) is a valid name for the kind: a DNS-1123 subdomain; a DNS-1123 label for Namespace and StatefulSet; for Service a DNS-1035 label before 1.36, a DNS-1123 label from 1.36; a path segment for PodDisruptionBudget and RBAC kinds; finalizers are qualified names and owner references complete' },
  { id: 'removed-api', category: 'api', severity: 'error', waivable: false, description: 'the apiVersion/kind is still served by Kubernetes 1.27 and later; the message names the replacement',
    sources: { 'kube-linter': { 'no-extensions-v1beta': '' } } },
  { id: 'unknown-kind', category: 'api', severity: 'error', waivable: true, description: 'the apiVersion/kind is a built-in Kubernetes kind, or a custom resource whose CRD is in crds/ (cert-manager\'s), validated like the built-in kinds (waive it on other custom resources)' },
  { id: 'duplicate-object', category: 'api', severity: 'error', waivable: false, description: 'no two objects share apiVersion group, kind, namespace and name (the later one would overwrite the first)' },
  { id: 'invalid-annotation', category: 'api', severity: 'error', waivable: false, description: 'annotation keys, the object\'s and its pod template\'s, are qualified names (any case) and all keys and values together take at most 256 KiB' },
  { id: 'invalid-pod-spec', category: 'api', severity: 'error', waivable: false, description: 'a pod spec passes the API server\'s checks: container, volume and port names, ports, volumes and their sources (modes up to 0777, relative item paths), mounts, env names (strict before 1.32) and their sources, resources (names, non-negative, requests not above limits, extended resources), probes and lifecycle handlers, security contexts (ids, profiles, privilege escalation, Windows pods), tolerations, affinity, topology spread, DNS config, host aliases, the AppArmor, seccomp and tolerations annotations, restart policy for the kind, and for a bare Pod the Priority and RuntimeClass admission checks',
    sources: { 'kube-linter': { 'invalid-target-ports': '', 'restart-policy': 'the restartPolicy each kind allows' } } },
  { id: 'invalid-service', category: 'api', severity: 'error', waivable: false, description: 'a Service passes the API server\'s checks: ports unless headless or ExternalName, names, numbers, target ports and app protocols, no duplicate port or node port, nodePort only off ClusterIP, IPs and source ranges, fields only some types take, ExternalName without a cluster IP or IP families, session affinity timeout, traffic distribution',
    sources: { 'kube-linter': { 'invalid-target-ports': '' } } },
  { id: 'invalid-workload-spec', category: 'api', severity: 'error', waivable: false, description: 'workloads, budgets, autoscalers and claims pass the API server\'s checks: non-negative counts, rollouts (maxSurge and maxUnavailable, percents), StatefulSet serviceName, ordinals and claim templates, Job modes and policies, cron schedules and time zones, PDB minAvailable xor maxUnavailable, HPA replicas, target, metrics and behavior, PVC access modes, storage request and class',
    sources: { Polaris: { hpaMaxAvailability: 'maxReplicas at least minReplicas' } } },
  { id: 'invalid-ingress', category: 'api', severity: 'error', waivable: false, description: 'an Ingress passes the API server\'s checks: rules or a default backend, absolute paths, no //, /./, /../ or %2f in Prefix and Exact paths, DNS hosts (a leading *. only, no IP), one service or resource backend with a Service name (DNS-1035 before 1.36) and a port, class and TLS Secret names' },
  { id: 'invalid-network-policy', category: 'api', severity: 'error', waivable: false, description: 'a NetworkPolicy passes the API server\'s checks: at most two policy types, ports and endPort, a peer in every from/to entry, ipBlock alone in its peer, CIDRs with except strictly inside and, from 1.34, no host bits or leading zeros' },
  { id: 'invalid-endpoint-slice', category: 'api', severity: 'error', waivable: false, description: 'an EndpointSlice passes the API server\'s checks: 1 to 100 addresses per endpoint, each of the addressType (IPv4 or IPv6 in canonical form, not unspecified, loopback, link-local or link-local multicast; from 1.34 no leading zeros or IPv4-mapped IPv6; FQDN of two or more labels), at most 1000 endpoints, hostname, nodeName and zone and node hints, port names unique DNS-1123 labels (an absent name is ""), app protocols' },
  { id: 'invalid-config-data', category: 'api', severity: 'error', waivable: false, description: 'ConfigMap and Secret keys are valid config keys, not both in data and binaryData, at most 1 MiB of data, and a Secret has what its type needs (tls.crt and tls.key, a JSON .dockerconfigjson, a basic-auth username or password...)' },
  { id: 'invalid-label', category: 'api', severity: 'error', waivable: false, description: 'label keys and values in labels and selectors have valid Kubernetes label syntax, and selector expressions a valid operator with values exactly for In and NotIn' },
  { id: 'selector-mismatch', category: 'api', severity: 'error', waivable: false, description: 'a Deployment/StatefulSet/DaemonSet/ReplicaSet selector is non-empty and matches its own pod template labels',
    sources: { 'kube-linter': { 'mismatching-selector': '' } } },
  // Wiring: objects that apply cleanly but do not work together, or that the running cluster rejects.
  { id: 'node-port-range', category: 'wiring', severity: 'error', waivable: true, description: 'a Service nodePort is in the default --service-node-port-range, 30000-32767 (waive it for a cluster with another range)' },
  { id: 'service-no-pods', category: 'wiring', severity: 'error', waivable: true, description: 'a Service selector selects the pod template labels of some workload in its namespace',
    sources: { 'kube-linter': { 'dangling-service': 'a Service without a selector is allowed: its endpoints are managed elsewhere' } } },
  { id: 'service-target-port', category: 'wiring', severity: 'error', waivable: true, description: 'each Service targetPort (number or name; default: port) is a container port of every selected workload' },
  { id: 'service-unreachable', category: 'wiring', severity: 'warning', waivable: true, description: 'a Service\'s pods that a NetworkPolicy isolates for ingress (policyTypes, or its default) have an ingress rule allowing some peer to one of its target ports (no ports: all; named ports resolved against the pods)' },
  { id: 'service-endpoints', category: 'wiring', severity: 'error', waivable: true, description: 'EndpointSlices written by hand reach their Service: each names (kubernetes.io/service-name) a Service of the output in its namespace that is not ExternalName, holds IPv4 or IPv6 addresses of the Service\'s IP family, is not labelled as managed by a controller that deletes it, and has ports with a number whose name and protocol match a Service port; each port of a selector-less Service with such slices has a ready endpoint in one of them; an ExternalName Service has no selector (it is ignored) and a DNS name, not an IP address' },
  { id: 'ingress-backend', category: 'wiring', severity: 'error', waivable: true, description: 'each Ingress backend names a Service in the same namespace and one of its ports (number or name)',
    sources: { 'kube-linter': { 'dangling-ingress': '' } } },
  { id: 'nginx-regex-path', category: 'ingress-nginx', severity: 'error', waivable: true, description: 'in an Ingress of class nginx, a regex path (regex characters, use-regex, or a rewrite-target with $N) has pathType ImplementationSpecific, and rewrite-target uses no capture group a path lacks' },
  { id: 'nginx-annotation', category: 'ingress-nginx', severity: 'error', waivable: true, description: 'nginx.ingress.kubernetes.io/ annotations that ingress-nginx parses as a type (bool, integer, size, enum) have a value of that type' },
  { id: 'pvc-missing', category: 'wiring', severity: 'error', waivable: true, description: 'each PersistentVolumeClaim used by a pod volume is in the output' },
  { id: 'secret-missing', category: 'wiring', severity: 'error', waivable: true, description: 'each referenced Secret (env, envFrom, volumes, projected volumes, imagePullSecrets, Ingress TLS) is in the output, written by a cert-manager Certificate of the output, or declared external',
    sources: { 'kube-linter': { 'env-value-from': 'the objects, not their keys' } } },
  { id: 'configmap-missing', category: 'wiring', severity: 'error', waivable: true, description: 'each referenced ConfigMap (env, envFrom, volumes, projected volumes) is in the output or declared external',
    sources: { 'kube-linter': { 'env-value-from': 'the objects, not their keys' } } },
  { id: 'service-account-missing', category: 'wiring', severity: 'error', waivable: true, description: 'a pod\'s serviceAccountName (or deprecated serviceAccount) other than "default" is in the output or declared external',
    sources: { 'kube-linter': { 'non-existent-service-account': '' } } },
  { id: 'autoscaler-target-missing', category: 'wiring', severity: 'error', waivable: true, description: 'a HorizontalPodAutoscaler\'s scaleTargetRef names a Deployment, StatefulSet or ReplicaSet of the output',
    sources: { 'kube-linter': { 'dangling-horizontalpodautoscaler': '' } } },
  { id: 'governing-service-missing', category: 'wiring', severity: 'error', waivable: true, description: 'a StatefulSet\'s serviceName names a Service of the output' },
  { id: 'network-policy-selects-nothing', category: 'wiring', severity: 'error', waivable: true, description: 'a NetworkPolicy\'s podSelector, and each peer podSelector of its own namespace, selects the pods of some workload (empty selects all)',
    sources: { 'kube-linter': { 'dangling-networkpolicy': '', 'dangling-networkpolicypeer-podselector': '' } } },
  { id: 'pdb-selects-nothing', category: 'wiring', severity: 'error', waivable: true, description: 'a PodDisruptionBudget selects the pods of some workload' },
  { id: 'issuer-missing', category: 'wiring', severity: 'error', waivable: true, description: 'a cert-manager Certificate\'s issuerRef names a ClusterIssuer, or an Issuer in its namespace, that is in the output' },
  { id: 'probe-port', category: 'wiring', severity: 'error', waivable: true, description: 'each probe port (httpGet, tcpSocket, grpc; number or name) is a port of its container',
    sources: { 'kube-linter': { 'liveness-port': '', 'readiness-port': '', 'startup-port': '' } } },
  { id: 'overlapping-workloads', category: 'wiring', severity: 'error', waivable: true, description: 'no two workloads in a namespace each select the other one\'s pods (a workload scaled to 0 runs none)' },
  // Policy: what the platform team demands.
  { id: 'latest-tag', category: 'policy', severity: 'warning', waivable: true, description: 'every image has a tag other than latest, or a digest',
    sources: { 'kube-linter': { 'latest-tag': '' }, Polaris: { tagNotSpecified: '' } } },
  { id: 'missing-resources', category: 'policy', severity: 'warning', waivable: true, description: 'every container and init container requests CPU and memory and limits memory',
    sources: { 'kube-linter': { 'unset-cpu-requirements': '', 'unset-memory-requirements': '' }, Polaris: { cpuRequestsMissing: '', memoryRequestsMissing: '', memoryLimitsMissing: '' } } },
  { id: 'missing-probes', category: 'policy', severity: 'warning', waivable: true, description: 'containers of pods selected by a Service have a readiness and a liveness probe',
    sources: { 'kube-linter': { 'no-liveness-probe': 'for pods behind a Service; a worker has no port to probe', 'no-readiness-probe': 'for pods behind a Service, the ones a readiness probe takes out of rotation' }, Polaris: { readinessProbeMissing: 'for pods behind a Service', livenessProbeMissing: 'for pods behind a Service' } } },
  { id: 'privileged-container', category: 'policy', severity: 'warning', waivable: true, description: 'no container runs privileged',
    sources: { 'kube-linter': { 'privilege-escalation-container': '', 'privileged-container': '' }, Polaris: { runAsPrivileged: '' } } },
  { id: 'privilege-escalation', category: 'policy', severity: 'warning', waivable: true, description: 'every container sets securityContext.allowPrivilegeEscalation: false explicitly',
    sources: { 'kube-linter': { 'privilege-escalation-container': '' }, Polaris: { privilegeEscalationAllowed: '' } } },
  { id: 'unsafe-capabilities', category: 'policy', severity: 'warning', waivable: true, description: 'every container drops ALL capabilities and adds back none of SYS_ADMIN, NET_ADMIN, ALL',
    sources: { 'kube-linter': { 'drop-net-raw-capability': 'drop ALL, and NET_RAW never added back', 'privilege-escalation-container': '' }, Polaris: { linuxHardening: 'drop ALL; every pod of the charts also sets seccomp RuntimeDefault', dangerousCapabilities: '', insecureCapabilities: 'drop ALL' } } },
  { id: 'run-as-root', category: 'policy', severity: 'warning', waivable: true, description: 'every container runs as non-root: runAsNonRoot: true or runAsUser above 0, its own or the pod\'s (waive it, saying why, for images that must start as root)',
    sources: { 'kube-linter': { 'run-as-non-root': '' }, Polaris: { runAsRootAllowed: '' } } },
  { id: 'writable-root-filesystem', category: 'policy', severity: 'warning', waivable: true, description: 'every container sets securityContext.readOnlyRootFilesystem: true (waive it, saying why, for images that write outside their volumes)',
    sources: { 'kube-linter': { 'no-read-only-root-fs': '' }, Polaris: { notReadOnlyRootFilesystem: '' } } },
  { id: 'unsafe-proc-mount', category: 'policy', severity: 'warning', waivable: true, description: 'no container sets securityContext.procMount: Unmasked',
    sources: { 'kube-linter': { 'unsafe-proc-mount': '' }, Polaris: { procMount: 'Unmasked, the only other value' } } },
  { id: 'host-port', category: 'policy', severity: 'warning', waivable: true, description: 'no container port sets hostPort',
    sources: { Polaris: { hostPortSet: '' } } },
  { id: 'privileged-port', category: 'policy', severity: 'warning', waivable: true, description: 'no containerPort below 1024 (port 22 is named as SSH)',
    sources: { 'kube-linter': { 'privileged-ports': '', 'ssh-port': 'port 22 named as SSH' } } },
  { id: 'host-namespaces', category: 'policy', severity: 'warning', waivable: true, description: 'no pod sets hostNetwork, hostPID or hostIPC, or runs as a Windows hostProcess',
    sources: { 'kube-linter': { 'host-ipc': '', 'host-network': '', 'host-pid': '' }, Polaris: { hostIPCSet: '', hostPIDSet: '', hostNetworkSet: '', hostProcess: '' } } },
  { id: 'host-path', category: 'policy', severity: 'warning', waivable: true, description: 'no pod mounts a hostPath volume (the message names runtime sockets and sensitive node paths)',
    sources: { 'kube-linter': { 'docker-sock': 'names container runtime sockets', 'sensitive-host-mounts': 'any hostPath, sensitive paths named', 'writable-host-mount': 'any hostPath, read-only or not' }, Polaris: { hostPathSet: '' } } },
  { id: 'unsafe-sysctls', category: 'policy', severity: 'warning', waivable: true, description: 'a pod sets only the sysctls Kubernetes 1.27 treats as safe',
    sources: { 'kube-linter': { 'unsafe-sysctls': 'allow-list of the safe sysctls of 1.27' } } },
  { id: 'service-account-token', category: 'policy', severity: 'warning', waivable: true, description: 'every pod sets automountServiceAccountToken: false (waive it for pods that call the Kubernetes API)',
    sources: { Polaris: { automountServiceAccountToken: '' } } },
  { id: 'env-var-secret', category: 'policy', severity: 'warning', waivable: true, description: 'no literal value in an env var named like a password, secret, token or key',
    sources: { 'kube-linter': { 'env-var-secret': '' }, Polaris: { sensitiveContainerEnvVar: '' } } },
  { id: 'duplicate-env', category: 'policy', severity: 'warning', waivable: true, description: 'no container defines the same env var name twice (the last one wins silently)',
    sources: { 'kube-linter': { 'duplicate-env-var': '' } } },
  { id: 'secret-in-configmap', category: 'policy', severity: 'warning', waivable: true, description: 'no ConfigMap data key named like a credential, and no private key in a value',
    sources: { Polaris: { sensitiveConfigmapContent: '' } } },
  { id: 'naked-pod', category: 'policy', severity: 'warning', waivable: true, description: 'no bare Pod: pods come from a Deployment, StatefulSet, DaemonSet or Job, which replace them' },
  { id: 'missing-replicas', category: 'policy', severity: 'warning', waivable: true, description: 'a Deployment runs at least 2 pods (replicas, or its autoscaler\'s minReplicas), unless it is kept at 0 to retire its pods',
    sources: { 'kube-linter': { 'hpa-minimum-three-replicas': 'at least 2, as Polaris asks, not 3', 'minimum-three-replicas': 'at least 2, as Polaris asks, not 3' }, Polaris: { deploymentMissingReplicas: '', hpaMinAvailability: '' } } },
  { id: 'single-writer', category: 'wiring', severity: 'error', waivable: true, description: 'a ReadWriteOnce(Pod) PVC is mounted by one workload that never runs two pods at once (no replicas or autoscaler maxReplicas > 1, no RollingUpdate Deployment)' },
  { id: 'pdb-missing', category: 'policy', severity: 'warning', waivable: true, description: 'a policy/v1 PodDisruptionBudget selects the pods of every workload that may run 2 or more pods (replicas, or its autoscaler\'s maxReplicas)',
    sources: { Polaris: { missingPodDisruptionBudget: 'for workloads that may run 2 or more pods' } } },
  { id: 'pdb-unhealthy-pod-eviction', category: 'policy', severity: 'warning', waivable: true, description: 'a PodDisruptionBudget sets unhealthyPodEvictionPolicy: AlwaysAllow',
    sources: { 'kube-linter': { 'pdb-unhealthy-pod-eviction-policy': 'requires AlwaysAllow, not only a value' } } },
  { id: 'pdb-blocks-eviction', category: 'policy', severity: 'warning', waivable: true, description: 'a PodDisruptionBudget allows at least one eviction: no maxUnavailable 0 or 0%, no minAvailable 100% or at least the fewest pods its workloads run (replicas, or autoscaler minReplicas)',
    sources: { 'kube-linter': { 'pdb-max-unavailable': '', 'pdb-min-available': '' }, Polaris: { pdbDisruptionsIsZero: '', pdbMinAvailableGreaterThanHPAMinReplicas: '' } } },
  { id: 'network-policy-missing', category: 'policy', severity: 'warning', waivable: true, description: 'a NetworkPolicy podSelector covers the pods of every workload',
    sources: { 'kube-linter': { 'non-isolated-pod': '' }, Polaris: { missingNetworkPolicy: '' } } },
  { id: 'invalid-waiver', category: 'waiver', severity: 'error', waivable: false, description: 'an ignore-check.multi-k8s-cdk8s/<rule> annotation names a waivable rule and gives a reason' },
] as const satisfies readonly Rule[];

export type RuleId = (typeof RULES)[number]['id'];

/** The rules an object may be exempted from with a waiver annotation. */
export type WaivableRuleId = Extract<(typeof RULES)[number], { waivable: true }>['id'];

export const RULE_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.id, rule]));
