import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

/** What a real API server said about one corpus entry (`kubectl apply --dry-run=server`). */
export interface Verdict {
  readonly id: string;
  readonly category: string;
  readonly accepted: boolean;
  /** kubectl's error output when rejected. */
  readonly message: string;
  readonly object: Record<string, any>;
}

export interface Recording {
  /** The server's gitVersion. */
  readonly server: string;
  readonly verdicts: readonly Verdict[];
}

export const VERDICTS_FILE = join(__dirname, 'verdicts.json');

/** One verdict per line, so that a new recording's diff shows what changed. */
export function writeVerdicts(server: string, verdicts: readonly Verdict[]): void {
  const lines = verdicts.map((v) => JSON.stringify(v, (_, value) => (isRepeat(value) ? { [REPEAT]: value[0], times: value.length } : value)));
  writeFileSync(VERDICTS_FILE, `{"server":${JSON.stringify(server)},"verdicts":[\n${lines.join(',\n')}\n]}\n`);
}

export function readRecording(): Recording {
  return JSON.parse(readFileSync(VERDICTS_FILE, 'utf8'), (_, value) => (value && typeof value === 'object' && REPEAT in value ? value[REPEAT].repeat(value.times) : value));
}

// The size-limit entries hold strings of up to 600 000 copies of one character: stored as the character and a count.
const REPEAT = '$repeat';
const isRepeat = (value: unknown): value is string => typeof value === 'string' && value.length > 1000 && value === value[0].repeat(value.length);
