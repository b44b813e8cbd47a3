import { asList, asMap, isA, Issue, kindAndName, Manifest, sameNamespace } from '../core/manifest';
import { parseIp } from '../api/ip';
import { isExternalName, isService } from '../core/workloads';

/** The label that ties an EndpointSlice to its Service (discovery.LabelServiceName). */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** The label that says which controller owns an EndpointSlice (discovery.LabelManagedBy). */
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
const SLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
const MIRRORING_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';

interface SlicePort {
  readonly name: string;
  readonly protocol: string;
}

/**
 * service-endpoints: a Service without a selector (or an ExternalName Service) is meant to lead outside the
 * cluster's pods, and what leads it there must fit together. kube-proxy routes a Service port to the endpoints of
 * the EndpointSlices labelled with the Service's name whose port has the same name (an absent name is "") and
 * protocol, and only to ready ones (`conditions.ready` absent counts as ready); an ExternalName Service is a DNS
 * CNAME, which ignores both EndpointSlices and its selector. The EndpointSlice controllers delete a slice labelled as
 * theirs that they do not want (seen on a 1.36 cluster: the mirroring controller's always, without a v1 Endpoints
 * object to mirror; the EndpointSlice controller's for a Service with a selector). A Service without a selector and
 * without EndpointSlices in the output is left alone: its endpoints are managed elsewhere.
 */
export function serviceEndpointsIssues(manifests: readonly Manifest[]): Issue[] {
  const services = manifests.filter(isService);
  const slices = manifests.filter((m) => isA(m, 'discovery.k8s.io/v1', 'EndpointSlice'));
  return [...slices.flatMap((slice) => sliceIssues(slice, services)), ...services.flatMap((service) => serviceIssues(service, slices))];
}

function sliceIssues(slice: Manifest, services: readonly Manifest[]): Issue[] {
  const issue = (path: string, message: string): Issue => ({ manifest: slice, rule: 'service-endpoints', message: `${path}: ${message}` });
  const labels = asMap(asMap(slice.object.metadata).labels);
  const serviceName = labels[SERVICE_NAME_LABEL];
  if (typeof serviceName !== 'string' || serviceName === '') {
    return [issue('metadata.labels', `has no ${SERVICE_NAME_LABEL} label naming its Service, so no Service routes to these endpoints`)];
  }
  const labelPath = `metadata.labels["${SERVICE_NAME_LABEL}"]`;
  const service = services.find((s) => sameNamespace(s, slice) && s.name === serviceName);
  if (!service) return [issue(labelPath, `Service ${JSON.stringify(serviceName)} is not in namespace "${slice.namespace}" of the output, so nothing routes to these endpoints`)];
  if (isExternalName(service)) {
    return [issue(labelPath, `Service/${service.name} is an ExternalName Service: DNS answers its name with a CNAME to ${JSON.stringify(asMap(service.object.spec).externalName)}, and nothing reads these endpoints; make it a Service without a selector`)];
  }
  const issues: Issue[] = [];
  const spec = asMap(service.object.spec);
  const addressType = slice.object.addressType;
  if (addressType === 'FQDN') {
    issues.push(issue('addressType', `FQDN: kube-proxy routes Service/${service.name} only to IPv4 and IPv6 slices (and the API server warns that FQDN endpoints are deprecated); for a DNS name, make the Service an ExternalName one`));
  }
  const families = asList(spec.ipFamilies);
  if ((addressType === 'IPv4' || addressType === 'IPv6') && families.length > 0 && (spec.ipFamilyPolicy ?? 'SingleStack') === 'SingleStack' && !families.includes(addressType)) {
    issues.push(issue('addressType', `${addressType}, but Service/${service.name} is a single-stack ${families.join(', ')} Service (spec.ipFamilies): kube-proxy routes a Service only to slices of its IP families`));
  }
  const managedBy = labels[MANAGED_BY_LABEL];
  const selector = Object.keys(asMap(spec.selector)).length > 0;
  if (managedBy === MIRRORING_CONTROLLER || (managedBy === SLICE_CONTROLLER && selector)) {
    issues.push(issue(`metadata.labels["${MANAGED_BY_LABEL}"]`, `${JSON.stringify(managedBy)} hands the slice to that controller, which deletes it as one it did not make; label it with a manager of your own`));
  }
  const servicePorts = servicePortsOf(service);
  const ports = asList(slice.object.ports).map(asMap);
  if (ports.length === 0 && servicePorts.length > 0) {
    issues.push(issue('ports', `lists no port, so no port of Service/${service.name} reaches these endpoints; list ${servicePorts.map(listed).join(', ')}`));
  }
  ports.forEach((port, i) => {
    const own = slicePort(port);
    // A headless Service without ports: DNS serves the addresses whatever the slice's ports.
    if (servicePorts.length > 0 && !servicePorts.some((p) => samePort(p, own))) {
      issues.push(issue(`ports[${i}]`, `${describe(own)} matches no port of Service/${service.name} (its ports: ${servicePorts.map(listed).join(', ')}): kube-proxy routes a Service port only to slice ports of the same name and protocol`));
    }
    if (!Number.isInteger(port.port) || port.port < 1 || port.port > 65535) {
      issues.push(issue(`ports[${i}].port`, `${port.port === undefined ? 'is not set' : `${JSON.stringify(port.port)} is not a port number from 1 to 65535`}, so traffic to ${describe(own)} goes nowhere (the API server accepts it)`));
    }
  });
  return issues;
}

function serviceIssues(service: Manifest, slices: readonly Manifest[]): Issue[] {
  const spec = asMap(service.object.spec);
  const issue = (path: string, message: string): Issue => ({ manifest: service, rule: 'service-endpoints', message: `${path}: ${message}` });
  if (isExternalName(service)) {
    const issues: Issue[] = [];
    if (Object.keys(asMap(spec.selector)).length > 0) {
      issues.push(issue('spec.selector', `an ExternalName Service ignores its selector: DNS answers with a CNAME to ${JSON.stringify(spec.externalName)} and no EndpointSlice lists the pods it selects; drop the selector, or make the Service a ClusterIP one`));
    }
    if (parseIp(spec.externalName)) {
      issues.push(issue('spec.externalName', `${JSON.stringify(spec.externalName)} is an IP address, which DNS serves as a CNAME to a host of that name, not as the address; use a Service without a selector and an EndpointSlice holding the address`));
    }
    return issues;
  }
  if (Object.keys(asMap(spec.selector)).length > 0) return [];
  const own = slices.filter((s) => sameNamespace(s, service) && asMap(asMap(s.object.metadata).labels)[SERVICE_NAME_LABEL] === service.name);
  const servicePorts = servicePortsOf(service);
  // A slice without ports, or with a port that matches no Service port, is reported on its slice, as the likelier mistake.
  const mismatched = own.some((s) => slicePortsOf(s).length === 0 || slicePortsOf(s).some((p) => !servicePorts.some((sp) => samePort(sp, p))));
  return servicePorts.flatMap((port, i) => {
    if (own.length === 0) return [];
    const serving = own.filter((s) => slicePortsOf(s).some((p) => samePort(p, port)));
    if (serving.length === 0) {
      return mismatched ? [] : [issue(`spec.ports[${i}]`, `no EndpointSlice of the Service (${own.map(kindAndName).join(', ')}) has ${describe(port)}, so traffic to this port goes nowhere`)];
    }
    if (serving.some(hasReadyEndpoint)) return [];
    const lists = serving.length === 1 ? 'lists' : 'list';
    return [issue(`spec.ports[${i}]`, `${describe(port)} has no ready endpoint: ${serving.map(kindAndName).join(', ')} ${lists} no IP endpoint whose conditions.ready is true or absent, so traffic to this port goes nowhere`)];
  });
}

/** An absent or empty name is "", an absent protocol TCP, on both sides. */
function slicePort(port: Record<string, any>): SlicePort {
  return { name: typeof port.name === 'string' ? port.name : '', protocol: typeof port.protocol === 'string' ? port.protocol : 'TCP' };
}

function servicePortsOf(service: Manifest): SlicePort[] {
  return asList(asMap(service.object.spec).ports).map(asMap).map(slicePort);
}

function slicePortsOf(slice: Manifest): SlicePort[] {
  return asList(slice.object.ports).map(asMap).map(slicePort);
}

function samePort(a: SlicePort, b: SlicePort): boolean {
  return a.name === b.name && a.protocol === b.protocol;
}

/** An IP address that is ready: `conditions.ready` true or absent (FQDN slices are reported on their own). */
function hasReadyEndpoint(slice: Manifest): boolean {
  const ip = slice.object.addressType === 'IPv4' || slice.object.addressType === 'IPv6';
  return ip && asList(slice.object.endpoints).some((e) => asList(asMap(e).addresses).length > 0 && asMap(asMap(e).conditions).ready !== false);
}

/** `port "pg" (TCP)`, `the unnamed TCP port`. */
function describe(port: SlicePort): string {
  return port.name === '' ? `the unnamed ${port.protocol} port` : `port ${JSON.stringify(port.name)} (${port.protocol})`;
}

/** `"pg" TCP`, `unnamed TCP`: a port in a list. */
function listed(port: SlicePort): string {
  return `${port.name === '' ? 'unnamed' : JSON.stringify(port.name)} ${port.protocol}`;
}
