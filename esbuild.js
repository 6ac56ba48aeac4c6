// Bundles the extension host code (node, CommonJS, `vscode` external, minified with
// --production) into two files: `dist/extension.js`, all that activation loads (~11 KB:
// status bar, commands, log), and `dist/connection.js` (the connection manager, the
// Membrane layer, execa, zod: ~160 KB), required right after activation returns.
// execa and zod are ESM packages: bundling them here is what lets the CJS extension use them.
//   node esbuild.js [--production] [--watch]
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// `import('./connection/connectionManager')` in extension.ts becomes `require('./connection.js')`.
const lazyConnection = {
  name: 'lazy-connection',
  setup(build) {
    build.onResolve({ filter: /^\.\/connection\/connectionManager$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'extension.ts')) ? { path: './connection.js', external: true } : undefined,
    );
  },
};

/** Entry points: the extension, its lazily loaded connection code, and the in-host test suite. */
function builds() {
  const node = { platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], metafile: true };
  const list = [
    { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [lazyConnection] },
    { ...node, entryPoints: ['src/connection/connectionManager.ts'], outfile: 'dist/connection.js' },
  ];
  if (!production && fs.existsSync('test/integration/index.ts')) {
    const tests = fs.readdirSync('test/integration').filter((f) => f.endsWith('.test.ts'));
    list.push({
      entryPoints: ['test/integration/index.ts', ...tests.map((f) => `test/integration/${f}`)],
      outdir: 'out/test/integration',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // mocha stays a real require: it must resolve from node_modules in the extension host.
      external: ['vscode', 'mocha'],
    });
  }
  return list.map((b) => ({ bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', ...b }));
}

async function main() {
  for (const options of builds()) {
    if (watch) {
      const ctx = await esbuild.context(options);
      await ctx.watch();
      continue;
    }
    const result = await esbuild.build(options);
    if (result.metafile) {
      fs.mkdirSync('dist', { recursive: true });
      fs.writeFileSync(path.join('dist', `${path.basename(options.outfile, '.js')}.meta.json`), JSON.stringify(result.metafile));
      const bytes = fs.statSync(options.outfile).size;
      fs.mkdirSync('dist', { recursive: true });
      console.log(`${options.outfile}: ${(bytes / 1024).toFixed(1)} KB${production ? ' (production)' : ''}`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
