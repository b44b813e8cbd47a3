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
