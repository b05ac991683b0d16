import { describe, expect, it } from 'vitest';
import { checkWebhookAddress, checkWebhookUrl, isPublicAddress, type Resolve } from '@/lib/alerts/address-guard';

const resolvesTo =
  (...addresses: string[]): Resolve =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('webhook address guard', () => {
  it('refuses loopback, private, link-local, metadata and reserved addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.100.100.200',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '224.0.0.1',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isPublicAddress(address), address).toBe(true);
  });

  it('wants https unless private addresses are allowed', () => {
    expect(checkWebhookUrl('http://hooks.example.com/x', false)).toMatchObject({ code: 'webhook_address_refused' });
    expect(checkWebhookUrl('http://hooks.example.com/x', true)).not.toHaveProperty('code');
    expect(checkWebhookUrl('ftp://hooks.example.com/x', true)).toMatchObject({ code: 'webhook_address_refused' });
    expect(checkWebhookUrl('https://user:pw@hooks.example.com/x', false)).toMatchObject({ code: 'webhook_address_refused' });
    expect(checkWebhookUrl('https://[::1]/x', false)).toMatchObject({ code: 'webhook_address_refused' });
    expect(checkWebhookUrl('not a url', false)).toMatchObject({ code: 'webhook_address_refused' });
  });

  it('checks every address a name resolves to', async () => {
    expect(await checkWebhookAddress('https://hooks.example.com/x', false, resolvesTo('93.184.216.34'))).toBeNull();
    expect(await checkWebhookAddress('https://hooks.example.com/x', false, resolvesTo('93.184.216.34', '10.0.0.5'))).toMatchObject({
      code: 'webhook_address_refused',
    });
    expect(await checkWebhookAddress('https://metadata.example.com/x', false, resolvesTo('169.254.169.254'))).toMatchObject({
      code: 'webhook_address_refused',
    });
    const unresolvable: Resolve = async () => {
      throw new Error('ENOTFOUND');
    };
    expect(await checkWebhookAddress('https://nowhere.example.com/x', false, unresolvable)).toMatchObject({ code: 'webhook_address_refused' });
  });

  it('lets private addresses through when allowed', async () => {
    expect(await checkWebhookAddress('http://127.0.0.1:9000/hook', true, resolvesTo('127.0.0.1'))).toBeNull();
  });
});
