// Keeps the traffic diagrams of docs/network.md equal to what the charts' NetworkPolicies allow.
// `npm run diagrams` rewrites them; test/traffic-diagram.test.ts fails while they differ.
import { readFileSync, writeFileSync } from 'fs';
import { App, Chart } from 'cdk8s';
import { trafficDiagram } from '../gate/front-ends/traffic-diagram';
import { MultiK8sChart } from '../apps/multi-k8s/chart';
import { VotingAppChart } from '../apps/voting-app/chart';

/** The charts whose diagrams docs/network.md shows, by the name of their block. */
export const DIAGRAMS_FILE = 'docs/network.md';

const CHARTS: Record<string, (app: App) => Chart> = {
  'multi-k8s': (app) => new MultiK8sChart(app, 'multi-k8s'),
  'voting-app': (app) => new VotingAppChart(app, 'voting-app'),
};

export function chartDiagram(chart: Chart): string {
  return trafficDiagram(chart.toJson().map((object) => ({ file: chart.node.id, object })));
}

/** The document with each `<!-- traffic:NAME -->` ... `<!-- /traffic:NAME -->` block replaced by the chart's diagram. */
export function withDiagrams(doc: string): string {
  return Object.entries(CHARTS).reduce((text, [name, build]) => {
    const block = new RegExp(`(<!-- traffic:${name} -->\\n)[\\s\\S]*?(<!-- /traffic:${name} -->)`);
    if (!block.test(text)) throw new Error(`${DIAGRAMS_FILE} has no <!-- traffic:${name} --> ... <!-- /traffic:${name} --> block`);
    const diagram = `\`\`\`mermaid\n${chartDiagram(build(new App()))}\n\`\`\``;
    return text.replace(block, (_, start: string, end: string) => `${start}${diagram}\n${end}`);
  }, doc);
}

// Run as `npm run diagrams` (run-ts sets argv[1] to this compiled file), not when a test imports it.
// npm runs it from the project root.
if (process.argv[1] === __filename) {
  const before = readFileSync(DIAGRAMS_FILE, 'utf8');
  const after = withDiagrams(before);
  if (after === before) {
    console.error(`the traffic diagrams in ${DIAGRAMS_FILE} are up to date`);
  } else {
    writeFileSync(DIAGRAMS_FILE, after);
    console.error(`updated the traffic diagrams in ${DIAGRAMS_FILE}`);
  }
}
