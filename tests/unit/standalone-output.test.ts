// Standalone output only when asked (npm run build:standalone, the Dockerfile): `next start`
// warns about it whenever next.config says `output: 'standalone'` at start time, and the demo
// and `npm start` are what a newcomer runs first.
import { describe, expect, test } from 'vitest';
import nextConfig, { isStandaloneBuild } from '../../next.config.mjs';

describe('standalone output', () => {
  test('is off for a plain build and for next start', () => {
    expect(process.env.NEXT_OUTPUT_STANDALONE).toBeUndefined();
    expect(nextConfig.output).toBeUndefined();
  });

  test('is on with NEXT_OUTPUT_STANDALONE=1 only', () => {
    expect(isStandaloneBuild({ NEXT_OUTPUT_STANDALONE: '1' })).toBe(true);
    expect(isStandaloneBuild({ NEXT_OUTPUT_STANDALONE: '0' })).toBe(false);
    expect(isStandaloneBuild({})).toBe(false);
  });
});
