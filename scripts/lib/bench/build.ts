import { closeSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { buildIsStale } from '../build-freshness';
import { exitedCleanly, spawnNext } from '../next-process';
import { killOnExit, onCleanup, stopChild } from './cleanup';
import { openLog, tailOf } from './logs';

/**
 * `next build` into its own distDir when that build is missing or older than the sources;
 * throws (with the build log's tail) when the build fails.
 */
export async function buildIfStale(distDir: string, logDir: string): Promise<void> {
  if (!(await buildIsStale(process.cwd(), distDir))) return;
  const { fd, logFile } = openLog(logDir, 'next-build');
  console.log(`Building the app into ${distDir} (log: ${logFile})…`);
  const saved = await saveFilesNextRewrites();
  const env = { ...process.env, NODE_ENV: 'production' as const, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' };
  const child = spawnNext(['build'], env, ['ignore', fd, fd]);
  closeSync(fd); // the child holds its own copy
  killOnExit(child);
  onCleanup(() => stopChild(child)); // a Ctrl+C during the build stops it too
  try {
    await exitedCleanly(child, 'next build');
  } catch (error) {
    throw new Error(`${(error as Error).message}; last lines of ${logFile}:\n${await tailOf(logFile, 30)}`);
  } finally {
    await restoreFilesNextRewrote(saved, distDir);
  }
}

type Saved = { tsconfig: string | null; nextEnv: string | null };

const TSCONFIG = 'tsconfig.json';
const NEXT_ENV = 'next-env.d.ts';

async function saveFilesNextRewrites(): Promise<Saved> {
  const read = (file: string) => readFile(file, 'utf8').catch(() => null);
  return { tsconfig: await read(TSCONFIG), nextEnv: await read(NEXT_ENV) };
}

/**
 * `next build` points tsconfig.json's `include` and next-env.d.ts at the distDir it builds
 * into. The benchmark must leave the project as it found it, so both are put back; tsconfig
 * only when Next's additions are its only change, so an edit made meanwhile is never lost.
 */
async function restoreFilesNextRewrote(saved: Saved, distDir: string): Promise<void> {
  const current = await saveFilesNextRewrites();
  if (saved.nextEnv !== null && current.nextEnv !== saved.nextEnv && current.nextEnv?.includes(`./${distDir}/`)) {
    await writeFile(NEXT_ENV, saved.nextEnv);
  }
  if (saved.tsconfig === null || current.tsconfig === null || current.tsconfig === saved.tsconfig) return;
  try {
    const ours = (entry: unknown) => typeof entry === 'string' && entry.startsWith(`${distDir}/`);
    const now = JSON.parse(current.tsconfig) as { include?: unknown[] };
    const withoutOurs = { ...now, include: now.include?.filter((entry) => !ours(entry)) };
    if (JSON.stringify(withoutOurs) === JSON.stringify(JSON.parse(saved.tsconfig))) {
      await writeFile(TSCONFIG, saved.tsconfig);
      return;
    }
  } catch {
    // Not plain JSON any more: someone else is editing it; leave it alone.
  }
  console.warn(`bench: ${TSCONFIG} changed during the build; left as is (check its "include" for ${distDir}/)`);
}
