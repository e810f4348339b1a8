// Lint settings: the recommended rules of ESLint and typescript-eslint for the pipeline, tests and benchmark.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/', 'dist/', 'node_modules/', 'test-output/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The command's entry is CommonJS (bin/package.json): it sizes libuv's pool before any module is read.
  { files: ['bin/**/*.js'], languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', require: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // The libraries a run loads come through pipeline/vendor/, which the build bundles (pipeline/build-vendor.ts); their types may be imported directly.
  {
    files: ['pipeline/**/*.ts'],
    ignores: ['pipeline/vendor/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['n3', 'csv-stringify/sync', 'commander', 'pino', 'rdflib', 'vega', 'vega-lite', 'hastscript', 'hast-util-to-html', 'rdf-validate-shacl', 'rdf-stores', 'exceljs'].map((name) => ({
            name,
            allowTypeImports: true,
            message: 'import it through pipeline/vendor/, which the build bundles with the library',
          })),
          patterns: [{ group: ['rdf-validate-shacl/*', 'exceljs/*', 'rdflib/*'], allowTypeImports: true, message: 'import it through pipeline/vendor/, which the build bundles with the library' }],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
);
