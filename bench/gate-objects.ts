// The gate's benchmark: writes whole copies of the dev chart's objects, each copy in its own namespace (so
// names stay unique and references resolve), until there are at least N objects, then reads the folder as
// `npm run validate` does and runs every rule. Prints JSON: objects, readMs (YAML parsing), validateMs (the rules).
// Usage: node scripts/run-ts.js bench/gate-objects.ts <N> <dir>
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { App, Yaml } from 'cdk8s';
import { loadManifestDir, validateManifests } from '../gate';
import { MultiK8sChart } from '../apps/multi-k8s/chart';

const [wanted, dir] = [Number(process.argv[2]), process.argv[3]];
const objects = new MultiK8sChart(new App(), 'multi-k8s').toJson();
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
for (let copy = 0; copy * objects.length < wanted; copy++) {
  const namespaced = objects.map((object) => ({ ...object, metadata: { ...object.metadata, namespace: `copy-${copy}` } }));
  writeFileSync(join(dir, `copy-${copy}.yaml`), Yaml.stringify(...namespaced));
}
const start = performance.now();
const { docs } = loadManifestDir(dir);
const read = performance.now();
const findings = validateManifests(docs);
const validated = performance.now();
if (findings.length) throw new Error(`the benchmark input should pass the gate, got ${findings.length} findings`);
console.log(JSON.stringify({ objects: docs.length, readMs: read - start, validateMs: validated - read }));
