import { asMap, isA, Issue, Manifest, sameNamespace } from '../core/manifest';

const CERT_MANAGER = 'cert-manager.io';

/**
 * issuer-missing: a cert-manager Certificate's issuerRef names a ClusterIssuer, or an Issuer of its
 * namespace, that is in the output (cert-manager's defaults: kind Issuer, group cert-manager.io).
 * Issuers of other groups (external issuers) are not checked.
 */
export function certificateIssues(manifests: readonly Manifest[]): Issue[] {
  return manifests.filter((m) => isA(m, `${CERT_MANAGER}/v1`, 'Certificate')).flatMap((certificate): Issue[] => {
    const ref = asMap(asMap(certificate.object.spec).issuerRef);
    const kind = ref.kind ?? 'Issuer';
    if ((ref.group ?? CERT_MANAGER) !== CERT_MANAGER || typeof ref.name !== 'string') return [];
    const found = manifests.some((m) => isA(m, `${CERT_MANAGER}/v1`, kind) && m.name === ref.name && (kind === 'ClusterIssuer' || sameNamespace(m, certificate)));
    if (found) return [];
    const where = kind === 'ClusterIssuer' ? 'the output' : `namespace "${certificate.namespace}" of the output`;
    return [{ manifest: certificate, rule: 'issuer-missing', message: `spec.issuerRef: ${kind} "${ref.name}" is not in ${where}` }];
  });
}
