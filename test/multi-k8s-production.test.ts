// The production output for the README's fixed inputs: HTTPS through cert-manager, the user's images by git SHA.
import { Testing, Yaml } from 'cdk8s';
import { MultiK8sChart } from '../apps/multi-k8s/chart';
import { DEV_CONFIG } from '../apps/multi-k8s/config';
import { addedIngressPaths } from './multi-k8s-tiers';
import { PRODUCTION_CONFIG } from './production-config';
import { containerOf, findObject, Manifest } from './synth';

const manifests = Testing.synth(new MultiK8sChart(Testing.app(), 'multi-k8s', PRODUCTION_CONFIG)) as Manifest[];
const HOSTS = ['k8s-multi.example.com', 'www.k8s-multi.example.com'];

describe('MultiK8sChart (production)', () => {
  test('a cluster-scoped Let\'s Encrypt ClusterIssuer: ACME, HTTP-01 through ingress class nginx, account key in a Secret', () => {
    expect(findObject(manifests, 'ClusterIssuer', 'letsencrypt-production')).toEqual({
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'letsencrypt-production', labels: { 'app.kubernetes.io/part-of': 'multi-k8s' } },
      spec: {
        acme: {
          server: 'https://acme-v02.api.letsencrypt.org/directory',
          email: 'ops@example.com',
          privateKeySecretRef: { name: 'letsencrypt-production' },
          solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }],
        },
      },
    });
  });

  test('a Certificate for the domain and www from that issuer, into the TLS Secret the Ingress serves', () => {
    expect(findObject(manifests, 'Certificate', 'k8s-multi-example-com-tls').spec).toEqual({
      secretName: 'k8s-multi-example-com-tls',
      dnsNames: HOSTS,
      issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt-production' },
    });
  });

  test('the Ingress answers both hosts with the course routes, over TLS, redirecting HTTP; only the Certificate owns the Secret', () => {
    const ingress = findObject(manifests, 'Ingress', 'ingress-service');
    expect(ingress.spec.tls).toEqual([{ hosts: HOSTS, secretName: 'k8s-multi-example-com-tls' }]);
    expect(ingress.spec.rules.map((rule: any) => [rule.host, rule.http.paths.map((p: any) => `${p.path} ${p.backend.service.name}`)])).toEqual(
      HOSTS.map((host) => [host, [
        '/?(.*) client-cluster-ip-service',
        '/api/?(.*) server-cluster-ip-service',
        ...addedIngressPaths().map(({ path, serviceName }) => `${path} ${serviceName}`),
      ]]));
    expect(ingress.metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/use-regex': 'true',
      'nginx.ingress.kubernetes.io/rewrite-target': '/$1',
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
    });
  });

  test('no old cert-manager API (certmanager.k8s.io, acme.config) appears', () => {
    const yaml = Yaml.stringify(...manifests);
    expect(yaml).not.toContain('certmanager.k8s.io');
    expect(yaml).not.toMatch(/^\s+config:/m);
  });

  test('the app images are the user\'s, at the git SHA; Postgres and Redis stay pinned by the config', () => {
    const image = (kind: string, name: string) => containerOf(findObject(manifests, kind, name)).image;
    expect([image('Deployment', 'client-deployment'), image('Deployment', 'server-deployment'), image('Deployment', 'worker-deployment')]).toEqual([
      'registry.example.com/team/multi-client:3f1c2ab9d8e7', 'registry.example.com/team/multi-server:3f1c2ab9d8e7', 'registry.example.com/team/multi-worker:3f1c2ab9d8e7',
    ]);
    expect([image('StatefulSet', 'postgres-statefulset'), image('StatefulSet', 'redis-statefulset')]).toEqual([DEV_CONFIG.images.postgres, DEV_CONFIG.images.redis]);
    expect(findObject(manifests, 'Deployment', 'server-deployment').metadata.annotations).toEqual({
      'ignore-check.multi-k8s-cdk8s/run-as-root': 'the image sets no USER and is not known to run as any other user',
      'ignore-check.multi-k8s-cdk8s/writable-root-filesystem': 'the image is not known to run on a read-only filesystem',
      'multi-k8s-cdk8s/external-secrets': 'pgpassword',
    });
  });

  test('the staging endpoint while trying things out', () => {
    const staging = Testing.synth(new MultiK8sChart(Testing.app(), 'multi-k8s', { ...PRODUCTION_CONFIG, letsEncrypt: { email: 'ops@example.com', staging: true } })) as Manifest[];
    expect(findObject(staging, 'ClusterIssuer', 'letsencrypt-staging').spec.acme.server).toBe('https://acme-staging-v02.api.letsencrypt.org/directory');
    expect(findObject(staging, 'Certificate', 'k8s-multi-example-com-tls').spec.issuerRef.name).toBe('letsencrypt-staging');
  });

  test('HTTPS without a domain fails, naming the chart and the value', () => {
    expect(() => new MultiK8sChart(Testing.app(), 'multi-k8s', { ...PRODUCTION_CONFIG, domain: undefined })).toThrow(
      "MultiK8sChart 'multi-k8s': letsEncrypt needs a domain to certify, got {\"email\":\"ops@example.com\",\"staging\":false} and no domain");
  });

  test('snapshot for review, as the YAML that lands in dist/', () => {
    expect(Yaml.stringify(...manifests)).toMatchSnapshot();
  });
});
