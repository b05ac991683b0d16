import { domainToASCII } from 'node:url';
import { normaliseEmail } from './users';

/**
 * AUTH_ALLOWED_EMAILS and AUTH_ALLOWED_DOMAINS, matched exactly (`sub.example.com` is not
 * `example.com`), whatever the provider.
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
 * One spelling per address: the domain after NFKC, lower case and punycode; the local part exactly
 * but for ASCII case, since NFKC would make a fullwidth `ａｎａ` the listed `ana`, someone else.
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
