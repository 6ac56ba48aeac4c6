// Bundles the extension host code into one file, `dist/extension.js` (node, CommonJS,
// `vscode` external, minified with --production), the deploy packager into
// `dist/packager.js` (required on the first deploy only), and the config-vars webview's
// page script into a browser bundle. Modules that are not needed at activation are still
// `import()`ed (the connection code, the config-vars panel, the palette commands): in
// one bundle that defers their evaluation, not their loading.
//
// Why one bundle: measured in code-server (bench/activation.ts; 7 interleaved pairs of
// runs on an idle 2-core machine), one bundle activated in a median of 124 ms against
// 196 ms for the earlier split into lazily required bundles: `import()` of a separate
// CommonJS file goes through Node's ESM loader, which costs more than parsing the code.
// One bundle also means one copy of each class: errors are matched with `instanceof`.
// execa and zod are ESM packages: bundling them here is what lets the CJS extension use them.
//   node esbuild.js [--production] [--watch]
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const watch = process.argv.includes('--watch');

/** Entry points: the extension, the webview page, and (not in --production) the in-host test suite. */
function builds(production = process.argv.includes('--production')) {
  const node = { platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], metafile: true };
  const list = [
    // TEST_BUILD: only a development or test build returns the in-host tests' hooks from activate().
    { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', define: { TEST_BUILD: String(!production) } },
    // The deploy packager (the file selection with ignore, our tar writer): required by the first deploy, never at activation.
    { ...node, entryPoints: ['src/deploy/core/packager.ts'], outfile: 'dist/packager.js' },
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
  const production = process.argv.includes('--production');
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
module.exports = { builds };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
