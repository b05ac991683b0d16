import { access, cp } from 'node:fs/promises';
import path from 'node:path';

/**
 * Copies a build's static files (scripts, styles, fonts) next to its standalone server, where
 * the server serves them from: Next leaves this copy to the deployer (the Dockerfile makes it
 * too). Returns the server's path; throws when the build has no standalone output.
 */
export async function copyStandaloneStatic(distDir: string, root: string = process.cwd()): Promise<string> {
  const standalone = path.join(root, distDir, 'standalone');
  const serverJs = path.join(standalone, 'server.js');
  await access(serverJs).catch(() => {
    throw new Error(`${serverJs} is missing: this build has no standalone output; build again`);
  });
  await cp(path.join(root, distDir, 'static'), path.join(standalone, distDir, 'static'), { recursive: true });
  return serverJs;
}
