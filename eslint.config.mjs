// Lint for the project's own TypeScript. Import boundaries (STYLE.md §1) are enforced here per folder
// and again, with cycles, by scripts/architecture.test.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const VSCODE = { group: ['vscode'], message: 'Only the extension host code may import vscode.' };
const TYPESCRIPT = { group: ['typescript'], message: 'Only the language server may import typescript.' };
const LSP = { group: ['vscode-languageserver*', 'vscode-languageclient*'], message: 'LSP packages belong to server and client.' };
const SERVER = { group: ['**/server/**'], message: 'Never import server source; talk to it over LSP.' };
const CLIENT = { group: ['**/client/**'], message: 'Nothing imports the extension client.' };
const PROTOCOL = { group: ['**/protocol/**'], message: 'The runtime does not depend on the editor protocol.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'runtime/dist/', '.vscode-test/', 'test-fixtures/', 'test-results/', '**/*.mjs', '**/*.cjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // `typeof import('pkg')` types lazily loaded optional packages without loading them.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // Type-aware rules (STYLE.md §9: no floating promises), on every unit.
  {
    files: ['runs/**/*.ts', 'client/**/*.ts', 'cli/**/*.ts', 'scripts/**/*.ts', 'server/**/*.ts', 'protocol/**/*.ts', 'runtime/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/no-misused-promises': 'error' },
  },
  // Tests load freshly built bundles and compiled copies at run time.
  { files: ['**/test/**/*.ts', '**/*.test.ts'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['runtime/**/*.ts'], rules: restrict([VSCODE, TYPESCRIPT, LSP, SERVER, CLIENT, PROTOCOL]) },
  { files: ['protocol/**/*.ts'], rules: restrict([VSCODE, TYPESCRIPT, SERVER, CLIENT]) },
  { files: ['server/**/*.ts'], rules: restrict([VSCODE, CLIENT, { group: ['vscode-languageclient*'], message: 'The server never uses the client library.' }]) },
  { files: ['client/**/*.ts'], rules: restrict([TYPESCRIPT, SERVER]) },
  { files: ['runs/**/*.ts'], rules: restrict([VSCODE, TYPESCRIPT, SERVER, LSP, CLIENT]) },
  { files: ['cli/**/*.ts'], rules: restrict([VSCODE, { group: ['vscode-languageserver*', 'vscode-languageclient*'], message: 'The CLI uses the engine, not LSP.' }]) },
);
