import 'server-only';

/** The settings whose values must never appear in a log line, whoever owns them. */
const SECRET_SETTINGS = [
  'TALKOVER_API_TOKEN',
  'NEXTAUTH_SECRET',
  'AUTH_OIDC_CLIENT_SECRET',
  'AUTH_GOOGLE_SECRET',
  'AUTH_GITHUB_SECRET',
  'HEALTH_TOKEN',
  'METRICS_TOKEN',
  // URLs that can carry a password (redis://:password@host, smtps://user:password@host,
  // postgres://user:password@host), which is a secret on its own too.
  'REDIS_URL',
  'SMTP_URL',
  'DATABASE_URL',
] as const;

/** Read raw at each use: a log line must be cleaned even when the leaked setting failed to parse. */
export function getSecretSettingValues(): string[] {
  const values = SECRET_SETTINGS.map((name) => process.env[name]?.trim() ?? '').filter(Boolean);
  return [...values, ...urlPasswords(process.env.REDIS_URL)];
}

/** A URL's password, raw and decoded, when it has one (at least 4 characters, or it would redact too much). */
function urlPasswords(url: string | undefined): string[] {
  if (!url || !URL.canParse(url.trim())) return [];
  const password = new URL(url.trim()).password;
  if (password.length < 4) return [];
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {} // not valid percent-encoding: the raw form is all there is
  return [...new Set([password, decoded])];
}
