import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync, gzipSync } from 'zlib';

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

// Gzipped JSON, one verdict per line inside: 4,000 objects take 7 MB as text. `npm run differential` shows them.
export const VERDICTS_FILE = join(__dirname, 'verdicts.json.gz');

/** One verdict per line (gunzip -c shows them). */
export function writeVerdicts(server: string, verdicts: readonly Verdict[]): void {
  const lines = verdicts.map((v) => JSON.stringify(v, (_, value) => (isRepeat(value) ? { [REPEAT]: value[0], times: value.length } : value)));
  writeFileSync(VERDICTS_FILE, gzipSync(`{"server":${JSON.stringify(server)},"verdicts":[\n${lines.join(',\n')}\n]}\n`, { level: 9 }));
}

export function readRecording(): Recording {
  // Parsed plainly, then the repeats restored: a reviver would make JSON.parse call back for every value (about twice as slow).
  return expandRepeats(JSON.parse(gunzipSync(readFileSync(VERDICTS_FILE)).toString('utf8')));
}

function expandRepeats(value: any): any {
  if (value === null || typeof value !== 'object') return value;
  if (REPEAT in value) return value[REPEAT].repeat(value.times);
  for (const key of Object.keys(value)) value[key] = expandRepeats(value[key]);
  return value;
}

// The size-limit entries hold strings of up to 600 000 copies of one character: stored as the character and a count.
const REPEAT = '$repeat';
const isRepeat = (value: unknown): value is string => typeof value === 'string' && value.length > 1000 && value === value[0].repeat(value.length);
