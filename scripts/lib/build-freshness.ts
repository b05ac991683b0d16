import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Everything whose change needs a new `next build`. */
const SOURCES = ['app', 'components', 'lib', 'proxy.ts', 'instrumentation.ts', 'next.config.mjs', 'package-lock.json'];

async function newestMtime(entry: string): Promise<number> {
  const info = await stat(entry).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const children = await readdir(entry);
  const times = await Promise.all(children.map((child) => newestMtime(path.join(entry, child))));
  return Math.max(info.mtimeMs, ...times);
}

/**
 * True when there is no production build, or a source file changed after it was made.
 * `distDir` is next.config's distDir (NEXT_DIST_DIR), for builds kept apart from `.next`.
 */
export async function buildIsStale(root = process.cwd(), distDir = '.next'): Promise<boolean> {
  const built = await stat(path.join(root, distDir, 'BUILD_ID')).catch(() => null);
  if (!built) return true;
  const times = await Promise.all(SOURCES.map((source) => newestMtime(path.join(root, source))));
  return Math.max(...times) > built.mtimeMs;
}
