// The packager (file selection and the tar.gz) lives in its own bundle, `dist/packager.js`,
// loaded by the first deploy: the selection (with `ignore`) and the tar writer that activation never needs.
// A plain `require` (a CommonJS file beside the extension bundle), not `import()`, which
// would go through Node's ESM loader (docs/ARCHITECTURE.md, Bundles).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type * as Packager from './core/packager';

let loaded: typeof Packager | undefined;

export function packager(): typeof Packager {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(path.join(__dirname, 'packager.js')) as typeof Packager;
    // The bundle's own @vscode/l10n: without this its messages would stay English.
    if (vscode.l10n.bundle) loaded.configureL10n({ contents: vscode.l10n.bundle });
  }
  return loaded;
}
