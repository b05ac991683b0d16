/**
 * npm run measure:first-load: the JavaScript a browser downloads to show the stats page the
 * first time, gzipped, measured from the built page itself (Next 16 no longer prints it).
 * Builds if needed, starts the app against the simulator, signs in, fetches `/`, then fetches
 * and gzips every <script src> the HTML references.
 */
import { startDemoStack } from './lib/demo-stack';
import { measureFirstLoadJs } from './lib/first-load';
import { signInOverHttp } from './lib/sign-in';

const stack = await startDemoStack({ quiet: true });
try {
  const cookie = await signInOverHttp(stack.appUrl, stack.email, stack.password);
  const result = await measureFirstLoadJs(stack.appUrl, cookie, '/?range=30d');
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  console.table(result.scripts.map((row) => ({ script: row.script, 'raw KB': kb(row.raw), 'gzip KB': kb(row.gzip) })));
  console.log(`First-load JS of / : ${kb(result.gzip)} KB gzip (${kb(result.raw)} KB raw) in ${result.scripts.length} scripts`);
} finally {
  await stack.stop();
}
