// Lint: typescript-eslint's recommended rules, plus the layering rule of
// docs/ARCHITECTURE.md: the Membrane service layer, the Heroku layer, the sandbox and
// every feature's `core/` folder never import `vscode`, so they run (and are tested)
// in plain Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'This file is plain Node (the layers in docs/ARCHITECTURE.md): it must not depend on VS Code.' }],
  }],
  'no-restricted-syntax': ['error', {
    selector: "CallExpression[callee.name='require'][arguments.0.value='vscode']",
    message: 'This file is plain Node (the layers in docs/ARCHITECTURE.md): it must not depend on VS Code.',
  }],
};

const noShell = {
  'no-restricted-properties': ['error',
    { object: 'child_process', property: 'exec', message: 'Never spawn through a shell: use the runner (execa, argument arrays).' },
    { object: 'child_process', property: 'execSync', message: 'Never spawn through a shell.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.vscode-test/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...noShell,
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', 'sandbox/bin/membrane'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    // Node's globals include crypto; the sandbox requires node:crypto explicitly, as it should.
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
  // The plain-Node folders: the service layers, the sandbox, and every feature's `core/`
  // (its state machine, models and presentation helpers).
  {
    files: ['src/membrane/**', 'src/heroku/**', 'src/*/core/**', 'sandbox/**'],
    rules: noVscode,
  },
  // Tests read sandbox world files: free-form JSON checked by assertions.
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
