// What the API server rejects in an Ingress or a NetworkPolicy (pkg/apis/networking/validation/validation.go:
// ValidateIngressSpec, validateIngressBackend, validateIngressHTTPIngressPath, ValidateNetworkPolicySpec,
// ValidateIPBlock) and in the label selectors they hold.
import { Add, checkSyntax } from './pod-fields';
import { hasHostBits, parseCidr, sameNetwork } from './ip';
import { asList, asMap } from '../core/manifest';
import { serviceNameProblem } from './names';
import { dns1123SubdomainName } from '../core/syntax';
import { portNameProblem, portNumOrNameProblem } from './pod-spec';
import { appliesIn, VersionRange } from '../core/versions';

// validateIngressHTTPIngressPath: sequences a Prefix or Exact path may not contain.
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
/** StrictIPCIDRValidation, on by default since its beta: no host bits, no leading zeros in a CIDR. */
const STRICT_CIDRS = { from: 34 } as const;

/** What the API server finds wrong with a Prefix or Exact path: a sequence it rejects (validateIngressHTTPIngressPath). */
export function prefixPathProblem(path: string): string | undefined {
  const sequence = INVALID_PATH_SEQUENCES.find((s) => path.includes(s)) ?? (/\/\.\.?$/.test(path) ? path.slice(path.lastIndexOf('/')) : undefined);
  return sequence && `must not contain ${JSON.stringify(sequence)}`;
}

/** An Ingress host: a DNS-1123 subdomain, optionally with a leading "*." wildcard, and not an IP address. */
function hostProblem(host: string): string | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(':')) return 'must be a DNS name, not an IP address';
  const name = host.startsWith('*.') ? host.slice(2) : host;
  const problem = dns1123SubdomainName(name);
  return problem ? `${problem}${host.includes('*') && !host.startsWith('*.') ? ' (a wildcard is only allowed as the first label, "*.")' : ''}` : undefined;
}

export function ingressProblems(spec: Record<string, any>, versions: VersionRange, add: Add): void {
  if (asList(spec.rules).length === 0 && spec.defaultBackend === undefined) add('spec', 'must set defaultBackend or rules');
  if (spec.defaultBackend !== undefined) backendProblems(asMap(spec.defaultBackend), 'spec.defaultBackend', versions, add);
  if (typeof spec.ingressClassName === 'string' && dns1123SubdomainName(spec.ingressClassName)) add('spec.ingressClassName', `${JSON.stringify(spec.ingressClassName)} ${dns1123SubdomainName(spec.ingressClassName)}`);
  asList(spec.rules).forEach((value, i) => {
    const rule = asMap(value);
    if (typeof rule.host === 'string' && rule.host !== '') {
      const problem = hostProblem(rule.host);
      if (problem) add(`spec.rules[${i}].host`, `${JSON.stringify(rule.host)} ${problem}`);
    }
    if (rule.http !== undefined && asList(asMap(rule.http).paths).length === 0) add(`spec.rules[${i}].http.paths`, 'at least one path is required');
    asList(asMap(rule.http).paths).forEach((pathValue, j) => {
      const { path, pathType, backend } = asMap(pathValue);
      const where = `spec.rules[${i}].http.paths[${j}]`;
      const given = typeof path === 'string' ? path : '';
      if (!given.startsWith('/') && (given !== '' || pathType !== 'ImplementationSpecific')) add(`${where}.path`, `${JSON.stringify(given)} must be an absolute path`);
      if ((pathType === 'Prefix' || pathType === 'Exact') && typeof path === 'string') {
        const problem = prefixPathProblem(path);
        if (problem) add(`${where}.path`, `${JSON.stringify(path)} ${problem}`);
      }
      backendProblems(asMap(backend), `${where}.backend`, versions, add);
    });
  });
  asList(spec.tls).forEach((value, i) => {
    const { hosts, secretName } = asMap(value);
    asList(hosts).forEach((host, j) => {
      const problem = typeof host === 'string' ? hostProblem(host) : undefined;
      if (problem) add(`spec.tls[${i}].hosts[${j}]`, `${JSON.stringify(host)} ${problem}`);
    });
    checkSyntax(secretName, dns1123SubdomainName, `spec.tls[${i}].secretName`, add);
  });
}

function backendProblems(backend: Record<string, any>, path: string, versions: VersionRange, add: Add): void {
  const { service, resource } = backend;
  if (service !== undefined && resource !== undefined) add(path, 'cannot set both service and resource');
  if (service === undefined && resource === undefined) add(path, 'must set service or resource');
  if (resource !== undefined && (!asMap(resource).kind || !asMap(resource).name)) add(`${path}.resource`, 'must set kind and name');
  if (service === undefined) return;
  const { name, port } = asMap(service);
  const nameProblem = typeof name === 'string' ? serviceNameProblem(name, versions) : 'is required';
  if (nameProblem) add(`${path}.service.name`, `${name ? `${JSON.stringify(name)} ` : ''}${nameProblem}`);
  const { name: portName, number } = asMap(port);
  if (portName !== undefined && number !== undefined) add(`${path}.service.port`, 'cannot set both name and number');
  else if (!portName && !number) add(`${path}.service.port`, 'a port name or number is required');
  if (typeof portName === 'string' && portName && portNameProblem(portName)) add(`${path}.service.port.name`, `${JSON.stringify(portName)} ${portNameProblem(portName)}`);
  if (typeof number === 'number' && number !== 0 && portNumOrNameProblem(number)) add(`${path}.service.port.number`, `${number} must be a port number from 1 to 65535`);
}

export function networkPolicyProblems(spec: Record<string, any>, versions: VersionRange, add: Add): void {
  if (asList(spec.policyTypes).length > 2) add('spec.policyTypes', 'may not list more than two policy types');
  for (const [direction, peersField] of [['ingress', 'from'], ['egress', 'to']] as const) {
    asList(spec[direction]).forEach((value, i) => {
      const rule = asMap(value);
      asList(rule.ports).forEach((portValue, j) => {
        const { port, endPort } = asMap(portValue);
        const path = `spec.${direction}[${i}].ports[${j}]`;
        if (endPort !== undefined && typeof port !== 'number') add(`${path}.endPort`, 'may only be set with a numeric port');
        else if (typeof endPort === 'number' && endPort < port) add(`${path}.endPort`, `${endPort} must be greater than or equal to port (${port})`);
        if (typeof endPort === 'number' && portNumOrNameProblem(endPort)) add(`${path}.endPort`, `${endPort} must be a port number from 1 to 65535`);
        const problem = portNumOrNameProblem(port);
        if (problem) add(`${path}.port`, `${JSON.stringify(port)} ${problem}`);
      });
      asList(rule[peersField]).forEach((peerValue, j) => {
        const peer = asMap(peerValue);
        const path = `spec.${direction}[${i}].${peersField}[${j}]`;
        const kinds = ['podSelector', 'namespaceSelector', 'ipBlock'].filter((kind) => peer[kind] !== undefined);
        if (kinds.length === 0) add(path, 'must specify a peer: podSelector, namespaceSelector or ipBlock');
        if (peer.ipBlock !== undefined && kinds.length > 1) add(path, 'may not specify both ipBlock and another peer');
        if (peer.ipBlock !== undefined) ipBlockProblems(asMap(peer.ipBlock), `${path}.ipBlock`, versions, add);
      });
    });
  }
}

function ipBlockProblems(block: Record<string, any>, path: string, versions: VersionRange, add: Add): void {
  if (!block.cidr) return add(`${path}.cidr`, 'is required');
  const cidr = parseCidr(block.cidr) ?? lenientCidr(block.cidr);
  if (!cidr) return add(`${path}.cidr`, `${JSON.stringify(block.cidr)} must be a CIDR such as 10.0.0.0/8`);
  strictCidrProblem(block.cidr, versions, `${path}.cidr`, add);
  asList(block.except).forEach((except, k) => {
    const inner = parseCidr(except) ?? lenientCidr(except);
    if (!inner || inner.v6 !== cidr.v6 || inner.bits <= cidr.bits || !sameNetwork(inner, cidr)) add(`${path}.except[${k}]`, `${JSON.stringify(except)} must be a CIDR strictly within ${block.cidr}`);
    else strictCidrProblem(except, versions, `${path}.except[${k}]`, add);
  });
}

/** A CIDR with leading zeros in its IPv4 parts, which only the versions before StrictIPCIDRValidation accept. */
function lenientCidr(text: unknown) {
  return typeof text === 'string' ? parseCidr(text.replace(/(^|\.)0+(\d)/g, '$1$2')) : undefined;
}

function strictCidrProblem(text: string, versions: VersionRange, path: string, add: Add): void {
  const note = appliesIn(versions, STRICT_CIDRS);
  const cidr = parseCidr(text);
  if (note === undefined) return;
  if (!cidr) add(path, `${JSON.stringify(text)} must not have leading zeros${note}`);
  else if (hasHostBits(cidr)) add(path, `${JSON.stringify(text)} must not have bits set beyond the prefix length${note}`);
}
