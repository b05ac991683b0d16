import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { findLiteralText } from '../support/literal-text';

/**
 * Words live in messages/*.json: a component that writes user-visible English (or Portuguese)
 * itself would show it in every language. This fails on any such literal in app/ and components/.
 */
const root = path.resolve(import.meta.dirname, '../..');

function tsxFilesUnder(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.tsx'))
    .map((file) => path.join(root, dir, file));
}

/**
 * Literals that are the same in every language, each with its reason. Keep it short: a word
 * belongs in the catalogs.
 */
const ALLOWED: Record<string, string> = {};

describe('user-visible text comes from the catalogs', () => {
  const files = [...tsxFilesUnder('app'), ...tsxFilesUnder('components')];

  test('there are components to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  test.each(files.map((file) => [path.relative(root, file), file]))('%s has no literal text', (_name, file) => {
    const literals = findLiteralText(file).filter((literal) => !(literal.text in ALLOWED));
    expect(literals.map(({ line, text, where }) => `line ${line}, ${where}: ${JSON.stringify(text)}`)).toEqual([]);
  });
});

describe('the check itself', () => {
  test.each([
    ['JSX text', '<h1>Page not found</h1>', 'Page not found'],
    ['a string child', "<p>{'Loading…'}</p>", 'Loading…'],
    ['a branch of ?:', "<b>{pending ? 'Signing in…' : label}</b>", 'Signing in…'],
    ['a template child', '<b>{`Continue with ${name}`}</b>', 'Continue with'],
    ['an aria-label', '<nav aria-label="Quick ranges" />', 'Quick ranges'],
    ['a title in braces', "<span title={'Set by APP_TIMEZONE'} />", 'Set by APP_TIMEZONE'],
    ['a label prop', '<SignOutButton label="Sign out" />', 'Sign out'],
    ['page metadata', "export const metadata = { title: 'Sign in' };", 'Sign in'],
  ])('finds %s', async (_what, code, text) => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'literal-')), 'sample.tsx');
    writeFileSync(file, `export const Sample = () => null;\n${code.startsWith('export') ? code : `const x = ${code};`}\n`);
    expect(findLiteralText(file).map((literal) => literal.text)).toEqual([text]);
  });

  test.each([
    ['punctuation', '<p>{count} · {share} — …</p>'],
    ['a translated word', "<h1>{t('title')}</h1>"],
    ['a class name', '<div className="muted kpi" />'],
    ['a non-visible attribute', '<input type="date" name="start_date" />'],
  ])('lets %s through', async (_what, code) => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'literal-')), 'sample.tsx');
    writeFileSync(file, `const x = ${code};\n`);
    expect(findLiteralText(file)).toEqual([]);
  });
});
