// Lint: TypeScript rules, the layering between shared / renderer / main / main/electron / gateway / simulator,
// and no literal text in JSX (every visible string goes through i18next).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { cssTokensPlugin } from './test/lint/cssTokens.mjs';

/** Modules only the main process may load; named once so every zone below says the same thing. */
const nodeOnly = [
  { group: ['node:*'], message: 'node:* is for the main process, gateway and simulator only.' },
];
const electronOnly = [
  { name: 'electron', message: 'electron may only be imported in main/electron/**.' },
];
const reactOnly = ['react', 'react-dom', 'react-dom/*', 'react-redux', 'react-i18next'].map((name) => ({
  name,
  message: 'React belongs to renderer/**; shared code stays UI-free.',
}));
const socketIoClient = {
  name: 'socket.io-client',
  message: 'socket.io-client is wrapped once: in the gateway client (main/vehicle) and the web bridge (renderer/app).',
};

/** import-x zones: `target` files may not import from `from` (paths relative to the project root). */
const zones = [
  // Tests beside shared code may use test fixtures; the shipped modules may not.
  { target: './shared/**/!(*.test).ts', from: ['./main', './renderer', './gateway', './simulator', './swap-operator', './bench', './test'], message: 'shared/** is pure: it imports only shared/**.' },
  { target: './shared/**/*.test.ts', from: ['./main', './renderer', './gateway', './simulator', './swap-operator'], message: 'shared/** is pure: it imports only shared/**.' },
  { target: './renderer', from: ['./main', './gateway', './simulator', './swap-operator'], message: 'renderer/** talks to the host only through CabinBridge.' },
  { target: './main', from: './renderer', message: 'main/** never imports the renderer.' },
  { target: './main/!(electron)/**/*', from: './main/electron', message: 'Only main/electron/** may use the Electron adapter; the host stays plain Node.' },
  { target: './gateway', from: ['./main', './renderer', './simulator'], message: 'gateway/** imports only shared/** and its own folder.' },
  { target: './simulator', from: ['./main', './renderer', './gateway', './swap-operator'], message: 'simulator/** imports only shared/** and its own folder.' },
  { target: './swap-operator', from: ['./main', './renderer', './gateway', './simulator'], message: 'swap-operator/** imports only shared/** and its own folder.' },
];

/**
 * Allow-lists: what each folder's shipped code may import inside the project (anything else is an error).
 * The CLI composes processes, so it may start the gateway, the simulator and the swap operator; the
 * host, its services, the vehicle link and the Electron adapter reach the car only through the gateway
 * protocol and the ports the CLI hands them. Tests are not shipped and may use any fixture.
 */
const shipped = (dir) => [`${dir}/**/!(*.test).ts`, `${dir}/**/!(*.test).tsx`];
const allow = (dir, may, why) => ({ target: shipped(dir), from: '.', except: ['./node_modules', ...may], message: why });
const allowLists = [
  allow('./shared', ['./shared', './assets/locales'], 'shared/** may import only shared/** (and the locale files).'),
  allow('./renderer', ['./renderer', './shared', './assets'], 'renderer/** may import only renderer/**, shared/** and assets.'),
  allow('./gateway', ['./gateway', './shared'], 'gateway/** may import only gateway/** and shared/**.'),
  allow('./simulator', ['./simulator', './shared'], 'simulator/** may import only simulator/** and shared/**.'),
  allow('./swap-operator', ['./swap-operator', './shared'], 'swap-operator/** may import only swap-operator/** and shared/**.'),
  ...['./main/host', './main/services', './main/vehicle', './main/web', './main/launch'].map((dir) =>
    allow(dir, ['./main/host', './main/services', './main/vehicle', './main/web', './main/launch', './shared'], `${dir.slice(2)}/** may import the host, services, vehicle link and shared/**: never gateway/ or simulator/ (the CLI hands them ports).`),
  ),
  {
    target: shipped('./main/electron').map((t) => t),
    from: '.',
    except: ['./node_modules', './main/electron', './main/host', './main/services', './main/vehicle', './main/launch', './main/web/rendererAssets.ts', './shared'],
    message: 'main/electron/** is a thin adapter over the host: it never imports gateway/, simulator/ or the CLI (index.ts, the composition root, may take the CLI\'s vehicle starter).',
  },
  allow('./main/cli', ['./main', './shared', './gateway', './simulator', './swap-operator', './assets'], 'main/cli/** composes the processes; it never imports the renderer.'),
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['./tsconfig.node.json', './tsconfig.web.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...zones, ...allowLists] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only (architecture §11).' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { paths: [...electronOnly, ...reactOnly, socketIoClient], patterns: nodeOnly }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts', 'renderer/**/*.test.{ts,tsx}', 'renderer/test-setup.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: '19' } },
    rules: {
      'no-restricted-imports': ['error', { paths: electronOnly, patterns: nodeOnly }],
      // Excalidraw's rule: no literal text in JSX, so nothing visible escapes translation.
      'react/jsx-no-literals': ['error', { noStrings: false, ignoreProps: true, allowedStrings: ['–', '−', '+', '·'] }],
      'react/jsx-key': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...electronOnly, ...reactOnly] }],
    },
  },
  {
    files: ['gateway/**/*.ts', 'simulator/**/*.ts', 'swap-operator/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...electronOnly, ...reactOnly] }],
    },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The Electron entry is the composition root: it hands the adapter the CLI's vehicle starter.
    files: ['main/electron/index.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...zones,
            ...allowLists.filter((z) => !String(z.target).includes('main/electron')),
            { target: './main/electron/index.ts', from: '.', except: ['./node_modules', './main/electron', './main/cli/start', './shared'], message: 'the Electron entry takes the adapter and the vehicle starter only' },
          ],
        },
      ],
    },
  },
  {
    // Design tokens only: no literal colours, sizes, durations or font weights in the renderer's CSS.
    files: ['renderer/**/*.css'],
    plugins: { 'cabin-css': cssTokensPlugin },
    processor: 'cabin-css/tokens',
  },
  {
    // Config files are loaded by tools that expect a default export.
    files: ['*.config.{ts,js}', 'renderer/vite.config.ts', 'eslint.config.js', 'test/e2e/globalSetup.ts', 'test/fixtures/announceCorpus.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
