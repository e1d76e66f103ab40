import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-artifacts/**', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The pure core is shared by main, preload, renderer and tests: no UI, storage, Electron or Node.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react/*', 'react-dom', 'react-dom/*'], message: 'The pure core imports no React.' },
            { group: ['dexie', 'dexie-*'], message: 'The pure core imports no Dexie.' },
            { group: ['electron', 'electron/*'], message: 'The pure core imports no Electron.' },
            { group: ['node:*'], message: 'The pure core imports no Node built-ins.' },
            { group: ['**/features/**', '**/db/**', '**/lib/**', '**/app/**', '**/electron/**'], message: 'The pure core does not depend on the app around it.' },
          ],
          // Exact module names, not patterns: as a pattern, 'url' also matched the core's own '../url'.
          paths: ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url'].map((name) => ({
            name,
            message: 'The pure core imports no Node built-ins.',
          })),
        },
      ],
    },
  },
  {
    // The renderer reaches main only through window.api, never Electron or Node directly.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'node:*'], message: 'The renderer talks to main through window.api.' }] }],
    },
  },
)
