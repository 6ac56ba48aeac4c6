// Bundles the extension host code (node, CommonJS, `vscode` external, minified with
// --production). Activation loads only `dist/extension.js` (status bar, commands, trees,
// log); each module in LAZY is its own bundle, loaded by `import()` when first needed:
// the connection code (Membrane and Heroku layers, execa, zod) right after activation,
// the config-vars editor and the palette commands on first use. Measured in code-server
// (bench/activation.ts, median of 7 runs), this split activates in 170 ms against 231 ms
// for one bundle. SHARED modules are one chunk every bundle requires, so each class in
// them exists once: errors are matched with `instanceof` everywhere. The webview's page
// script is a browser bundle. execa and zod are ESM packages: bundling them here is what
// lets the CJS extension use them.
//   node esbuild.js [--production] [--watch]
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Source file → bundle name, for modules loaded with `import()` after activation. */
const LAZY = {
  'src/connection/core/connectionManager.ts': 'connection',
  'src/configVars/panel.ts': 'configVarsPanel',
  'src/palette/runAction.ts': 'runAction',
  'src/palette/proxyRequest.ts': 'proxyRequest',
};
/** Source file → chunk name, for modules every bundle shares one copy of. */
const SHARED = { 'src/membrane/errors.ts': 'errors' };

/** The source file a relative import names (`./x` → `x.ts` or `x/index.ts`), relative to the repository. */
function sourceOf(resolveDir, request) {
  const base = path.resolve(resolveDir, request);
  const file = [base, `${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
  return file && path.relative(__dirname, file).split(path.sep).join('/');
}

/** Imports of LAZY and SHARED modules become requires of their own bundles (all in dist/). */
const chunks = {
  name: 'chunks',
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const source = sourceOf(args.resolveDir, args.path);
      if (SHARED[source]) return { path: `./${SHARED[source]}.js`, external: true };
      if (LAZY[source] && args.kind === 'dynamic-import') return { path: `./${LAZY[source]}.js`, external: true };
      return undefined;
    });
  },
};

/** Entry points: the extension, its lazily loaded connection code, and the in-host test suite. */
function builds() {
  const node = { platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], metafile: true };
  const list = [
    { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [chunks] },
    ...Object.entries({ ...LAZY, ...SHARED }).map(([src, out]) => ({ ...node, entryPoints: [src], outfile: `dist/${out}.js`, plugins: [chunks] })),
    // The config-vars webview's page script: browser, one self-contained IIFE.
    { entryPoints: ['src/configVars/webview/page.ts'], outfile: 'dist/webview/configVars.js', platform: 'browser', format: 'iife', target: 'es2022', metafile: true },
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
