// The VSIX holds exactly the runtime files: the production bundles, the manifest and its
// strings, the media the views, the walkthrough and the Marketplace page show, and the
// user docs. A stray file (a source map, test results, the sandbox) fails here, and so
// does a package over its 500 KB budget. Builds the production bundles first (as
// `npm run package` does).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../helpers/sandbox';
import { localizedManifest } from '../helpers/manifest';

const VSCE = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');
const README = 'MARKETPLACE.md';
const BUDGET_BYTES = 500 * 1024;

/** The published pictures: every one the walkthrough or the Marketplace page shows. */
const PICTURES = ['accounts', 'apps-view', 'compare', 'config-vars', 'connect', 'console', 'deploy', 'install-cli', 'log-in', 'logs', 'metrics', 'palette', 'since-deploy', 'walkthrough'].map((n) => `media/screenshots/${n}.webp`);

const EXPECTED = [
  'CHANGELOG.md',
  'LICENSE',
  README,
  'dist/endpoints.json',
  'dist/extension.js',
  'dist/features.js',
  'dist/packager.js',
  'dist/webview/configVars.js',
  'dist/webview/metrics.js',
  'media/configVars.css',
  'media/metrics.css',
  'media/heroku.svg',
  'media/icon.png',
  ...PICTURES,
  'package.json',
  'package.nls.json',
].sort();

const vsce = (...args: string[]) => execFileSync(process.execPath, [VSCE, ...args, '--no-dependencies', '--readme-path', README], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });

describe('the package', () => {
  it('holds exactly the runtime files, within 500 KB', () => {
    execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: REPO, stdio: 'ignore', timeout: 120_000 });
    const listed = vsce('ls').split('\n').map((l) => l.trim()).filter(Boolean).sort();
    assert.deepEqual(listed, EXPECTED);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vsix-')), 'heroku-membrane.vsix');
    try {
      vsce('package', '--no-rewrite-relative-links', '--out', out);
      const bytes = fs.statSync(out).size;
      console.log(`VSIX: ${(bytes / 1024).toFixed(1)} KB (budget ${BUDGET_BYTES / 1024} KB)`);
      assert.ok(bytes <= BUDGET_BYTES, `the VSIX is ${(bytes / 1024).toFixed(1)} KB, over its ${BUDGET_BYTES / 1024} KB budget`);
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });

  it("the production build's activate() hands nothing to other extensions; a test build's hands the test hooks", async () => {
    const probe = (bundle: string) => execFileSync(process.execPath, [path.join(REPO, 'test', 'helpers', 'activateProbe.js'), bundle], { cwd: REPO, encoding: 'utf8', timeout: 60_000 }).trim();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'activate-'));
    try {
      const esbuild = await import('esbuild');
      // esbuild.js's own options for the extension entry, written elsewhere.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild.js is CommonJS
      const { builds } = require(path.join(REPO, 'esbuild.js')) as { builds(production: boolean): Array<{ entryPoints: string[]; outfile?: string }> };
      for (const production of [true, false]) {
        const options = builds(production).find((b) => b.entryPoints.includes('src/extension.ts'))!;
        await esbuild.build({ ...options, outfile: path.join(dir, `${production}.js`), absWorkingDir: REPO, metafile: false, logLevel: 'silent' });
      }
      assert.equal(probe(path.join(dir, 'true.js')), 'undefined', 'production: activate() returns nothing');
      const hooks = JSON.parse(probe(path.join(dir, 'false.js')));
      assert.ok(hooks.includes('testing') && hooks.includes('prompts'), `the probe sees a test build's hooks: ${hooks}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every picture the walkthrough and the Marketplace page show is published and packaged', () => {
    const pkg = localizedManifest(REPO);
    const walkthroughImages: string[] = pkg.contributes.walkthroughs.flatMap((w: { steps: Array<{ media: { image: string } }> }) => w.steps.map((s) => s.media.image));
    const pageImages = [...fs.readFileSync(path.join(REPO, README), 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
    for (const image of [...walkthroughImages, ...pageImages]) {
      assert.ok(PICTURES.includes(image), `${image} is not one of the published pictures`);
      assert.ok(fs.existsSync(path.join(REPO, image)), `${image} is missing: run the UI tests (they make it)`);
    }
    assert.equal(pkg.icon, 'media/icon.png');
  });
});
