import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Output of the processes the benchmark starts goes to files, not through this process (see
 * scripts/lib/log-file.ts). The files live in the OS temp dir, outside the project, and are
 * named in error messages so a failed start can be diagnosed.
 */
export async function makeLogDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'callback-stats-bench-'));
}

/** Where one process's output goes: `<logDir>/<name>.log`. */
export function logFileIn(logDir: string, name: string): string {
  return path.join(logDir, `${name}.log`);
}
