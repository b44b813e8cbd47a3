import { spawnSync } from 'child_process';

export interface KubectlResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export class KubectlError extends Error {}

export interface KubectlOptions {
  /** The kubectl binary. @default $KUBECTL, else "kubectl" on the PATH */
  readonly binary?: string;
  /** The kubeconfig context to use. @default the current context */
  readonly context?: string;
  /** The environment kubectl runs in (KUBECONFIG among it). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs kubectl against one context, synchronously: the deploy's steps run one after the other. */
export class Kubectl {
  private readonly binary: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly contextArgs: string[];

  public constructor(options: KubectlOptions = {}) {
    this.env = options.env ?? process.env;
    this.binary = options.binary ?? this.env.KUBECTL ?? 'kubectl';
    this.contextArgs = options.context ? ['--context', options.context] : [];
  }

  /** Runs kubectl with these arguments; a non-zero exit is the caller's to read. */
  public run(args: readonly string[], input?: string): KubectlResult {
    const result = spawnSync(this.binary, [...this.contextArgs, ...args], { env: this.env, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (result.error) throw new KubectlError(`cannot run ${this.binary}: ${result.error.message} (install kubectl, or set KUBECTL to its path)`);
    return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
  }

  /** Runs kubectl and returns its output; throws its error message on a non-zero exit. */
  public output(args: readonly string[], input?: string): string {
    const result = this.run(args, input);
    if (result.status !== 0) throw failure(args, result);
    return result.stdout;
  }

  /** Runs a `kubectl get` of one object: its output, or undefined where the object does not exist; throws on any other failure. */
  public find(args: readonly string[]): string | undefined {
    const result = this.run(args);
    if (isNotFound(result)) return undefined;
    if (result.status !== 0) throw failure(args, result);
    return result.stdout;
  }

  public json(args: readonly string[]): any {
    return JSON.parse(this.output([...args, '-o', 'json']));
  }
}

function failure(args: readonly string[], result: KubectlResult): KubectlError {
  return new KubectlError(`kubectl ${args.join(' ')} failed: ${result.stderr.trim() || `exit ${result.status}`}`);
}

/** kubectl's message for an object (or namespace) that does not exist. */
export function isNotFound(result: KubectlResult): boolean {
  return result.status !== 0 && /\(NotFound\)|not found/.test(result.stderr);
}
