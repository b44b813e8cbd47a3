export type Severity = 'error' | 'warning';

export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  /**
   * Whether the annotation `ignore-check.multi-k8s-cdk8s/<id>` may silence the rule on an object.
   * False where the API server would reject the object anyway, so a waiver could only hide a failed apply.
   */
  readonly waivable: boolean;
  readonly description: string;
}

/** The one table of every check the gate runs, with its default severity. */
export const RULES = [
  // Schema: what `kubectl apply` against a 1.27-1.33 API server would reject.
  { id: 'schema', severity: 'error', waivable: false, description: 'the object matches the Kubernetes OpenAPI schema of its apiVersion/kind (types, enums, required fields)' },
  { id: 'unknown-field', severity: 'error', waivable: false, description: 'no field that the schema does not define (e.g. a misspelled `contaners`), at any depth' },
  { id: 'invalid-name', severity: 'error', waivable: false, description: 'metadata.name (and metadata.namespace) is a valid name for the kind, e.g. a DNS-1123 subdomain, a DNS-1123 label for Namespace, a DNS-1035 label for Service' },
  { id: 'removed-api', severity: 'error', waivable: false, description: 'the apiVersion/kind is still served by Kubernetes 1.27-1.33; the message names the replacement' },
  { id: 'unknown-kind', severity: 'error', waivable: true, description: 'the apiVersion/kind is a built-in Kubernetes kind, or a custom resource whose CRD is in crds/ (cert-manager\'s), validated like the built-in kinds (waive it on other custom resources)' },
  { id: 'duplicate-object', severity: 'error', waivable: false, description: 'no two objects share apiVersion group, kind, namespace and name (the later one would overwrite the first)' },
  // Wiring: objects that apply cleanly but do not work together.
  { id: 'invalid-annotation', severity: 'error', waivable: false, description: 'annotation keys are qualified names (any case) and all keys and values together take at most 256 KiB' },
  { id: 'invalid-pod-spec', severity: 'error', waivable: false, description: 'a pod spec passes the API server\'s checks: unique DNS-1123 container and volume names, IANA container port names unique per container, ports 1-65535, hostPort = containerPort on the host network, mounts of existing volumes at unique paths, relative subPaths, env var names and valueFrom, requests not above limits, one handler per probe, successThreshold 1 for liveness and startup probes, no probes on init containers, restartPolicy Always for controllers and OnFailure/Never for Jobs, nameservers for dnsPolicy None' },
  { id: 'invalid-service', severity: 'error', waivable: false, description: 'a Service passes the API server\'s checks: ports unless headless or ExternalName, named and unique when several, port and targetPort numbers and names, no duplicate port, nodePort only off ClusterIP and within 30000-32767, no headless NodePort/LoadBalancer, externalTrafficPolicy only when exposed' },
  { id: 'invalid-workload-spec', severity: 'error', waivable: false, description: 'replicas, rollouts and budgets pass the API server\'s checks: non-negative replicas and Job counts, maxSurge and maxUnavailable not both 0, percents up to 100%, progressDeadlineSeconds above minReadySeconds, cron schedules, PDB minAvailable xor maxUnavailable, HPA 1 <= minReplicas <= maxReplicas, PVC access modes and storage request' },
  { id: 'invalid-ingress', severity: 'error', waivable: false, description: 'an Ingress passes the API server\'s checks: absolute paths, no //, /./, /../ or %2f in Prefix and Exact paths, DNS hosts (a leading *. only, no IP), service or resource backend, port name or number' },
  { id: 'invalid-network-policy', severity: 'error', waivable: false, description: 'a NetworkPolicy passes the API server\'s checks: ports numbers or IANA names, endPort only with a numeric port and not below it, ipBlock CIDRs with except strictly inside' },
  { id: 'invalid-config-data', severity: 'error', waivable: false, description: 'ConfigMap and Secret keys are valid config keys, not both in data and binaryData, at most 1 MiB of data, and a Secret has the keys its type needs (tls.crt and tls.key for kubernetes.io/tls...)' },
  { id: 'invalid-label', severity: 'error', waivable: false, description: 'label keys and values in labels and selectors have valid Kubernetes label syntax' },
  { id: 'selector-mismatch', severity: 'error', waivable: false, description: 'a Deployment/StatefulSet/DaemonSet/ReplicaSet selector is non-empty and matches its own pod template labels' },
  { id: 'service-no-pods', severity: 'error', waivable: true, description: 'a Service selector selects the pod template labels of some workload in its namespace' },
  { id: 'service-target-port', severity: 'error', waivable: true, description: 'each Service targetPort (number or name; default: port) is a container port of every selected workload' },
  { id: 'ingress-backend', severity: 'error', waivable: true, description: 'each Ingress backend names a Service in the same namespace and one of its ports (number or name)' },
  { id: 'nginx-regex-path', severity: 'error', waivable: true, description: 'in an Ingress of class nginx, a regex path (regex characters, use-regex, or a rewrite-target with $N) has pathType ImplementationSpecific, and rewrite-target uses no capture group a path lacks' },
  { id: 'nginx-annotation', severity: 'error', waivable: true, description: 'nginx.ingress.kubernetes.io/ annotations that ingress-nginx parses as a type (bool, integer, size, enum) have a value of that type' },
  { id: 'pvc-missing', severity: 'error', waivable: true, description: 'each PersistentVolumeClaim used by a pod volume is in the output' },
  { id: 'secret-missing', severity: 'error', waivable: true, description: 'each referenced Secret (env, envFrom, volumes, projected volumes, imagePullSecrets, Ingress TLS) is in the output, written by a cert-manager Certificate of the output, or declared external' },
  { id: 'configmap-missing', severity: 'error', waivable: true, description: 'each referenced ConfigMap (env, envFrom, volumes, projected volumes) is in the output or declared external' },
  { id: 'service-account-missing', severity: 'error', waivable: true, description: 'a pod\'s serviceAccountName (or deprecated serviceAccount) other than "default" is in the output or declared external' },
  { id: 'autoscaler-target-missing', severity: 'error', waivable: true, description: 'a HorizontalPodAutoscaler\'s scaleTargetRef names a Deployment, StatefulSet or ReplicaSet of the output' },
  { id: 'governing-service-missing', severity: 'error', waivable: true, description: 'a StatefulSet\'s serviceName names a Service of the output' },
  { id: 'network-policy-selects-nothing', severity: 'error', waivable: true, description: 'a NetworkPolicy\'s podSelector, and each peer podSelector of its own namespace, selects the pods of some workload (empty selects all)' },
  { id: 'pdb-selects-nothing', severity: 'error', waivable: true, description: 'a PodDisruptionBudget selects the pods of some workload' },
  { id: 'issuer-missing', severity: 'error', waivable: true, description: 'a cert-manager Certificate\'s issuerRef names a ClusterIssuer, or an Issuer in its namespace, that is in the output' },
  { id: 'probe-port', severity: 'error', waivable: true, description: 'each probe port (httpGet, tcpSocket, grpc; number or name) is a port of its container' },
  { id: 'overlapping-workloads', severity: 'error', waivable: true, description: 'no two workloads in a namespace each select the other one\'s pods (a workload scaled to 0 runs none)' },
  // Policy: what the platform team demands.
  { id: 'latest-tag', severity: 'error', waivable: true, description: 'every image has a tag other than latest, or a digest' },
  { id: 'missing-resources', severity: 'error', waivable: true, description: 'every container and init container requests CPU and memory and limits memory' },
  { id: 'missing-probes', severity: 'error', waivable: true, description: 'containers of pods selected by a Service have a readiness and a liveness probe' },
  { id: 'privileged-container', severity: 'error', waivable: true, description: 'no container runs privileged' },
  { id: 'privilege-escalation', severity: 'error', waivable: true, description: 'every container sets securityContext.allowPrivilegeEscalation: false explicitly' },
  { id: 'unsafe-capabilities', severity: 'error', waivable: true, description: 'every container drops ALL capabilities and adds back none of SYS_ADMIN, NET_ADMIN, ALL' },
  { id: 'run-as-root', severity: 'error', waivable: true, description: 'every container runs as non-root: runAsNonRoot: true or runAsUser above 0, its own or the pod\'s (waive it, saying why, for images that must start as root)' },
  { id: 'writable-root-filesystem', severity: 'error', waivable: true, description: 'every container sets securityContext.readOnlyRootFilesystem: true (waive it, saying why, for images that write outside their volumes)' },
  { id: 'unsafe-proc-mount', severity: 'error', waivable: true, description: 'no container sets securityContext.procMount: Unmasked' },
  { id: 'host-port', severity: 'error', waivable: true, description: 'no container port sets hostPort' },
  { id: 'privileged-port', severity: 'error', waivable: true, description: 'no containerPort below 1024 (port 22 is named as SSH)' },
  { id: 'host-namespaces', severity: 'error', waivable: true, description: 'no pod sets hostNetwork, hostPID or hostIPC, or runs as a Windows hostProcess' },
  { id: 'host-path', severity: 'error', waivable: true, description: 'no pod mounts a hostPath volume (the message names runtime sockets and sensitive node paths)' },
  { id: 'unsafe-sysctls', severity: 'error', waivable: true, description: 'a pod sets only the sysctls Kubernetes 1.27 treats as safe' },
  { id: 'service-account-token', severity: 'error', waivable: true, description: 'every pod sets automountServiceAccountToken: false (waive it for pods that call the Kubernetes API)' },
  { id: 'env-var-secret', severity: 'error', waivable: true, description: 'no literal value in an env var named like a password, secret, token or key' },
  { id: 'duplicate-env', severity: 'error', waivable: true, description: 'no container defines the same env var name twice (the last one wins silently)' },
  { id: 'secret-in-configmap', severity: 'error', waivable: true, description: 'no ConfigMap data key named like a credential, and no private key in a value' },
  { id: 'naked-pod', severity: 'error', waivable: true, description: 'no bare Pod: pods come from a Deployment, StatefulSet, DaemonSet or Job, which replace them' },
  { id: 'missing-replicas', severity: 'error', waivable: true, description: 'a Deployment runs at least 2 pods (replicas, or its autoscaler\'s minReplicas), unless it is kept at 0 to retire its pods' },
  { id: 'single-writer', severity: 'error', waivable: true, description: 'a ReadWriteOnce(Pod) PVC is mounted by one workload that never runs two pods at once (no replicas or autoscaler maxReplicas > 1, no RollingUpdate Deployment)' },
  { id: 'pdb-missing', severity: 'error', waivable: true, description: 'a policy/v1 PodDisruptionBudget selects the pods of every workload that may run 2 or more pods (replicas, or its autoscaler\'s maxReplicas)' },
  { id: 'pdb-unhealthy-pod-eviction', severity: 'error', waivable: true, description: 'a PodDisruptionBudget sets unhealthyPodEvictionPolicy: AlwaysAllow' },
  { id: 'pdb-blocks-eviction', severity: 'error', waivable: true, description: 'a PodDisruptionBudget allows at least one eviction: no maxUnavailable 0 or 0%, no minAvailable 100% or at least the fewest pods its workloads run (replicas, or autoscaler minReplicas)' },
  { id: 'network-policy-missing', severity: 'error', waivable: true, description: 'a NetworkPolicy podSelector covers the pods of every workload' },
  { id: 'invalid-waiver', severity: 'error', waivable: false, description: 'an ignore-check.multi-k8s-cdk8s/<rule> annotation names a waivable rule and gives a reason' },
] as const satisfies readonly Rule[];

export type RuleId = (typeof RULES)[number]['id'];

/** The rules an object may be exempted from with a waiver annotation. */
export type WaivableRuleId = Extract<(typeof RULES)[number], { waivable: true }>['id'];

export const RULE_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.id, rule]));
