/**
 * The per-request Content-Security-Policy; pure, so it runs in the proxy and unit tests alike.
 * Scripts run by nonce only; 'strict-dynamic' lets them load further chunks without a URL list.
 */
/** 16 random bytes, base64: unguessable, and a valid CSP nonce-source. A fresh one per request. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** By NEXTAUTH_URL or X-Forwarded-Proto. HSTS and upgrade-insecure-requests must not reach plain http. */
export function isServedOverHttps(publicUrl: URL, forwardedProto: string | null): boolean {
  if (publicUrl.protocol === 'https:') return true;
  return forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https';
}

export const HSTS = 'max-age=31536000; includeSubDomains';

export type CspOptions = {
  nonce: string;
  /** next dev's React Refresh evaluates code with eval(); a production build never does. */
  development: boolean;
  https: boolean;
  formActionOrigins: string[];
};

export function buildContentSecurityPolicy({ nonce, development, https, formActionOrigins }: CspOptions): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // 'self' is ignored by browsers that honour 'strict-dynamic'; it only helps CSP2 browsers.
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
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
