import { Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import type * as certManager from '../imports/cert-manager.io';
import { INGRESS_CLASS, LETS_ENCRYPT_SERVERS } from './defaults';
import { PropsCheck } from './props-check';

// Let's Encrypt refuses addresses without a domain; this is what it can send mail to.
const EMAIL = /^[^@\s]+@[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/i;

/** Whether Let's Encrypt can take this as its account email: an address with a domain, such as "ops@example.com". */
export function isAcmeEmail(value: unknown): boolean {
  return typeof value === 'string' && EMAIL.test(value);
}

/** Props of a {@link LetsEncryptCertificate}: the names the certificate is for, and the account to ask with. */
export interface LetsEncryptCertificateProps {
  /** DNS names the certificate is for, e.g. the domain and `www.<domain>`. */
  readonly dnsNames: readonly string[];
  /** The ACME account's email, where Let's Encrypt writes about expiring certificates. */
  readonly email: string;
  /**
   * Use Let's Encrypt's staging endpoint: certificates no browser trusts, but rate limits that allow trying things out.
   * @default false (the production endpoint)
   */
  readonly staging?: boolean;
  /**
   * Name of the Secret the certificate and its key are written to.
   * @default "<first DNS name with dots as dashes>-tls"
   */
  readonly secretName?: string;
}

/**
 * A cert-manager ClusterIssuer for Let's Encrypt (ACME, HTTP-01 answered through ingress-nginx,
 * the account key in a Secret of the issuer's name) and a Certificate from it, the one owner of
 * the TLS Secret: the Ingress that serves it must not also carry cert-manager's ingress-shim
 * annotation. Needs cert-manager (with its CRDs) in the cluster.
 */
export class LetsEncryptCertificate extends Construct {
  /** The ClusterIssuer, `letsencrypt-production` or `letsencrypt-staging`: cluster-scoped, so it carries no namespace. */
  public readonly issuer: certManager.ClusterIssuer;
  /** The Certificate, named like its Secret, that cert-manager keeps issued and renewed. */
  public readonly certificate: certManager.Certificate;
  /** The Secret cert-manager writes the certificate to. */
  public readonly secretName: string;

  constructor(scope: Construct, id: string, props: LetsEncryptCertificateProps) {
    super(scope, id);
    const check = new PropsCheck(this, 'LetsEncryptCertificate');
    if (props.dnsNames.length === 0) check.fail('dnsNames', props.dnsNames, 'must hold at least one name');
    props.dnsNames.forEach((name) => check.dnsSubdomain('dnsNames', name));
    if (!isAcmeEmail(props.email)) {
      check.fail('email', props.email, 'must be an email address with a domain, such as "ops@example.com"');
    }
    this.secretName = check.dnsSubdomain('secretName', props.secretName ?? `${props.dnsNames[0].replace(/\./g, '-')}-tls`);
    const server = props.staging ? 'staging' : 'production';
    const issuerName = `letsencrypt-${server}`;

    // Loaded here, not at the top: the generated module is 0.9 MB, and only the charts that serve HTTPS need it.
    const { Certificate, ClusterIssuer } = require('../imports/cert-manager.io') as typeof certManager;
    this.issuer = new ClusterIssuer(this, 'issuer', {
      metadata: { name: issuerName },
      spec: {
        acme: {
          server: LETS_ENCRYPT_SERVERS[server],
          email: props.email,
          privateKeySecretRef: { name: issuerName },
          solvers: [{ http01: { ingress: { ingressClassName: INGRESS_CLASS } } }],
        },
      },
    });
    // A ClusterIssuer is cluster-scoped: a chart's namespace must not be stamped on it.
    if (Chart.of(this).namespace !== undefined) this.issuer.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    this.certificate = new Certificate(this, 'certificate', {
      metadata: { name: this.secretName },
      spec: {
        secretName: this.secretName,
        dnsNames: [...props.dnsNames],
        issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: issuerName },
      },
    });
  }
}
