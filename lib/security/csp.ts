/**
 * The Content-Security-Policy of every page, built per request by proxy.ts. Pure (no Next, no
 * Node-only APIs) so it runs in the proxy and in unit tests alike.
 *
 * Scripts are allowed by nonce only: Next reads the nonce from the CSP header of the *request*
 * the proxy passes on and puts it on its own <script> tags; 'strict-dynamic' then lets those
 * scripts load further chunks (next/dynamic's Chart.js chunk, next-auth's client) without a
 * list of URLs. An injected <script> or inline handler has no nonce and does not run.
 */
/** 16 random bytes, base64: unguessable, and a valid CSP nonce-source. A fresh one per request. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Whether visitors reach the app over https: NEXTAUTH_URL (the public URL) says so, or the TLS
 * terminator in front says so with X-Forwarded-Proto. Decides HSTS and upgrade-insecure-requests,
 * which must not be sent on plain http (local runs, the tests).
 */
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
    // Chart.js and React set style="" attributes, which only 'unsafe-inline' allows (a nonce
    // here would make browsers ignore 'unsafe-inline'). Inline styles cannot run script.
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
