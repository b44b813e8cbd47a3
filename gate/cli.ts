import { formatFinding, LoadedManifests, loadManifestDir, ManifestLoadError, validateManifests, ValidateOptions } from './index';

/** The flags that declare objects created out of band, and the option each one fills. */
const EXTERNAL_FLAGS: ReadonlyArray<readonly [flag: string, option: keyof ValidateOptions, what: string]> = [
  ['--external-secret', 'externalSecrets', 'a Secret name'],
  ['--external-config-map', 'externalConfigMaps', 'a ConfigMap name'],
  ['--external-service-account', 'externalServiceAccounts', 'a ServiceAccount name'],
];

const USAGE = `usage: npm run validate -- [dir (default: dist/)] ${EXTERNAL_FLAGS.map(([flag]) => `[${flag} NAME]...`).join(' ')}`;

export interface Output {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const CONSOLE: Output = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** Validates a folder of manifests; returns the exit code: 0 clean (warnings allowed), 1 errors found, 2 usage error. */
export function main(argv: readonly string[], output: Output = CONSOLE): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    output.err(`${args}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    output.out(USAGE);
    return 0;
  }
  let loaded: LoadedManifests;
  try {
    loaded = loadManifestDir(args.dir);
  } catch (error) {
    if (!(error instanceof ManifestLoadError)) throw error;
    output.err(`error: ${error.message}`);
    return 2;
  }
  if (loaded.files.length === 0) {
    output.err(`error: no .yaml or .yml files in ${args.dir} (did you run cdk8s synth?)`);
    return 2;
  }
  const findings = validateManifests(loaded.docs, args.options);
  findings.forEach((finding) => output.out(formatFinding(finding)));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  output.out(`${count(errors, 'error')}, ${count(warnings, 'warning')} in ${count(loaded.docs.length, 'object')} from ${count(loaded.files.length, 'file')}`);
  return errors > 0 ? 1 : 0;
}

interface Args {
  readonly dir: string;
  readonly options: ValidateOptions;
  readonly help: boolean;
}

/** The parsed arguments, or what is wrong with them. */
function parseArgs(argv: readonly string[]): Args | string {
  const dirs: string[] = [];
  const options: Record<string, string[]> = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const external = EXTERNAL_FLAGS.find(([flag]) => arg === flag || arg.startsWith(`${flag}=`));
    if (arg === '-h' || arg === '--help') {
      help = true;
    } else if (external) {
      const [flag, option, what] = external;
      const name = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!name) return `${flag} needs ${what}`;
      (options[option] ??= []).push(name);
    } else if (arg.startsWith('-')) {
      return `unknown option ${arg}`;
    } else {
      dirs.push(arg);
    }
  }
  if (dirs.length > 1) return `expected one directory, got ${dirs.join(' ')}`;
  return { dir: dirs[0] ?? 'dist/', options, help };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

// scripts/run-ts.js (npm run validate) require()s the transpiled module after pointing process.argv[1] at it.
if (process.argv[1] === __filename) process.exitCode = main(process.argv.slice(2));
