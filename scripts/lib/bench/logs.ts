import { openSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Output of the processes the benchmark starts goes to files, not through this process: under
 * load the app logs every Talkover call, and relaying that through our event loop would steal
 * CPU from autocannon on a 2-core machine. The files live in the OS temp dir, outside the
 * project, and are named in error messages so a failed start can be diagnosed.
 */
export async function makeLogDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'callback-stats-bench-'));
}

/** A file descriptor to hand to spawn's stdio (close it after spawning), and its path. */
export function openLog(logDir: string, name: string): { fd: number; logFile: string } {
  const logFile = path.join(logDir, `${name}.log`);
  return { fd: openSync(logFile, 'w'), logFile };
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
