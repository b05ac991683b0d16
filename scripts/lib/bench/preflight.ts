/**
 * Checks before a scenario that it measures what its row claims. autocannon only sees status
 * codes, so a warm scenario that is in fact missing the cache, or a page that renders an error
 * panel with 200, would go unnoticed. Each check returns warnings for the report; none throws.
 */

type Side = { url: string; cookie: string };

async function get(side: Side, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${side.url}${path}`, { headers: { Cookie: side.cookie }, redirect: 'manual' });
  return { status: response.status, body: await response.text() };
}

function cacheStateOf(body: string): string {
  try {
    return (JSON.parse(body) as { meta?: { cache?: string } }).meta?.cache ?? 'absent';
  } catch {
    return 'unreadable';
  }
}

/**
 * Requests `path` twice and expects the second answer's `meta.cache` to be `expected`: "hit"
 * for a warm scenario (the first request filled the cache), "miss" where caching is off.
 * Doubles as warming the cache for the warm scenario.
 */
export async function checkApiCache(name: string, side: Side, path: string, expected: 'hit' | 'miss'): Promise<string[]> {
  try {
    await get(side, path);
    const { status, body } = await get(side, path);
    if (status !== 200) return [`${name}: GET ${path} answered HTTP ${status}: ${body.slice(0, 200)}`];
    const state = cacheStateOf(body);
    if (state === expected) return [];
    const why =
      expected === 'miss'
        ? 'caching is not off (TALKOVER_CACHE_TTL_SECONDS=0), so its row measures cache hits, not the miss path'
        : 'the warm rows are not measuring cache hits';
    return [`${name}: a repeated GET ${path} was a cache "${state}", expected "${expected}": ${why}`];
  } catch (error) {
    return [`${name}: GET ${path} failed: ${(error as Error).message}`];
  }
}

/** The first request for `path` at this instance is already a hit: another instance cached it in Redis. */
export async function checkFirstHit(name: string, side: Side, path: string): Promise<string[]> {
  try {
    const { status, body } = await get(side, path);
    if (status !== 200) return [`${name}: GET ${path} answered HTTP ${status}: ${body.slice(0, 200)}`];
    const state = cacheStateOf(body);
    if (state === 'hit') return [];
    return [
      `${name}: its first GET ${path} was a cache "${state}", expected a "hit" from the shared cache: the instances are not sharing Redis`,
    ];
  } catch (error) {
    return [`${name}: GET ${path} failed: ${(error as Error).message}`];
  }
}

/** The page renders with its figures for a signed-in user (and thereby warms its range). */
export async function checkPage(name: string, side: Side, path: string): Promise<string[]> {
  try {
    const { status, body } = await get(side, path);
    if (status !== 200) return [`${name}: GET ${path} answered HTTP ${status}`];
    if (!body.includes('kpi-value')) return [`${name}: GET ${path} rendered without its figures`];
    return [];
  } catch (error) {
    return [`${name}: GET ${path} failed: ${(error as Error).message}`];
  }
}
