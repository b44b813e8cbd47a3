import * as fs from 'fs';
import * as path from 'path';
import { loadManifestFile, RuleId, RULES, validateManifests } from '../../gate';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'gate');

/**
 * What each rule's fail.yaml must produce, in order: the object of each finding and a piece of its message
 * (the field it names). Typed by RuleId, so a new rule does not compile until it has an entry here.
 */
const FAILURES: Record<RuleId, ReadonlyArray<readonly [object: string, message: string]>> = {
  schema: [
    ['Pod/app', 'spec.containers[0].imagePullPolicy: must be equal to one of the allowed values (Always, IfNotPresent, Never) (got "Sometimes")'],
    ['Service/web', 'spec.ports[0].targetPort: must be string or must be integer (got true)'],
    ['ConfigMap/settings', 'apiVersion and kind are required'],
    ['Certificate/web-tls', 'spec: must have required property \'issuerRef\''],
    ['Certificate/web-tls', 'spec.dnsNames: must be array (got "example.com")'],
  ],
  'unknown-field': [
    ['Pod/app', 'spec.initContaners: unknown field "initContaners" (did you mean "initContainers"?)'],
    ['Pod/app', 'spec.containers[0].securityContext.readOnlyRootFileSystem: unknown field "readOnlyRootFileSystem" (did you mean "readOnlyRootFilesystem"?)'],
    ['ClusterIssuer/letsencrypt-production', 'spec.acme.solvers[0].http01.ingress.ingressClasName: unknown field "ingressClasName" (did you mean "ingressClassName"?)'],
  ],
  'invalid-name': [
    ['Pod/Bad_Name', 'metadata.name: "Bad_Name" is not a valid Pod name: it must be a DNS-1123 subdomain'],
    ['Service/web.api', 'metadata.name: "web.api" is not a valid Service name: it must be a DNS-1123 label'],
  ],
  'removed-api': [
    ['Ingress/old-ingress', 'extensions/v1beta1 Ingress is no longer served since Kubernetes 1.22; use networking.k8s.io/v1'],
    ['Ingress/beta-ingress', 'networking.k8s.io/v1beta1 Ingress is no longer served since Kubernetes 1.22; use networking.k8s.io/v1'],
    ['Deployment/old-deployment', 'apps/v1beta1 Deployment is no longer served since Kubernetes 1.16; use apps/v1'],
    ['PodDisruptionBudget/web', 'policy/v1beta1 PodDisruptionBudget is no longer served since Kubernetes 1.25; use policy/v1'],
    ['CronJob/nightly', 'batch/v1beta1 CronJob is no longer served since Kubernetes 1.25; use batch/v1'],
    ['HorizontalPodAutoscaler/web', 'autoscaling/v2beta2 HorizontalPodAutoscaler is no longer served since Kubernetes 1.26; use autoscaling/v2'],
  ],
  'unknown-kind': [
    ['ServiceMonitor/web', 'monitoring.coreos.com/v1 ServiceMonitor is not a built-in Kubernetes kind nor a custom resource of crds/'],
    ['Container/web', 'v1 Container is not a built-in Kubernetes kind'],
  ],
  'invalid-annotation': [
    ['Pod/app', 'metadata.annotations["release notes"]: key "release notes" must have a name part'],
    ['Pod/app', 'metadata.annotations["example.com/a/b"]: key "example.com/a/b"'],
  ],
  'invalid-pod-spec': [
    ['Pod/app', 'spec.volumes[1].name: "tmp" is a duplicate volume name'],
    ['Pod/app', 'spec.containers[0].ports[0].name: "http-port-of-app" must be an IANA service name (at most 15 characters)'],
    ['Pod/app', 'spec.containers[0].ports[1].containerPort: 70000 must be a port number from 1 to 65535'],
    ['Pod/app', 'spec.containers[0].volumeMounts[0].name: "data" is not a volume of the pod'],
    ['Pod/app', 'spec.containers[0].volumeMounts[1].subPath: "../etc" must be a relative path without \'..\''],
    ['Pod/app', 'spec.containers[0].env[0].name: "FIRST=1" must consist of printable ASCII characters other than \'=\''],
    ['Pod/app', 'spec.containers[0].env[1].valueFrom: may not be specified when value is not empty'],
    ['Pod/app', 'spec.containers[0].resources.requests.memory: "128Mi" must be less than or equal to the memory limit of "64Mi"'],
    ['Pod/app', 'spec.containers[0].livenessProbe.successThreshold: 2 must be 1'],
    ['Pod/app', 'spec.containers[0].readinessProbe: may not specify more than 1 handler type (httpGet, tcpSocket)'],
    ['Deployment/web', 'spec.template.spec.restartPolicy: "Never" is not supported for a Deployment: only "Always"'],
  ],
  'invalid-service': [
    ['Service/web', 'spec.ports[0].name: is required when the Service has more than one port'],
    ['Service/web', 'spec.ports[0].nodePort: may not be used when type is ClusterIP'],
    ['Service/web', 'spec.ports[1].name: is required when the Service has more than one port'],
    ['Service/web-headless', 'spec.clusterIP: may not be "None" for a NodePort Service'],
  ],
  'invalid-workload-spec': [
    ['Deployment/web', 'spec.strategy.rollingUpdate.maxUnavailable: may not be 0 when maxSurge is 0'],
    ['Deployment/web', 'spec.progressDeadlineSeconds: 10 must be greater than minReadySeconds (30)'],
    ['PodDisruptionBudget/web', 'spec: minAvailable and maxUnavailable cannot be both set'],
    ['HorizontalPodAutoscaler/api', 'spec.maxReplicas: 2 must be greater than or equal to minReplicas (3)'],
    ['PersistentVolumeClaim/data', 'spec.accessModes: at least 1 access mode is required'],
  ],
  'invalid-ingress': [
    ['Ingress/web', 'spec.rules[0].host: "203.0.113.10" must be a DNS name, not an IP address'],
    ['Ingress/web', 'spec.rules[0].http.paths[0].path: "api" must be an absolute path'],
    ['Ingress/web', 'spec.rules[0].http.paths[1].path: "/api//v1" must not contain "//"'],
    ['Ingress/web', 'spec.rules[1].host: "www.*.example.com" must be a DNS-1123 subdomain'],
  ],
  'invalid-network-policy': [
    ['NetworkPolicy/web-egress', 'spec.egress[0].ports[0].endPort: may only be set with a numeric port'],
    ['NetworkPolicy/web-egress', 'spec.egress[0].ports[1].endPort: 8000 must be greater than or equal to port (9000)'],
    ['NetworkPolicy/web-egress', 'spec.egress[0].to[0].ipBlock.except[0]: "192.168.0.0/16" must be a CIDR strictly within 10.0.0.0/8'],
    ['NetworkPolicy/web-egress', 'spec.egress[0].to[1].ipBlock.cidr: "10.0.0.0/33" must be a CIDR'],
  ],
  'invalid-endpoint-slice': [
    ['EndpointSlice/db-external', 'endpoints[0].addresses[0]: "2001:db8::5" must be an IPv4 address (the slice\'s addressType)'],
    ['EndpointSlice/db-external', 'endpoints[1].addresses[0]: "127.0.0.1" may not be in the loopback range (127.0.0.0/8, ::1/128)'],
    ['EndpointSlice/db-external', 'endpoints[2].addresses[0]: "10.020.30.40" must not have leading 0s'],
    ['EndpointSlice/db-external', 'endpoints[2].hostname: "db.primary" must be a DNS-1123 label'],
    ['EndpointSlice/db-external', 'endpoints[3].addresses: must contain at least 1 address'],
    ['EndpointSlice/db-external', 'ports[1].name: "pg" is a duplicate port name'],
    ['EndpointSlice/db-v6-external', 'endpoints[0].addresses[0]: "2001:DB8:0::5" must be in canonical form ("2001:db8::5")'],
  ],
  'invalid-config-data': [
    ['ConfigMap/settings', 'data["config/app.yaml"]: key "config/app.yaml" must consist of letters, digits'],
    ['ConfigMap/settings', 'binaryData.logo: key "logo" is also in data'],
    ['Secret/web-tls', 'data: a Secret of type kubernetes.io/tls needs the keys tls.key'],
  ],
  'nginx-regex-path': [
    ['Ingress/web', 'spec.rules[0].http.paths[0].pathType: "Prefix" cannot be used: "/api/?(.*)" has regex characters; use ImplementationSpecific'],
    ['Ingress/web', 'spec.rules[0].http.paths[0].path: "/api/?(.*)" has 1 capture group(s), but rewrite-target "/$2" uses $2'],
    ['Ingress/web', 'spec.rules[0].http.paths[1].path: "/(.*)" has 1 capture group(s)'],
  ],
  'nginx-annotation': [
    ['Ingress/web', 'metadata.annotations["nginx.ingress.kubernetes.io/ssl-redirect"]: "yes" must be "true" or "false"'],
    ['Ingress/web', 'metadata.annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]: "2m" must be a number of seconds'],
    ['Ingress/web', 'metadata.annotations["nginx.ingress.kubernetes.io/backend-protocol"]: "https" must be HTTP, HTTPS, GRPC, GRPCS or FCGI'],
  ],
  'duplicate-object': [['ConfigMap/settings', 'metadata.name: ConfigMap/settings in namespace "default" is already defined in']],
  'invalid-label': [
    ['Pod/app', 'metadata.labels.tier: value "front end"'],
    ['NetworkPolicy/allow-app', 'spec.podSelector.matchExpressions[0].key: key "app_"'],
  ],
  'selector-mismatch': [
    ['Deployment/web', 'spec.selector: does not match the pod template labels {app=web}'],
    ['Deployment/api', 'spec.selector: is empty'],
  ],
  'node-port-range': [['Service/web-nodeport', 'spec.ports[0].nodePort: 8080 is not in the range 30000-32767']],
  'service-no-pods': [['Service/web', 'spec.selector: {app=website} matches the pod template labels of no workload in namespace "default"']],
  'service-target-port': [
    ['Service/web', 'spec.ports[0].targetPort: 8081 is not a container port (number or name) of Deployment/web'],
    ['Service/web', 'spec.ports[1].targetPort: "metrics" is not a container port (number or name) of Deployment/web'],
  ],
  'service-unreachable': [
    ['Service/web', 'spec.ports: Service/web port 80 (targetPort "http", TCP 8080) reaches no pod of Deployment/web: NetworkPolicy/default-deny and NetworkPolicy/web-metrics isolate them for ingress and none has an ingress rule allowing any peer to TCP 8080; add'],
    ['Service/api', 'spec.ports: Service/api port 9000 (TCP 9000) reaches no pod of Deployment/api: NetworkPolicy/default-deny isolates them for ingress and has no ingress rule allowing any peer to TCP 9000'],
  ],
  'service-endpoints': [
    ['EndpointSlice/db-external', 'ports[0]: the unnamed TCP port matches no port of Service/db (its ports: "pg" TCP): kube-proxy routes a Service port only to slice ports of the same name and protocol'],
    ['EndpointSlice/cache-external', 'metadata.labels["kubernetes.io/service-name"]: Service "cache" is not in namespace "default" of the output'],
    ['Service/queue', 'spec.ports[0]: the unnamed TCP port has no ready endpoint: EndpointSlice/queue-external lists no IP endpoint whose conditions.ready is true or absent'],
    ['Service/search', 'spec.selector: an ExternalName Service ignores its selector'],
    ['Service/mail', 'spec.externalName: "10.0.0.25" is an IP address'],
    ['EndpointSlice/mail-external', 'metadata.labels["kubernetes.io/service-name"]: Service/mail is an ExternalName Service'],
    ['EndpointSlice/metrics-external', 'metadata.labels["endpointslice.kubernetes.io/managed-by"]: "endpointslicemirroring-controller.k8s.io" hands the slice to that controller, which deletes it'],
    ['EndpointSlice/metrics-external', 'ports[0].port: is not set, so traffic to the unnamed TCP port goes nowhere'],
    ['EndpointSlice/metrics-external-v6', 'addressType: IPv6, but Service/metrics is a single-stack IPv4 Service (spec.ipFamilies)'],
  ],
  'ingress-backend': [
    ['Ingress/web', 'spec.rules[0].http.paths[0].backend.service.name: Service "missing" is not in namespace "default"'],
    ['Ingress/web', 'spec.rules[0].http.paths[1].backend.service.port: Service "web" has no port 81'],
    ['Ingress/web', 'spec.rules[0].http.paths[2].backend.service.port: Service "web" has no port named "https"'],
  ],
  'pvc-missing': [['Pod/app', 'spec.volumes[0].persistentVolumeClaim.claimName: PersistentVolumeClaim "data" is not in the output']],
  'secret-missing': [
    ['Pod/app', 'spec.volumes[0].secret.secretName: Secret "tls"'],
    ['Pod/app', 'spec.imagePullSecrets[0].name: Secret "registry"'],
    ['Pod/app', 'spec.containers[0].env[0].valueFrom.secretKeyRef.name: Secret "db"'],
    ['Pod/app', 'spec.containers[0].envFrom[0].secretRef.name: Secret "api"'],
    ['Ingress/web', 'spec.tls[0].secretName: Secret "web-tls" is not in the output'],
  ],
  'configmap-missing': [
    ['Pod/app', 'spec.volumes[0].configMap.name: ConfigMap "settings" is not in the output (namespace "default") and is not declared external (annotation multi-k8s-cdk8s/external-config-maps or --external-config-map)'],
    ['Pod/app', 'spec.volumes[1].projected.sources[0].configMap.name: ConfigMap "shared"'],
    ['Pod/app', 'spec.containers[0].env[0].valueFrom.configMapKeyRef.name: ConfigMap "levels"'],
    ['Pod/app', 'spec.containers[0].envFrom[0].configMapRef.name: ConfigMap "flags"'],
  ],
  'service-account-missing': [
    ['Pod/api', 'spec.serviceAccountName: ServiceAccount "api" is not in the output (namespace "default") and is not declared external (annotation multi-k8s-cdk8s/external-service-accounts or --external-service-account)'],
    ['Pod/legacy', 'spec.serviceAccount: ServiceAccount "legacy"'],
  ],
  'autoscaler-target-missing': [
    ['HorizontalPodAutoscaler/api', 'spec.scaleTargetRef: apps/v1 Deployment "api" is not in the output (namespace "default")'],
    ['HorizontalPodAutoscaler/default-deny', 'spec.scaleTargetRef: networking.k8s.io/v1 NetworkPolicy "default-deny" is a NetworkPolicy, which has no scale subresource'],
  ],
  'governing-service-missing': [['StatefulSet/db', 'spec.serviceName: Service "db-headless" is not in the output (namespace "default")']],
  'network-policy-selects-nothing': [
    ['NetworkPolicy/worker', 'spec.podSelector: {app=worker} selects the pods of no workload in namespace "default"'],
    ['NetworkPolicy/web', 'spec.ingress[0].from[0].podSelector: {app=ap} selects the pods of no workload'],
  ],
  'pdb-selects-nothing': [['PodDisruptionBudget/website', 'spec.selector: selects the pods of no workload in namespace "default", so it protects nothing']],
  'pdb-unhealthy-pod-eviction': [
    ['PodDisruptionBudget/web', 'spec.unhealthyPodEvictionPolicy: must be AlwaysAllow'],
    ['PodDisruptionBudget/web-strict', 'spec.unhealthyPodEvictionPolicy: must be AlwaysAllow'],
  ],
  'pdb-blocks-eviction': [
    ['PodDisruptionBudget/web-none', 'spec.maxUnavailable: 0 never allows evicting a pod, so node drains hang'],
    ['PodDisruptionBudget/web-all', 'spec.minAvailable: "100%" never allows evicting a pod'],
    ['PodDisruptionBudget/web-two', 'spec.minAvailable: 2 is not below the 2 pods the selected workloads may run'],
  ],
  'issuer-missing': [
    ['Certificate/web-tls', 'spec.issuerRef: ClusterIssuer "letsencrypt-prod" is not in the output'],
    ['Certificate/internal-tls', 'spec.issuerRef: Issuer "ca" is not in namespace "shop" of the output'],
  ],
  'probe-port': [
    ['Pod/app', 'spec.containers[0].startupProbe.grpc.port: 9090 is not a port of container "app"'],
    ['Pod/app', 'spec.containers[0].readinessProbe.httpGet.port: 8081 is not a port of container "app"'],
    ['Pod/app', 'spec.containers[0].livenessProbe.tcpSocket.port: "metrics" is not a port of container "app"'],
  ],
  'overlapping-workloads': [
    ['Deployment/web-stable', 'spec.selector: selects the pods of Deployment/web-canary'],
    ['Deployment/web-canary', 'spec.selector: selects the pods of Deployment/web-stable'],
  ],
  'latest-tag': [
    ['Pod/app', 'spec.initContainers[0].image: init container "tools" image "registry.example.com:5000/tools" has no tag'],
    ['Pod/app', 'spec.containers[0].image: container "app" image "nginx" has no tag'],
    ['Pod/app', 'spec.containers[1].image: container "sidecar" image "busybox:latest" uses the latest tag'],
  ],
  'missing-resources': [
    ['Pod/app', 'spec.initContainers[0].resources: init container "migrate" sets no requests.cpu, requests.memory, limits.memory'],
    ['Pod/app', 'spec.containers[0].resources: container "app" sets no requests.memory, limits.memory'],
  ],
  'missing-probes': [['Deployment/web', 'spec.template.spec.containers[0]: container "web" is behind Service/web but has no readinessProbe, livenessProbe']],
  'privileged-container': [['Pod/app', 'spec.containers[0].securityContext.privileged: container "app" runs privileged']],
  'privilege-escalation': [
    ['Pod/app', 'spec.containers[0].securityContext.allowPrivilegeEscalation: container "app"'],
    ['Pod/app', 'spec.containers[1].securityContext.allowPrivilegeEscalation: container "sidecar"'],
  ],
  'unsafe-capabilities': [
    ['Pod/app', 'spec.containers[0].securityContext.capabilities.drop: container "app" must drop ALL'],
    ['Pod/app', 'spec.containers[1].securityContext.capabilities.add: container "sidecar" must not add SYS_ADMIN'],
  ],
  'run-as-root': [
    ['Pod/app', 'spec.containers[0].securityContext: container "app" may run as root'],
    ['Pod/web', 'spec.containers[0].securityContext: container "app" may run as root'],
  ],
  'writable-root-filesystem': [
    ['Pod/app', 'spec.containers[0].securityContext.readOnlyRootFilesystem: container "app" must set it to true'],
    ['Pod/web', 'spec.containers[0].securityContext.readOnlyRootFilesystem: container "app" must set it to true'],
  ],
  'unsafe-proc-mount': [['Pod/app', 'spec.containers[0].securityContext.procMount: container "app" unmasks /proc']],
  'host-port': [['Pod/app', 'spec.containers[0].ports[0].hostPort: container "app" binds the node\'s port 8080']],
  'privileged-port': [
    ['Pod/app', 'spec.containers[0].ports[0].containerPort: container "app" listens on privileged port 80;'],
    ['Pod/app', 'spec.containers[0].ports[1].containerPort: container "app" listens on privileged port 22 (SSH'],
  ],
  'host-namespaces': [
    ['Pod/app', 'spec.hostNetwork: the pod must not use the node\'s network namespace'],
    ['Pod/app', 'spec.hostPID: the pod must not use the node\'s process (PID) namespace'],
    ['Pod/app', 'spec.hostIPC: the pod must not use the node\'s IPC namespace'],
  ],
  'host-path': [
    ['Pod/app', 'spec.volumes[0].hostPath: volume "docker" mounts the node\'s "/var/run/docker.sock", a container runtime socket'],
    ['Pod/app', 'spec.volumes[1].hostPath: volume "data" mounts the node\'s "/srv/data"; use'],
  ],
  'unsafe-sysctls': [
    ['Pod/app', 'spec.securityContext.sysctls[0].name: "net.core.somaxconn" is not a safe sysctl'],
    ['Pod/app', 'spec.securityContext.sysctls[1].name: "kernel.msgmax" is not a safe sysctl'],
  ],
  'service-account-token': [
    ['Pod/app', 'spec.automountServiceAccountToken: must be false'],
    ['Pod/web', 'spec.automountServiceAccountToken: must be false'],
  ],
  'env-var-secret': [
    ['Pod/app', 'spec.containers[0].env[1].value: container "app" sets DB_PASSWORD to a literal value'],
    ['Pod/app', 'spec.containers[0].env[2].value: container "app" sets STRIPE_API_KEY to a literal value'],
  ],
  'duplicate-env': [['Pod/app', 'spec.containers[0].env[2].name: container "app" defines LOG_LEVEL again (env[0])']],
  'secret-in-configmap': [
    ['ConfigMap/settings', 'data.DB_PASSWORD: is named like a credential; put it in a Secret'],
    ['ConfigMap/settings', 'data["server.pem"]: holds a private key'],
  ],
  'naked-pod': [['Pod/app', 'kind: a bare Pod is not replaced when it fails or its node goes away']],
  'missing-replicas': [
    ['Deployment/web', 'spec.replicas: 1: a single pod is down during every rollout'],
    ['Deployment/worker', 'spec.replicas: 1: a single pod'],
    ['Deployment/api', 'HorizontalPodAutoscaler/api minReplicas: 1: a single pod'],
  ],
  'single-writer': [
    ['Deployment/db', 'spec.template.spec.volumes[0].persistentVolumeClaim.claimName: PersistentVolumeClaim "db-data" (ReadWriteOnce) is mounted by the old and the new pod at once during a RollingUpdate rollout'],
    ['Pod/reader', 'spec.volumes[0].persistentVolumeClaim.claimName: PersistentVolumeClaim "shared" (ReadWriteOncePod) is also mounted by Pod/writer'],
    ['Pod/writer', 'spec.volumes[0].persistentVolumeClaim.claimName: PersistentVolumeClaim "shared" (ReadWriteOncePod) is also mounted by Pod/reader'],
  ],
  'pdb-missing': [
    ['Deployment/web', 'spec.replicas: 2: up to 2 pods but no policy/v1 PodDisruptionBudget selects the pod template labels {app=web}'],
    ['Deployment/api', 'HorizontalPodAutoscaler/api maxReplicas: 4: up to 4 pods but no policy/v1 PodDisruptionBudget selects the pod template labels {app=api}'],
  ],
  'network-policy-missing': [['Pod/app', 'spec: no NetworkPolicy podSelector in namespace "default" covers the pod labels {app=app}']],
  'invalid-waiver': [
    ['Pod/app', 'metadata.annotations["ignore-check.multi-k8s-cdk8s/latest-tag"]: needs a reason'],
    ['Pod/app', 'metadata.annotations["ignore-check.multi-k8s-cdk8s/latest-tags"]: names no rule'],
    ['Pod/app', 'metadata.annotations["ignore-check.multi-k8s-cdk8s/schema"]: waives schema, which cannot be waived'],
  ],
};

function findingsOf(rule: string, fixture: 'pass' | 'fail') {
  return validateManifests(loadManifestFile(path.join(FIXTURES, rule, `${fixture}.yaml`)));
}

test('the rule table has one entry per id and exactly the rules that have expected failures', () => {
  const ids = RULES.map((rule) => rule.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(Object.keys(FAILURES).sort());
});

test('every rule in the table has a pass and a fail fixture, and no other fixture folder exists', () => {
  for (const { id } of RULES) {
    expect([id, fs.existsSync(path.join(FIXTURES, id, 'pass.yaml')), fs.existsSync(path.join(FIXTURES, id, 'fail.yaml'))]).toEqual([id, true, true]);
  }
  expect(fs.readdirSync(FIXTURES).sort()).toEqual(RULES.map((rule) => rule.id).sort());
});

describe.each(RULES.map((rule) => [rule.id, rule.severity] as const))('%s', (id, severity) => {
  test('pass.yaml has no finding at all', () => {
    expect(findingsOf(id, 'pass')).toEqual([]);
  });

  test('fail.yaml fails with exactly this rule, on the expected objects and fields', () => {
    const findings = findingsOf(id, 'fail');
    expect(findings.map((f) => [f.rule, f.severity, `${f.kind}/${f.name}`])).toEqual(FAILURES[id].map(([object]) => [id, severity, object]));
    findings.forEach((finding, i) => expect(finding.message).toContain(FAILURES[id][i][1]));
  });
});
