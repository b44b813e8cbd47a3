import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { WorkloadProps } from './pod-template';
import { addScaledDeployment, ScalingProps } from './scaled-deployment';
import { Workload } from './workload';

/** Props of a {@link Worker}: its container and how many pods run. */
export interface WorkerProps extends WorkloadProps, ScalingProps {}

/** A background process that serves no port: a Deployment without a Service. */
export class Worker extends Workload {
  /** A worker serves no port: nothing connects to it. */
  public readonly port = undefined;
  /** The Deployment that runs the pods. */
  public readonly deployment: k8s.KubeDeployment;
  /** With two or more pods (`replicas`, or `autoscaling.maxReplicas`): the PodDisruptionBudget that lets drains take one at a time. */
  public readonly disruptionBudget?: k8s.KubePodDisruptionBudget;
  /** With `autoscaling`: the HorizontalPodAutoscaler. */
  public readonly autoscaler?: k8s.KubeHorizontalPodAutoscalerV2;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id, 'Worker');
    ({ deployment: this.deployment, disruptionBudget: this.disruptionBudget, autoscaler: this.autoscaler } =
      addScaledDeployment(this, this.check, this.render(props), props));
  }
}
