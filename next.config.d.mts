// Types for next.config.mjs, so tests can read its settings (the body cap) type-checked.
import type { NextConfig } from 'next';

export const PROXY_BODY_LIMIT_BYTES: number;
export function isStandaloneBuild(env: Record<string, string | undefined>): boolean;
declare const nextConfig: NextConfig;
export default nextConfig;
