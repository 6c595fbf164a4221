// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Lint, including the import boundaries of DESIGN.md:
 *   src/shared    imports nothing from Node, the DOM/React or Electron (the desktop, the
 *                 browser UI and the server all run it);
 *   src/main outside src/main/shell, and src/server, never import 'electron';
 *   src/renderer  imports no Node built-ins, no 'electron', nothing from src/main.
 * test/boundaries.test.ts checks the same rules (plus dynamic imports and require) so
 * they hold in `npm test` even where lint is not run.
 */

const nodeBuiltins = [...new Set(builtinModules.filter((name) => !name.startsWith('_')))];

const noNode = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'Node built-ins are not available here (see DESIGN.md).' })),
  patterns: [{ group: ['node:*'], message: 'Node built-ins are not available here (see DESIGN.md).' }],
};
const electronOnlyInShell = {
  group: ['electron', 'electron/*'],
  message: "Only src/main/shell and src/preload import 'electron'; pass what you need in as arguments.",
};
const uiLibraries = {
  group: [
    'react',
    'react/*',
    'react-dom',
    'react-dom/*',
    'zustand',
    'zustand/*',
    '@tanstack/react-*',
    '@twilio/voice-sdk',
  ],
  message: 'src/shared is pure TypeScript: no UI or DOM libraries.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'dist-web/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '**/migrations/**',
      '.switchboard-data/**',
      '.electron-native/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: [
      'src/main/**',
      'src/server/**',
      'src/preload/**',
      'test/**',
      'scripts/**',
      'resources/**',
      '*.config.{js,ts}',
      '.ci/**',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Playwright reads a fixture's dependencies from its destructuring pattern, so
    // `async ({}, use) => …` is how a fixture without dependencies must be written.
    files: ['test/e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noNode.paths,
          patterns: [
            ...noNode.patterns,
            electronOnlyInShell,
            uiLibraries,
            { group: ['**/main/**', '**/renderer/**', '**/server/**'], message: 'src/shared depends on nothing else.' },
          ],
        },
      ],
    },
  },
  {
    // All of main except the shell (so src/main/core, the browser-mode host, the entry), and the server.
    files: ['src/main/**', 'src/server/**'],
    ignores: ['src/main/shell/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronOnlyInShell] }] },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noNode.paths,
          patterns: [
            ...noNode.patterns,
            electronOnlyInShell,
            { group: ['**/main/**'], message: 'The renderer talks to main only through window.agent (the API table).' },
          ],
        },
      ],
    },
  },
);
