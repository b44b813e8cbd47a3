import { mkdirSync, renameSync, writeFileSync } from 'fs';
import { dirname } from 'path';

/**
 * Writes the file whole: to a temporary name of this process and thread, then renamed, so a concurrent run or test
 * worker (jest's workers are threads of one process) reads the old file or the new one, never half of one.
 */
export function writeFileAtomically(file: string, contents: string | NodeJS.ArrayBufferView): void {
  mkdirSync(dirname(file), { recursive: true });
  // Required here, not at the top: loading worker_threads takes a few milliseconds, which a synth that writes nothing
  // of its own need not spend.
  const { threadId }: typeof import('worker_threads') = require('worker_threads');
  const temporary = `${file}.${process.pid}.${threadId}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}
