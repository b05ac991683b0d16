/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Don't advertise the framework; nothing else in config is secret or env-derived on purpose:
  // the Talkover token must never be inlined into a bundle through `env` here.
  poweredByHeader: false,
  // The end-to-end suite builds into its own folder so it never clobbers a developer's build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default nextConfig;
