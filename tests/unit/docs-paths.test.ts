import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * The docs name files of this repository; when a file moves or goes, the sentence naming it
 * must change too. Checks every `code span` and relative link that looks like a repository path.
 */
const root = path.resolve(import.meta.dirname, '../..');
const TOP_LEVEL = /^(app|components|lib|tests|scripts|simulator|docs|messages|i18n|\.ci)\//;
const ROOT_FILES = new Set([
  '.env.example',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.mjs',
  'package.json',
  'tsconfig.json',
  'vitest.config.ts',
  'eslint.config.mjs',
  'Dockerfile',
  'docker-compose.yml',
]);

function docFiles(): string[] {
  const docs = readdirSync(path.join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => path.join('docs', file));
  return ['README.md', 'README.pt-BR.md', ...docs];
}

/** Paths named in a document, relative to the repository root. */
export function namedPaths(doc: string, text: string): string[] {
  const named = new Set<string>();
  for (const [, span] of text.matchAll(/`([^`\s]+)`/g)) {
    const candidate = span!.replace(/[:,.]$/, '');
    if (/[*…<>{}$]|\.\.\./.test(candidate)) continue;
    if (TOP_LEVEL.test(candidate) || ROOT_FILES.has(candidate)) named.add(candidate.replace(/\/$/, ''));
  }
  for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
    if (/^[a-z]+:/.test(target!)) continue;
    named.add(path.normalize(path.join(path.dirname(doc), target!)));
  }
  return [...named];
}

describe('paths named in the docs', () => {
  test.each(docFiles())('%s names only files that exist', (doc) => {
    const missing = namedPaths(doc, readFileSync(path.join(root, doc), 'utf8')).filter((named) => !existsSync(path.join(root, named)));
    expect(missing).toEqual([]);
  });
});
