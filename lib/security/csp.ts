/**
 * The per-request Content-Security-Policy; pure, so it runs in the proxy and unit tests alike.
 * Scripts run by nonce only; 'strict-dynamic' lets them load further chunks without a URL list.
 */
/** 16 random bytes, base64: unguessable, and a valid CSP nonce-source. A fresh one per request. */
export function createNonce(): string {
  if (poolOffset + NONCE_BYTES > pool.length) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, (poolOffset += NONCE_BYTES));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Random bytes drawn 4 KiB at a time, each byte used for one nonce only: a call into the system's
 * random source per request showed in the warm API's profile (about 2% of its CPU time).
 */
const NONCE_BYTES = 16;
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

/** By NEXTAUTH_URL or X-Forwarded-Proto. HSTS and upgrade-insecure-requests must not reach plain http. */
export function isServedOverHttps(publicUrl: URL, forwardedProto: string | null): boolean {
  if (publicUrl.protocol === 'https:') return true;
  return forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https';
}

export const HSTS = 'max-age=31536000; includeSubDomains';

export type CspOptions = {
  /** Pages only: an API answer is JSON (or a redirect) and runs no script, so it gets none. */
  nonce: string | null;
  /** next dev's React Refresh evaluates code with eval(); a production build never does. */
  development: boolean;
  https: boolean;
  formActionOrigins: string[];
};

export function buildContentSecurityPolicy({ nonce, development, https, formActionOrigins }: CspOptions): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // 'self' is ignored by browsers that honour 'strict-dynamic'; it only helps CSP2 browsers.
    ['script-src', "'self'", ...(nonce === null ? [] : [`'nonce-${nonce}'`]), "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // Chart.js and React set style="" attributes; a nonce here would void 'unsafe-inline'.
    ['style-src', "'self'", "'unsafe-inline'"],
    // Chart.js may export to data:/blob: URLs.
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'", ...formActionOrigins],
    ['frame-ancestors', "'none'"],
  ];
  if (https) directives.push(['upgrade-insecure-requests']);
  return directives.map((directive) => directive.join(' ')).join('; ');
}
