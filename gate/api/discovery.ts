// What the API server rejects in a discovery.k8s.io/v1 EndpointSlice beyond the OpenAPI schema
// (pkg/apis/discovery/validation/validation.go: ValidateEndpointSlice, validateEndpoints, validatePorts,
// validateHints; the addresses through apimachinery's util/validation/ip.go IsValidIP and
// pkg/apis/core/validation's ValidateEndpointIP). Compared with a v1.36 API server's verdicts (test/differential).
import { Add, checkSyntax, qualified } from './pod-fields';
import { formatIp, parseIpSloppy, specialIpProblem } from './ip';
import { asList, asMap } from '../core/manifest';
import { dns1123Label, dns1123SubdomainName, labelValue } from '../core/syntax';
import { appliesIn, VersionRange } from '../core/versions';

const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_ZONE_HINTS = 8;
/**
 * StrictIPCIDRValidation (KEP-4858), on by default since its beta: no leading zeros, no IPv4-mapped IPv6. A 1.36
 * server also refuses IPv6 endpoint addresses that are not in canonical form (the 1.32 code did not); that is
 * assumed to come with the same switch.
 */
const STRICT_IPS = { from: 34 } as const;

/** endpoints, ports and their names; addressType itself is an enum of the schema (IPv4, IPv6, FQDN). */
export function endpointSliceProblems(slice: Record<string, any>, versions: VersionRange, add: Add): void {
  const endpoints = asList(slice.endpoints);
  if (endpoints.length > MAX_ENDPOINTS) add('endpoints', `${endpoints.length} endpoints, more than ${MAX_ENDPOINTS}`);
  endpoints.forEach((value, i) => {
    const endpoint = asMap(value);
    const path = `endpoints[${i}]`;
    const addresses = asList(endpoint.addresses);
    if (addresses.length === 0) add(`${path}.addresses`, 'must contain at least 1 address');
    if (addresses.length > MAX_ADDRESSES) add(`${path}.addresses`, `${addresses.length} addresses, more than ${MAX_ADDRESSES}`);
    addresses.forEach((address, j) => {
      const problem = typeof address === 'string' ? addressProblem(address, slice.addressType, versions) : undefined;
      if (problem) add(`${path}.addresses[${j}]`, `${JSON.stringify(address)} ${problem}`);
    });
    // Set, even to "", the hostname is a DNS-1123 label.
    if (typeof endpoint.hostname === 'string' && dns1123Label(endpoint.hostname)) add(`${path}.hostname`, `${JSON.stringify(endpoint.hostname)} ${dns1123Label(endpoint.hostname)}`);
    // ValidateNodeName.
    checkSyntax(endpoint.nodeName, dns1123SubdomainName, `${path}.nodeName`, add);
    const hints = asMap(endpoint.hints);
    const zones = asList(hints.forZones);
    if (zones.length > MAX_ZONE_HINTS) add(`${path}.hints.forZones`, `${zones.length} zones, more than ${MAX_ZONE_HINTS}`);
    uniqueNames(zones, `${path}.hints.forZones`, labelValue, add);
    uniqueNames(asList(hints.forNodes), `${path}.hints.forNodes`, dns1123SubdomainName, add);
  });
  const ports = asList(slice.ports).map(asMap);
  ports.forEach((port, i) => {
    const path = `ports[${i}]`;
    checkSyntax(port.name, dns1123Label, `${path}.name`, add);
    // An absent name is "", so two unnamed ports are a duplicate too.
    const name = port.name ?? '';
    if (ports.slice(0, i).some((other) => (other.name ?? '') === name)) add(`${path}.name`, `${JSON.stringify(name)} is a duplicate port name${name === '' ? ' (an absent name is "")' : ''}`);
    if (port.appProtocol !== undefined) qualified(port.appProtocol, `${path}.appProtocol`, add);
  });
}

/** Each entry's name once, and of the syntax given. */
function uniqueNames(entries: readonly unknown[], path: string, check: (value: string) => string | undefined, add: Add): void {
  entries.map(asMap).forEach(({ name }, i) => {
    if (typeof name !== 'string') return;
    const problem = check(name);
    if (problem) add(`${path}[${i}].name`, `${JSON.stringify(name)} ${problem}`);
    if (entries.slice(0, i).some((other) => asMap(other).name === name)) add(`${path}[${i}].name`, `${JSON.stringify(name)} is listed twice`);
  });
}

/** An address of the slice's addressType: an IP of that family that may be an endpoint, or a fully qualified domain name. */
export function addressProblem(address: string, addressType: unknown, versions: VersionRange): string | undefined {
  if (addressType === 'FQDN') return fqdnProblem(address);
  if (addressType !== 'IPv4' && addressType !== 'IPv6') return undefined;
  const ip = parseIpSloppy(address);
  if (!ip) return 'must be a valid IP address, such as 10.9.8.7 or 2001:db8::ffff';
  const strict = appliesIn(versions, STRICT_IPS);
  if (strict !== undefined) {
    if (ip.leadingZeros) return `must not have leading 0s${strict}`;
    if (ip.mapped) return `must not be an IPv4-mapped IPv6 address${strict}`;
  }
  if (addressType === 'IPv4' && !ip.v4) return 'must be an IPv4 address (the slice\'s addressType)';
  if (addressType === 'IPv6' && ip.v4) return 'must be an IPv6 address (the slice\'s addressType)';
  const canonical = formatIp({ v6: !ip.v4, address: ip.address });
  if (strict !== undefined && !ip.v4 && address !== canonical) return `must be in canonical form (${JSON.stringify(canonical)})${strict}`;
  return specialIpProblem({ v6: !ip.v4, address: ip.address });
}

/** IsFullyQualifiedDomainName: a DNS-1123 subdomain of at least two labels, one trailing dot allowed. */
function fqdnProblem(address: string): string | undefined {
  if (address === '') return 'is required';
  const name = address.endsWith('.') ? address.slice(0, -1) : address;
  const labelProblem = name.split('.').map(dns1123Label).find(Boolean);
  return dns1123SubdomainName(name) ?? labelProblem ?? (name.includes('.') ? undefined : 'should be a domain with at least two segments separated by dots');
}
