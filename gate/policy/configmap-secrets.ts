import { SECRET_LIKE_NAME } from './containers';
import { asMap, formatPath, isA, Issue, Manifest } from '../core/manifest';

const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** secret-in-configmap: ConfigMaps are readable by anyone who may read the namespace's config (Polaris sensitiveConfigmapContent). */
export function configMapSecretIssues(manifest: Manifest): Issue[] {
  if (!isA(manifest, 'v1', 'ConfigMap')) return [];
  return Object.entries(asMap(manifest.object.data)).flatMap(([key, value]): Issue[] => {
    const why = SECRET_LIKE_NAME.test(key) ? 'is named like a credential' : typeof value === 'string' && PRIVATE_KEY.test(value) ? 'holds a private key' : undefined;
    return why ? [{ manifest, rule: 'secret-in-configmap', message: `${formatPath(['data', key])}: ${why}; put it in a Secret` }] : [];
  });
}
