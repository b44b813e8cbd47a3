import { Chart, ChartProps, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { allowedFlowsOf } from '../gate/core/traffic';

/** A Kubernetes object as synthesized (plain JSON). */
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; [key: string]: any }; [key: string]: any };

/**
 * Builds constructs in a fresh chart (optionally with context, e.g. the production image rule,
 * and chart props such as labels or a namespace) and returns its manifests.
 */
export function synthIn(build: (scope: Construct) => void, context: Record<string, unknown> = {}, chartProps: ChartProps = {}): Manifest[] {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { disableResourceNameHashes: true, ...chartProps });
  for (const [key, value] of Object.entries(context)) chart.node.setContext(key, value);
  build(chart);
  return Testing.synth(chart) as Manifest[];
}

/** The one object of this kind and name; fails the test when there is none or more than one. */
export function findObject(manifests: readonly Manifest[], kind: string, name: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind && m.metadata.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}/${name}, found ${found.length} among ${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}`);
  }
  return found[0];
}

/** The first (only) container of a workload's pod template. */
export function containerOf(workload: Manifest): any {
  return workload.spec.template.spec.containers[0];
}

/** The flows the manifests' NetworkPolicies allow, as `from -> to: port` lines (the gate's evaluator). */
export function flowsOf(manifests: readonly Manifest[]): string[] {
  return allowedFlowsOf(manifests.map((object) => ({ file: 'test', object }))).map((f) => `${f.from} -> ${f.to}: ${f.port}`);
}
