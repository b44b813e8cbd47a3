import fc from 'fast-check';
import { formatFinding } from '../../gate';
import { matchesSelector } from '../../gate/core/selectors';

const labelMaps = fc.dictionary(fc.stringMatching(/^[a-z]([-a-z0-9.]{0,10}[a-z0-9])?$/), fc.stringMatching(/^([a-z0-9]([-a-z0-9]{0,8}[a-z0-9])?)?$/));
/** A label map and some of its entries. */
const labelsWithSubset = labelMaps.chain((labels) => fc.tuple(fc.constant(labels), fc.subarray(Object.entries(labels))));

test('matchLabels taken from the labels always match them', () => {
  fc.assert(fc.property(labelsWithSubset, ([labels, subset]) => matchesSelector({ matchLabels: Object.fromEntries(subset) }, labels)));
});

test('an In or Exists expression on a present label matches; NotIn its value or DoesNotExist does not', () => {
  fc.assert(
    fc.property(labelsWithSubset, ([labels, subset]) => {
      const matchLabels = Object.fromEntries(subset);
      return Object.entries(labels).every(([key, value]) => {
        const withExpression = (operator: string, values?: string[]) => matchesSelector({ matchLabels, matchExpressions: [{ key, operator, values }] }, labels);
        return withExpression('In', [value]) && withExpression('Exists') && !withExpression('NotIn', [value]) && !withExpression('DoesNotExist');
      });
    }),
  );
});

test('an absent selector matches nothing and an empty one matches everything', () => {
  fc.assert(fc.property(labelMaps, (labels) => !matchesSelector(undefined, labels) && !matchesSelector(null, labels) && matchesSelector({}, labels)));
});

test('a formatted finding is always one line', () => {
  const finding = fc.record({
    file: fc.string(),
    objectKey: fc.string(),
    kind: fc.string(),
    name: fc.string(),
    rule: fc.string(),
    severity: fc.constantFrom('error' as const, 'warning' as const),
    message: fc.string(),
  });
  fc.assert(fc.property(finding, (f) => !/[\r\n]/.test(formatFinding(f))));
});
