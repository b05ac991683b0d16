import { domainToASCII } from 'node:url';
import { normaliseEmail } from './users';

/**
 * Who may sign in, whatever the provider: AUTH_ALLOWED_EMAILS (exact addresses) and
 * AUTH_ALLOWED_DOMAINS (exact domains: `evil-example.com` and `sub.example.com` are not
 * `example.com`). Domains are compared after NFKC and lower-casing, in their ASCII (punycode)
 * form, so spellings of one domain compare equal; local parts exactly (see canonicalEmail).
 */
export type AllowList = { emails: Set<string>; domains: Set<string> };

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}

export function toAsciiDomain(domain: string): string {
  const normalised = domain.normalize('NFKC').trim().toLowerCase().replace(/\.$/, '');
  return domainToASCII(normalised) || normalised;
}

export function parseAllowList(env: { AUTH_ALLOWED_EMAILS?: string; AUTH_ALLOWED_DOMAINS?: string }): AllowList {
  return {
    emails: new Set(splitList(env.AUTH_ALLOWED_EMAILS).map(canonicalEmail)),
    domains: new Set(splitList(env.AUTH_ALLOWED_DOMAINS).map((domain) => toAsciiDomain(domain.replace(/^@/, '')))),
  };
}

export function isAllowListEmpty(list: AllowList): boolean {
  return list.emails.size === 0 && list.domains.size === 0;
}

/**
 * One spelling per address. The domain is compared after NFKC, lower-casing and punycode (it is
 * one name however it is typed); the local part exactly, but for ASCII case: NFKC there would
 * make a provider's `ａｎａ` (fullwidth) the listed `ana`, who is someone else.
 */
export function canonicalEmail(email: string): string {
  const normalised = normaliseEmail(email);
  const at = normalised.lastIndexOf('@');
  if (at <= 0) return normalised;
  return `${normalised.slice(0, at)}@${toAsciiDomain(normalised.slice(at + 1))}`;
}

export function isEmailAllowed(email: string | null | undefined, list: AllowList): boolean {
  if (!email) return false;
  const canonical = canonicalEmail(email);
  const at = canonical.lastIndexOf('@');
  if (at <= 0 || at === canonical.length - 1) return false;
  return list.emails.has(canonical) || list.domains.has(canonical.slice(at + 1));
}
