import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { onCleanup } from './cleanup';

const run = promisify(execFile);

/**
 * `--against <ref>`: that ref checked out in a temporary git worktree (removed at the end), with
 * its dependencies: this checkout's node_modules hard-linked when the lockfiles are the same
 * (seconds), `npm ci` otherwise. The caller builds and starts it like this checkout.
 */
export async function prepareAgainst(ref: string): Promise<{ dir: string; commit: string }> {
  const commit = (await run('git', ['rev-parse', '--short', `${ref}^{commit}`])).stdout.trim();
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'bench-against-')), commit);
  await run('git', ['worktree', 'add', '--detach', dir, commit]);
  onCleanup(async () => {
    await run('git', ['worktree', 'remove', '--force', dir]).catch(() => {});
    await rm(path.dirname(dir), { recursive: true, force: true });
  });
  const [ours, theirs] = await Promise.all([readFile('package-lock.json', 'utf8'), readFile(path.join(dir, 'package-lock.json'), 'utf8')]);
  if (ours === theirs && existsSync('node_modules')) {
    console.log(`  ${commit}: same lockfile, hard-linking node_modules`);
    // A copy of links, not a symlink: the bundler refuses node_modules outside the project.
    await run('cp', ['-al', 'node_modules', path.join(dir, 'node_modules')]);
  } else {
    console.log(`  ${commit}: another lockfile, npm ci there (a minute or two)`);
    await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  }
  return { dir, commit };
}
