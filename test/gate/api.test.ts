import { validateManifests } from '../../gate';

test('a document that is not an object is reported, not thrown on', () => {
  expect(validateManifests([{ file: 'x.yaml', object: null }]).map((f) => `${f.kind}/${f.name} ${f.rule}: ${f.message}`)).toEqual([
    '<no kind>/<no name> schema: apiVersion and kind are required',
    '<no kind>/<no name> invalid-name: metadata.name: is required (kubectl apply cannot use generateName)',
  ]);
});

test('an in-memory object may carry undefined fields: they are never serialized, so they are not unknown fields', () => {
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: undefined }, data: { mode: 'prod' }, extra: undefined };
  expect(validateManifests([{ file: 'x.yaml', object: configMap }])).toEqual([]);
});

test('findings come in input order, then in rule table order', () => {
  const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { 'bad key': 'x' } }, dataa: {} });
  const findings = validateManifests([configMap('b'), configMap('A')].map((object) => ({ file: 'x.yaml', object })));
  expect(findings.map((f) => `${f.name} ${f.rule}`)).toEqual(['b unknown-field', 'b invalid-label', 'A unknown-field', 'A invalid-name', 'A invalid-label']);
});

test('a Service selector is a label map: its keys and values are checked; a field named selector elsewhere is not', () => {
  const service = {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', annotations: { selector: 'any value' } },
    spec: { selector: { 'app_': 'web', tier: 'front end' }, ports: [{ port: 80 }] },
  };
  expect(validateManifests([{ file: 'x.yaml', object: service }]).filter((f) => f.rule === 'invalid-label').map((f) => f.message)).toEqual([
    expect.stringMatching(/^spec\.selector\.app_: key "app_" /),
    expect.stringMatching(/^spec\.selector\.tier: value "front end" /),
  ]);
});

test('unknown fields are found by what the schema defines at each path, whatever earlier objects of the kind held there', () => {
  const findings = (spec: object) => validateManifests([{ file: 'x.yaml', object: { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 'p' }, template: { spec } } }])
    .filter((f) => f.rule === 'schema' || f.rule === 'unknown-field').map((f) => `${f.rule}: ${f.message}`);
  const container = { name: 'app', image: 'nginx:1.27' };
  // Earlier objects: an empty list (nothing about its items), a list where a later object has a map, a map of other keys.
  expect(findings({ containers: [], volumes: [{ name: 'data', emptyDir: {} }], nodeSelector: { disk: 'ssd' } })).toEqual([]);
  const expected = [
    'schema: template.spec.volumes: must be array',
    // Each object's unknown keys come before those of the objects in it.
    'unknown-field: template.spec.overheadd: unknown field "overheadd" (did you mean "overhead"?)',
    'unknown-field: template.spec.containers[0].imagePullPolcy: unknown field "imagePullPolcy" (did you mean "imagePullPolicy"?)',
    'unknown-field: template.spec.containers[1].portz: unknown field "portz" (did you mean "ports"?)',
  ];
  const later = { containers: [{ ...container, imagePullPolcy: 'Always' }, { ...container, name: 'sidecar', portz: [] }], volumes: { data: { emptyDir: {} } }, nodeSelector: { zone: 'a' }, overheadd: {} };
  // Twice: the second run finds every path learnt.
  expect([findings(later), findings(later)]).toEqual([expected, expected]);
});
