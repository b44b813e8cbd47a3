import { readdirSync, rmSync } from 'fs';
import { join } from 'path';
import { App } from 'cdk8s';
import { MultiK8sChart } from './lib/multi-k8s-chart';
import { PasswordSecretRef } from './lib/password-secret-ref';
import { VotingAppChart } from './lib/voting-app-chart';

const CHARTS: Record<string, (app: App) => void> = {
  'multi-k8s': (app) => new MultiK8sChart(app, 'multi-k8s'),
  'voting-app': (app) => new VotingAppChart(app, 'voting-app'),
};

/** `CHART=voting-app npm run synth` picks another chart; the default deploys the multi-k8s app. */
function main(chartName = process.env.CHART ?? 'multi-k8s'): void {
  const addChart = CHARTS[chartName];
  if (!addChart) throw new Error(`CHART must be one of ${Object.keys(CHARTS).join(', ')}, got ${JSON.stringify(chartName)}`);
  const app = new App();
  addChart(app); // validation errors throw here, before anything is written
  // Like `cdk8s synth`: no stale files from an earlier run or another chart.
  rmSync(app.outdir, { recursive: true, force: true });
  app.synth();
  console.error(readdirSync(app.outdir).map((file) => `wrote ${join(app.outdir, file)}`).join('\n'));
  const commands = PasswordSecretRef.allIn(app).map((ref) => `  ${ref.createCommand}`);
  if (commands.length) {
    console.error(`Before "kubectl apply -f ${app.outdir}", create the Secrets it reads (once per cluster):\n${commands.join('\n')}`);
  }
}

try {
  main();
} catch (error) {
  // Validation errors name the construct, field and value; a stack trace would only hide them.
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
