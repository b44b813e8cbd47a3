import { asList, asMap, Issue, Manifest } from '../core/manifest';
import { isService } from '../core/workloads';

// The allocator's default --service-node-port-range (pkg/kubeapiserver/options: DefaultServiceNodePortRange).
export const NODE_PORTS = { min: 30000, max: 32767 };

/**
 * node-port-range: a server dry run accepts any node port, but creating the Service asks the allocator,
 * which refuses one outside the cluster's range. A nodePort on a ClusterIP Service is an API error instead.
 */
export function nodePortIssues(manifests: readonly Manifest[]): Issue[] {
  return manifests
    .filter((m) => isService(m) && (asMap(m.object.spec).type ?? 'ClusterIP') !== 'ClusterIP')
    .flatMap((service) =>
      asList(asMap(service.object.spec).ports).flatMap((value, i): Issue[] => {
        const { nodePort } = asMap(value);
        if (typeof nodePort !== 'number' || nodePort === 0 || (nodePort >= NODE_PORTS.min && nodePort <= NODE_PORTS.max)) return [];
        const message = `spec.ports[${i}].nodePort: ${nodePort} is not in the range ${NODE_PORTS.min}-${NODE_PORTS.max} (the default --service-node-port-range): creating the Service fails`;
        return [{ manifest: service, rule: 'node-port-range', message }];
      }),
    );
}
