// Bundles the extension host code (node, CommonJS, `vscode` external, minified with
// --production) into two files, and the rest apart:
// - `dist/extension.js`, what activation loads: it registers the views, the status-bar
//   item and the command ids, and nothing more;
// - `dist/features.js`, everything those run (the composition root src/features.ts: the
//   connection code with execa and zod, the explorer, every command), required by
//   `extension.js` on the first need: the connection check right after activation, or
//   a command or a view before it. The two share no module that holds state or a class
//   matched with `instanceof` (test/unit/bundles.test.ts checks which modules both hold);
//   within `features.js`, the config-vars panel and the palette commands are `import()`ed,
//   which in one bundle defers their evaluation;
// - `dist/packager.js`, the deploy packager, required by the first deploy;
// - `dist/endpoints.json`, Proxy Request's endpoint catalogue: data, read on first use;
// - the config-vars and metrics webviews' page scripts, browser bundles.
// Why `require` and not `import()`: a lazily `import()`ed CommonJS file goes through
// Node's ESM loader, which was measured slower (docs/ARCHITECTURE.md, "Bundles").
// execa and zod are ESM packages: bundling them is what lets the CJS extension use them.
//   node esbuild.js [--production] [--watch]
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const watch = process.argv.includes('--watch');

/** The endpoint catalogue, copied as data beside the bundles (src/palette/core/endpoints.ts reads it). */
const ENDPOINTS = { from: 'src/palette/core/endpoints.json', to: 'dist/endpoints.json' };

/** Entry points: activation, the features, the packager, the webview page, and (not in --production) the in-host test suite. */
function builds(production = process.argv.includes('--production')) {
  const node = { platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], metafile: true };
  const list = [
    // TEST_BUILD: only a development or test build returns the in-host tests' hooks from activate().
    { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', define: { TEST_BUILD: String(!production) } },
    // Everything activation registers runs here: required after activation (or by the first command or view).
    { ...node, entryPoints: ['src/features.ts'], outfile: 'dist/features.js' },
    // The deploy packager (the file selection with ignore, our tar writer): required by the first deploy, never at activation.
    { ...node, entryPoints: ['src/deploy/core/packager.ts'], outfile: 'dist/packager.js' },
    // The config-vars webview's page script: browser, one self-contained IIFE.
    { entryPoints: ['src/configVars/webview/page.ts'], outfile: 'dist/webview/configVars.js', platform: 'browser', format: 'iife', target: 'es2022', metafile: true },
    // The metrics page script with uPlot: browser, one self-contained IIFE.
    { entryPoints: ['src/metrics/webview/page.ts'], outfile: 'dist/webview/metrics.js', platform: 'browser', format: 'iife', target: 'es2022', metafile: true },
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

/** The catalogue, minified (it is JSON.parse'd on Proxy Request's first use). */
function copyEndpoints() {
  fs.mkdirSync(path.dirname(ENDPOINTS.to), { recursive: true });
  fs.writeFileSync(ENDPOINTS.to, JSON.stringify(JSON.parse(fs.readFileSync(ENDPOINTS.from, 'utf8'))));
}

async function main() {
  const production = process.argv.includes('--production');
  copyEndpoints();
  for (const options of builds(production)) {
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

// The package test builds the extension entry with these same options.
module.exports = { builds, ENDPOINTS };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
