import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { DEFAULT_REPLICAS } from './defaults';
import { deploymentProps, renderWorkload, serviceProps, WorkloadProps } from './pod-template';
import { PropsCheck } from './props-check';

export enum ServiceType {
  CLUSTER_IP = 'ClusterIP',
  NODE_PORT = 'NodePort',
  LOAD_BALANCER = 'LoadBalancer',
}

export interface WebTierProps extends WorkloadProps {
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
  /**
   * Number of pods.
   * @default 1
   */
  readonly replicas?: number;
}

/** A stateless HTTP tier: a Deployment and the Service in front of its pods. */
export class WebTier extends Construct {
  public readonly deployment: k8s.KubeDeployment;
  public readonly service: k8s.KubeService;
  public readonly serviceName: string;
  public readonly servicePort: number;

  constructor(scope: Construct, id: string, props: WebTierProps) {
    super(scope, id);
    const check = new PropsCheck(this, 'WebTier');
    const port = check.port('port', props.port);
    this.servicePort = check.port('servicePort', props.servicePort ?? port);
    const serviceType = props.serviceType ?? ServiceType.CLUSTER_IP;
    if (!Object.values(ServiceType).includes(serviceType)) {
      check.fail('serviceType', serviceType, `must be one of ${Object.values(ServiceType).join(', ')}`);
    }
    if (props.nodePort !== undefined) {
      if (serviceType === ServiceType.CLUSTER_IP) check.fail('nodePort', props.nodePort, 'needs serviceType NodePort or LoadBalancer');
      check.integer('nodePort', props.nodePort, 30000, 32767);
    }
    const replicas = check.replicas('replicas', props.replicas ?? DEFAULT_REPLICAS);
    const workload = renderWorkload(check, id, props, { port });
    this.serviceName = check.serviceName('serviceName', props.serviceName ?? workload.name);

    this.deployment = new k8s.KubeDeployment(this, 'deployment', deploymentProps(workload, replicas));
    this.service = new k8s.KubeService(this, 'service',
      serviceProps(this.serviceName, workload, { port: this.servicePort, targetPort: port, nodePort: props.nodePort }, serviceType));
  }
}
