/**
 * `npm run build`'s last step: the static files next to the standalone server, so
 * `node .next/standalone/server.js` serves the whole dashboard straight after a build.
 */
import path from 'node:path';
import { copyStandaloneStatic } from './lib/standalone-static';

try {
  const serverJs = await copyStandaloneStatic(process.env.NEXT_DIST_DIR || '.next');
  console.log(`Static files copied next to the standalone server; start it with: node ${path.relative(process.cwd(), serverJs)}`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
