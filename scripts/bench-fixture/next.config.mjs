/**
 * The bare Next app the benchmark measures the dashboard against: the same Next version and
 * node_modules, none of the dashboard's code. Built into its own folder by `npm run bench`.
 */
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default nextConfig;
