import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypeScript from 'eslint-config-next/typescript';

/**
 * Next's own rules (React, hooks, accessibility, imports, Core Web Vitals) and typescript-eslint's
 * recommended set, over every source file: the app, scripts, the simulator and the tests.
 */
export default defineConfig([
  ...nextVitals,
  ...nextTypeScript,
  {
    rules: {
      // The conventions TypeScript's own unused checks follow: `_reason` names a parameter kept for
      // its type, and `const { a, ...rest } = x` leaves out `a` on purpose.
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // One front door into Talkover: the app imports lib/talkover/index.ts, never its internals
    // (tests may reach inside to drive them). Words come from i18n/server.ts's lasting translators.
    files: ['app/**', 'components/**', 'lib/**', 'scripts/**', 'proxy.ts', 'instrumentation.ts'],
    ignores: ['lib/talkover/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'next-intl',
              importNames: ['useTranslations'],
              message: "Server components take their words from '@/i18n/server': its translators live as long as the process.",
            },
            {
              name: 'next-intl/server',
              importNames: ['getTranslations'],
              message: "Take words from '@/i18n/server': its translators live as long as the process.",
            },
          ],
          patterns: [
            {
              regex: '(^|/)talkover/(?!index$).+',
              message: "Import Talkover through its front door, '@/lib/talkover' (lib/talkover/index.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests reach Next only through its public APIs or the running server: its private modules
    // change with every release.
    files: ['tests/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['next/dist/*'], message: "Next's private modules change with every release." }] },
      ],
    },
  },
  // Build output, test and benchmark results: generated, not written here.
  globalIgnores([
    '.next/**',
    '.next-*/**',
    'scripts/bench-fixture/.next*/**',
    'out/**',
    'coverage/**',
    'test-results/**',
    'docs/benchmark/**',
    'next-env.d.ts',
  ]),
]);
