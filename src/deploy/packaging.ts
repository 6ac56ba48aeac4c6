// The packager (file selection and the tar.gz) lives in its own bundle, `dist/packager.js`,
// loaded by the first deploy: `tar` and `ignore` are ~55 KB that activation never needs.
// A plain `require` (a CommonJS file beside the extension bundle), not `import()`, which
// would go through Node's ESM loader (docs/ARCHITECTURE.md, Bundles).
import * as path from 'node:path';
import type * as Packager from './core/packager';

let loaded: typeof Packager | undefined;

export function packager(): typeof Packager {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require(path.join(__dirname, 'packager.js')) as typeof Packager);
}
