import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KUBE_DNS } from './defaults';

/** The cluster DNS port, 53, over UDP and TCP: what {@link Workload.allowDns} lets a workload reach on {@link kubeDns}. */
export const KUBE_DNS_PORTS: readonly kplus.NetworkPolicyPort[] = [kplus.NetworkPolicyPort.udp(KUBE_DNS.port), kplus.NetworkPolicyPort.tcp(KUBE_DNS.port)];

/**
 * A NetworkPolicy that denies all ingress and egress of the chart's pods (those that carry the
 * chart's labels, which the workload constructs put on their pods); the workloads' own policies
 * then allow what they need. Other pods of the namespace are not affected.
 * @param chart the chart whose pods it isolates; it must set labels.
 * @param name the policy's name and construct id, "default-deny" if left out.
 * @returns the policy, added to the chart.
 */
export function denyAllTraffic(chart: Chart, name = 'default-deny'): kplus.NetworkPolicy {
  if (Object.keys(chart.labels).length === 0) {
    throw new Error(`denyAllTraffic '${chart.node.path}': the chart needs labels to select its pods by, got {}`);
  }
  return new kplus.NetworkPolicy(chart, name, {
    metadata: { name },
    selector: kplus.Pods.select(chart, `${name}-pods`, { labels: { ...chart.labels } }),
    ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
    egress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
  });
}

/**
 * The cluster DNS pods (label k8s-app: kube-dns in kube-system), as a NetworkPolicy peer: one per chart, created
 * with the first call.
 * @param scope any construct of the chart.
 */
export function kubeDns(scope: Construct): kplus.Pods {
  const chart = Chart.of(scope);
  const existing = chart.node.tryFindChild('kube-dns');
  if (existing instanceof kplus.Pods) return existing;
  return kplus.Pods.select(chart, 'kube-dns', {
    labels: KUBE_DNS.labels,
    namespaces: kplus.Namespaces.select(chart, 'kube-dns-namespace', { names: [KUBE_DNS.namespace] }),
  });
}

/**
 * Every IPv4 and IPv6 address, as NetworkPolicy peers: where NodePort and LoadBalancer traffic comes from (clients,
 * or nodes after SNAT). Let each reach a workload with {@link Workload.allowFrom}.
 * @param scope the construct the two IP blocks are created in (ids `any-ipv4` and `any-ipv6`): once per scope.
 */
export function anyAddress(scope: Construct): kplus.NetworkPolicyIpBlock[] {
  return [kplus.NetworkPolicyIpBlock.anyIpv4(scope, 'any-ipv4'), kplus.NetworkPolicyIpBlock.anyIpv6(scope, 'any-ipv6')];
}
