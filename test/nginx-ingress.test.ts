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

  test('serves every host with the same routes, and TLS for all of them with an HTTP to HTTPS redirect, no ingress-shim annotation', () => {
    const ingress = findObject(synthIngress(() => ({
      hosts: ['fib.example.com', 'www.fib.example.com'], tls: { secretName: 'fib-example-com-tls' },
    })), 'Ingress', 'ingress');
    expect(ingress.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' });
    expect(ingress.spec.tls).toEqual([{ hosts: ['fib.example.com', 'www.fib.example.com'], secretName: 'fib-example-com-tls' }]);
    expect(ingress.spec.rules.map((r: any) => [r.host, r.http.paths.length])).toEqual([['fib.example.com', 1], ['www.fib.example.com', 1]]);
    expect(ingress.spec.rules[0].http).toEqual(ingress.spec.rules[1].http);
  });

  test.each<[string, (client: WebTier) => Partial<NginxIngressProps>, string]>([
    ['no routes', () => ({ routes: [] }), "NginxIngress 'test/ingress': routes must hold at least one route, got []"],
    ['relative path', (c) => ({ routes: [{ path: 'api', backend: c }] }), 'routes path must start with "/", got "api"'],
    ['regex without regexRewrite', (c) => ({ routes: [{ path: '/api/?(.*)', backend: c }] }), 'routes path must be a plain path prefix of letters, digits, "/", "_", "-" and "." (regex characters need regexRewrite: true), got "/api/?(.*)"'],
    ['a path character ingress-nginx refuses under Prefix', (c) => ({ routes: [{ path: '/api~v1', backend: c }] }), 'routes path must be a plain path prefix of letters, digits, "/", "_", "-" and "." (regex characters need regexRewrite: true), got "/api~v1"'],
    ['a path sequence the API server refuses under Prefix', (c) => ({ routes: [{ path: '/api//v1', backend: c }] }), 'routes path must not contain "//", got "/api//v1"'],
    ['invalid regex', (c) => ({ regexRewrite: true, routes: [{ path: '/api/(.*', backend: c }] }), 'routes path must be a valid regular expression, got "/api/(.*"'],
    ['regex without capture group', (c) => ({ regexRewrite: true, routes: [{ path: '/api/.*', backend: c }] }), 'routes path must have a capture group: rewrite-target forwards "/$1", got "/api/.*"'],
    ['duplicate path', (c) => ({ routes: [{ path: '/', backend: c }, { path: '/', backend: c }] }), 'routes path appears twice, got "/"'],
    ['host', () => ({ hosts: ['Fib_Example.com'] }), 'hosts must be lower-case DNS names such as "fib.example.com" (optionally "*." in front), got "Fib_Example.com"'],
    ['repeated host', () => ({ hosts: ['a.example.com', 'a.example.com'] }), 'hosts must not repeat a name, got ["a.example.com","a.example.com"]'],
    ['tls without hosts', () => ({ tls: { secretName: 'tls' } }), 'tls needs hosts: a certificate is issued for names, got {"secretName":"tls"}'],
    ['tls secret name', () => ({ hosts: ['fib.example.com'], tls: { secretName: 'TLS' } }), 'tls.secretName must be a DNS-1123 subdomain'],
    ['name', () => ({ name: 'Ingress' }), "NginxIngress 'test/ingress': name must be a DNS-1123 subdomain"],
  ])('refuses %s', (_case, props, message) => {
    expect(() => synthIngress(props)).toThrow(message);
  });
});
