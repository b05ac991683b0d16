import { describe, expect, test } from 'vitest';
import { canonicalEmail, isAllowListEmpty, isEmailAllowed, parseAllowList, toAsciiDomain } from '@/lib/auth/allow-list';

/**
 * The allow-list decides who may sign in with SSO (and narrows the password users when set):
 * exact addresses and exact domains, compared in one canonical spelling (local part exact but
 * for ASCII case; domain NFKC, lower case, in ASCII/punycode) so that look-alike spellings of an allowed domain match and
 * neighbouring domains never do.
 */
const domains = (value: string) => parseAllowList({ AUTH_ALLOWED_DOMAINS: value });
const emails = (value: string) => parseAllowList({ AUTH_ALLOWED_EMAILS: value });

describe('exact emails (AUTH_ALLOWED_EMAILS)', () => {
  const list = emails('ana@example.com');

  test.each([
    { email: 'ana@example.com', allowed: true },
    { email: 'ANA@Example.COM', allowed: true },
    { email: '  ana@example.com  ', allowed: true },
    { email: 'ana@ｅｘａｍｐｌｅ.com', allowed: true },
    // The local part matches exactly (but for ASCII case): look-alikes that NFKC or full
    // Unicode lower-casing would fold into `ana` are other mailboxes.
    { email: 'ａｎａ@example.com', allowed: false },
    { email: 'ａna@example.com', allowed: false },
    { email: 'bo@example.com', allowed: false },
    { email: 'xana@example.com', allowed: false },
    { email: 'ana@sub.example.com', allowed: false },
    { email: 'ana@example.com.evil.io', allowed: false },
    { email: 'ana@evil.io', allowed: false },
    // The last '@' separates the domain: this is a mailbox at evil.io.
    { email: 'ana@example.com@evil.io', allowed: false },
  ])('$email → $allowed', ({ email, allowed }) => {
    expect(isEmailAllowed(email, list)).toBe(allowed);
  });

  test('an address is not a domain: ana@example.com does not admit the rest of example.com', () => {
    expect(isEmailAllowed('bo@example.com', list)).toBe(false);
    expect(list.domains.size).toBe(0);
  });

  test('the list itself is canonicalised (upper case, IDN)', () => {
    const list2 = emails('Ana@Example.COM, bo@bücher.example');
    expect([...list2.emails]).toEqual(['ana@example.com', 'bo@xn--bcher-kva.example']);
    expect(isEmailAllowed('ana@example.com', list2)).toBe(true);
    expect(isEmailAllowed('bo@xn--bcher-kva.example', list2)).toBe(true);
    expect(isEmailAllowed('bo@BÜCHER.example', list2)).toBe(true);
  });
});

describe('exact domains (AUTH_ALLOWED_DOMAINS)', () => {
  const list = domains('example.com');

  test.each([
    { email: 'ana@example.com', allowed: true },
    { email: 'ANA@Example.COM', allowed: true },
    { email: 'evil.io@example.com', allowed: true },
    // Fullwidth letters are NFKC-equivalent to ASCII: the same domain.
    { email: 'ana@ｅｘａｍｐｌｅ.com', allowed: true },
    { email: 'ana@ＥＸＡＭＰＬＥ．ＣＯＭ', allowed: true },
    // A fully-qualified name with its trailing dot is the same domain.
    { email: 'ana@example.com.', allowed: true },
    { email: 'ana@evil-example.com', allowed: false },
    { email: 'ana@example.com.evil.io', allowed: false },
    { email: 'ana@sub.example.com', allowed: false },
    { email: 'ana@example.co', allowed: false },
    { email: 'ana@examp1e.com', allowed: false },
    { email: 'ana@example.org', allowed: false },
    { email: 'ana@xexample.com', allowed: false },
    // A Cyrillic 'а' (U+0430) is a different domain (punycode xn--...), not example.com.
    { email: 'ana@ex\u0430mple.com', allowed: false },
    { email: 'ana@example.com@evil.io', allowed: false },
  ])('$email → $allowed', ({ email, allowed }) => {
    expect(isEmailAllowed(email, list)).toBe(allowed);
  });

  test.each([
    { listed: 'bücher.example', email: 'ana@bücher.example' },
    { listed: 'bücher.example', email: 'ana@xn--bcher-kva.example' },
    { listed: 'bücher.example', email: 'ana@BÜCHER.example' },
    // Decomposed ü (u + combining diaeresis) composes under NFKC.
    { listed: 'bücher.example', email: 'ana@bu\u0308cher.example' },
    { listed: 'xn--bcher-kva.example', email: 'ana@bücher.example' },
    { listed: 'xn--bcher-kva.example', email: 'ana@xn--bcher-kva.example' },
    { listed: 'XN--BCHER-KVA.example', email: 'ana@bücher.example' },
    { listed: 'Bu\u0308cher.Example', email: 'ana@xn--bcher-kva.example' },
  ])('IDN: $listed allows $email', ({ listed, email }) => {
    expect(isEmailAllowed(email, domains(listed))).toBe(true);
  });

  test.each([
    { listed: 'bücher.example', email: 'ana@bucher.example' },
    { listed: 'bücher.example', email: 'ana@sub.xn--bcher-kva.example' },
    { listed: 'xn--bcher-kva.example', email: 'ana@bûcher.example' },
  ])('IDN: $listed does not allow $email', ({ listed, email }) => {
    expect(isEmailAllowed(email, domains(listed))).toBe(false);
  });

  test('both spellings of an IDN domain parse to the same entry', () => {
    expect([...domains('bücher.example').domains]).toEqual(['xn--bcher-kva.example']);
    expect([...domains('xn--bcher-kva.example').domains]).toEqual(['xn--bcher-kva.example']);
    expect(toAsciiDomain('BÜCHER.example')).toBe('xn--bcher-kva.example');
  });

  test('a domain entry does not admit an address that merely ends with it', () => {
    const list2 = domains('mple.com');
    expect(isEmailAllowed('ana@example.com', list2)).toBe(false);
    expect(isEmailAllowed('ana@mple.com', list2)).toBe(true);
  });
});

describe('not an email', () => {
  const list = parseAllowList({ AUTH_ALLOWED_EMAILS: 'ana@example.com', AUTH_ALLOWED_DOMAINS: 'example.com' });

  test.each<{ name: string; email: string | null | undefined }>([
    { name: 'no @ (the bare domain)', email: 'example.com' },
    { name: 'no @ (a name)', email: 'ana' },
    { name: 'nothing before the @', email: '@example.com' },
    { name: 'nothing after the @', email: 'ana@' },
    { name: 'only an @', email: '@' },
    { name: 'empty', email: '' },
    { name: 'blank', email: '   ' },
    { name: 'null', email: null },
    { name: 'undefined', email: undefined },
  ])('$name → false', ({ email }) => {
    expect(isEmailAllowed(email, list)).toBe(false);
  });

  test('an empty allow-list allows nobody', () => {
    const empty = parseAllowList({});
    expect(isAllowListEmpty(empty)).toBe(true);
    expect(isEmailAllowed('ana@example.com', empty)).toBe(false);
    expect(isAllowListEmpty(parseAllowList({ AUTH_ALLOWED_EMAILS: ' , \n', AUTH_ALLOWED_DOMAINS: '  ' }))).toBe(true);
  });
});

describe('parseAllowList', () => {
  test.each([
    { name: 'commas', value: 'a@x.io,b@y.io,c@z.io' },
    { name: 'commas and spaces', value: ' a@x.io , b@y.io ,c@z.io ' },
    { name: 'spaces', value: 'a@x.io b@y.io   c@z.io' },
    { name: 'newlines', value: '\na@x.io\nb@y.io\nc@z.io\n' },
    { name: 'CRLF and tabs', value: 'a@x.io\r\nb@y.io\tc@z.io\r\n' },
    { name: 'stray separators', value: ',,a@x.io,, ,b@y.io,\n,c@z.io,' },
  ])('emails separated by $name', ({ value }) => {
    const list = emails(value);
    expect([...list.emails]).toEqual(['a@x.io', 'b@y.io', 'c@z.io']);
    expect(list.domains.size).toBe(0);
  });

  test.each([
    { name: 'commas', value: 'example.com,example.org' },
    { name: 'spaces', value: 'example.com example.org' },
    { name: 'newlines', value: 'example.com\nexample.org\n' },
    { name: 'a leading @ on each', value: '@example.com, @example.org' },
    { name: 'a leading @ on one, upper case on the other', value: '@Example.COM\nEXAMPLE.org' },
  ])('domains separated by $name', ({ value }) => {
    const list = domains(value);
    expect([...list.domains]).toEqual(['example.com', 'example.org']);
    expect(isEmailAllowed('ana@example.com', list)).toBe(true);
    expect(isEmailAllowed('bo@example.org', list)).toBe(true);
    expect(isEmailAllowed('cy@example.net', list)).toBe(false);
  });

  test('a leading @ on a domain is tolerated, not part of the domain', () => {
    const list = domains('@example.com');
    expect(isEmailAllowed('ana@example.com', list)).toBe(true);
    expect(list.domains.has('@example.com')).toBe(false);
  });

  test('emails and domains together', () => {
    const list = parseAllowList({ AUTH_ALLOWED_EMAILS: 'contractor@gmail.com', AUTH_ALLOWED_DOMAINS: 'example.com' });
    expect(isEmailAllowed('contractor@gmail.com', list)).toBe(true);
    expect(isEmailAllowed('ana@example.com', list)).toBe(true);
    expect(isEmailAllowed('someone@gmail.com', list)).toBe(false);
  });
});

test('a Kelvin sign is not a K in the local part', () => {
  const list = emails('kim@example.com');
  expect(isEmailAllowed('Kim@example.com', list)).toBe(true);
  expect(isEmailAllowed('\u212Aim@example.com', list)).toBe(false);
});

describe('canonicalEmail', () => {
  test.each([
    { email: 'ana@example.com', canonical: 'ana@example.com' },
    { email: '  ANA@Example.COM ', canonical: 'ana@example.com' },
    { email: 'ana@ｅｘａｍｐｌｅ.com', canonical: 'ana@example.com' },
    // NFKC is for the domain only: a fullwidth local part is another mailbox.
    { email: 'ａｎａ@example.com', canonical: 'ａｎａ@example.com' },
    { email: '\u212Aim@example.com', canonical: '\u212Aim@example.com' },
    { email: 'Ana@Bücher.Example', canonical: 'ana@xn--bcher-kva.example' },
    { email: 'ana@bu\u0308cher.example', canonical: 'ana@xn--bcher-kva.example' },
    { email: 'ana@xn--bcher-kva.example', canonical: 'ana@xn--bcher-kva.example' },
    { email: 'ana@example.com.', canonical: 'ana@example.com' },
    // Not an address: returned normalised, and isEmailAllowed refuses it.
    { email: 'Example.COM', canonical: 'example.com' },
    { email: '@example.com', canonical: '@example.com' },
  ])('$email → $canonical', ({ email, canonical }) => {
    expect(canonicalEmail(email)).toBe(canonical);
  });

  test('every spelling of one address has the same canonical form', () => {
    const spellings = [
      'ana@bücher.example',
      'ANA@BÜCHER.EXAMPLE',
      'ana@bu\u0308cher.example',
      'ana@xn--bcher-kva.example',
      ' Ana@XN--BCHER-KVA.example ',
    ];
    expect(new Set(spellings.map(canonicalEmail))).toEqual(new Set(['ana@xn--bcher-kva.example']));
  });
});
