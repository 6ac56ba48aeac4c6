// Bundles the extension host code (node, CommonJS, `vscode` external, minified with
// --production): `dist/extension.js` is all that activation loads (status bar, commands,
// trees, log); `dist/connection.js` (connection manager, Membrane and Heroku layers,
// execa, zod) is required right after activation returns, and `dist/configVarsPanel.js`
// when a config-vars editor first opens. The webview's page script is a browser bundle.
// execa and zod are ESM packages: bundling them here is what lets the CJS extension use them.
//   node esbuild.js [--production] [--watch]
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// Modules extension.ts loads with `import()` after activation, each its own bundle:
// `import('./connection/connectionManager')` becomes `require('./connection.js')`.
const LAZY = { './connection/connectionManager': 'connection', './configVars/panel': 'configVarsPanel', './palette/palette': 'palette' };
const lazyModules = {
  name: 'lazy-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\/(connection\/connectionManager|configVars\/panel|palette\/palette)$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'extension.ts')) ? { path: `./${LAZY[args.path]}.js`, external: true } : undefined,
    );
  },
};

/** Entry points: the extension, its lazily loaded connection code, and the in-host test suite. */
function builds() {
  const node = { platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], metafile: true };
  const list = [
    { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [lazyModules] },
    ...Object.entries(LAZY).map(([src, out]) => ({ ...node, entryPoints: [`src/${src.slice(2)}.ts`], outfile: `dist/${out}.js` })),
    // The config-vars webview's page script: browser, one self-contained IIFE.
    { entryPoints: ['src/webview/configVars.ts'], outfile: 'dist/webview/configVars.js', platform: 'browser', format: 'iife', target: 'es2022', metafile: true },
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
