/**
 * Secrets (a bearer token, an OAuth client secret) may travel to a URL only over https, or over
 * plain http to this machine itself: the simulator, a local identity provider, the tests.
 */
export function isHttpsOrLoopbackUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol, hostname } = new URL(value);
  if (protocol === 'https:') return true;
  return protocol === 'http:' && (hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname));
}
