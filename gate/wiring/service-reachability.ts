import { asList, asMap, Issue, kindAndName, Manifest } from '../core/manifest';
import { isNetworkPolicy, isolatingPolicies, namedPort, Port, portMatches, rulesOfPolicies } from '../core/traffic';
import { isService, Workload, workloadsBehind } from '../core/workloads';

/**
 * service-unreachable: a Service whose pods NetworkPolicies isolate for ingress (a policy selecting them has
 * Ingress in its policyTypes, as the API defaults them) while no ingress rule of those policies allows any peer
 * to one of the Service's target ports, so every connection through the Service to those pods is dropped.
 * Judged per running workload behind the Service: pods that no such policy selects are open to everything.
 */
export function serviceReachabilityIssues(manifests: readonly Manifest[], workloads: readonly Workload[]): Issue[] {
  const policies = manifests.filter(isNetworkPolicy);
  return manifests.filter(isService).flatMap((service) =>
    workloadsBehind(service, workloads)
      .filter((w) => w.replicas !== 0)
      .flatMap((workload) => unreachableIssues(service, workload, policies)),
  );
}

interface TargetPort extends Port {
  /** `80 (targetPort "http", TCP 8080)`, how the message shows the Service port. */
  readonly description: string;
}

function unreachableIssues(service: Manifest, workload: Workload, policies: readonly Manifest[]): Issue[] {
  const isolating = isolatingPolicies(policies, workload, 'Ingress');
  if (isolating.length === 0) return [];
  const targets = targetPorts(service, workload);
  // A named targetPort no container declares routes nowhere: service-target-port reports it.
  if (targets.length === 0) return [];
  const rules = rulesOfPolicies(isolating, 'Ingress');
  // Every rule allows some peer: an absent or empty `from` allows all sources, and each peer entry some.
  if (rules.some((rule) => targets.some((port) => portMatches(rule, port, workload)))) return [];
  const names = isolating.map(kindAndName);
  const isolate = names.length === 1 ? `${names[0]} isolates them for ingress and has no` : `${listed(names)} isolate them for ingress and none has an`;
  const ports = `${targets.length === 1 ? 'port' : 'ports'} ${listed(targets.map((t) => t.description))}`;
  const to = [...new Set(targets.map((t) => t.label))].join(' or ');
  return [
    {
      manifest: service,
      rule: 'service-unreachable',
      message:
        `spec.ports: Service/${service.name} ${ports} reaches no pod of ${kindAndName(workload.manifest)}: ${isolate} ingress rule allowing any peer to ${to}; ` +
        `add to a NetworkPolicy that selects these pods an ingress rule whose from allows the Service's clients and whose ports include ${to} (or that sets no ports)`,
    },
  ];
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The Service's target ports on the workload's pods: a number as it is, a name resolved as the API does (name and protocol). */
function targetPorts(service: Manifest, workload: Workload): TargetPort[] {
  return asList(asMap(service.object.spec).ports).map(asMap).flatMap((p) => {
    const protocol = typeof p.protocol === 'string' ? p.protocol : 'TCP';
    const target = p.targetPort ?? p.port;
    const number = typeof target === 'number' ? target : typeof target === 'string' ? namedPort(workload, target, protocol) : undefined;
    if (number === undefined) return [];
    const label = `${protocol} ${number}`;
    return [{ protocol, number, label, description: `${p.port} (${typeof target === 'string' ? `targetPort ${JSON.stringify(target)}, ` : ''}${label})` }];
  });
}
