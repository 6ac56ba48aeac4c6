// Lint: typescript-eslint's recommended rules, plus the layering rule of
// docs/ARCHITECTURE.md: the Membrane service layer, the Heroku layer, the sandbox and
// every feature's `core/` folder never import `vscode`, so they run (and are tested)
// in plain Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const VSCODE_MESSAGE = 'This file is plain Node (the layers in docs/ARCHITECTURE.md): it must not depend on VS Code.';

/**
 * A plain-Node layer: no `vscode`, and none of the imports `patterns` names (the
 * "nevers" of docs/ARCHITECTURE.md). ESLint keeps one option set per rule and file, so
 * each layer restates the `vscode` ban beside its own patterns.
 */
function plainNode(...patterns) {
  return {
    'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: VSCODE_MESSAGE }], patterns }],
    'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='require'][arguments.0.value='vscode']", message: VSCODE_MESSAGE }],
  };
}
const noVscode = plainNode();

const EXPLORER_MESSAGE = 'src/explorer is the tree framework: it imports no feature folder, only src/membrane, src/heroku and src/shared; the composition root hands it what the features show (docs/ARCHITECTURE.md).';

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
  // The Membrane layer is the floor: it imports nothing of the Heroku layer or the features.
  {
    files: ['src/membrane/**'],
    rules: plainNode({ regex: '^\\.\\./(?!membrane/)', message: 'src/membrane is the lowest layer: it imports nothing of src/heroku or the features (docs/ARCHITECTURE.md).' }),
  },
  // The Heroku layer imports Membrane, never a feature.
  {
    files: ['src/heroku/*.ts'],
    rules: plainNode({ regex: '^\\.\\./(?!membrane/|shared/core/)', message: 'src/heroku imports only src/membrane (and src/shared/core), never a feature (docs/ARCHITECTURE.md).' }),
  },
  // Streams never go through Membrane (pre-signed URLs, no credentials), and import no feature.
  {
    files: ['src/heroku/streams/**'],
    rules: plainNode({ regex: '^\\.\\./\\.\\./(?!shared/core/)', message: 'src/heroku/streams imports nothing of src/membrane or the features: streams open pre-signed URLs themselves (docs/ARCHITECTURE.md).' }),
  },
  // The tree framework imports no feature (only the layers below and src/shared): the
  // composition root (src/features.ts) hands the views their roots and account roots.
  {
    files: ['src/explorer/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./(?!membrane/|heroku/|shared/)', message: EXPLORER_MESSAGE }] }] },
  },
  {
    files: ['src/explorer/core/**'],
    rules: plainNode({ regex: '^\\.\\./\\.\\./(?!membrane/|heroku/|shared/)', message: EXPLORER_MESSAGE }),
  },
  // A webview page is browser code: it imports only its own feature's core/ and the pages' DOM helpers.
  {
    files: ['src/*/webview/**'],
    rules: plainNode({ regex: '^\\.\\./(?!core/|\\.\\./shared/webview/)', message: "A webview page imports only its feature's core/ and src/shared/webview/ (docs/ARCHITECTURE.md)." }),
  },
  // Tests read sandbox world files: free-form JSON checked by assertions.
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
