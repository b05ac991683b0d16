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
  // URLs that carry a password.
  'SMTP_URL',
  'DATABASE_URL',
] as const;

/** Read raw at each use: a log line must be cleaned even when the leaked setting failed to parse. */
export function getSecretSettingValues(): string[] {
  return SECRET_SETTINGS.map((name) => process.env[name]?.trim() ?? '').filter(Boolean);
}
