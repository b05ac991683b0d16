import createNextIntlPlugin from 'next-intl/plugin';

/**
 * Security headers that are the same for every response, static files included (the proxy
 * does not run for those). The per-request ones, the Content-Security-Policy with its nonce
 * and HSTS when NEXTAUTH_URL is https, are set in proxy.ts.
 */
const SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
  // frame-ancestors 'none' in the CSP does this for current browsers; this is for older ones.
  { key: 'X-Frame-Options', value: 'DENY' },
];

/**
 * The paths the proxy skips (its matcher in proxy.ts) get no per-request policy, so they get this
 * one: they are files, not pages, and may load nothing. A 404 among them carries it too.
 */
const STATIC_FILE_CSP = { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" };
const PROXY_SKIPPED_PATHS = ['/_next/static/:path*', '/_next/image', '/favicon.ico', '/icon.svg', '/robots.txt'];

/**
 * What Next buffers of a request body for the proxy, which then refuses anything larger
 * (lib/capped-body.ts's MAX_REQUEST_BODY_BYTES: the same number, checked by a unit test). The
 * default, 10 MB a request, let a few anonymous posts hold hundreds of megabytes.
 */
export const PROXY_BODY_LIMIT_BYTES = 8 * 1024;

/**
 * Whether this build writes the standalone server: NEXT_OUTPUT_STANDALONE=1.
 * @param {Record<string, string | undefined>} env
 */
export function isStandaloneBuild(env) {
  return env.NEXT_OUTPUT_STANDALONE === '1';
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Don't advertise the framework; nothing else in config is secret or env-derived on purpose:
  // the Talkover token must never be inlined into a bundle through `env` here.
  poweredByHeader: false,
  experimental: { proxyClientMaxBodySize: PROXY_BODY_LIMIT_BYTES },
  // The end-to-end suite builds into its own folder so it never clobbers a developer's build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The self-contained server the container image runs (`node .next/standalone/server.js`),
  // only when asked: `npm run build:standalone` sets NEXT_OUTPUT_STANDALONE=1 and copies the
  // static files next to it. `next start` (npm start, the demo) warns about standalone output,
  // so a plain `npm run build` leaves it out and a newcomer sees no warning.
  output: isStandaloneBuild(process.env) ? 'standalone' : undefined,
  // libsql (the SQLite engine) loads its native binary with a computed require
  // (`@libsql/<platform>`), which build tracing cannot follow: ship the installed ones.
  outputFileTracingIncludes: { '**': ['./node_modules/@libsql/*/**'] },
  async headers() {
    return [
      { source: '/:path*', headers: SECURITY_HEADERS },
      ...PROXY_SKIPPED_PATHS.map((source) => ({ source, headers: [STATIC_FILE_CSP] })),
      // The health check skips the proxy too unless it carries a body (proxy.ts's matcher).
      {
        source: '/api/health',
        missing: [
          { type: 'header', key: 'content-length' },
          { type: 'header', key: 'transfer-encoding' },
        ],
        headers: [STATIC_FILE_CSP],
      },
      // These rules are fixed at build time, so HSTS here keys on the request, not NEXTAUTH_URL:
      // static files behind a TLS terminator that says https. Browsers ignore HSTS over http.
      {
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
        // The same value as HSTS in lib/security/csp.ts (this .mjs cannot import TypeScript).
        headers: [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }],
      },
    ];
  },
};

// next-intl reads each request's language and words from i18n/request.ts (no locale routing).
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

export default withNextIntl(nextConfig);
