import { readFileSync } from 'fs';
import { Format, formatReport, FORMATS } from './formats';
import { checkValidateOptions, LoadedManifests, loadManifestPaths, ManifestLoadError, SeverityLevel, validateManifests, ValidateOptions } from '../index';
import { DEFAULT_KUBERNETES_VERSION } from '../core/versions';

/** The flags that declare objects created out of band, and the option each one fills. */
const EXTERNAL_FLAGS: ReadonlyArray<readonly [flag: string, option: 'externalSecrets' | 'externalConfigMaps' | 'externalServiceAccounts', what: string]> = [
  ['--external-secret', 'externalSecrets', 'a Secret name'],
  ['--external-config-map', 'externalConfigMaps', 'a ConfigMap name'],
  ['--external-service-account', 'externalServiceAccounts', 'a ServiceAccount name'],
];

const USAGE = `usage: npm run validate -- [file | dir | - ]... (default: dist/)
  --format text|json|sarif       output (default text)
  --kubernetes-version V         a version or range the objects must apply to, e.g. 1.33 or 1.27-1.36 (default ${DEFAULT_KUBERNETES_VERSION})
  --strict                       policy rules are errors, not warnings
  --severity RULE=LEVEL          error, warning or off for one rule (repeatable)
${EXTERNAL_FLAGS.map(([flag, , what]) => `  ${flag} NAME`.padEnd(32) + ' ' + `${what} created out of band (repeatable)`).join('\n')}
exit: 0 no errors (warnings allowed), 1 errors found, 2 bad usage or unreadable input`;

export interface Output {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Standard input, read when a path is `-`. */
  readonly stdin: () => string;
}

const CONSOLE: Output = { out: (text) => console.log(text), err: (text) => console.error(text), stdin: () => readFileSync(0, 'utf8') };

/** Validates files, folders and standard input; returns the exit code: 0 clean (warnings allowed), 1 errors found, 2 usage error. */
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
  try {
    checkValidateOptions(args.options);
  } catch (error) {
    output.err(`error: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  let loaded: LoadedManifests;
  try {
    loaded = loadManifestPaths(args.paths, output.stdin);
  } catch (error) {
    if (!(error instanceof ManifestLoadError)) throw error;
    output.err(`error: ${error.message}`);
    return 2;
  }
  if (loaded.files.length === 0) {
    output.err(`error: no .yaml or .yml files in ${args.paths.join(' ')} (did you run cdk8s synth?)`);
    return 2;
  }
  const findings = validateManifests(loaded.docs, args.options);
  const errors = findings.filter((f) => f.severity === 'error').length;
  output.out(formatReport(args.format, findings, { errors, warnings: findings.length - errors, objects: loaded.docs.length, files: loaded.files.length }));
  return errors > 0 ? 1 : 0;
}

interface Args {
  readonly paths: readonly string[];
  readonly format: Format;
  readonly options: ValidateOptions;
  readonly help: boolean;
}

/** The parsed arguments, or what is wrong with them. */
function parseArgs(argv: readonly string[]): Args | string {
  const paths: string[] = [];
  const externals: Record<string, string[]> = {};
  const severities: Record<string, SeverityLevel> = {};
  let format: Format = 'text';
  let kubernetesVersion: string | undefined;
  let strict = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (what: string): string => {
      const given = inline ?? argv[++i];
      if (!given) throw new UsageError(`${flag} needs ${what}`);
      return given;
    };
    try {
      const external = EXTERNAL_FLAGS.find(([name]) => flag === name);
      if (arg === '-h' || arg === '--help') help = true;
      else if (external) (externals[external[1]] ??= []).push(value(external[2]));
      else if (flag === '--strict') strict = true;
      else if (flag === '--kubernetes-version') kubernetesVersion = value('a version such as 1.36');
      else if (flag === '--format') {
        const given = value(FORMATS.join(', '));
        if (!(FORMATS as readonly string[]).includes(given)) return `--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(given)}`;
        format = given as Format;
      } else if (flag === '--severity') {
        const given = value('RULE=LEVEL');
        const [rule, level] = given.split('=');
        if (!rule || !level) return `--severity needs RULE=LEVEL, got ${JSON.stringify(given)}`;
        severities[rule] = level as SeverityLevel;
      } else if (arg.startsWith('-') && arg !== '-') return `unknown option ${arg}`;
      else paths.push(arg);
    } catch (error) {
      if (error instanceof UsageError) return error.message;
      throw error;
    }
  }
  return { paths: paths.length ? paths : ['dist/'], format, options: { ...externals, kubernetesVersion, strict, severities }, help };
}

class UsageError extends Error {}

// scripts/run-ts.js (npm run validate) require()s the transpiled module after pointing process.argv[1] at it.
if (process.argv[1] === __filename) process.exitCode = main(process.argv.slice(2));
