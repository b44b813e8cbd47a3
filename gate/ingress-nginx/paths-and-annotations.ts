// What ingress-nginx rejects or silently ignores in the Ingresses of its class. Sources: kubernetes/ingress-nginx
// docs/user-guide/ingress-path-matching.md (regex paths), docs/user-guide/nginx-configuration/annotations.md
// (annotation types), internal/ingress/annotations/parser (bool/int parsing: a bad value falls back to the default
// with only a warning in the controller log), and the admission webhook's strict-validate-path-type (on by
// default since controller v1.12), which rejects Prefix and Exact paths with other characters than A-Z a-z 0-9 / _ - .
import { asList, asMap, formatPath, isA, Issue, Manifest } from '../core/manifest';

const PREFIX = 'nginx.ingress.kubernetes.io/';
/** The characters ingress-nginx's strict-validate-path-type accepts in a Prefix or Exact path. */
export const NGINX_PLAIN_PATH = /^[A-Za-z0-9/_.-]*$/;
const BOOLEAN = { pattern: /^(true|false)$/, expected: '"true" or "false"' };
const SECONDS = { pattern: /^[0-9]+$/, expected: 'a number of seconds' };
const INTEGER = { pattern: /^[0-9]+$/, expected: 'an integer' };

/** The annotations whose values ingress-nginx parses as a type, and what it accepts. */
const ANNOTATION_VALUES: Readonly<Record<string, { readonly pattern: RegExp; readonly expected: string }>> = {
  'ssl-redirect': BOOLEAN,
  'force-ssl-redirect': BOOLEAN,
  'use-regex': BOOLEAN,
  'enable-cors': BOOLEAN,
  'ssl-passthrough': BOOLEAN,
  'proxy-connect-timeout': SECONDS,
  'proxy-send-timeout': SECONDS,
  'proxy-read-timeout': SECONDS,
  'proxy-next-upstream-tries': INTEGER,
  'limit-rps': INTEGER,
  'limit-rpm': INTEGER,
  'limit-connections': INTEGER,
  'proxy-body-size': { pattern: /^[0-9]+[kKmMgG]?$/, expected: 'an nginx size such as "8m"' },
  'proxy-buffering': { pattern: /^(on|off)$/, expected: '"on" or "off"' },
  'backend-protocol': { pattern: /^(HTTP|HTTPS|GRPC|GRPCS|FCGI)$/, expected: 'HTTP, HTTPS, GRPC, GRPCS or FCGI' },
  affinity: { pattern: /^cookie$/, expected: '"cookie"' },
  'affinity-mode': { pattern: /^(balanced|persistent)$/, expected: '"balanced" or "persistent"' },
  'load-balance': { pattern: /^(round_robin|ewma)$/, expected: '"round_robin" or "ewma"' },
};

/** Whether an Ingress is served by ingress-nginx: class "nginx" by field or by the deprecated annotation. */
function isNginx(ingress: Manifest): boolean {
  const annotations = asMap(asMap(ingress.object.metadata).annotations);
  return asMap(ingress.object.spec).ingressClassName === 'nginx' || annotations['kubernetes.io/ingress.class'] === 'nginx';
}

/** Capture groups of a regex path: opening parentheses that are not escaped and not (?...). */
function captureGroups(path: string): number {
  return [...path.matchAll(/(?<!\\)\((?!\?)/g)].length;
}

/** nginx-regex-path and nginx-annotation findings of one Ingress of the nginx class. */
export function nginxIngressIssues(manifest: Manifest): Issue[] {
  if (!isA(manifest, 'networking.k8s.io/v1', 'Ingress') || !isNginx(manifest)) return [];
  const annotations = asMap(asMap(manifest.object.metadata).annotations);
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    const rule = key.startsWith(PREFIX) ? ANNOTATION_VALUES[key.slice(PREFIX.length)] : undefined;
    if (rule && !(typeof value === 'string' && rule.pattern.test(value))) {
      issues.push({ manifest, rule: 'nginx-annotation', message: `${formatPath(['metadata', 'annotations', key])}: ${JSON.stringify(value)} must be ${rule.expected}; ingress-nginx ignores it and uses its default` });
    }
  }
  const rewrite = annotations[`${PREFIX}rewrite-target`];
  const references = typeof rewrite === 'string' ? [...rewrite.matchAll(/\$(\d)/g)].map((m) => Number(m[1])) : [];
  const regex = annotations[`${PREFIX}use-regex`] === 'true' || references.length > 0;
  asList(asMap(manifest.object.spec).rules).forEach((rule, i) =>
    asList(asMap(asMap(rule).http).paths).forEach((value, j) => {
      const { path, pathType } = asMap(value);
      if (typeof path !== 'string') return;
      const where = `spec.rules[${i}].http.paths[${j}]`;
      if (pathType !== 'ImplementationSpecific' && (!NGINX_PLAIN_PATH.test(path) || regex)) {
        const why = NGINX_PLAIN_PATH.test(path) ? 'the Ingress uses regex paths (use-regex or a rewrite-target with $N)' : `${JSON.stringify(path)} has regex characters`;
        issues.push({ manifest, rule: 'nginx-regex-path', message: `${where}.pathType: ${JSON.stringify(pathType)} cannot be used: ${why}; use ImplementationSpecific` });
      }
      const highest = Math.max(0, ...references);
      if (highest > captureGroups(path)) {
        issues.push({ manifest, rule: 'nginx-regex-path', message: `${where}.path: ${JSON.stringify(path)} has ${captureGroups(path)} capture group(s), but rewrite-target ${JSON.stringify(rewrite)} uses $${highest}` });
      }
    }),
  );
  return issues;
}
