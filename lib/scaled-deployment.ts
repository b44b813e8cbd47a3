import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import {
  DEFAULT_CPU_UTILIZATION, DEFAULT_REPLICAS, DISRUPTION_BUDGET, MAX_REPLICAS, ROLLING_UPDATE, SPREAD_MAX_SKEW, SPREAD_TOPOLOGY_KEYS,
} from './defaults';
import { RenderedWorkload } from './pod-template';
import { PropsCheck } from './props-check';

/** The range and CPU target of a HorizontalPodAutoscaler ({@link ScalingProps.autoscaling}). */
export interface Autoscaling {
  /** Most pods the autoscaler may run. */
  readonly maxReplicas: number;
  /**
   * Average CPU use the autoscaler aims at, in percent of the CPU request.
   * @default DEFAULT_CPU_UTILIZATION (70)
   */
  readonly cpuUtilization?: number;
}

/** How many pods of a stateless tier run, and where (WebTier and Worker take these). */
export interface ScalingProps {
  /**
   * Number of pods; with `autoscaling`, the autoscaler's minimum.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Spread the pods over nodes and zones (topology spread constraints that still schedule on a single node).
   * @default false
   */
  readonly spreadOverNodes?: boolean;
  /**
   * A HorizontalPodAutoscaler (autoscaling/v2) on CPU use, from `replicas` to `maxReplicas` pods.
   * The Deployment then leaves spec.replicas to the autoscaler, so that `kubectl apply` does not reset it.
   * @default none: always `replicas` pods
   */
  readonly autoscaling?: Autoscaling;
}

export interface ScaledDeployment {
  readonly deployment: k8s.KubeDeployment;
  /** Present when the tier can run two or more pods. */
  readonly disruptionBudget?: k8s.KubePodDisruptionBudget;
  readonly autoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
}

/**
 * A Deployment of stateless pods that rolls by surging one new pod before removing an old one,
 * and, when it can run two or more pods, a PodDisruptionBudget that lets one go at a time.
 */
export function addScaledDeployment(scope: Construct, check: PropsCheck, workload: RenderedWorkload, props: ScalingProps): ScaledDeployment {
  const replicas = check.replicas('replicas', props.replicas ?? DEFAULT_REPLICAS);
  const autoscaling = props.autoscaling && checkAutoscaling(check, props.autoscaling, replicas);
  const mostPods = autoscaling?.maxReplicas ?? replicas;
  const selector = { matchLabels: workload.selectorLabels };
  const spread = props.spreadOverNodes === true && mostPods >= 2;
  const deployment = new k8s.KubeDeployment(scope, 'deployment', {
    metadata: workload.metadata,
    spec: {
      replicas: autoscaling ? undefined : replicas,
      selector,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: {
          maxSurge: k8s.IntOrString.fromNumber(ROLLING_UPDATE.maxSurge),
          maxUnavailable: k8s.IntOrString.fromNumber(ROLLING_UPDATE.maxUnavailable),
        },
      },
      template: spread ? withSpread(workload.template, selector) : workload.template,
    },
  });
  const disruptionBudget = mostPods < 2 ? undefined : new k8s.KubePodDisruptionBudget(scope, 'disruption-budget', {
    metadata: { name: workload.name },
    spec: {
      selector,
      // A fixed maxUnavailable (unlike minAvailable) never conflicts with the autoscaler's minimum.
      maxUnavailable: k8s.IntOrString.fromNumber(DISRUPTION_BUDGET.maxUnavailable),
      // Pods that are not ready (crash-looping) may always be evicted, so they never block a drain.
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    },
  });
  const autoscaler = autoscaling && new k8s.KubeHorizontalPodAutoscalerV2(scope, 'autoscaler', {
    metadata: { name: workload.name },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: workload.name },
      minReplicas: replicas,
      maxReplicas: autoscaling.maxReplicas,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: autoscaling.cpuUtilization } } }],
    },
  });
  return { deployment, disruptionBudget, autoscaler };
}

function checkAutoscaling(check: PropsCheck, autoscaling: Autoscaling, replicas: number): Required<Autoscaling> {
  if (replicas < 1) check.fail('replicas', replicas, 'must be at least 1 with autoscaling: it is the autoscaler\'s minimum');
  return {
    maxReplicas: check.integer('autoscaling.maxReplicas', autoscaling.maxReplicas, replicas, MAX_REPLICAS),
    cpuUtilization: check.integer('autoscaling.cpuUtilization', autoscaling.cpuUtilization ?? DEFAULT_CPU_UTILIZATION, 1, 100),
  };
}

function withSpread(template: k8s.PodTemplateSpec, labelSelector: k8s.LabelSelector): k8s.PodTemplateSpec {
  return {
    ...template,
    spec: {
      ...template.spec!,
      topologySpreadConstraints: SPREAD_TOPOLOGY_KEYS.map((topologyKey) => ({
        topologyKey,
        maxSkew: SPREAD_MAX_SKEW,
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector,
        matchLabelKeys: ['pod-template-hash'],
      })),
    },
  };
}
