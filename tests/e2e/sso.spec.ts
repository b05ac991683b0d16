import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { launchBrowser } from './support/browser';
import { E2E } from './support/context';
import { OIDC_ACCOUNTS, OIDC_CLIENT } from './support/oidc-issuer';

/**
 * Single sign-on against a real OpenID Connect provider (node-oidc-provider on loopback, started
 * by the global setup): the whole authorization-code round trip with PKCE, state and nonce, the
 * id_token's claims deciding who gets in.
 */
const { appUrl, oidcIssuerUrl } = inject('e2e');
const issuerOrigin = new URL(oidcIssuerUrl).origin;
const SHARED_QUERY = '?start_date=2026-02-02&end_date=2026-02-15';

let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());
afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** A fresh browser (no app session, no provider session) on a signed-out page. */
async function freshPage(): Promise<Page> {
  context = await browser.newContext({ locale: 'en-US' });
  // oidc-provider's development pages @import a web font: keep the test off the network.
  await context.route(/^https?:\/\/fonts\.(googleapis|gstatic)\.com\//, (route) => route.abort());
  const page = await context.newPage();
  // Console errors (a CSP refusal among them) explain a failed round trip: print them then.
  const consoleLines: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning') consoleLines.push(`[${message.type()}] ${page.url()}: ${message.text()}`);
  });
  onTestFailed(() => {
    console.error(`last URL: ${page.url()}\nbrowser console:\n${consoleLines.join('\n') || '(nothing)'}`);
  });
  return page;
}

/** From the app's login page, through the provider's login and consent screens. */
async function signInWithSso(page: Page, login: string): Promise<void> {
  const button = page.getByRole('button', { name: `Continue with ${OIDC_CLIENT.name}` });
  await button.click();
  await page.waitForURL((url) => url.origin === issuerOrigin && url.pathname.startsWith('/interaction/'), { timeout: 15_000 });
  await page.locator('input[name="login"]').fill(login);
  // oidc-provider's development login accepts any password for a known login.
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // Then its consent screen for the client's scopes (openid email profile).
  await page.getByRole('heading', { name: 'Authorize' }).waitFor();
  expect(new URL(page.url()).origin).toBe(issuerOrigin);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

function kpi(page: Page, label: string) {
  return page.locator('.kpi', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('.kpi-value');
}

/** After a refusal: no session was made, so a page still sends the visitor to sign in. */
async function expectSignedOut(page: Page): Promise<void> {
  await page.goto(`${appUrl}/?range=7d`);
  expect(new URL(page.url()).pathname).toBe('/login');
  const cookies = await page.context().cookies(appUrl);
  expect(cookies.map((cookie) => cookie.name)).not.toContain('next-auth.session-token');
}

describe('single sign-on with an OpenID Connect provider', () => {
  it('signs an allowed, verified person in from a shared link and lands on the shared view', async () => {
    const page = await freshPage();
    await page.goto(`${appUrl}/${SHARED_QUERY}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe(`/${SHARED_QUERY}`);
    // The SSO button sits next to the email and password form.
    await expect(page.getByRole('button', { name: `Continue with ${OIDC_CLIENT.name}` }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Email').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Password').isVisible()).resolves.toBe(true);

    const authorizationRequest = page.waitForRequest((request) => request.url().startsWith(`${issuerOrigin}/auth?`));
    await signInWithSso(page, OIDC_ACCOUNTS.allowed.email);
    // The app asked for the code flow with PKCE (S256), state and nonce.
    const authorization = new URL((await authorizationRequest).url()).searchParams;
    expect(authorization.get('client_id')).toBe(OIDC_CLIENT.clientId);
    expect(authorization.get('response_type')).toBe('code');
    expect(authorization.get('redirect_uri')).toBe(`${appUrl}/api/auth/callback/oidc`);
    expect(authorization.get('scope')?.split(' ').sort()).toEqual(['email', 'openid', 'profile']);
    expect(authorization.get('code_challenge_method')).toBe('S256');
    for (const check of ['code_challenge', 'state', 'nonce']) expect(authorization.get(check), check).toBeTruthy();

    await page.waitForURL(`${appUrl}/${SHARED_QUERY}`, { timeout: 20_000 });
    const landed = new URL(page.url());
    expect(landed.searchParams.get('start_date')).toBe('2026-02-02');
    expect(landed.searchParams.get('end_date')).toBe('2026-02-15');
    await expect(page.getByRole('heading', { name: 'Callbacks' }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('From').inputValue()).resolves.toBe('2026-02-02');
    await expect(page.getByLabel('To').inputValue()).resolves.toBe('2026-02-15');
    for (const label of ['Received', 'Answered', 'Answer rate']) {
      await expect(kpi(page, label).textContent()).resolves.toMatch(/\d/);
    }
    await expect(page.getByText(`Signed in as ${OIDC_ACCOUNTS.allowed.email}`).isVisible()).resolves.toBe(true);

    // The session is the app's own: the API answers for it too.
    const api = await page.context().request.get(`${appUrl}/api/stats${SHARED_QUERY}`);
    expect(api.status()).toBe(200);
  });

  it.each([
    ['a verified person outside the allow-list', OIDC_ACCOUNTS.notAllowed.email],
    ['a person whose email the provider has not verified', OIDC_ACCOUNTS.unverified.email],
  ])('refuses %s with "This account is not allowed", and makes no session', async (_who, login) => {
    const page = await freshPage();
    await page.goto(`${appUrl}/${SHARED_QUERY}`);
    expect(new URL(page.url()).pathname).toBe('/login');

    await signInWithSso(page, login);

    await page.waitForURL((url) => url.origin === new URL(appUrl).origin && url.pathname === '/login', { timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get('error')).toBe('AccessDenied');
    await expect(page.getByRole('heading', { name: 'This account is not allowed' }).isVisible()).resolves.toBe(true);
    await expectSignedOut(page);
  });

  it('keeps the email and password form working next to SSO', async () => {
    const page = await freshPage();
    await page.goto(`${appUrl}/login`);
    await page.getByLabel('Email').fill(E2E.email);
    await page.getByLabel('Password').fill(E2E.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${appUrl}/`);
    await expect(page.getByText(`Signed in as ${E2E.email}`).isVisible()).resolves.toBe(true);
  });
});
