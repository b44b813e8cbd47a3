import { readdirSync, rmSync } from 'fs';
import { join } from 'path';
import { ApiObject, App } from 'cdk8s';
import { formatFinding } from '../gate';
import { PasswordSecretRef } from '../lib/password-secret-ref';
import { gateRunsAsPlugin, PROJECT_GATE_OPTIONS, validateApp, writeConstructMetadata } from '../gate/front-ends/in-synth';
import { MultiK8sChart } from './multi-k8s/chart';
import { BACKUP_VARIABLES, multiK8sInputsFromEnv, PRODUCTION_VARIABLES } from './multi-k8s/inputs';
import { VotingAppChart } from './voting-app/chart';
import { VOTING_PRESETS } from './voting-app/config';

export type Env = Readonly<Record<string, string | undefined>>;

/** The variables the multi-k8s chart reads, besides CHART. */
const MULTI_K8S_INPUTS = ['PROFILE', 'LOCAL_IMAGES', ...PRODUCTION_VARIABLES, ...BACKUP_VARIABLES] as const;
/** Every variable the synth reads to choose and configure its chart (the output folder, CDK8S_OUTDIR, aside). */
export const SYNTH_INPUTS = ['CHART', ...MULTI_K8S_INPUTS, 'VOTING_PRESET'] as const;

/** Each chart reads its inputs from the environment, adds itself to the app and says what it used. */
const CHARTS: Record<string, (app: App, env: Env) => string> = {
  'multi-k8s': (app, env) => {
    if (env.VOTING_PRESET) throw new Error(`VOTING_PRESET is set (${JSON.stringify(env.VOTING_PRESET)}) but CHART is multi-k8s, which does not use it`);
    const { config, summary } = multiK8sInputsFromEnv(env);
    new MultiK8sChart(app, 'multi-k8s', config);
    return `multi-k8s, ${summary}`;
  },
  'voting-app': (app, env) => {
    for (const name of MULTI_K8S_INPUTS.filter((n) => env[n])) {
      throw new Error(`${name} is set (${JSON.stringify(env[name])}) but CHART is voting-app, which does not use it`);
    }
    const preset = env.VOTING_PRESET || 'dockersamples';
    const config = VOTING_PRESETS[preset];
    if (!config) throw new Error(`VOTING_PRESET must be one of ${Object.keys(VOTING_PRESETS).join(', ')} (default dockersamples), got ${JSON.stringify(preset)}`);
    new VotingAppChart(app, 'voting-app', config);
    return `voting-app, preset ${preset}`;
  },
};

export interface Synthesized {
  readonly app: App;
  /** The chart, profile and inputs used, in one line. */
  readonly summary: string;
  /** The manifest files written, under the app's outdir. */
  readonly files: readonly string[];
  /** What to run once per cluster before `kubectl apply`: create the Secrets the output reads, and their namespaces. */
  readonly secretCommands: readonly string[];
}

/**
 * Writes the chart the environment chooses to the output folder: `CHART` (multi-k8s, the default, or
 * voting-app), then each chart's own inputs (see docs/charts.md and docs/production.md). Every input and construct is validated,
 * and the gate runs, before anything is written: on an error the folder is left as it was.
 */
export function synthesize(env: Env): Synthesized {
  const chartName = env.CHART || 'multi-k8s';
  const addChart = CHARTS[chartName];
  if (!addChart) throw new Error(`CHART must be one of ${Object.keys(CHARTS).join(', ')}, got ${JSON.stringify(chartName)}`);
  const app = new App({ outdir: env.CDK8S_OUTDIR || 'dist', recordConstructMetadata: false });
  const summary = addChart(app, env);
  const plugin = gateRunsAsPlugin(env);
  if (!plugin) gate(app);
  // Like `cdk8s synth`: no stale files from an earlier run or another chart.
  rmSync(app.outdir, { recursive: true, force: true });
  app.synth();
  const files = readdirSync(app.outdir).map((file) => join(app.outdir, file));
  if (plugin) writeConstructMetadata(app);
  return { app, summary, files, secretCommands: secretCommands(app) };
}

function secretCommands(app: App): string[] {
  const refs = PasswordSecretRef.allIn(app);
  // A Secret can only be created in an existing namespace; --save-config lets the later apply adopt it without a warning.
  const created = new Set(app.node.findAll().filter(ApiObject.isApiObject).filter((o) => o.kind === 'Namespace').map((o) => o.name));
  const namespaces = [...new Set(refs.flatMap((ref) => (ref.namespace && created.has(ref.namespace) ? [ref.namespace] : [])))];
  return [...namespaces.map((ns) => `kubectl create namespace ${ns} --save-config`), ...refs.map((ref) => ref.createCommand)];
}

/** The gate's rules over the objects about to be written: errors stop the synth before anything is written. */
function gate(app: App): void {
  const findings = validateApp(app, PROJECT_GATE_OPTIONS);
  findings.forEach((finding) => console.error(formatFinding(finding)));
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (errors) throw new Error(`the gate found ${errors} error${errors === 1 ? '' : 's'} (listed above by construct path); nothing was written`);
}
