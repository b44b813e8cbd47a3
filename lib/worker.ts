import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { DEFAULT_REPLICAS } from './defaults';
import { deploymentProps, renderWorkload, WorkloadProps } from './pod-template';
import { PropsCheck } from './props-check';

export interface WorkerProps extends WorkloadProps {
  /**
   * Number of pods.
   * @default 1
   */
  readonly replicas?: number;
}

/** A background process that serves no port: a Deployment without a Service. */
export class Worker extends Construct {
  public readonly deployment: k8s.KubeDeployment;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id);
    const check = new PropsCheck(this, 'Worker');
    const replicas = check.replicas('replicas', props.replicas ?? DEFAULT_REPLICAS);
    this.deployment = new k8s.KubeDeployment(this, 'deployment', deploymentProps(renderWorkload(check, id, props), replicas));
  }
}
