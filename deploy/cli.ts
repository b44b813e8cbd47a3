import { DeployFailure, deploy, DeployOptions } from './deploy';
import { Kubectl, KubectlError } from './kubectl';

const USAGE = `usage: npm run deploy -- [--dry-run] [--timeout DURATION (default 5m)] [--no-wait] [--namespace NS] [--context NAME] [--diff]
Synthesizes the chart that CHART, PROFILE and the other synth inputs choose (as npm run synth does, into dist/),
then, against kubectl's current context (or --context): preflight, server dry run, diff, apply, wait, prune.
  --dry-run      stop after the preflight, the server dry run, the diff and the list of what would be pruned
  --timeout      how long all rollouts together may take: 90s, 5m, 1h or seconds
  --no-wait      apply and prune without waiting for the rollouts (retired Deployments are then kept)
  --namespace    where objects that name no namespace go (default: the context's namespace, else "default")
  --diff         print kubectl diff's full output too
Exit status: 0 deployed (or dry run passed), 1 failed (the last line says at which step), 2 usage error.`;

const DEFAULT_TIMEOUT_SECONDS = 300;
const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600 };

export interface CliArgs {
  readonly options: DeployOptions;
  readonly context?: string;
  readonly help: boolean;
}

/** Parses the deploy's flags; returns a message for a usage error. */
export function parseArgs(argv: readonly string[]): CliArgs | string {
  let dryRun = false;
  let wait = true;
  let showDiff = false;
  let help = false;
  let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
  let namespace: string | undefined;
  let context: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--dry-run': dryRun = true; break;
      case '--no-wait': wait = false; break;
      case '--diff': showDiff = true; break;
      case '--help': case '-h': help = true; break;
      case '--timeout': {
        const text = value();
        const match = /^(\d+)(s|m|h)?$/.exec(text ?? '');
        if (!match || match[1] === '0') return `--timeout must be a positive duration such as 90s, 5m or 1h, got ${JSON.stringify(text)}`;
        timeoutSeconds = parseInt(match[1], 10) * UNIT_SECONDS[match[2] ?? ''];
        break;
      }
      case '--namespace': case '-n':
        namespace = value();
        if (!namespace) return `${flag} needs a namespace`;
        break;
      case '--context':
        context = value();
        if (!context) return '--context needs a context name';
        break;
      default:
        return `unknown argument ${JSON.stringify(argv[i])}`;
    }
  }
  return { options: { dryRun, wait, timeoutSeconds, namespace, showDiff }, context, help };
}

/** Runs the deploy; returns the exit status. */
export function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = (line) => console.error(line)): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    log(`error: ${args}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    log(USAGE);
    return 0;
  }
  try {
    deploy(env, args.options, new Kubectl({ context: args.context, env }), log);
    return 0;
  } catch (error) {
    // Bad inputs, the gate, kubectl and the cluster all explain themselves in one line; a stack trace would hide it.
    if (!(error instanceof Error)) throw error;
    const step = error instanceof DeployFailure || error instanceof KubectlError ? '' : 'error: ';
    log(`deploy failed: ${step}${error.message}`);
    return 1;
  }
}

// Run as `npm run deploy` (run-ts sets argv[1] to this compiled file), not when a test imports it.
if (process.argv[1] === __filename) process.exitCode = main(process.argv.slice(2));
