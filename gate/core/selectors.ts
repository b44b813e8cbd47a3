import { asList, asMap } from './manifest';

/**
 * Whether a metav1.LabelSelector matches a label set, with the API's semantics:
 * an absent (null) selector matches nothing, an empty one matches everything.
 */
export function matchesSelector(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (selector === null || typeof selector !== 'object' || Array.isArray(selector)) return false;
  const { matchLabels, matchExpressions } = selector as Record<string, unknown>;
  return (
    Object.entries(asMap(matchLabels)).every(([key, value]) => labels[key] === value) &&
    asList(matchExpressions).every((expression) => matchesExpression(asMap(expression), labels))
  );
}

/** A Service's spec.selector is a plain label map: the matchLabels of a LabelSelector. */
export function matchesLabelMap(selector: Readonly<Record<string, unknown>>, labels: Readonly<Record<string, string>>): boolean {
  return matchesSelector({ matchLabels: selector }, labels);
}

export function isEmptySelector(selector: unknown): boolean {
  const { matchLabels, matchExpressions } = asMap(selector);
  return Object.keys(asMap(matchLabels)).length === 0 && asList(matchExpressions).length === 0;
}

function matchesExpression(expression: Record<string, any>, labels: Readonly<Record<string, string>>): boolean {
  const { key, operator } = expression;
  const values = asList(expression.values);
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  switch (operator) {
    case 'In':
      return has && values.includes(labels[key]);
    case 'NotIn':
      return !has || !values.includes(labels[key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}
