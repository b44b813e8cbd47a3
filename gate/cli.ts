import { formatFinding, LoadedManifests, loadManifestDir, ManifestLoadError, validateManifests } from './index';

const USAGE = 'usage: npm run validate -- [dir (default: dist/)] [--external-secret NAME]...';

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
  const findings = validateManifests(loaded.docs, { externalSecrets: args.externalSecrets });
  findings.forEach((finding) => output.out(formatFinding(finding)));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  output.out(`${count(errors, 'error')}, ${count(warnings, 'warning')} in ${count(loaded.docs.length, 'object')} from ${count(loaded.files.length, 'file')}`);
  return errors > 0 ? 1 : 0;
}

interface Args {
  readonly dir: string;
  readonly externalSecrets: readonly string[];
  readonly help: boolean;
}

/** The parsed arguments, or what is wrong with them. */
function parseArgs(argv: readonly string[]): Args | string {
  const dirs: string[] = [];
  const externalSecrets: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      help = true;
    } else if (arg === '--external-secret' || arg.startsWith('--external-secret=')) {
      const name = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!name) return '--external-secret needs a Secret name';
      externalSecrets.push(name);
    } else if (arg.startsWith('-')) {
      return `unknown option ${arg}`;
    } else {
      dirs.push(arg);
    }
  }
  if (dirs.length > 1) return `expected one directory, got ${dirs.join(' ')}`;
  return { dir: dirs[0] ?? 'dist/', externalSecrets, help };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

// scripts/run-ts.js (npm run validate) require()s the transpiled module after pointing process.argv[1] at it.
if (process.argv[1] === __filename) process.exitCode = main(process.argv.slice(2));
