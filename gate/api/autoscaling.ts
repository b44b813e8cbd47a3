// What the API server rejects in a HorizontalPodAutoscaler (pkg/apis/autoscaling/validation/validation.go:
// ValidateHorizontalPodAutoscalerSpec, ValidateCrossVersionObjectReference, validateMetrics, validateBehavior).
// Metric selectors are not validated there, so the gate leaves them alone too.
import type { Add } from './pod-fields';
import { asList, asMap } from '../core/manifest';
import { quantityValue } from '../core/quantity';
import { pathSegment } from '../core/syntax';

const METRIC_SOURCES: Readonly<Record<string, string>> = { Resource: 'resource', ContainerResource: 'containerResource', Pods: 'pods', Object: 'object', External: 'external' };
const TARGET_TYPES = ['Utilization', 'Value', 'AverageValue'];
const MAX_STABILIZATION_SECONDS = 3600;
const MAX_POLICY_PERIOD_SECONDS = 1800;

export function autoscalerProblems(spec: Record<string, any>, add: Add): void {
  const { minReplicas, maxReplicas } = spec;
  if (typeof minReplicas === 'number' && minReplicas < 1) add('spec.minReplicas', `${minReplicas} must be greater than or equal to 1`);
  if (typeof maxReplicas === 'number' && maxReplicas < 1) add('spec.maxReplicas', `${maxReplicas} must be greater than 0`);
  if (typeof maxReplicas === 'number' && typeof minReplicas === 'number' && maxReplicas < minReplicas) add('spec.maxReplicas', `${maxReplicas} must be greater than or equal to minReplicas (${minReplicas})`);
  const target = asMap(spec.scaleTargetRef);
  objectReferenceProblems(target, 'spec.scaleTargetRef', add);
  // The target is scaled through its group's scale subresource, so the core group ("v1") is not one.
  if (!String(target.apiVersion ?? '').includes('/')) add('spec.scaleTargetRef.apiVersion', `${JSON.stringify(target.apiVersion ?? '')} must name an API group, such as apps/v1`);
  asList(spec.metrics).forEach((metric, i) => metricProblems(asMap(metric), `spec.metrics[${i}]`, add));
  for (const direction of ['scaleUp', 'scaleDown']) {
    const rules = asMap(spec.behavior)[direction];
    if (rules !== undefined) scalingRulesProblems(asMap(rules), `spec.behavior.${direction}`, add);
  }
}

function objectReferenceProblems(ref: Record<string, any>, path: string, add: Add): void {
  for (const field of ['kind', 'name']) {
    const value = ref[field];
    const problem = !value ? 'is required' : typeof value === 'string' ? pathSegment(value) : undefined;
    if (problem) add(`${path}.${field}`, value ? `${JSON.stringify(value)} ${problem}` : problem);
  }
  if (typeof ref.apiVersion === 'string' && ref.apiVersion.split('/').length > 2) add(`${path}.apiVersion`, `${JSON.stringify(ref.apiVersion)} must be a group/version such as apps/v1`);
}

function metricProblems(metric: Record<string, any>, path: string, add: Add): void {
  const field = METRIC_SOURCES[metric.type];
  if (!field) return add(`${path}.type`, `${JSON.stringify(metric.type)} must be one of ${Object.keys(METRIC_SOURCES).join(', ')}`);
  for (const other of Object.values(METRIC_SOURCES)) {
    if (other !== field && metric[other] !== undefined) add(`${path}.${other}`, `must not be set for a metric of type ${metric.type}`);
  }
  const source = metric[field];
  if (source === undefined) return add(`${path}.${field}`, `is required for a metric of type ${metric.type}`);
  const where = `${path}.${field}`;
  const { name, container, metric: identifier, describedObject, target } = asMap(source);
  if (field === 'resource' || field === 'containerResource') {
    if (!name) add(`${where}.name`, 'is required');
    if (field === 'containerResource' && !container) add(`${where}.container`, 'is required');
  } else if (!asMap(identifier).name) {
    add(`${where}.metric.name`, 'is required');
  }
  if (field === 'object') objectReferenceProblems(asMap(describedObject), `${where}.describedObject`, add);
  targetProblems(asMap(target), field, `${where}.target`, add);
}

/** validateMetricTarget and what each source needs of its target. */
function targetProblems(target: Record<string, any>, source: string, path: string, add: Add): void {
  const { type, value, averageValue, averageUtilization } = target;
  if (!TARGET_TYPES.includes(type)) add(`${path}.type`, `${JSON.stringify(type)} must be one of ${TARGET_TYPES.join(', ')}`);
  if (typeof averageUtilization === 'number' && averageUtilization <= 0) add(`${path}.averageUtilization`, `${averageUtilization} must be greater than 0`);
  for (const [field, quantity] of [['value', value], ['averageValue', averageValue]] as const) {
    const amount = quantityValue(quantity);
    if (amount !== undefined && amount <= 0) add(`${path}.${field}`, `${JSON.stringify(quantity)} must be positive`);
  }
  if ((source === 'resource' || source === 'containerResource') && averageUtilization === undefined && averageValue === undefined) {
    add(path, 'must set averageUtilization or averageValue');
  }
  if (source === 'pods' && averageValue === undefined) add(`${path}.averageValue`, 'is required for a Pods metric');
  if ((source === 'object' || source === 'external') && value === undefined && averageValue === undefined) add(path, 'must set value or averageValue');
}

function scalingRulesProblems(rules: Record<string, any>, path: string, add: Add): void {
  const { stabilizationWindowSeconds, selectPolicy, policies } = rules;
  if (typeof stabilizationWindowSeconds === 'number' && (stabilizationWindowSeconds < 0 || stabilizationWindowSeconds > MAX_STABILIZATION_SECONDS)) {
    add(`${path}.stabilizationWindowSeconds`, `${stabilizationWindowSeconds} must be from 0 to ${MAX_STABILIZATION_SECONDS}`);
  }
  if (selectPolicy !== undefined && !['Max', 'Min', 'Disabled'].includes(selectPolicy)) add(`${path}.selectPolicy`, `${JSON.stringify(selectPolicy)} must be Max, Min or Disabled`);
  if (policies !== undefined && asList(policies).length === 0) add(`${path}.policies`, 'must have at least one policy');
  asList(policies).forEach((value, i) => {
    const { type, value: amount, periodSeconds } = asMap(value);
    if (type !== 'Pods' && type !== 'Percent') add(`${path}.policies[${i}].type`, `${JSON.stringify(type)} must be Pods or Percent`);
    if (typeof amount === 'number' && amount <= 0) add(`${path}.policies[${i}].value`, `${amount} must be greater than 0`);
    if (typeof periodSeconds === 'number' && (periodSeconds <= 0 || periodSeconds > MAX_POLICY_PERIOD_SECONDS)) add(`${path}.policies[${i}].periodSeconds`, `${periodSeconds} must be from 1 to ${MAX_POLICY_PERIOD_SECONDS}`);
  });
}
