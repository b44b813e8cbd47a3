import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { prefixPathProblem } from '../gate/api/networking';
import { NGINX_PLAIN_PATH } from '../gate/ingress-nginx/paths-and-annotations';
import * as k8s from '../imports/k8s';
import { INGRESS_CLASS, INGRESS_NGINX_CONTROLLER_LABELS, INGRESS_NGINX_NAMESPACE } from './defaults';
import { PropsCheck } from './props-check';
import { WebTier } from './web-tier';

const WILDCARD_OR_DNS_HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A path of an {@link NginxIngress} and the tier that serves it. */
export interface IngressRoute {
  /** Request path: a plain prefix such as "/api", or with `regexRewrite` a regex such as "/api/?(.*)". */
  readonly path: string;
  /** The tier that serves the path, at its Service's `serviceName` and `servicePort`. */
  readonly backend: WebTier;
}

/** HTTPS for the hosts of an {@link NginxIngress}. */
export interface IngressTls {
  /** Secret that holds (or, with a {@link LetsEncryptCertificate}, will hold) the certificate for all `hosts`. */
  readonly secretName: string;
}

/** Props of an {@link NginxIngress}: its routes and, optionally, its hosts and certificate. */
export interface NginxIngressProps {
  /** Paths and the tiers that serve them. */
  readonly routes: readonly IngressRoute[];
  /**
   * Name of the Ingress.
   * @default the construct id
   */
  readonly name?: string;
  /**
   * Treat paths as regexes and forward only the first capture group (`rewrite-target: /$1`),
   * the style of the multi-k8s course: "/api/?(.*)" reaches the API as "/values/all".
   * @default false: paths are prefixes, forwarded unchanged
   */
  readonly regexRewrite?: boolean;
  /**
   * Host names the routes answer for, each with the same routes.
   * @default every host (the minikube IP, for instance)
   */
  readonly hosts?: readonly string[];
  /**
   * Serve HTTPS for `hosts` with this certificate, and redirect HTTP to HTTPS.
   * @default plain HTTP
   */
  readonly tls?: IngressTls;
  /**
   * Namespace of the ingress-nginx controller pods, which NetworkPolicies let reach each backend's port.
   * @default INGRESS_NGINX_NAMESPACE ("ingress-nginx": minikube's addon and the official manifests)
   */
  readonly controllerNamespace?: string;
}

/**
 * An ingress-nginx Ingress (networking.k8s.io/v1, ingressClassName nginx) routing paths to
 * WebTiers, whose NetworkPolicies let the controller pods reach their port.
 */
export class NginxIngress extends Construct {
  /** The Ingress object. */
  public readonly ingress: k8s.KubeIngress;
  /** The ingress-nginx controller pods, as a peer for NetworkPolicies. */
  public readonly controller: kplus.Pods;

  constructor(scope: Construct, id: string, props: NginxIngressProps) {
    super(scope, id);
    const check = new PropsCheck(this, 'NginxIngress');
    const name = check.dnsSubdomain('name', props.name ?? id);
    const regex = props.regexRewrite ?? false;
    if (props.routes.length === 0) check.fail('routes', props.routes, 'must hold at least one route');
    const seen = new Set<string>();
    for (const { path } of props.routes) {
      checkPath(check, path, regex);
      if (seen.has(path)) check.fail('routes path', path, 'appears twice');
      seen.add(path);
    }
    const hosts = props.hosts ?? [];
    for (const host of hosts) {
      if (typeof host !== 'string' || host.length > 253 || !WILDCARD_OR_DNS_HOST.test(host)) {
        check.fail('hosts', host, 'must be lower-case DNS names such as "fib.example.com" (optionally "*." in front)');
      }
    }
    if (new Set(hosts).size !== hosts.length) check.fail('hosts', hosts, 'must not repeat a name');
    const controllerNamespace = check.dnsLabel('controllerNamespace', props.controllerNamespace ?? INGRESS_NGINX_NAMESPACE);
    if (props.tls) {
      if (hosts.length === 0) check.fail('tls', props.tls, 'needs hosts: a certificate is issued for names');
      check.dnsSubdomain('tls.secretName', props.tls.secretName);
    }

    const annotations = {
      ...(regex ? { 'nginx.ingress.kubernetes.io/use-regex': 'true', 'nginx.ingress.kubernetes.io/rewrite-target': '/$1' } : {}),
      // ingress-nginx's default too once TLS is set; explicit here. ACME HTTP-01 challenges stay on
      // HTTP (its no-tls-redirect-locations default is /.well-known/acme-challenge).
      ...(props.tls ? { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' } : {}),
    };
    const paths = props.routes.map(({ path, backend }) => ({
      path,
      // ingress-nginx 1.8+ rejects regex paths under Prefix.
      pathType: regex ? 'ImplementationSpecific' : 'Prefix',
      backend: { service: { name: backend.serviceName, port: { number: backend.servicePort } } },
    }));
    this.ingress = new k8s.KubeIngress(this, 'ingress', {
      metadata: { name, ...(Object.keys(annotations).length ? { annotations } : {}) },
      spec: {
        ingressClassName: INGRESS_CLASS,
        tls: props.tls && [{ hosts: [...hosts], secretName: props.tls.secretName }],
        rules: hosts.length ? hosts.map((host) => ({ host, http: { paths } })) : [{ http: { paths } }],
      },
    });
    this.controller = kplus.Pods.select(this, 'controller', {
      labels: INGRESS_NGINX_CONTROLLER_LABELS,
      namespaces: kplus.Namespaces.select(this, 'controller-namespace', { names: [controllerNamespace] }),
    });
    for (const { backend } of props.routes) backend.allowFrom(this.controller);
  }
}

function checkPath(check: PropsCheck, path: string, regex: boolean): void {
  if (typeof path !== 'string' || !path.startsWith('/')) check.fail('routes path', path, 'must start with "/"');
  if (!regex) {
    if (!NGINX_PLAIN_PATH.test(path)) check.fail('routes path', path, 'must be a plain path prefix of letters, digits, "/", "_", "-" and "." (regex characters need regexRewrite: true)');
    const problem = prefixPathProblem(path);
    if (problem) check.fail('routes path', path, problem);
    return;
  }
  let groups: number;
  try {
    groups = new RegExp(`^${path}$|`).exec('')!.length - 1;
  } catch {
    return check.fail('routes path', path, 'must be a valid regular expression');
  }
  if (groups < 1) check.fail('routes path', path, 'must have a capture group: rewrite-target forwards "/$1"');
  if (/\s/.test(path)) check.fail('routes path', path, 'must not contain white space');
}
