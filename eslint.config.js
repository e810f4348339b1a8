// Lint settings: the recommended rules of ESLint and typescript-eslint for the pipeline, tests and benchmark.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/', 'dist/', 'node_modules/', 'test-output/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The command's entry is CommonJS (bin/package.json): it sizes libuv's pool before any module is read.
  { files: ['bin/**/*.js'], languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', require: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
);
