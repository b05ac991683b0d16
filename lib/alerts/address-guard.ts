import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * A webhook URL is an SSRF door: the server POSTs wherever a member says. Only https, and only to
 * public addresses: never loopback, private, carrier-grade NAT, link-local (the cloud metadata
 * service at 169.254.169.254 among them), multicast or reserved ranges, in IPv4 or IPv6 (mapped
 * IPv4 included). `ALERT_WEBHOOK_ALLOW_PRIVATE=1` lifts both rules, for a chat server on the same
 * network and for tests. The address is checked when the rule is saved and again by the lookup of
 * the very connection that sends (DNS can change between the two), so what was checked is what
 * is connected to.
 */
const refused = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  refused.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  refused.addSubnet(network, prefix, 'ipv6');
}

export type AddressRefusal = { code: 'webhook_address_refused'; message: string };

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !refused.check(address, 'ipv4');
  if (family !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1] as string);
  return !refused.check(address, 'ipv6');
}

const refusal = (message: string): AddressRefusal => ({ code: 'webhook_address_refused', message });

/** The URL's own problems, before any lookup: scheme, credentials, a literal private address. */
export function checkWebhookUrl(value: string, allowPrivate: boolean): { url: URL } | AddressRefusal {
  if (!URL.canParse(value)) return refusal('webhook.url: is not a web address.');
  const url = new URL(value);
  const schemes = allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) return refusal('webhook.url: must start with https://.');
  if (url.username || url.password) return refusal('webhook.url: must not carry a user name or password.');
  const host = hostOf(url);
  if (!allowPrivate && isIP(host) && !isPublicAddress(host)) return refusal(refusedAddressMessage());
  return { url };
}

export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export const resolveAll: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

/** Save-time check: the URL, and every address its name resolves to now. */
export async function checkWebhookAddress(value: string, allowPrivate: boolean, resolve: Resolve = resolveAll): Promise<AddressRefusal | null> {
  const checked = checkWebhookUrl(value, allowPrivate);
  if ('code' in checked) return checked;
  if (allowPrivate) return null;
  const host = hostOf(checked.url);
  if (isIP(host)) return null;
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch {
    return refusal(`webhook.url: the name ${host} could not be resolved.`);
  }
  if (addresses.length === 0 || addresses.some((entry) => !isPublicAddress(entry.address))) return refusal(refusedAddressMessage());
  return null;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for the sending connection: it resolves, refuses a private answer, and hands the
 * socket exactly the addresses it checked (the pin against DNS rebinding).
 */
export function guardedLookup(allowPrivate: boolean, resolve: Resolve = resolveAll) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        const usable = allowPrivate ? addresses : addresses.filter((entry) => isPublicAddress(entry.address));
        if (usable.length === 0 || usable.length !== addresses.length) {
          const error: NodeJS.ErrnoException = new Error(refusedAddressMessage());
          error.code = 'WEBHOOK_ADDRESS_REFUSED';
          callback(error, '');
          return;
        }
        if (options.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

/** `[::1]` → `::1`: URL keeps IPv6 brackets in `hostname`. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function refusedAddressMessage(): string {
  return 'webhook.url: points to a private, loopback or link-local address, which alerts do not send to.';
}
