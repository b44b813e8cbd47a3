import { allowedFlowsOf, Flow } from '../core/traffic';

/**
 * A Mermaid flowchart of who may connect to whom on which ports, as the output's NetworkPolicies
 * allow it: workloads by kind and name, peers outside the output as their selectors describe them.
 */
export function trafficDiagram(docs: ReadonlyArray<{ readonly file: string; readonly object: unknown }>): string {
  return renderFlows(allowedFlowsOf(docs));
}

export function renderFlows(flows: readonly Flow[]): string {
  const edges = new Map<string, { from: string; to: string; ports: string[] }>();
  for (const { from, to, port } of flows) {
    const key = JSON.stringify([from, to]);
    const edge = edges.get(key) ?? { from, to, ports: [] };
    edge.ports.push(port);
    edges.set(key, edge);
  }
  const ids = new Map<string, string>();
  const idOf = (node: string): string => {
    if (!ids.has(node)) ids.set(node, `n${ids.size + 1}`);
    return ids.get(node)!;
  };
  const lines = [...edges.values()].map(({ from, to, ports }) => `  ${idOf(from)} -->|"${ports.join(', ')}"| ${idOf(to)}`);
  const nodes = [...ids].map(([node, id]) => `  ${id}["${node.replace(/"/g, '#quot;')}"]`);
  return ['flowchart LR', ...nodes, ...lines].join('\n');
}
