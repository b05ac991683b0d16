import { Agent, fetch, type RequestInit } from 'undici';

/**
 * Password sign-ins over HTTP as the login form sends them (next-auth's CSRF token and cookie,
 * then a form post to the credentials callback), from a chosen loopback source address: Linux
 * routes all of 127.0.0.0/8 to lo, so a client bound to 127.0.0.2 reaches a server on
 * 127.0.0.1 and that server sees 127.0.0.2 as its peer.
 */
const agents = new Map<string, Agent>();

export function fromAddress(localAddress: string): Agent {
  let agent = agents.get(localAddress);
  if (!agent) agents.set(localAddress, (agent = new Agent({ localAddress })));
  return agent;
}

export async function closeAgents(): Promise<void> {
  await Promise.all([...agents.values()].map((agent) => agent.close()));
  agents.clear();
}

/** The JSON of a sign-in answer: an error envelope, next-auth's `{ url }`, or both. */
export type SignInBody = { url?: string; error?: { code: string; message: string; retry_after_seconds?: number } };

export type SignInAnswer = { status: number; headers: Headers; body: SignInBody; cookie: string };

export type SignInAttempt = {
  email: string;
  password: string;
  /** Loopback source address of the connection (default 127.0.0.1). */
  from?: string;
  forwardedFor?: string;
  /** Path after /api/auth/ (default callback/credentials). */
  path?: string;
  contentType?: string;
  /** Cookies the browser already holds (a device cookie), sent with the sign-in. */
  cookie?: string;
  /** Replaces the form; receives the CSRF token. */
  body?: (csrfToken: string) => RequestInit['body'];
};

export async function signInOver(appUrl: string, attempt: SignInAttempt): Promise<SignInAnswer> {
  const dispatcher = fromAddress(attempt.from ?? '127.0.0.1');
  const extra: Record<string, string> = attempt.forwardedFor ? { 'X-Forwarded-For': attempt.forwardedFor } : {};
  const csrfResponse = await fetch(`${appUrl}/api/auth/csrf`, { dispatcher, headers: extra });
  const csrfCookie = cookiesOf(csrfResponse.headers);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email: attempt.email, password: attempt.password, callbackUrl: '/', json: 'true' });
  const response = await fetch(`${appUrl}/api/auth/${attempt.path ?? 'callback/credentials'}`, {
    method: 'POST',
    dispatcher,
    redirect: 'manual',
    headers: {
      ...extra,
      Cookie: [csrfCookie, attempt.cookie].filter(Boolean).join('; '),
      Origin: new URL(appUrl).origin,
      'Content-Type': attempt.contentType ?? 'application/x-www-form-urlencoded',
    },
    body: attempt.body ? attempt.body(csrfToken) : form.toString(),
    ...(attempt.body ? { duplex: 'half' as const } : {}),
  });
  const text = await response.text();
  let body: SignInBody = {};
  try {
    body = JSON.parse(text) as SignInBody;
  } catch {} // an HTML or empty answer: nothing to read
  return { status: response.status, headers: response.headers as unknown as Headers, body, cookie: cookiesOf(response.headers) };
}

function cookiesOf(headers: { getSetCookie(): string[] }): string {
  return headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

export const isSignedIn = (answer: SignInAnswer) => answer.status === 200 && /next-auth\.session-token=/.test(answer.cookie);
