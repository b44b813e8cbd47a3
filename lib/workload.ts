import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ExternalStore } from './external-store';
import { kubeDns, KUBE_DNS_PORTS } from './network-isolation';
import { PodExtras, RenderedWorkload, renderWorkload, WorkloadProps } from './pod-template';
import { PropsCheck } from './props-check';

/**
 * What WebTier, Worker and StatefulStore share: pods selected by the workload's own selector
 * labels, which cdk8s-plus-27 constructs accept as a pod selector and as a network policy peer,
 * and a readable API for the traffic the pods may send and receive.
 *
 * Each call adds rules to one NetworkPolicy per workload (named like the workload, selecting its
 * pods), built with cdk8s-plus-27's NetworkPolicy. Policies only ever allow: pair them with a
 * default deny ({@link denyAllTraffic}) so that what is not allowed is refused.
 */
export abstract class Workload extends Construct implements kplus.IPodSelector, kplus.INetworkPolicyPeer {
  /** The container port other pods connect to (a Service's targetPort); undefined if the workload serves none. */
  public abstract readonly port?: number;
  protected readonly check: PropsCheck;
  private rendered?: RenderedWorkload;
  private policy?: kplus.NetworkPolicy;
  private readonly allowedSources = new Set<kplus.INetworkPolicyPeer>();
  private readonly allowedStores = new Set<ExternalStore>();
  private dnsAllowed = false;

  protected constructor(scope: Construct, id: string, kind: string) {
    super(scope, id);
    this.check = new PropsCheck(this, kind);
  }

  /** Name of the workload object. */
  public get name(): string {
    return this.workload.name;
  }

  /** The labels that select the workload's pods. */
  public get selectorLabels(): Readonly<Record<string, string>> {
    return this.workload.selectorLabels;
  }

  /** The pods with the selector labels, in the chart's namespace if it sets one (kplus.IPodSelector). */
  public toPodSelectorConfig(): kplus.PodSelectorConfig {
    const namespace = Chart.of(this).namespace;
    return {
      labelSelector: kplus.LabelSelector.of({ labels: { ...this.selectorLabels } }),
      namespaces: namespace === undefined ? undefined : { names: [namespace] },
    };
  }

  /** The pods as a NetworkPolicy peer (kplus.INetworkPolicyPeer). */
  public toNetworkPolicyPeerConfig(): kplus.NetworkPolicyPeerConfig {
    return { podSelector: this.toPodSelectorConfig() };
  }

  /** The workload itself, which selects its pods (kplus.INetworkPolicyPeer). */
  public toPodSelector(): kplus.IPodSelector {
    return this;
  }

  /**
   * Lets `source` connect to this workload's port (TCP), and nothing else of it. When the source
   * is a workload of this project, its side (the egress rule) is added too.
   * @param source a {@link Workload}, {@link NginxIngress.controller}, an address from {@link anyAddress}, or any
   * other cdk8s-plus-27 peer.
   */
  public allowFrom(source: kplus.INetworkPolicyPeer): void {
    if (this.port === undefined) {
      this.check.fail('allowFrom', source.node.path, 'needs a workload that serves a port, and this one serves none');
    }
    if (this.allowedSources.has(source)) return;
    this.allowedSources.add(source);
    const ports = [kplus.NetworkPolicyPort.tcp(this.port)];
    this.networkPolicy.addIngressRule(source, ports);
    if (source instanceof Workload) source.networkPolicy.addEgressRule(this, ports);
  }

  /**
   * Lets this workload connect to `target`'s port. For a {@link Workload}, the same as `target.allowFrom(this)`.
   * For an {@link ExternalStore}, an egress rule on the store's port (TCP) to the address ranges of
   * {@link ExternalStore.peers}: its address, the `allowedCidrs` given for its DNS name, or else any address, as
   * {@link ExternalStore.egressDescription} says (a NetworkPolicy cannot name a host). Pair either with
   * {@link allowDns}: the app looks the Service's name up.
   * @param target a workload of this project, or a store outside the cluster.
   */
  public allowTo(target: Workload | ExternalStore): void {
    if (target instanceof Workload) return target.allowFrom(this);
    if (this.allowedStores.has(target)) return;
    this.allowedStores.add(target);
    for (const peer of target.peers) this.networkPolicy.addEgressRule(peer, [kplus.NetworkPolicyPort.tcp(target.port)]);
  }

  /** Lets this workload look up names (Service names) in the cluster DNS, on port 53 UDP and TCP. */
  public allowDns(): void {
    if (this.dnsAllowed) return;
    this.dnsAllowed = true;
    this.networkPolicy.addEgressRule(kubeDns(this), [...KUBE_DNS_PORTS]);
  }

  /** The workload's own NetworkPolicy, created with its first rule. */
  private get networkPolicy(): kplus.NetworkPolicy {
    this.policy ??= new kplus.NetworkPolicy(this, 'network-policy', { selector: this, metadata: { name: this.name } });
    return this.policy;
  }

  /** Validates the props and renders the pod template; subclasses call it once, in their constructor. */
  protected render(props: WorkloadProps, extras: PodExtras = {}): RenderedWorkload {
    this.rendered = renderWorkload(this.check, this.node.id, props, { ...extras, labels: Chart.of(this).labels });
    return this.rendered;
  }

  private get workload(): RenderedWorkload {
    if (!this.rendered) throw new Error(`${this.node.path}: the workload is used before its constructor rendered it`);
    return this.rendered;
  }
}
