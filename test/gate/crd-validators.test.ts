// The custom resources' validators are compiled from the CRD folder once and kept in build/crd-validators/: a change
// to a CRD gives new validators, never the kept ones of the old schema.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { crdValidators } from '../../gate/api/custom-resources';

const widgetCrd = (sizeType: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            apiVersion: { type: string }
            kind: { type: string }
            metadata: { type: object }
            spec: { type: object, properties: { size: { type: ${sizeType} } } }
`;

test('validators are kept per CRD contents: the same CRDs reuse them, a changed CRD compiles new ones', () => {
  const project = mkdtempSync(join(tmpdir(), 'crds-'));
  const crds = join(project, 'crds');
  mkdirSync(crds);
  const widget = (size: unknown) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size } });

  writeFileSync(join(crds, 'widget.yaml'), widgetCrd('integer'));
  const first = crdValidators(crds)['example.com/v1 Widget'];
  expect([first(widget(3)), first(widget('big'))]).toEqual([true, false]);
  // Unknown fields are errors: the schema is made strict.
  expect(first({ ...widget(3), spec: { size: 3, colour: 'red' } })).toBe(false);
  const kept = readdirSync(join(project, 'build', 'crd-validators'));
  expect(kept).toHaveLength(1);
  expect(crdValidators(crds)['example.com/v1 Widget'](widget('big'))).toBe(false);
  expect(readdirSync(join(project, 'build', 'crd-validators'))).toEqual(kept);

  writeFileSync(join(crds, 'widget.yaml'), widgetCrd('string'));
  expect(crdValidators(crds)['example.com/v1 Widget'](widget('big'))).toBe(true);
  expect(readdirSync(join(project, 'build', 'crd-validators'))).toHaveLength(2);
});
