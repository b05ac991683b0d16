import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SIGN_IN_FAILED_MESSAGE } from '@/lib/messages';
import { launchBrowser, signIn, signedInContext } from './support/browser';
import { E2E } from './support/context';

const { appUrl } = inject('e2e');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('signing in', () => {
  it('sends a signed-out visitor of a shared link to /login, then back to the shared view', async () => {
    const page = await (await browser.newContext()).newPage();
    const shared = `${appUrl}/?start_date=2026-01-05&end_date=2026-01-18`;
    await page.goto(shared);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe('/?start_date=2026-01-05&end_date=2026-01-18');

    await signIn(page);
    await page.waitForURL(shared);
    await expect(page.getByRole('heading', { name: 'Callbacks' }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('From').inputValue()).resolves.toBe('2026-01-05');
    await expect(page.getByLabel('To').inputValue()).resolves.toBe('2026-01-18');
    await expect(page.getByText(`Signed in as ${E2E.email}`).isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('answers a wrong password with one generic message and stays on /login', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${appUrl}/login`);
    await signIn(page, E2E.email, 'not the password');
    const alert = page.getByRole('main').getByRole('alert');
    await alert.waitFor();
    const wrongPassword = await alert.textContent();
    await signIn(page, 'nobody@example.com', 'not the password');
    await page.waitForTimeout(300);
    await alert.waitFor();
    expect(await alert.textContent()).toBe(wrongPassword);
    expect(wrongPassword).toBe(SIGN_IN_FAILED_MESSAGE);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });

  it('tells a server misconfiguration apart from a wrong password', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${appUrl}/login?error=Configuration`);
    await expect(page.getByRole('main').getByRole('alert').textContent()).resolves.toMatch(/not set up correctly/);
    await page.context().close();
  });

  it('never redirects off-site after sign-in', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${appUrl}/login?callbackUrl=${encodeURIComponent('//evil.example/steal')}`);
    await signIn(page);
    await page.waitForURL(`${appUrl}/`);
    await page.context().close();
  });

  it('signs out from the header, after which the dashboard asks to sign in again', async () => {
    const context = await signedInContext(browser, appUrl);
    const page = await context.newPage();
    await page.goto(`${appUrl}/?range=7d`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto(`${appUrl}/?range=7d`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });
});

describe('signed-out requests', () => {
  it('gets 401 JSON from /api/stats, not a redirect', async () => {
    const response = await fetch(`${appUrl}/api/stats?range=7d`, { redirect: 'manual' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('gets 401 JSON from an API path that does not exist', async () => {
    const response = await fetch(`${appUrl}/api/anything`, { redirect: 'manual' });
    expect(response.status).toBe(401);
  });

  it('can reach /api/health, which says only that the app is up', async () => {
    const response = await fetch(`${appUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"status":"ok"}');
  });

  it('is redirected from a page with the original URL kept', async () => {
    const response = await fetch(`${appUrl}/?range=90d`, { redirect: 'manual' });
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get('location') ?? '', appUrl);
    expect(location.pathname).toBe('/login');
    expect(location.searchParams.get('callbackUrl')).toBe('/?range=90d');
  });
});
