import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * A real OpenID Connect provider (node-oidc-provider) on loopback for the browser suite: one
 * confidential client for the app, a fixed table of accounts, and oidc-provider's development
 * interactions (a login form that accepts any password for a known login, then a consent
 * screen). Plain http is fine here: the app accepts http issuers on localhost/127.0.0.1 only.
 */

/** Who can sign in at the test identity provider; the login is the email address. */
export const OIDC_ACCOUNTS = {
  /** On the allow-list (AUTH_ALLOWED_DOMAINS=example.com), verified: signs in. */
  allowed: { email: 'ana@example.com', email_verified: true, name: 'Ana Example' },
  /** Verified, but `evil-example.com` is not `example.com`: refused. */
  notAllowed: { email: 'mallory@evil-example.com', email_verified: true, name: 'Mallory' },
  /** On the allow-list's domain, but the provider has not verified the address: refused. */
  unverified: { email: 'unverified@example.com', email_verified: false, name: 'Unverified Example' },
} as const;

export const OIDC_CLIENT = {
  clientId: 'callback-stats-e2e',
  /** The button label: "Continue with Example SSO". */
  name: 'Example SSO',
} as const;

export type OidcIssuer = {
  /** The issuer identifier, without a trailing slash (AUTH_OIDC_ISSUER). */
  url: string;
  /** The app's client secret there (AUTH_OIDC_CLIENT_SECRET), new for every run. */
  clientSecret: string;
  close(): Promise<void>;
};

type Claims = Record<string, unknown>;
type Account = { accountId: string; claims(use: string, scope: string): Promise<Claims> };
type ProviderInstance = {
  callback(): (request: IncomingMessage, response: ServerResponse) => void;
  on(event: string, listener: (...args: unknown[]) => void): void;
};
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

/** The account whose login (= `sub`) is `id`, or undefined so the provider refuses it. */
function findAccount(_ctx: unknown, id: string): Account | undefined {
  const account = Object.values(OIDC_ACCOUNTS).find((candidate) => candidate.email === id);
  if (!account) return undefined;
  return {
    accountId: account.email,
    // oidc-provider filters these down to the claims of the granted scopes.
    claims: async () => ({ sub: account.email, ...account }),
  };
}

/**
 * Starts the provider on a free 127.0.0.1 port. The port is taken first (the issuer URL must be
 * known before the provider is built), then requests are handed to the provider.
 */
export async function startOidcIssuer({ redirectUri }: { redirectUri: string }): Promise<OidcIssuer> {
  let handler: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  const server = createServer((request, response) => {
    if (handler) return handler(request, response);
    response.statusCode = 503;
    response.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;

  let clientSecret: string;
  try {
    // Loaded here, not at the top, so spec files can import the constants above without it.
    // @ts-expect-error -- oidc-provider ships no type declarations (and @types/oidc-provider is not installed).
    const { Provider } = (await import('oidc-provider')) as { Provider: ProviderClass };
    clientSecret = randomBytes(24).toString('base64url');
    const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    const provider = new Provider(url, {
      clients: [
        {
          client_id: OIDC_CLIENT.clientId,
          client_secret: clientSecret,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          // openid-client's (and so next-auth v4's) default.
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256', kid: 'e2e' }] },
      cookies: { keys: [randomBytes(32).toString('base64url')] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      // The app reads the profile from the id_token (idToken: true), not from userinfo.
      conformIdTokenClaims: false,
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true } },
      findAccount,
      ttl: { Session: 600, Interaction: 600, Grant: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
      renderError: (ctx: { type: string; body: string }, out: Record<string, unknown>) => {
        ctx.type = 'html';
        ctx.body = `<!DOCTYPE html><title>oidc error</title><pre id="oidc-error">${escapeHtml(JSON.stringify(out))}</pre>`;
      },
    });
    // Surface provider-side failures in the test output instead of only an error page.
    for (const event of ['server_error', 'grant.error', 'authorization.error']) {
      provider.on(event, (_ctx, error) => console.error(`[oidc-issuer] ${event}:`, (error as Error)?.message ?? error));
    }
    handler = provider.callback();
  } catch (error) {
    server.close();
    throw error;
  }

  return {
    url,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
