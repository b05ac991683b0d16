import { gzipSync } from 'node:zlib';

export type ScriptSize = { script: string; raw: number; gzip: number };
export type FirstLoadJs = { page: string; scripts: ScriptSize[]; raw: number; gzip: number };

/**
 * The JavaScript a browser downloads to show a page the first time, measured from the served
 * page itself (Next 16 no longer prints it): fetches the page with the session cookie, then
 * fetches and gzips every <script src> the HTML references. Scripts are sorted largest first.
 */
export async function measureFirstLoadJs(appUrl: string, cookie: string, page = '/?range=30d'): Promise<FirstLoadJs> {
  const response = await fetch(new URL(page, appUrl), { headers: { Cookie: cookie } });
  const html = await response.text();
  if (!html.includes('kpi-value')) throw new Error(`the stats page did not render its figures (HTTP ${response.status})`);
  const sources = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!))];
  const scripts = await Promise.all(
    sources.map(async (src): Promise<ScriptSize> => {
      const script = await fetch(new URL(src, appUrl));
      // A 404 page in place of a chunk would silently shrink the total.
      if (!script.ok) throw new Error(`${src} answered HTTP ${script.status}`);
      const body = Buffer.from(await script.arrayBuffer());
      return { script: src.replace(/^\/_next\/static\//, ''), raw: body.length, gzip: gzipSync(body).length };
    }),
  );
  scripts.sort((a, b) => b.gzip - a.gzip);
  const raw = scripts.reduce((sum, row) => sum + row.raw, 0);
  const gzip = scripts.reduce((sum, row) => sum + row.gzip, 0);
  return { page, scripts, raw, gzip };
}
