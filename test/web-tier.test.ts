import { REQUIRE_PINNED_IMAGES } from '../lib/props-check';
import { ServiceType, WebTier, WebTierProps } from '../lib/web-tier';
import { PasswordSecretRef } from '../lib/password-secret-ref';
import { containerOf, findObject, synthIn } from './synth';

const base: WebTierProps = { image: 'nginx:1.25.3', port: 8080 };
const synthTier = (props: Partial<WebTierProps> = {}) => synthIn((scope) => new WebTier(scope, 'web', { ...base, ...props }));

describe('WebTier', () => {
  test('emits a Deployment and a ClusterIP Service whose selector and ports line up', () => {
    const manifests = synthTier();
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(['Deployment/web', 'Service/web']);
    const deployment = findObject(manifests, 'Deployment', 'web');
    const service = findObject(manifests, 'Service', 'web');
    expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(deployment.spec.template.metadata.labels).toEqual({ app: 'web' });
    expect(service.spec).toEqual({
      type: 'ClusterIP',
      selector: { app: 'web' },
      ports: [{ port: 8080, targetPort: 8080, protocol: 'TCP' }],
    });
    expect(containerOf(deployment).ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
  });

  test('chooses its own defaults instead of cdk8s-plus ones: 1 replica, small resources, pull only moving tags', () => {
    const deployment = findObject(synthTier(), 'Deployment', 'web');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    const container = containerOf(deployment);
    expect(container.resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(container.imagePullPolicy).toBe('IfNotPresent');
    expect(containerOf(findObject(synthTier({ image: 'nginx' }), 'Deployment', 'web')).imagePullPolicy).toBe('Always');
    expect(containerOf(findObject(synthTier({ image: 'nginx:latest' }), 'Deployment', 'web')).imagePullPolicy).toBe('Always');
  });

  test('hardens the pod without forcing non-root on images that start as root', () => {
    const deployment = findObject(synthTier({ addCapabilities: ['CHOWN'] }), 'Deployment', 'web');
    const pod = deployment.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.enableServiceLinks).toBe(false);
    expect(pod.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
    expect(containerOf(deployment).securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: false,
      capabilities: { drop: ['ALL'], add: ['CHOWN'] },
    });
  });

  test('runs as a given non-root user with a read-only root filesystem when asked', () => {
    const deployment = findObject(synthTier({ runAsUser: 101, readOnlyRootFilesystem: true }), 'Deployment', 'web');
    expect(deployment.spec.template.spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' }, fsGroup: 101 });
    expect(containerOf(deployment).securityContext).toMatchObject({
      runAsNonRoot: true, runAsUser: 101, runAsGroup: 101, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] },
    });
  });

  test('probes the container port: startup, readiness and liveness', () => {
    const container = containerOf(findObject(synthTier(), 'Deployment', 'web'));
    const tcpSocket = { port: 8080 };
    expect(container.startupProbe).toEqual({ tcpSocket, periodSeconds: 5, failureThreshold: 30 });
    expect(container.readinessProbe).toEqual({ tcpSocket, periodSeconds: 5, failureThreshold: 3 });
    expect(container.livenessProbe).toEqual({ tcpSocket, periodSeconds: 10, failureThreshold: 6 });
  });

  test('takes names, selector labels, replicas, env and secret env', () => {
    const manifests = synthIn((scope) => {
      const password = new PasswordSecretRef(scope, 'pw', { secretName: 'pgpassword', key: 'PGPASSWORD' });
      new WebTier(scope, 'server', {
        ...base,
        name: 'server-deployment', serviceName: 'server-cluster-ip-service', containerName: 'server',
        selectorLabels: { component: 'server' }, replicas: 3,
        env: { REDIS_HOST: 'redis' }, secretEnv: { PGPASSWORD: password },
      });
    });
    const deployment = findObject(manifests, 'Deployment', 'server-deployment');
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.metadata.annotations).toEqual({ 'multi-k8s-cdk8s/external-secrets': 'pgpassword' });
    expect(deployment.spec.selector.matchLabels).toEqual({ component: 'server' });
    expect(containerOf(deployment).name).toBe('server');
    expect(containerOf(deployment).env).toEqual([
      { name: 'REDIS_HOST', value: 'redis' },
      { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'pgpassword', key: 'PGPASSWORD' } } },
    ]);
    expect(findObject(manifests, 'Service', 'server-cluster-ip-service').spec.selector).toEqual({ component: 'server' });
  });

  test('exposes a NodePort Service on a fixed node port and a service port of its own', () => {
    const service = findObject(synthTier({ port: 80, servicePort: 8080, serviceType: ServiceType.NODE_PORT, nodePort: 31000 }), 'Service', 'web');
    expect(service.spec.type).toBe('NodePort');
    expect(service.spec.ports).toEqual([{ port: 8080, targetPort: 80, protocol: 'TCP', nodePort: 31000 }]);
    expect(findObject(synthTier({ serviceType: ServiceType.LOAD_BALANCER }), 'Service', 'web').spec.type).toBe('LoadBalancer');
  });

  describe('refuses bad input, naming the construct, field and value', () => {
    test.each<[string, Partial<WebTierProps>, string]>([
      ['port 0', { port: 0 }, "WebTier 'test/web': port must be an integer from 1 to 65535, got 0"],
      ['port 70000', { port: 70000 }, 'port must be an integer from 1 to 65535, got 70000'],
      ['fractional port', { port: 80.5 }, 'port must be an integer from 1 to 65535, got 80.5'],
      ['servicePort', { servicePort: -1 }, 'servicePort must be an integer from 1 to 65535, got -1'],
      ['negative replicas', { replicas: -1 }, 'replicas must be an integer from 0 to 1000, got -1'],
      ['fractional replicas', { replicas: 1.5 }, 'replicas must be an integer from 0 to 1000, got 1.5'],
      ['absurd replicas', { replicas: 30000 }, 'replicas must be an integer from 0 to 1000, got 30000'],
      ['name', { name: 'Bad_Name' }, "name must be a DNS-1123 subdomain (dot-separated DNS-1123 labels: lowercase letters, digits, '-' and '.'), at most 253 characters, got \"Bad_Name\""],
      ['service name with a dot', { serviceName: 'web.svc' }, "serviceName must be a DNS-1035 label (lowercase letters, digits and '-', starting with a letter and ending with a letter or digit), at most 63 characters, got \"web.svc\""],
      ['service name starting with a digit', { serviceName: '1web' }, 'serviceName must be a DNS-1035 label'],
      ['container name', { containerName: 'Web' }, 'containerName must be a DNS-1123 label'],
      ['image', { image: 'Nginx:1.25' }, 'image must be an image reference'],
      ['image with a space', { image: 'nginx 1.25' }, 'got "nginx 1.25"'],
      ['service type', { serviceType: 'External' as ServiceType }, 'serviceType must be one of ClusterIP, NodePort, LoadBalancer, got "External"'],
      ['nodePort on ClusterIP', { nodePort: 31000 }, 'nodePort needs serviceType NodePort or LoadBalancer, got 31000'],
      ['nodePort out of range', { serviceType: ServiceType.NODE_PORT, nodePort: 8080 }, 'nodePort must be an integer from 30000 to 32767, got 8080'],
      ['selector label value', { selectorLabels: { app: 'web tier' } }, "selectorLabels[\"app\"] must be empty or letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters, got \"web tier\""],
      ['selector label key', { selectorLabels: { 'bad key': 'web' } }, "selectorLabels key must have a name part of letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters, got \"bad key\""],
      ['empty selector', { selectorLabels: {} }, 'selectorLabels must hold at least one label, got {}'],
      ['env name', { env: { '1BAD': 'x' } }, 'env name must be an environment variable name ([-._a-zA-Z][-._a-zA-Z0-9]*), got "1BAD"'],
      ['literal password', { env: { DB_PASSWORD: 'hunter2' } }, 'env["DB_PASSWORD"] looks like a credential and must not be a literal'],
      ['cpu quantity', { resources: { cpuRequest: 'lots', memoryRequest: '64Mi', cpuLimit: '1', memoryLimit: '1Gi' } }, 'resources.cpuRequest must be a positive Kubernetes quantity'],
      ['zero memory', { resources: { cpuRequest: '1', memoryRequest: '0', cpuLimit: '1', memoryLimit: '1Gi' } }, 'resources.memoryRequest must be a positive Kubernetes quantity such as "250m", "128Mi" or "2Gi", got "0"'],
      ['request above limit', { resources: { cpuRequest: '2', memoryRequest: '64Mi', cpuLimit: '500m', memoryLimit: '1Gi' } }, 'resources.cpuRequest must not exceed resources.cpuLimit (500m), got "2"'],
      ['forbidden capability', { addCapabilities: ['SYS_ADMIN'] }, 'addCapabilities must be a capability name such as "CHOWN" (no CAP_ prefix), and not one of SYS_ADMIN, NET_ADMIN, NET_RAW, ALL, got "SYS_ADMIN"'],
      ['raw sockets', { addCapabilities: ['NET_RAW'] }, 'got "NET_RAW"'],
      ['waiver of a rule that is not waivable', { gateWaivers: { schema: 'no' } as object }, 'gateWaivers must name a waivable rule of the gate (see docs/gate.md), got "schema"'],
      ['waiver without a reason', { gateWaivers: { 'run-as-root': ' ' } }, 'gateWaivers["run-as-root"] must give the reason, got " "'],
      ['capability with CAP_ prefix', { addCapabilities: ['CAP_SYS_ADMIN'] }, 'got "CAP_SYS_ADMIN"'],
      ['lower-case capability', { addCapabilities: ['chown'] }, 'got "chown"'],
      ['root user id', { runAsUser: 0 }, 'runAsUser must be an integer from 1 to 2147483647, got 0'],
      ['image pull policy', { imagePullPolicy: 'Sometimes' as 'Always' }, 'imagePullPolicy must be one of Always, IfNotPresent, Never, got "Sometimes"'],
    ])('%s', (_case, props, message) => {
      expect(() => synthTier(props)).toThrow(message);
    });

    test('secretEnv that repeats an env name', () => {
      expect(() => synthIn((scope) => new WebTier(scope, 'web', {
        ...base,
        env: { PGHOST: 'db' },
        secretEnv: { PGHOST: new PasswordSecretRef(scope, 'pw', { secretName: 'pw', key: 'k' }) },
      }))).toThrow("WebTier 'test/web': secretEnv name is also set in env, got \"PGHOST\"");
    });

    test('untagged or latest images in production, while dev accepts them', () => {
      const production = { [REQUIRE_PINNED_IMAGES]: true };
      const tier = (image: string) => synthIn((scope) => new WebTier(scope, 'web', { ...base, image }), production);
      expect(() => tier('stephengrider/multi-client')).toThrow(
        "WebTier 'test/web': image must carry a tag other than \"latest\" or a digest in production, got \"stephengrider/multi-client\"");
      expect(() => tier('stephengrider/multi-client:latest')).toThrow('got "stephengrider/multi-client:latest"');
      expect(() => tier('registry:5000/multi-client')).toThrow('got "registry:5000/multi-client"');
      expect(tier('stephengrider/multi-client:3f1c2ab')).toHaveLength(2);
      expect(tier(`nginx@sha256:${'a'.repeat(64)}`)).toHaveLength(2);
      expect(synthTier({ image: 'stephengrider/multi-client:latest' })).toHaveLength(2);
    });
  });
});
