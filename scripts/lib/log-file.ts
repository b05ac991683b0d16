import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/**
 * Runs `spawnChild` with its stdout and stderr going to `logFile` (emptied first). The child
 * writes to the file itself: relaying a busy app's output through this process's event loop
 * would steal CPU from whatever this process measures or drives.
 */
export function withLogFile<T>(logFile: string, spawnChild: (fd: number) => T): T {
  const fd = openSync(logFile, 'w');
  try {
    return spawnChild(fd);
  } finally {
    closeSync(fd); // the child holds its own copy
  }
}

/** The last `lines` lines of a log, indented, for an error message. */
export async function tailOf(logFile: string, lines: number): Promise<string> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((line) => `    ${line}`)
    .join('\n');
}
