// ESLint: the recommended and type-aware rules of typescript-eslint, with formatting left to
// Prettier (eslint-config-prettier turns off every rule the formatter decides). `npm run lint`
// checks, `npm run format` fixes what can be fixed and formats.
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['**/dist/', 'data/', 'coverage/', 'bench/results/', 'schema/', 'samples/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      // Each page under web/ has its own tsconfig.json (JSX, the DOM, bundler resolution).
      parserOptions: { project: ['./tsconfig.eslint.json', './web/*/tsconfig.json'], tsconfigRootDir: fileURLToPath(new URL('.', import.meta.url)) },
    },
    rules: {
      // A leading _ marks a value kept on purpose: an unused parameter, or a field left out of a
      // rest copy (`const { id: _id, ...changes } = row`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Raw SQL rows (getRawOne, query), JSON.parse and GraphQL answers come untyped from their
      // libraries; the code reads them through Number()/String() and validation. Flagging every
      // use of them would ask for casts, not for safety. `any` written in the code is still an error.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // String(value) is how an unknown value from a raw row or a parsed document becomes text
      // (after a null check TypeScript narrows unknown to {}, which this rule flags).
      '@typescript-eslint/no-base-to-string': 'off',
      // Apollo's plugin hooks and context factories are async by their interface.
      '@typescript-eslint/require-await': 'off',
      // Passing on the error a callback gave (`(error, done) => error ? reject(error) : …`).
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
    },
  },
  {
    // type-graphql and TypeORM take lists of classes typed as Function; the kit mirrors their types.
    files: ['subgraphs/kit/src/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-function-type': 'off' },
  },
  {
    // Tests, the test helpers and the benchmark read GraphQL answers as untyped JSON.
    files: ['test/**/*.ts', 'subgraphs/*/test/**/*.ts', 'subgraphs/kit/src/testing.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Pages (web/<app>/, TSX for the browser): each is checked against its own tsconfig.json. They
    // read GraphQL answers as untyped JSON, like the tests.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    languageOptions: { globals: globals.browser, parserOptions: { project: './web/*/tsconfig.json' } },
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
