import { Construct } from 'constructs';
import { NODE_PORTS } from '../gate/wiring/node-ports';
import * as k8s from '../imports/k8s';
import { serviceProps, WorkloadProps } from './pod-template';
import { addScaledDeployment, ScalingProps } from './scaled-deployment';
import { Workload } from './workload';

/** How a WebTier's Service is reachable: its `spec.type`. */
export enum ServiceType {
  /** Inside the cluster only, at the Service's cluster IP; an NginxIngress reaches it there. */
  CLUSTER_IP = 'ClusterIP',
  /** Also from outside, on a port of every node (30000-32767; see `nodePort`). */
  NODE_PORT = 'NodePort',
  /** Also through the cloud's load balancer (on minikube, `minikube tunnel`), besides a node port. */
  LOAD_BALANCER = 'LoadBalancer',
}

/** Props of a {@link WebTier}: its container, how many pods run, and its Service. */
export interface WebTierProps extends WorkloadProps, ScalingProps {
  /** Port the container listens on. */
  readonly port: number;
  /**
   * Port the Service exposes.
   * @default the container port
   */
  readonly servicePort?: number;
  /**
   * How the Service is reachable.
   * @default ServiceType.CLUSTER_IP
   */
  readonly serviceType?: ServiceType;
  /**
   * Fixed node port (30000-32767) for NodePort and LoadBalancer Services.
   * @default one chosen by Kubernetes
   */
  readonly nodePort?: number;
  /**
   * Name of the Service.
   * @default the workload name
   */
  readonly serviceName?: string;
}

/**
 * A stateless HTTP tier: a Deployment and the Service in front of its pods, a
 * PodDisruptionBudget when it runs two or more pods, and a HorizontalPodAutoscaler when asked.
 */
export class WebTier extends Workload {
  public readonly port: number;
  /** The Deployment that runs the pods. */
  public readonly deployment: k8s.KubeDeployment;
  /** The Service in front of the pods: it forwards `servicePort` to the container's `port`. */
  public readonly service: k8s.KubeService;
  /** With two or more pods (`replicas`, or `autoscaling.maxReplicas`): the PodDisruptionBudget that lets drains take one at a time. */
  public readonly disruptionBudget?: k8s.KubePodDisruptionBudget;
  /** With `autoscaling`: the HorizontalPodAutoscaler. */
  public readonly autoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** Name of the Service: the host name other pods of the namespace connect to. */
  public readonly serviceName: string;
  /** Port the Service exposes. */
  public readonly servicePort: number;

  constructor(scope: Construct, id: string, props: WebTierProps) {
    super(scope, id, 'WebTier');
    const check = this.check;
    this.port = check.port('port', props.port);
    this.servicePort = check.port('servicePort', props.servicePort ?? this.port);
    const serviceType = check.oneOf('serviceType', props.serviceType ?? ServiceType.CLUSTER_IP, Object.values(ServiceType));
    if (props.nodePort !== undefined) {
      if (serviceType === ServiceType.CLUSTER_IP) check.fail('nodePort', props.nodePort, 'needs serviceType NodePort or LoadBalancer');
      check.integer('nodePort', props.nodePort, NODE_PORTS.min, NODE_PORTS.max);
    }
    const workload = this.render(props, { port: this.port });
    this.serviceName = check.serviceName('serviceName', props.serviceName ?? workload.name);

    ({ deployment: this.deployment, disruptionBudget: this.disruptionBudget, autoscaler: this.autoscaler } = addScaledDeployment(this, check, workload, props));
    this.service = new k8s.KubeService(this, 'service',
      serviceProps(this.serviceName, workload, { port: this.servicePort, targetPort: this.port, nodePort: props.nodePort }, serviceType));
  }
}
