// Keeps the generated parts of docs/ equal to their sources: the traffic diagrams to what the charts'
// NetworkPolicies allow, the gate's rule and parity tables to its rule table, and the whole of
// docs/constructs.md to lib/'s JSDoc. `npm run docs` rewrites them; test/docs.test.ts fails while any differs.
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { App, Chart } from 'cdk8s';
import { MultiK8sChart } from '../apps/multi-k8s/chart';
import { VotingAppChart } from '../apps/voting-app/chart';
import { parityTable, ruleTable } from '../gate/front-ends/rule-tables';
import { trafficDiagram } from '../gate/front-ends/traffic-diagram';
// The tested managed-store inputs (Postgres by DNS name, Redis by IP address), which docs/production.md shows.
import { MANAGED_STORES_CONFIG } from '../test/production-config';
import { CONSTRUCTS_REFERENCE, constructsReference } from './constructs-reference';

export function chartDiagram(chart: Chart): string {
  return trafficDiagram(chart.toJson().map((object) => ({ file: chart.node.id, object })));
}

const mermaid = (chart: (app: App) => Chart) => () => `\`\`\`mermaid\n${chartDiagram(chart(new App()))}\n\`\`\``;

/** Each generated block: the document, the block's name and what it holds. */
export const GENERATED: Readonly<Record<string, Readonly<Record<string, () => string>>>> = {
  'docs/network.md': {
    'traffic-multi-k8s': mermaid((app) => new MultiK8sChart(app, 'multi-k8s')),
    'traffic-voting-app': mermaid((app) => new VotingAppChart(app, 'voting-app')),
    'traffic-multi-k8s-managed-stores': mermaid((app) => new MultiK8sChart(app, 'multi-k8s', MANAGED_STORES_CONFIG)),
  },
  'docs/gate.md': { rules: ruleTable, parity: parityTable },
};

/** The document with each `<!-- generated:NAME -->` ... `<!-- /generated:NAME -->` block replaced by its content. */
export function withGenerated(file: string, text: string): string {
  return Object.entries(GENERATED[file]).reduce((doc, [name, build]) => {
    const block = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!block.test(doc)) throw new Error(`${file} has no <!-- generated:${name} --> ... <!-- /generated:${name} --> block`);
    return doc.replace(block, (_, start: string, end: string) => `${start}${build()}\n${end}`);
  }, text);
}

/** Rewrites the constructs reference, which TypeDoc generates whole, if it changed. */
async function updateConstructsReference(): Promise<void> {
  const before = existsSync(CONSTRUCTS_REFERENCE) ? readFileSync(CONSTRUCTS_REFERENCE, 'utf8') : '';
  const after = await constructsReference();
  if (after !== before) writeFileSync(CONSTRUCTS_REFERENCE, after);
  console.error(`${CONSTRUCTS_REFERENCE}: ${after === before ? 'up to date' : 'updated'}`);
}

// Run as `npm run docs` (run-ts sets argv[1] to this compiled file), not when a test imports it; npm runs it from the project root.
if (process.argv[1] === __filename) {
  for (const file of Object.keys(GENERATED)) {
    const before = readFileSync(file, 'utf8');
    const after = withGenerated(file, before);
    if (after !== before) writeFileSync(file, after);
    console.error(`${file}: ${after === before ? 'up to date' : 'updated'}`);
  }
  updateConstructsReference().catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
