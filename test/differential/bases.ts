// Typical, valid objects of every kind the gate validates: the bases the differential mutates, beside the
// project's own outputs. Each one is accepted by the API server as it is (the recording checks that).

const labels = (app: string) => ({ 'app.kubernetes.io/name': app });

const container = (name: string, port: number) => ({
  name,
  image: 'registry.example.com/web:1.4.2',
  imagePullPolicy: 'IfNotPresent',
  ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
  env: [
    { name: 'MODE', value: 'production' },
    { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'pgpassword', key: 'PGPASSWORD' } } },
    { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
  ],
  envFrom: [{ configMapRef: { name: 'settings' } }],
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
  livenessProbe: { tcpSocket: { port: port }, initialDelaySeconds: 5, periodSeconds: 20 },
  volumeMounts: [
    { name: 'config', mountPath: '/etc/web', readOnly: true },
    { name: 'tmp', mountPath: '/tmp' },
  ],
  securityContext: {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: 1000,
    capabilities: { drop: ['ALL'] },
  },
});

const podSpec = (restartPolicy: string) => ({
  restartPolicy,
  automountServiceAccountToken: false,
  securityContext: { runAsNonRoot: true, fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [container('web', 8080)],
  volumes: [
    { name: 'config', configMap: { name: 'settings', items: [{ key: 'app.conf', path: 'app.conf' }] } },
    { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
  ],
  tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }],
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels('web') } }],
});

const template = (app: string, restartPolicy = 'Always') => ({ metadata: { labels: labels(app) }, spec: podSpec(restartPolicy) });

export const BASES: Readonly<Record<string, Record<string, any>>> = {
  Deployment: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: labels('web'), annotations: { 'example.com/owner': 'team-web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels('web') },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      minReadySeconds: 5,
      progressDeadlineSeconds: 600,
      revisionHistoryLimit: 5,
      template: template('web'),
    },
  },
  StatefulSet: {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', labels: labels('db') },
    spec: {
      serviceName: 'db-peers',
      replicas: 1,
      selector: { matchLabels: labels('db') },
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: {
        metadata: { labels: labels('db') },
        spec: {
          ...podSpec('Always'),
          // The container mounts the claim template's volume, which the pod spec itself does not list.
          containers: [{ ...container('db', 5432), volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }, { name: 'tmp', mountPath: '/tmp' }] }],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  },
  DaemonSet: {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: {
      selector: { matchLabels: labels('agent') },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      template: template('agent'),
    },
  },
  Job: {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'migrate' },
    spec: { backoffLimit: 3, completions: 1, parallelism: 1, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 3600, template: template('migrate', 'Never') },
  },
  CronJob: {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'backup' },
    spec: {
      schedule: '30 2 * * *',
      timeZone: 'Europe/Paris',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { spec: { backoffLimit: 2, template: template('backup', 'OnFailure') } },
    },
  },
  Pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', labels: labels('debug') }, spec: podSpec('Always') },
  Service: {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: {
      type: 'ClusterIP',
      selector: labels('web'),
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
        { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' },
      ],
    },
  },
  NodePortService: {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web-public' },
    spec: { type: 'NodePort', externalTrafficPolicy: 'Local', selector: labels('web'), ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] },
  },
  HeadlessService: {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'db-peers' },
    spec: { clusterIP: 'None', selector: labels('db'), ports: [{ port: 5432 }] },
  },
  ExternalNameService: {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'mail' },
    spec: { type: 'ExternalName', externalName: 'smtp.example.com' },
  },
  EndpointSlice: {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'db-external', labels: { 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'team.example.com' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.20.30.40'], conditions: { ready: true }, hostname: 'db-0', zone: 'eu-west-1a' }],
    ports: [{ name: 'pg', port: 5432, protocol: 'TCP', appProtocol: 'postgresql' }],
  },
  Ingress: {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' } },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['example.com', 'www.example.com'], secretName: 'web-tls' }],
      rules: [
        {
          host: 'example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
              { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } } },
            ],
          },
        },
        { host: '*.example.com', http: { paths: [{ path: '/', pathType: 'Exact', backend: { service: { name: 'web', port: { number: 80 } } } }] } },
      ],
    },
  },
  NetworkPolicy: {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'web' },
    spec: {
      podSelector: { matchLabels: labels('web') },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: labels('ingress') }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
            { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
          ],
          ports: [{ protocol: 'TCP', port: 8080 }, { port: 'http' }],
        },
      ],
      egress: [
        { to: [{ podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['db', 'cache'] }] } }], ports: [{ port: 5432, endPort: 5433 }] },
        { to: [{ namespaceSelector: {} }], ports: [{ protocol: 'UDP', port: 53 }] },
      ],
    },
  },
  PodDisruptionBudget: {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web' },
    spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: labels('web') } },
  },
  HorizontalPodAutoscaler: {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } } },
      ],
      behavior: {
        scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
        scaleUp: { policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
      },
    },
  },
  PersistentVolumeClaim: {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', volumeMode: 'Filesystem', resources: { requests: { storage: '5Gi' } } },
  },
  ConfigMap: {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings' },
    data: { 'app.conf': 'mode=production\n', MODE: 'production' },
    binaryData: { 'logo.png': 'iVBORw0KGgo=' },
  },
  Secret: {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'pgpassword' },
    type: 'Opaque',
    data: { PGPASSWORD: 'c2VjcmV0' },
    stringData: { 'config.ini': 'user=app' },
  },
  TlsSecret: {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'web-tls' },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5' },
  },
  ServiceAccount: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' }, automountServiceAccountToken: false },
  Namespace: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'differential-ns', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
  Certificate: {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: 'web' },
    spec: {
      secretName: 'web-tls',
      dnsNames: ['example.com', 'www.example.com'],
      duration: '2160h',
      renewBefore: '360h',
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      usages: ['server auth', 'digital signature'],
      issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer', group: 'cert-manager.io' },
    },
  },
  ClusterIssuer: {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name: 'letsencrypt' },
    spec: {
      acme: {
        server: 'https://acme-v02.api.letsencrypt.org/directory',
        email: 'ops@example.com',
        privateKeySecretRef: { name: 'letsencrypt-account' },
        solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }],
      },
    },
  },
  Issuer: { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'self-signed' }, spec: { selfSigned: {} } },
};
