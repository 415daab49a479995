// ESLint (flat config): typescript-eslint's type-aware recommended rules over src, test, scripts and bench, with the
// unused-code checks on. Formatting is Prettier's (prettier.config.mjs); `npm run lint` runs both.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'src/analysis/generated/**', '.bench/**', '.scratch/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests and tools inspect JSON of unknown shape (CLI output, SARIF, package.json, fixtures) with assertions; typing
    // every such access would add casts, not safety. Deliberate, and only there.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Fakes implement async interfaces (vscode, prompts) with immediate answers.
      '@typescript-eslint/require-await': 'off',
      // The reliability tests feed control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    // Node scripts; the integration scripts also pass functions to the browser page (page.evaluate).
    languageOptions: { parserOptions: { projectService: false }, globals: { ...globals.node, ...globals.browser } },
  },
);
