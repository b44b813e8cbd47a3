import { asList, asMap, formatLabels, isA, Issue, kindAndName, Manifest, sameNamespace } from '../core/manifest';
import { matchesSelector } from '../core/selectors';
import { containerHasPort, containersOf, isExternalName, isService, Workload, workloadsBehind } from '../core/workloads';

/** service-no-pods, service-target-port, ingress-backend, probe-port, overlapping-workloads: objects that apply cleanly one by one but do not fit together. */
export function wiringIssues(manifests: readonly Manifest[], workloads: readonly Workload[]): Issue[] {
  return [
    ...manifests.filter(isService).flatMap((service) => serviceIssues(service, workloads)),
    ...manifests.filter((m) => isA(m, 'networking.k8s.io/v1', 'Ingress')).flatMap((ingress) => ingressIssues(ingress, manifests)),
    ...workloads.flatMap(probeIssues),
    ...overlapIssues(workloads),
  ];
}

function serviceIssues(service: Manifest, workloads: readonly Workload[]): Issue[] {
  const spec = asMap(service.object.spec);
  const selector = asMap(spec.selector);
  // Without a selector, or as an ExternalName (which ignores it), the Service is meant to lead elsewhere.
  if (Object.keys(selector).length === 0 || isExternalName(service)) return [];
  const selected = workloadsBehind(service, workloads);
  if (selected.length === 0) {
    return [{ manifest: service, rule: 'service-no-pods', message: `spec.selector: ${formatLabels(selector)} matches the pod template labels of no workload in namespace "${service.namespace}"` }];
  }
  return asList(spec.ports).flatMap((value, i) => {
    const port = asMap(value);
    const target = port.targetPort ?? port.port;
    return selected
      .filter((w) => !containersOf(w).some((c) => containerHasPort(c.container, target)))
      .map((w) => ({
        manifest: service,
        rule: 'service-target-port' as const,
        message: `spec.ports[${i}].targetPort: ${JSON.stringify(target)} is not a container port (number or name) of ${kindAndName(w.manifest)}`,
      }));
  });
}

function ingressIssues(ingress: Manifest, manifests: readonly Manifest[]): Issue[] {
  const spec = asMap(ingress.object.spec);
  const backends: Array<[string, unknown]> = [
    ['spec.defaultBackend', spec.defaultBackend],
    ...asList(spec.rules).flatMap((rule, i) =>
      asList(asMap(asMap(rule).http).paths).map((path, j): [string, unknown] => [`spec.rules[${i}].http.paths[${j}].backend`, asMap(path).backend]),
    ),
  ];
  return backends.flatMap(([path, backend]) => {
    const ref = asMap(backend).service;
    if (ref === undefined) return [];
    const { name, port } = asMap(ref);
    const service = manifests.find((m) => isService(m) && sameNamespace(m, ingress) && m.name === name);
    if (!service) {
      return [{ manifest: ingress, rule: 'ingress-backend', message: `${path}.service.name: Service ${JSON.stringify(name)} is not in namespace "${ingress.namespace}"` }];
    }
    const { number, name: portName } = asMap(port);
    const ports = asList(asMap(service.object.spec).ports).map(asMap);
    if (ports.some((p) => (number !== undefined ? p.port === number : p.name === portName))) return [];
    const wanted = number !== undefined ? `port ${JSON.stringify(number)}` : `port named ${JSON.stringify(portName)}`;
    return [{ manifest: ingress, rule: 'ingress-backend', message: `${path}.service.port: Service ${JSON.stringify(name)} has no ${wanted}` }];
  });
}

const PROBES = ['startupProbe', 'readinessProbe', 'livenessProbe'] as const;
const PROBE_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

function probeIssues(workload: Workload): Issue[] {
  return containersOf(workload).flatMap((c) =>
    PROBES.flatMap((probe) =>
      PROBE_HANDLERS.flatMap((handler) => {
        const port = asMap(asMap(c.container[probe])[handler]).port;
        if (port === undefined || containerHasPort(c.container, port)) return [];
        return [{ manifest: workload.manifest, rule: 'probe-port' as const, message: `${c.path}.${probe}.${handler}.port: ${JSON.stringify(port)} is not a port of ${c.label}` }];
      }),
    ),
  );
}

/**
 * Two controllers that each select the other's pods fight over them (each adopts or deletes the other's pods).
 * A controller scaled to 0 runs no pods to mix with the other's (a Deployment kept at 0 to retire it).
 */
function overlapIssues(workloads: readonly Workload[]): Issue[] {
  const controllers = workloads.filter((w) => w.selector !== undefined && w.replicas !== 0);
  return controllers.flatMap((w) =>
    controllers
      .filter((other) => other !== w && sameNamespace(w.manifest, other.manifest))
      .filter((other) => matchesSelector(w.selector, other.labels) && matchesSelector(other.selector, w.labels))
      .map((other) => ({
        manifest: w.manifest,
        rule: 'overlapping-workloads' as const,
        message: `spec.selector: selects the pods of ${kindAndName(other.manifest)}, whose selector selects these pods too`,
      })),
  );
}
