/**
 * Where to send someone after sign-in. Only same-site paths are accepted ("/?range=7d"), never
 * another origin ("//evil.example", "https://…", "/\\evil"), so the login page is no open redirect.
 */
export function toSafeCallbackPath(value: string | string[] | undefined | null): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return '/';
  // Control characters and backslashes have no place in our own paths and confuse URL parsers.
  if (/[\u0000-\u001f\u007f\\]/.test(candidate)) return '/';
  if (candidate.length > 2048) return '/';
  // Percent-encoded as a URL's path, query and fragment are (`/€` → `/%E2%82%AC`): it goes into a
  // Location header, which cannot carry characters outside Latin-1.
  const url = new URL(candidate, 'http://callback.invalid');
  return `${url.pathname}${url.search}${url.hash}`;
}
