import { LetsEncryptCertificate, LetsEncryptCertificateProps } from '../lib/lets-encrypt-certificate';
import { findObject, synthIn } from './synth';

const props: LetsEncryptCertificateProps = { dnsNames: ['shop.example.com'], email: 'ops@example.com' };
const synth = (override: Partial<LetsEncryptCertificateProps> = {}, namespace?: string) =>
  synthIn((scope) => new LetsEncryptCertificate(scope, 'tls', { ...props, ...override }), {}, { namespace });

describe('LetsEncryptCertificate', () => {
  test('a ClusterIssuer (cluster-scoped even in a namespaced chart) and a Certificate in the chart\'s namespace', () => {
    const manifests = synth({ secretName: 'shop-tls' }, 'shop');
    expect(findObject(manifests, 'ClusterIssuer', 'letsencrypt-production').metadata.namespace).toBeUndefined();
    expect(findObject(manifests, 'Certificate', 'shop-tls')).toMatchObject({
      metadata: { namespace: 'shop' },
      spec: { secretName: 'shop-tls', dnsNames: ['shop.example.com'], issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt-production' } },
    });
  });

  test.each([
    [{ dnsNames: [] }, 'dnsNames must hold at least one name, got []'],
    [{ dnsNames: ['Shop.example.com'] }, 'dnsNames must be a DNS-1123 subdomain'],
    [{ email: 'ops' }, 'email must be an email address with a domain, such as "ops@example.com", got "ops"'],
    [{ secretName: 'Shop_TLS' }, 'secretName must be a DNS-1123 subdomain'],
  ])('refuses %j', (override, message) => {
    expect(() => synth(override)).toThrow(`LetsEncryptCertificate 'test/tls': ${message}`);
  });
});
