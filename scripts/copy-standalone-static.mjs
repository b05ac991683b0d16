/**
 * `npm run build`'s last step: copies the build's static files (scripts, styles, fonts) next to
 * the standalone server, where it serves them from, so `node .next/standalone/server.js` works
 * straight after a build. Next leaves this copy to the deployer; the Dockerfile does the same.
 * Plain JavaScript so it runs wherever `next build` does, before any dev tool is needed.
 */
import { cp, stat } from 'node:fs/promises';
import path from 'node:path';

const distDir = process.env.NEXT_DIST_DIR || '.next';
const standalone = path.join(distDir, 'standalone');
try {
  await stat(path.join(standalone, 'server.js'));
} catch {
  console.error(`${standalone}/server.js is missing: next build did not write standalone output`);
  process.exit(1);
}
await cp(path.join(distDir, 'static'), path.join(standalone, distDir, 'static'), { recursive: true });
console.log(`Copied ${distDir}/static into ${standalone}; start it with: node ${standalone}/server.js`);
