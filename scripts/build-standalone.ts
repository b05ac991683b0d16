/**
 * `npm run build:standalone`: the self-contained server the container image runs. `next build`
 * with NEXT_OUTPUT_STANDALONE=1 (next.config.mjs), then the static files copied next to the
 * server, so `node .next/standalone/server.js` serves the whole dashboard straight away.
 * `npm run build` stays a plain build: `next start` warns about standalone output, and the demo
 * and `npm start` should print no warning.
 */
import path from 'node:path';
import { exitedCleanly, spawnNext } from './lib/next-process';
import { copyStandaloneStatic } from './lib/standalone-static';

try {
  await exitedCleanly(spawnNext(['build'], { ...process.env, NEXT_OUTPUT_STANDALONE: '1' }), 'next build');
  const serverJs = await copyStandaloneStatic(process.env.NEXT_DIST_DIR || '.next');
  console.log(`Static files copied next to the standalone server; start it with: node ${path.relative(process.cwd(), serverJs)}`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
