/**
 * What remembering decrypted session tokens saves per session check: next-auth's own decode
 * against lib/auth/session-token.ts on the same cookie, interleaved in rounds on one thread.
 * Prints microseconds per call; run with `npm run measure:session-check`.
 */
import { decode, encode } from 'next-auth/jwt';
import { decodeSessionToken } from '../lib/auth/session-token';

const secret = 'measure-session-check-secret-0123456789abcdef';
const CALLS = 2_000;
const ROUNDS = 5;

async function microsecondsPerCall(run: () => Promise<unknown>): Promise<number> {
  const startedAt = performance.now();
  for (let i = 0; i < CALLS; i += 1) await run();
  return ((performance.now() - startedAt) * 1000) / CALLS;
}

const token = await encode({ token: { sub: 'ana@example.com', email: 'ana@example.com', provider: 'oidc' }, secret, maxAge: 3600 });
const rows: { round: number; decodeUs: number; rememberedUs: number }[] = [];
for (let round = 1; round <= ROUNDS; round += 1) {
  const decodeUs = await microsecondsPerCall(() => decode({ token, secret }));
  const rememberedUs = await microsecondsPerCall(() => decodeSessionToken({ token, secret }));
  rows.push({ round, decodeUs, rememberedUs });
}
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const row of rows) console.log(`round ${row.round}: decode ${row.decodeUs.toFixed(1)} µs, remembered ${row.rememberedUs.toFixed(1)} µs`);
console.log(
  `median: next-auth decode ${median(rows.map((r) => r.decodeUs)).toFixed(1)} µs per check, remembered ${median(rows.map((r) => r.rememberedUs)).toFixed(1)} µs`,
);
