// The two extension-host bundles of esbuild.js (production options, built in memory):
// activation loads only what registering the views, the status-bar item and the command
// ids needs, and the features bundle holds every class and every piece of state, once.
// A module in both would be two modules at run time: a class matched with `instanceof`
// (errors, tree nodes) or a module's state (context keys, prompts) seen by one half only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { REPO } from '../helpers/sandbox';

interface BuildOptions {
  entryPoints: string[];
  outfile?: string;
}

/** Each bundle's source modules, by path relative to the repository (packages as `node_modules/<name>/…`). */
async function inputsOf(entry: string): Promise<{ inputs: string[]; bytes: number }> {
  const esbuild = await import('esbuild');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild.js is CommonJS
  const { builds } = require(path.join(REPO, 'esbuild.js')) as { builds(production: boolean): BuildOptions[] };
  const options = builds(true).find((b) => b.entryPoints.includes(entry))!;
  const result = await esbuild.build({ ...options, write: false, metafile: true, absWorkingDir: REPO, logLevel: 'silent' });
  const output = Object.values(result.metafile.outputs)[0]!;
  // node_modules is a link in worktrees: name packages from their node_modules/ part on.
  const inputs = Object.keys(output.inputs).map((i) => i.replace(/^.*?node_modules\//, 'node_modules/'));
  return { inputs: inputs.sort(), bytes: output.bytes };
}

/** Modules both bundles may hold: stateless, or configured by each bundle for itself. */
const IN_BOTH = new Map([
  ['node_modules/@vscode/l10n/dist/main.js', "each bundle's own copy, configured with VS Code's bundle by src/shared/l10nSetup.ts"],
  ['src/shared/l10nSetup.ts', 'configures the copy of @vscode/l10n of the bundle it is in'],
  ['src/connection/core/stateLooks.ts', 'plain data: the status bar\'s "checking" look at activation, every look after it'],
  ['src/shared/motion.ts', 'functions over the reduced-motion setting, no state: the "checking" icon still at activation as after it'],
]);

describe('bundles', () => {
  it('activation loads only the views, the status-bar item and the command and tool registration', async () => {
    const { inputs, bytes } = await inputsOf('src/extension.ts');
    assert.deepEqual(inputs, [
      'node_modules/@vscode/l10n/dist/main.js',
      // VS Code asks for a tool's implementation right after the activation its call caused.
      'src/agent/registry.ts',
      'src/connection/core/stateLooks.ts',
      'src/connection/statusItem.ts',
      'src/explorer/treeProvider.ts',
      'src/extension.ts',
      'src/shared/l10nSetup.ts',
      'src/shared/motion.ts',
    ]);
    console.log(`dist/extension.js: ${(bytes / 1024).toFixed(1)} KB (production)`);
  });

  it('the features bundle shares with it only modules that hold no class and no state, and the endpoint catalogue is data', async () => {
    const activation = new Set((await inputsOf('src/extension.ts')).inputs);
    const { inputs, bytes } = await inputsOf('src/features.ts');
    const both = inputs.filter((i) => activation.has(i));
    assert.deepEqual(both.filter((i) => !IN_BOTH.has(i)), [], 'in both bundles');
    assert.ok(inputs.includes('src/membrane/errors.ts') && inputs.includes('src/explorer/node.ts'), 'the errors and the tree nodes are in the features bundle');
    assert.ok(!inputs.some((i) => i.endsWith('.json')), 'no JSON is bundled (dist/endpoints.json is read on first use)');
    console.log(`dist/features.js: ${(bytes / 1024).toFixed(1)} KB (production)`);
  });
});
