// ESLint flat config: typescript-eslint's recommended rules over the TypeScript sources, two type-aware rules, and
// the layer boundaries of CONTRIBUTING.md ("Imports go downwards only"), which `npm test` checks through `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** `no-restricted-imports` patterns: import strings (relative or bare) matched as regular expressions. */
const only = (regex, message) => ({ regex, message });
const YAML_PARSER = only('^yaml(/|$)', "Only server/src/yaml/ imports 'yaml': use yaml/parse.ts and yaml/nodes.ts.");
const ABOVE_ENGINE = only(
  '(^|/)(rules|rulekit|lsp|cli|navigation|authoring|generate|composition)(/|$)',
  'engine/, model/, yaml/ and schema/ sit below rules, rulekit, authoring, lsp and cli: pass what they need in (composition.ts).',
);
const ABOVE_YAML = only(
  '(^|/)(model|engine|schema)(/|$)',
  'yaml/ is the bottom layer: it imports no model/, engine/ or schema/.',
);
const ABOVE_MODEL = only('(^|/)(engine|schema)(/|$)', 'model/ sits below engine/ and schema/.');
const OTHER_RULE = only(
  '^\\./|^\\.\\./(?!\\.\\./)',
  'A rule file imports no other rule file: move what rules share to server/src/rulekit/.',
);
const SERVER_OUTSIDE_PROTOCOL = only(
  '(^|/)server/src/(?!protocol(/|$))',
  'The client imports server code only from server/src/protocol/ (esbuild inlines it into the client bundle).',
);
const OUTSIDE_PROTOCOL = only(
  '^\\.\\./',
  'protocol/ imports nothing else of the server: the client bundle inlines it.',
);
const restrict = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['**/out/**', 'node_modules/**', 'test/out*/**', '.vscode-test/**', 'client/media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // node:test's test() and describe() return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
    },
  },
  // Layers. Each block sets the whole pattern list for its files (a later block replaces an earlier one's).
  { files: ['server/src/**/*.ts'], rules: { 'no-restricted-imports': restrict(YAML_PARSER) } },
  { files: ['server/src/yaml/**/*.ts'], rules: { 'no-restricted-imports': restrict(ABOVE_ENGINE, ABOVE_YAML) } },
  {
    files: ['server/src/model/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(YAML_PARSER, ABOVE_ENGINE, ABOVE_MODEL) },
  },
  {
    files: ['server/src/{engine,schema}/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(YAML_PARSER, ABOVE_ENGINE) },
  },
  {
    files: ['server/src/rules/*/*.ts'],
    rules: { 'no-restricted-imports': restrict(YAML_PARSER, OTHER_RULE) },
  },
  { files: ['server/src/protocol/**/*.ts'], rules: { 'no-restricted-imports': restrict(OUTSIDE_PROTOCOL) } },
  {
    files: ['client/src/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(YAML_PARSER, SERVER_OUTSIDE_PROTOCOL) },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
