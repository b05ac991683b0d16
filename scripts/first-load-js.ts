/**
 * npm run measure:first-load: the JavaScript a browser downloads to show the stats page the
 * first time, gzipped, measured from the built page itself (Next 16 no longer prints it).
 * Builds if needed, starts the app against the simulator, signs in, fetches `/`, then fetches
 * and gzips every <script src> the HTML references.
 */
import { gzipSync } from 'node:zlib';
import { startDemoStack } from './lib/demo-stack';
import { signInOverHttp } from './lib/sign-in';
import { freePort } from './lib/free-port';

const stack = await startDemoStack({ port: await freePort(), quiet: true });
try {
  const cookie = await signInOverHttp(stack.appUrl, stack.email, stack.password);
  const html = await (await fetch(`${stack.appUrl}/?range=30d`, { headers: { Cookie: cookie } })).text();
  if (!html.includes('kpi-value')) throw new Error('the stats page did not render its figures');
  const sources = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!))];
  const rows = await Promise.all(
    sources.map(async (src) => {
      const body = Buffer.from(await (await fetch(new URL(src, stack.appUrl))).arrayBuffer());
      return { script: src.replace(/^\/_next\/static\//, ''), raw: body.length, gzip: gzipSync(body).length };
    }),
  );
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  rows.sort((a, b) => b.gzip - a.gzip);
  console.table(rows.map((row) => ({ script: row.script, 'raw KB': kb(row.raw), 'gzip KB': kb(row.gzip) })));
  const total = rows.reduce((sum, row) => ({ raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip }), { raw: 0, gzip: 0 });
  console.log(`First-load JS of / : ${kb(total.gzip)} KB gzip (${kb(total.raw)} KB raw) in ${rows.length} scripts`);
} finally {
  await stack.stop();
}
