import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, test } from 'vitest';
import { getClientAddress, toAddressKey } from '@/lib/net/client-address';
import { authSettings } from '@/lib/settings/auth';
import { PEER_STAMP_HEADER, stampPeerAddress } from '@/lib/net/peer-address';

/**
 * The client address the sign-in throttle keys on. The app's server appends the socket address
 * to X-Forwarded-For (stampPeerAddress, run here on a real IncomingMessage), and the client is
 * the (AUTH_TRUSTED_PROXIES + 1)-th entry from the right of that chain.
 */
function headersAsServerSees(sent: string | undefined, socketAddress: string | undefined): Headers {
  const socket = new Socket();
  Object.defineProperty(socket, 'remoteAddress', { value: socketAddress });
  const request = new IncomingMessage(socket);
  if (sent !== undefined) request.headers['x-forwarded-for'] = sent;
  request.headers[PEER_STAMP_HEADER] = 'forged by the client';
  stampPeerAddress(request);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
  return headers;
}

const AUTH_BASE = { NEXTAUTH_SECRET: 'client_address_secret_at_least_32_bytes', NEXTAUTH_URL: 'http://localhost:3000' };
const trustedProxies = (value: string | undefined) => authSettings.parse({ ...AUTH_BASE, AUTH_TRUSTED_PROXIES: value }).trustedProxyCount;

describe('getClientAddress', () => {
  test.each([
    { name: 'exposed directly: the socket', sent: undefined, socket: '203.0.113.7', trusted: undefined, client: '203.0.113.7' },
    {
      name: 'exposed directly: a client-sent header is ignored',
      sent: '198.51.100.1',
      socket: '203.0.113.7',
      trusted: '0',
      client: '203.0.113.7',
    },
    { name: 'one proxy: the entry it appended', sent: '198.51.100.1', socket: '10.0.0.2', trusted: '1', client: '198.51.100.1' },
    {
      name: 'one proxy: hops the client prepended are ignored',
      sent: '192.0.2.66, 198.51.100.1',
      socket: '10.0.0.2',
      trusted: '1',
      client: '198.51.100.1',
    },
    { name: 'CDN + load balancer', sent: '192.0.2.66, 198.51.100.1, 172.16.0.9', socket: '10.0.0.2', trusted: '2', client: '198.51.100.1' },
    { name: 'fewer hops than proxies: the furthest one', sent: undefined, socket: '10.0.0.2', trusted: '2', client: '10.0.0.2' },
    { name: 'an entry that is not an IP', sent: 'unknown', socket: '10.0.0.2', trusted: '1', client: null },
    { name: 'a very long entry', sent: '1'.repeat(10_000), socket: '10.0.0.2', trusted: '1', client: null },
    { name: 'IPv4-mapped IPv6 socket', sent: undefined, socket: '::ffff:127.0.0.1', trusted: undefined, client: '127.0.0.1' },
    { name: 'IPv6 by /64', sent: undefined, socket: '2001:db8:1:2:aaaa::1', trusted: undefined, client: '2001:db8:1:2::/64' },
  ])('$name', ({ sent, socket, trusted, client }) => {
    expect(getClientAddress(headersAsServerSees(sent, socket), trustedProxies(trusted))).toBe(client);
  });

  test('a chain the server did not complete (no stamp, or a forged one) gives no address', () => {
    expect(getClientAddress(new Headers({ 'x-forwarded-for': '203.0.113.7' }), 0)).toBeNull();
    expect(getClientAddress(new Headers({ 'x-forwarded-for': '203.0.113.7', [PEER_STAMP_HEADER]: 'guess' }), 0)).toBeNull();
  });
});

describe('toAddressKey', () => {
  test.each([
    ['192.0.2.1', '192.0.2.1'],
    ['[2001:db8::1]', '2001:db8:0:0::/64'],
    ['2001:DB8:0:0:ffff::', '2001:db8:0:0::/64'],
    ['2001:db8::1%eth0', '2001:db8:0:0::/64'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::1', '0:0:0:0::/64'],
    ['192.0.2.256', null],
    ['example.com', null],
    ['', null],
  ])('%s → %s', (value, key) => {
    expect(toAddressKey(value)).toBe(key);
  });

  test('two addresses of one /64 share a key; the next /64 does not', () => {
    expect(toAddressKey('2001:db8:1:2::1')).toBe(toAddressKey('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(toAddressKey('2001:db8:1:3::1')).not.toBe(toAddressKey('2001:db8:1:2::1'));
  });
});

describe('AUTH_TRUSTED_PROXIES at start-up', () => {
  test.each([
    [undefined, true],
    ['0', true],
    ['2', true],
    ['10', true],
    ['11', false],
    ['-1', false],
    ['1.5', false],
    ['one', false],
  ])('%s → valid %s', (value, valid) => {
    expect(authSettings.findProblem({ ...AUTH_BASE, AUTH_TRUSTED_PROXIES: value }) === null).toBe(valid);
  });
});

describe('getClientAddress with AUTH_TRUSTED_PROXY_ADDRESSES', () => {
  const trustedAddresses = (value: string) => {
    const list = authSettings.parse({ ...AUTH_BASE, AUTH_TRUSTED_PROXIES: '3', AUTH_TRUSTED_PROXY_ADDRESSES: value }).trustedProxyAddresses;
    if (!list) throw new Error('expected a list');
    return list;
  };

  test.each([
    // The hole the hop count leaves: the app is also reachable directly, and a client sends its own header.
    { name: 'a direct client cannot choose its address', sent: '198.51.100.1', socket: '203.0.113.7', client: '203.0.113.7' },
    { name: 'through the trusted proxy: the entry it appended', sent: '198.51.100.1', socket: '10.0.0.2', client: '198.51.100.1' },
    {
      name: 'through two trusted proxies (a range and an address)',
      sent: '192.0.2.66, 198.51.100.1, 172.16.0.9',
      socket: '10.0.0.2',
      client: '198.51.100.1',
    },
    { name: 'an IPv4-mapped socket address of a trusted proxy', sent: '198.51.100.1', socket: '::ffff:10.0.0.2', client: '198.51.100.1' },
    { name: 'an IPv6 proxy', sent: '198.51.100.1', socket: 'fd00::5', client: '198.51.100.1' },
    { name: 'only proxies in the chain: the furthest', sent: '172.16.0.9', socket: '10.0.0.2', client: '172.16.0.9' },
  ])('$name', ({ sent, socket, client }) => {
    expect(getClientAddress(headersAsServerSees(sent, socket), trustedAddresses('10.0.0.0/8, 172.16.0.9, fd00::/8'))).toBe(client);
  });

  test.each(['10.0.0.0/33', 'not-an-ip', '10.0.0.1/8/1', '::1/129', '10.0.0.1/x'])('refuses %s, naming the variable', (value) => {
    expect(() => authSettings.parse({ ...AUTH_BASE, AUTH_TRUSTED_PROXY_ADDRESSES: value })).toThrow(/AUTH_TRUSTED_PROXY_ADDRESSES/);
  });

  test('unset or empty: the hop count applies', () => {
    expect(authSettings.parse({ ...AUTH_BASE }).trustedProxyAddresses).toBeNull();
    expect(authSettings.parse({ ...AUTH_BASE, AUTH_TRUSTED_PROXY_ADDRESSES: ' ' }).trustedProxyAddresses).toBeNull();
  });
});
