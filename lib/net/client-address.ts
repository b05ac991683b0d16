import { isIP, type BlockList } from 'node:net';
import { getAuthSettings } from '../settings/auth';
import { isPeerStamped } from './peer-address';
import { isTrustedProxy } from './trusted-proxy-addresses';

type ProxyTrust = number | BlockList | null;

/**
 * The client's address as a throttle key, read from X-Forwarded-For, whose last entry is the
 * socket's (see peer-address.ts); entries further left are the client's to forge. With
 * AUTH_TRUSTED_PROXY_ADDRESSES, walk left past the entries that are trusted proxies: the first
 * that is not is the client (a direct client is its own socket address, whatever it sent).
 * Otherwise the (AUTH_TRUSTED_PROXIES + 1)-th entry from the right. Null when this server did
 * not complete the chain or the entry is not an IP.
 */
export function getClientAddress(headers: Headers, trust: ProxyTrust = defaultTrust()): string | null {
  if (!isPeerStamped(headers)) return null;
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim());
  const hop = typeof trust === 'number' || trust === null ? hopByCount(hops, trust ?? 0) : hopByAddress(hops, trust);
  return hop ? toAddressKey(hop) : null;
}

function defaultTrust(): ProxyTrust {
  const settings = getAuthSettings();
  return settings.trustedProxyAddresses ?? settings.trustedProxyCount;
}

/** Fewer hops than trusted proxies: the request came around them; the furthest hop is all we know. */
function hopByCount(hops: string[], trustedProxyCount: number): string | undefined {
  return hops[Math.max(0, hops.length - 1 - trustedProxyCount)];
}

function hopByAddress(hops: string[], trusted: BlockList): string | undefined {
  let index = hops.length - 1;
  while (index > 0 && isTrustedProxy(trusted, hops[index]!)) index -= 1;
  return hops[index];
}

/** IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 by its /64 (a subscriber rotates within it). */
export function toAddressKey(value: string): string | null {
  const address = value.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (address.length > 45) return null;
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return null;
  const groups = expandIpv6(address.toLowerCase());
  const mapped = /^0:0:0:0:0:ffff:/.test(groups.join(':'));
  if (mapped) return toIpv4(groups.slice(6));
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** Eight hexadecimal groups without leading zeros (a dotted IPv4 tail becomes two groups). */
function expandIpv6(address: string): string[] {
  const withHexTail = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
    [((+a << 8) | +b).toString(16), ((+c << 8) | +d).toString(16)].join(':'),
  );
  const [head = '', tail] = withHexTail.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16).toString(16));
}

function toIpv4(groups: string[]): string {
  return groups.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]).join('.');
}
