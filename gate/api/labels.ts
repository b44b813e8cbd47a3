import { asList, asMap, formatPath, isA, Issue, Manifest } from '../core/manifest';
import { labelKey, labelValue } from '../core/syntax';

type Path = ReadonlyArray<string | number>;

/** invalid-label findings: every label map and selector of the object, at any depth (templates, affinity, spread constraints). */
export function labelIssues(manifest: Manifest): Issue[] {
  const issues: Issue[] = [];
  const report = (path: Path, problem: string): void => {
    issues.push({ manifest, rule: 'invalid-label', message: `${formatPath(path)}: ${problem}` });
  };
  const checkKey = (path: Path, key: unknown): void => {
    const problem = typeof key === 'string' ? labelKey(key) : undefined;
    if (problem) report(path, `key ${JSON.stringify(key)} ${problem}`);
  };
  const checkValue = (path: Path, value: unknown): void => {
    const problem = typeof value === 'string' ? labelValue(value) : undefined;
    if (problem) report(path, `value ${JSON.stringify(value)} ${problem}`);
  };
  // A CronJob's job template metadata is not validated; its pod template's is.
  const isLabelMap = (path: Path, key: string): boolean =>
    (key === 'labels' && path[path.length - 1] === 'metadata' && formatPath(path) !== 'spec.jobTemplate.metadata') ||
    key === 'matchLabels' ||
    key === 'nodeSelector' ||
    (key === 'selector' && path.length === 1 && path[0] === 'spec' && isA(manifest, 'v1', 'Service'));

  const visit = (node: unknown, path: Path): void => {
    // The API server does not validate an autoscaler's metric selectors.
    if (path[path.length - 1] === 'metric' && isA(manifest, 'autoscaling/v2', 'HorizontalPodAutoscaler')) return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, i]));
      return;
    }
    for (const [key, child] of Object.entries(asMap(node))) {
      const childPath = [...path, key];
      if (isLabelMap(path, key)) {
        for (const [labelName, value] of Object.entries(asMap(child))) {
          checkKey([...childPath, labelName], labelName);
          checkValue([...childPath, labelName], value);
        }
      } else if (key === 'matchExpressions') {
        const nodeSelector = path.some((segment) => segment === 'nodeSelectorTerms' || segment === 'preference');
        asList(child).forEach((expression, i) => {
          const { key: labelName, operator, values } = asMap(expression);
          checkKey([...childPath, i, 'key'], labelName);
          asList(values).forEach((value, j) => checkValue([...childPath, i, 'values', j], value));
          if (!nodeSelector) {
            const problem = selectorOperatorProblem(operator, asList(values));
            if (problem) report([...childPath, i], problem);
          }
        });
      } else {
        visit(child, childPath);
      }
    }
  };
  visit(manifest.object, []);
  return issues;
}

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
/** A node selector's operators: a label selector's, and Gt and Lt. */
export const NODE_SELECTOR_OPERATORS = [...SELECTOR_OPERATORS, 'Gt', 'Lt'];

/**
 * ValidateLabelSelectorRequirement and ValidateNodeSelectorRequirement: a known operator, values for In and
 * NotIn, none for Exists and DoesNotExist, exactly one for Gt and Lt.
 */
export function selectorOperatorProblem(operator: unknown, values: readonly unknown[], operators: readonly string[] = SELECTOR_OPERATORS): string | undefined {
  if (!operators.includes(operator as string)) return `operator ${JSON.stringify(operator)} must be one of ${operators.join(', ')}`;
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) return `values are required with operator ${operator}`;
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) return `values may not be set with operator ${operator}`;
  if ((operator === 'Gt' || operator === 'Lt') && values.length !== 1) return `exactly one value is required with operator ${operator}`;
  return undefined;
}
