import { BlockList, isIP } from 'node:net';

/**
 * AUTH_TRUSTED_PROXY_ADDRESSES: the proxies, by address (IPs and CIDR ranges, comma-separated),
 * whose X-Forwarded-For entries are believed. Null for an empty value; a list of the entries it
 * could not read otherwise, so the setting's error can name them.
 */
export function parseTrustedProxyAddresses(value: string): BlockList | null | { invalid: string[] } {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const list = new BlockList();
  const invalid: string[] = [];
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const version = isIP(address);
    const bits = prefix === undefined ? (version === 4 ? 32 : 128) : Number(prefix);
    const maxBits = version === 4 ? 32 : 128;
    if (
      version === 0 ||
      rest.length > 0 ||
      !Number.isInteger(bits) ||
      bits < 0 ||
      bits > maxBits ||
      (prefix !== undefined && !/^\d+$/.test(prefix))
    ) {
      invalid.push(entry);
      continue;
    }
    list.addSubnet(address, bits, version === 4 ? 'ipv4' : 'ipv6');
  }
  return invalid.length > 0 ? { invalid } : list;
}

/** Whether `address` (IPv4, IPv6, or IPv4-mapped IPv6) is one of the trusted proxies. */
export function isTrustedProxy(list: BlockList, address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  if (mapped) return list.check(mapped, 'ipv4') || list.check(bare, 'ipv6');
  return list.check(bare, version === 4 ? 'ipv4' : 'ipv6');
}
