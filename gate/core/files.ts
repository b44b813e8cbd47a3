import { mkdirSync, renameSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import { threadId } from 'worker_threads';

/**
 * Writes the file whole: to a temporary name of this process and thread, then renamed, so a concurrent run or test
 * worker (jest's workers are threads of one process) reads the old file or the new one, never half of one.
 */
export function writeFileAtomically(file: string, contents: string | NodeJS.ArrayBufferView): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${threadId}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}
