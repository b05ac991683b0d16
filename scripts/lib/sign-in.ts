/**
 * Signs in over HTTP the way the login form does (next-auth's CSRF token, then the credentials
 * callback) and returns the Cookie header of the session, for scripts that measure the app.
 */
export async function signInOverHttp(appUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const separator = pair.indexOf('=');
      jar.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
  };
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

  const csrfResponse = await fetch(`${appUrl}/api/auth/csrf`);
  keep(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    // The sign-in route refuses posts whose Origin is not the dashboard's own, as browsers send it.
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: header(), Origin: new URL(appUrl).origin },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: '/', json: 'true' }),
  });
  keep(response);
  if (![...jar.keys()].some((name) => name.includes('session-token'))) {
    throw new Error(`sign-in as ${email} failed (HTTP ${response.status})`);
  }
  return header();
}
