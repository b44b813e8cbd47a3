// The gate's severity model and its Kubernetes versions.
import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import * as path from 'path';
import { loadManifestFile, RULES, validateManifests } from '../../gate';
import { appliesIn, parseVersionRange } from '../../gate/core/versions';

const REPO = path.join(__dirname, '..', '..');
const CLEAN = path.join(REPO, 'test', 'fixtures', 'cli', 'clean-manifest.yaml');
const fixtureFindings = (rule: string, options = {}) => validateManifests(loadManifestFile(path.join(REPO, 'test', 'fixtures', 'gate', rule, 'fail.yaml')), options);

// That each rule's findings carry its default severity (gate/rules.ts) is checked on every fail.yaml by rules.test.ts.
test('by default what the API server, ingress-nginx or the cluster rejects is an error; only policy and wiring rules warn', () => {
  expect(RULES.filter((rule) => rule.severity === 'warning' && rule.category !== 'policy' && rule.category !== 'wiring')).toEqual([]);
  expect(RULES.filter((rule) => rule.category === 'api' || rule.category === 'ingress-nginx').every((rule) => rule.severity === 'error')).toBe(true);
});

test('strict makes every policy finding an error; severities set single rules, off drops them', () => {
  expect(new Set(fixtureFindings('latest-tag', { strict: true }).map((f) => f.severity))).toEqual(new Set(['error']));
  expect(fixtureFindings('latest-tag', { severities: { 'latest-tag': 'off' } }).filter((f) => f.rule === 'latest-tag')).toEqual([]);
  expect(new Set(fixtureFindings('schema', { severities: { schema: 'warning' } }).map((f) => f.severity))).toEqual(new Set(['warning']));
  expect(() => validateManifests([], { severities: { nope: 'error' } })).toThrow('severities: unknown rule "nope"');
});

test('a clean hand-written manifest passes npm run validate from standard input with at most warnings', () => {
  const result = spawnSync(process.execPath, ['scripts/run-ts.js', 'gate/front-ends/cli.ts', '-'], { cwd: REPO, input: readFileSync(CLEAN), encoding: 'utf8' });
  expect(result.status).toBe(0);
  const lines = result.stdout.trim().split('\n');
  expect(lines.slice(0, -1).every((line) => line.includes(': warning: '))).toBe(true);
  expect(lines.at(-1)).toMatch(/^0 errors, \d+ warnings in 4 objects from 1 file$/);
});

test('versions: one version or a range within 1.27-1.36; anything else is refused with what is accepted', () => {
  expect(parseVersionRange('1.36')).toEqual({ min: 36, max: 36 });
  expect(parseVersionRange('v1.33.2')).toEqual({ min: 33, max: 33 });
  expect(parseVersionRange('1.27-1.36')).toEqual({ min: 27, max: 36 });
  for (const bad of ['1.26', '1.37', '2.0', '1.36-1.30', 'latest', '1.27-1.30-1.36']) expect(() => parseVersionRange(bad)).toThrow('from 1.27 to 1.36');
});

test('a check that holds only in some versions applies where the range meets them, and its note names them', () => {
  expect(appliesIn({ min: 36, max: 36 }, { until: 31 })).toBeUndefined();
  expect(appliesIn({ min: 27, max: 31 }, { until: 31 })).toBe('');
  expect(appliesIn({ min: 27, max: 36 }, { until: 31 })).toBe(' (Kubernetes 1.27-1.31 only; 1.32 and later accept it)');
  expect(appliesIn({ min: 30, max: 36 }, { from: 34 })).toBe(' (Kubernetes 1.34-1.36 only; 1.33 and earlier accept it)');
});

test('an ipBlock with host bits is an error from 1.34 and a Service name starting with a digit before 1.36', () => {
  const policy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p' }, spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.1/8' } }] }] } };
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: '1web' }, spec: { ports: [{ port: 80 }] } };
  const api = (object: object, kubernetesVersion: string) => validateManifests([{ file: 'x', object }], { kubernetesVersion }).filter((f) => f.rule.startsWith('invalid-')).map((f) => f.message);
  expect(api(policy, '1.33')).toEqual([]);
  expect(api(policy, '1.34')).toEqual(['spec.ingress[0].from[0].ipBlock.cidr: "10.0.0.1/8" must not have bits set beyond the prefix length']);
  expect(api(service, '1.36')).toEqual([]);
  expect(api(service, '1.30-1.36')).toEqual([
    'metadata.name: "1web" is not a valid Service name: it must be a DNS-1035 label (lowercase letters, digits and \'-\', starting with a letter and ending with a letter or digit), at most 63 characters (Kubernetes 1.30-1.35 only; 1.36 and later accept it)',
  ]);
});
