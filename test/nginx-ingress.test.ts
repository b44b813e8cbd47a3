import { Construct } from 'constructs';
import { NginxIngress, NginxIngressProps } from '../lib/nginx-ingress';
import { WebTier } from '../lib/web-tier';
import { findObject, synthIn } from './synth';

function synthIngress(props: (client: WebTier, server: WebTier) => Partial<NginxIngressProps>) {
  return synthIn((scope: Construct) => {
    const client = new WebTier(scope, 'client', { image: 'nginx:1.25.3', port: 3000 });
    const server = new WebTier(scope, 'server', { image: 'node:20-alpine', port: 5000, servicePort: 80 });
    new NginxIngress(scope, 'ingress', { routes: [{ path: '/', backend: client }], ...props(client, server) });
  });
}

describe('NginxIngress', () => {
  test('routes prefixes to the tiers\' Services and ports with ingressClassName nginx', () => {
    const ingress = findObject(synthIngress((client, server) => ({
      routes: [{ path: '/', backend: client }, { path: '/api', backend: server }],
    })), 'Ingress', 'ingress');
    expect(ingress.apiVersion).toBe('networking.k8s.io/v1');
    expect(ingress.metadata.annotations).toBeUndefined();
    expect(ingress.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{
        http: {
          paths: [
            { path: '/', pathType: 'Prefix', backend: { service: { name: 'client', port: { number: 3000 } } } },
            { path: '/api', pathType: 'Prefix', backend: { service: { name: 'server', port: { number: 80 } } } },
          ],
        },
      }],
    });
  });

  test('regex paths with rewrite use ImplementationSpecific and the rewrite annotations', () => {
    const ingress = findObject(synthIngress((client, server) => ({
      name: 'ingress-service',
      regexRewrite: true,
      routes: [{ path: '/?(.*)', backend: client }, { path: '/api/?(.*)', backend: server }],
    })), 'Ingress', 'ingress-service');
    expect(ingress.metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/use-regex': 'true',
      'nginx.ingress.kubernetes.io/rewrite-target': '/$1',
    });
    expect(ingress.spec.rules[0].http.paths.map((p: any) => [p.path, p.pathType])).toEqual([
      ['/?(.*)', 'ImplementationSpecific'], ['/api/?(.*)', 'ImplementationSpecific'],
    ]);
  });

  test('serves TLS for a host, with a cert-manager issuer when asked', () => {
    const ingress = findObject(synthIngress(() => ({
      host: 'fib.example.com', tls: { secretName: 'fib-example-com-tls', clusterIssuer: 'letsencrypt-prod' },
    })), 'Ingress', 'ingress');
    expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
    expect(ingress.spec.tls).toEqual([{ hosts: ['fib.example.com'], secretName: 'fib-example-com-tls' }]);
    expect(ingress.spec.rules[0].host).toBe('fib.example.com');
  });

  test.each<[string, (client: WebTier) => Partial<NginxIngressProps>, string]>([
    ['no routes', () => ({ routes: [] }), "NginxIngress 'test/ingress': routes must hold at least one route, got []"],
    ['relative path', (c) => ({ routes: [{ path: 'api', backend: c }] }), 'routes path must start with "/", got "api"'],
    ['regex without regexRewrite', (c) => ({ routes: [{ path: '/api/?(.*)', backend: c }] }), 'routes path must be a plain path prefix (regex characters need regexRewrite: true), got "/api/?(.*)"'],
    ['invalid regex', (c) => ({ regexRewrite: true, routes: [{ path: '/api/(.*', backend: c }] }), 'routes path must be a valid regular expression, got "/api/(.*"'],
    ['regex without capture group', (c) => ({ regexRewrite: true, routes: [{ path: '/api/.*', backend: c }] }), 'routes path must have a capture group: rewrite-target forwards "/$1", got "/api/.*"'],
    ['duplicate path', (c) => ({ routes: [{ path: '/', backend: c }, { path: '/', backend: c }] }), 'routes path appears twice, got "/"'],
    ['host', () => ({ host: 'Fib_Example.com' }), 'host must be a lower-case DNS name such as "fib.example.com" (optionally "*." in front), got "Fib_Example.com"'],
    ['tls without host', () => ({ tls: { secretName: 'tls' } }), 'tls needs a host: a certificate is issued for a name, got {"secretName":"tls"}'],
    ['tls secret name', () => ({ host: 'fib.example.com', tls: { secretName: 'TLS' } }), 'tls.secretName must be a DNS-1123 subdomain'],
    ['name', () => ({ name: 'Ingress' }), "NginxIngress 'test/ingress': name must be a DNS-1123 subdomain"],
  ])('refuses %s', (_case, props, message) => {
    expect(() => synthIngress(props)).toThrow(message);
  });
});
