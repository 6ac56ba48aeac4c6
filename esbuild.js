// Bundles the extension host code into one CommonJS file (node, `vscode` external,
// minified with --production) so activation loads a single small file. execa and zod
// are ESM packages: bundling them here is what lets the CJS extension use them.
//   node esbuild.js [--production] [--watch]
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Entry points: the extension, and (when present) the in-host test suite. */
function builds() {
  const list = [
    {
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      metafile: true,
    },
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
      fs.writeFileSync(path.join('dist', 'meta.json'), JSON.stringify(result.metafile));
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
