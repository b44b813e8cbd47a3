import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { formatIp, hasHostBits, parseCidr, parseIp, parseIpSloppy, specialIpProblem } from '../gate/api/ip';
import { dns1123SubdomainName } from '../gate/core/syntax';
import { MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from '../gate/wiring/service-endpoints';
import * as k8s from '../imports/k8s';
import { PropsCheck } from './props-check';

/**
 * The `endpointslice.kubernetes.io/managed-by` value of an {@link ExternalStore}'s EndpointSlice: not one of the
 * EndpointSlice controllers' names, so they leave the slice alone (the mirroring controller deletes a slice that
 * carries its name).
 */
export const EXTERNAL_STORE_MANAGER = 'multi-k8s-cdk8s';

/** Props of an {@link ExternalStore}: the Service the app connects to, and where the store really is. */
export interface ExternalStoreProps {
  /** Name of the Service the app connects to, e.g. "postgres-cluster-ip-service": a DNS-1035 label. */
  readonly serviceName: string;
  /**
   * Where the store is: a DNS name (a DNS-1123 subdomain, e.g. "mydb.abc123.eu-west-1.rds.amazonaws.com") or an
   * IPv4 or IPv6 address (IPv6 written in canonical form, e.g. "2001:db8::5").
   */
  readonly host: string;
  /** The store's TCP port; the Service's port is the same. */
  readonly port: number;
  /**
   * With a DNS name as `host`: the address ranges (CIDRs such as "10.20.0.0/16", no bits set beyond the prefix) the
   * name resolves into, to which {@link Workload.allowTo} limits the egress rule. Refused with an IP address as `host`,
   * whose rule already allows that address alone.
   * @default any address: 0.0.0.0/0 and ::/0 on `port`
   */
  readonly allowedCidrs?: readonly string[];
}

/**
 * A store that runs outside the cluster (a managed Postgres or Redis: RDS, Cloud SQL, ElastiCache, Memorystore)
 * behind the in-cluster Service name the app already connects to, so the app's settings do not change.
 *
 * With a DNS name as `host`, it emits an `ExternalName` Service: cluster DNS answers the Service's name with a
 * CNAME to the host, and the app connects to the host itself (its port is listed for the record; DNS carries no
 * port). With an IP address, an ExternalName Service would not work (DNS would serve a CNAME to a host named like the
 * address), so it emits a ClusterIP Service without a selector, of the address's IP family, and a
 * `discovery.k8s.io/v1` EndpointSlice that lists the address on the same, unnamed port: kube-proxy sends the
 * Service's traffic there.
 *
 * Workloads reach it with {@link Workload.allowTo}, which adds an egress rule to their NetworkPolicy. A NetworkPolicy
 * names peers by pod labels or by address range, never by host name: for an IP address the rule allows that
 * address (/32 or /128) on the port; for a DNS name, whose addresses may change, it allows any address on the port
 * unless `allowedCidrs` narrows it. {@link egressDescription} says which. Either way the workload also needs
 * {@link Workload.allowDns} to look the Service's name (and the CNAME's target) up.
 */
export class ExternalStore extends Construct {
  /** Name of the Service the app connects to. */
  public readonly serviceName: string;
  /** Where the store is: a DNS name or an IP address. */
  public readonly host: string;
  /** The store's TCP port, which is also the Service's port. */
  public readonly port: number;
  /** The Service: ExternalName for a DNS name, a ClusterIP Service without a selector for an IP address. */
  public readonly service: k8s.KubeService;
  /** With an IP address: the EndpointSlice that lists it for the Service. */
  public readonly endpointSlice?: k8s.KubeEndpointSlice;
  /** The address ranges the egress rule of {@link Workload.allowTo} allows, as cdk8s-plus-27 peers. */
  public readonly peers: readonly kplus.NetworkPolicyIpBlock[];
  /** What that egress rule allows, in words: protocol, port and address ranges, and why. */
  public readonly egressDescription: string;

  constructor(scope: Construct, id: string, props: ExternalStoreProps) {
    super(scope, id);
    const check = new PropsCheck(this, 'ExternalStore');
    this.serviceName = check.serviceName('serviceName', props.serviceName);
    this.port = check.port('port', props.port);
    this.host = check.syntax('host', props.host, hostProblem);
    const ip = parseIp(this.host);
    const ports = [{ port: this.port, protocol: 'TCP' }];
    const tcp = `TCP ${this.port}`;
    if (ip) {
      const cidr = `${this.host}/${ip.v6 ? 128 : 32}`;
      if (props.allowedCidrs !== undefined) {
        check.fail('allowedCidrs', props.allowedCidrs, `applies only when host is a DNS name: for the address ${this.host} the rule allows ${cidr} alone`);
      }
      const family = ip.v6 ? 'IPv6' : 'IPv4';
      this.service = new k8s.KubeService(this, 'service', {
        metadata: { name: this.serviceName },
        spec: { type: 'ClusterIP', ipFamilyPolicy: 'SingleStack', ipFamilies: [family], ports },
      });
      this.endpointSlice = new k8s.KubeEndpointSlice(this, 'endpoint-slice', {
        metadata: {
          name: `${this.serviceName}-external`,
          labels: { [SERVICE_NAME_LABEL]: this.serviceName, [MANAGED_BY_LABEL]: EXTERNAL_STORE_MANAGER },
        },
        addressType: family,
        endpoints: [{ addresses: [this.host] }],
        ports,
      });
      this.peers = [ip.v6 ? kplus.NetworkPolicyIpBlock.ipv6(this, 'address', cidr) : kplus.NetworkPolicyIpBlock.ipv4(this, 'address', cidr)];
      this.egressDescription = `${tcp} to ${cidr}, the store's address`;
    } else {
      this.service = new k8s.KubeService(this, 'service', {
        metadata: { name: this.serviceName },
        spec: { type: 'ExternalName', externalName: this.host, ports },
      });
      const cidrs = props.allowedCidrs?.map((cidr, i) => check.syntax(`allowedCidrs[${i}]`, cidr, cidrProblem));
      if (cidrs === undefined) {
        this.peers = [kplus.NetworkPolicyIpBlock.anyIpv4(this, 'any-ipv4'), kplus.NetworkPolicyIpBlock.anyIpv6(this, 'any-ipv6')];
        this.egressDescription = `${tcp} to any address (0.0.0.0/0, ::/0): a NetworkPolicy cannot name the host ${this.host}, so every destination on that port is allowed; set allowedCidrs to the ranges it resolves into to narrow it`;
      } else {
        if (cidrs.length === 0) check.fail('allowedCidrs', props.allowedCidrs, 'must list at least one CIDR, or be left out to allow any address');
        this.peers = cidrs.map((cidr, i) => (parseCidr(cidr)!.v6 ? kplus.NetworkPolicyIpBlock.ipv6 : kplus.NetworkPolicyIpBlock.ipv4)(this, `allowed-${i}`, cidr));
        this.egressDescription = `${tcp} to ${cidrs.join(', ')}, the ranges given for ${this.host} (allowedCidrs)`;
      }
    }
  }
}

/**
 * A DNS-1123 subdomain, or an IP address the API server takes as an EndpointSlice address (see the gate's
 * invalid-endpoint-slice rule): strict, canonical, and not unspecified, loopback or link-local.
 */
export function hostProblem(host: string): string | undefined {
  const ip = parseIp(host);
  if (ip) {
    const canonical = formatIp(ip);
    if (host !== canonical) return `must be written in canonical form, "${canonical}"`;
    const special = specialIpProblem(ip);
    return special && `is an IP address the API server refuses as an endpoint: it ${special}`;
  }
  // Not a DNS name either: "010.0.0.1", "::ffff:10.0.0.1", "10.0.0.1/32", an IPv6 address with a zone.
  if (parseIpSloppy(host) || /^[\d.]+$/.test(host) || /[:/%]/.test(host)) {
    return 'must be a DNS name or an IPv4 or IPv6 address (no leading zeros, no IPv4-mapped IPv6, no prefix or zone)';
  }
  const problem = dns1123SubdomainName(host);
  return problem && `must be an IP address, or a DNS name that ${problem}`;
}

/** A CIDR that a NetworkPolicy's ipBlock takes on every version: no leading zeros, no bits set beyond the prefix. */
export function cidrProblem(cidr: string): string | undefined {
  const parsed = parseCidr(cidr);
  if (!parsed) return 'must be a CIDR such as "10.20.0.0/16" or "2001:db8::/48"';
  return hasHostBits(parsed) ? 'must have no bits set beyond the prefix length (the API server refuses them from 1.34)' : undefined;
}
