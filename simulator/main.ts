// Talkover SIMULATOR (demo mode and tests only): command-line entry point.
// Usage: SIMULATOR_TOKEN=dev-token npx tsx simulator/main.ts
// Configuration comes from the environment so the demo script and CI can start it unchanged.
// The token is never printed: only the URL is.

import { z } from 'zod';
import { faultSchema } from './faults';
import { startSimulator } from './server';

const TOKEN_REQUIRED = 'required (the token clients must send as "Authorization: Bearer <token>")';
const blankAsUnset = (value: unknown) => (value === '' ? undefined : value);

const faultFromJson = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON fault object' });
      return z.NEVER;
    }
  })
  .pipe(faultSchema);

const envSchema = z.object({
  SIMULATOR_TOKEN: z.string({ error: TOKEN_REQUIRED }).min(1, TOKEN_REQUIRED),
  SIMULATOR_PORT: z.preprocess(blankAsUnset, z.coerce.number().int().min(0).max(65_535).default(4010)),
  SIMULATOR_HOST: z.preprocess(blankAsUnset, z.string().default('127.0.0.1')),
  SIMULATOR_RATE_LIMIT_PER_MINUTE: z.preprocess(blankAsUnset, z.coerce.number().int().positive().optional()),
  SIMULATOR_FAULT: z.preprocess(blankAsUnset, faultFromJson.optional()),
  SIMULATOR_LATENCY_MS: z.preprocess(blankAsUnset, z.coerce.number().int().min(0).max(120_000).default(0)),
});

function fail(message: string): never {
  console.error(`Talkover simulator: ${message}`);
  process.exit(1);
}

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  const issue = parsed.error.issues[0]!;
  fail(`${issue.path.join('.')}: ${issue.message}`);
}
const env = parsed.data;

const simulator = await startSimulator({
  token: env.SIMULATOR_TOKEN,
  port: env.SIMULATOR_PORT,
  host: env.SIMULATOR_HOST,
  rateLimitPerMinute: env.SIMULATOR_RATE_LIMIT_PER_MINUTE,
  fault: env.SIMULATOR_FAULT,
  latencyMs: env.SIMULATOR_LATENCY_MS,
}).catch((error: unknown) => fail(`could not start (${error instanceof Error ? error.message : String(error)})`));

console.log(`Talkover simulator listening on ${simulator.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void simulator.close().finally(() => process.exit(0));
  });
}
