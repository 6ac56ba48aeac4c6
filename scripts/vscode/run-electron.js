#!/usr/bin/env node
'use strict';
// `npm run test:electron`: the same in-host suite under @vscode/test-electron, for machines
// that can download VS Code (these offline machines cannot: use `npm test`, which runs
// the suite in code-server). The sandbox is set up exactly as the code-server harness does.
const path = require('node:path');
const fs = require('node:fs');
const { runTests } = require('@vscode/test-electron');
const h = require('./harness');

async function main() {
  const state = h.makeState('electron');
  // Desktop VS Code reads machine settings from the user settings.
  const result = await runTests({
    extensionDevelopmentPath: h.ROOT,
    extensionTestsPath: path.join(h.ROOT, 'out', 'test', 'integration', 'index'),
    launchArgs: [state.workspace, '--user-data-dir', state.userDataDir, '--extensions-dir', path.join(state.dir, 'ext'), '--disable-workspace-trust'],
    extensionTestsEnv: {
      MEMBRANE_SANDBOX_HOME: state.sandboxHome,
      MEMBRANE_SANDBOX_WORLD: state.worldFile,
      MEMBRANE_SANDBOX_CONFIG: state.pointer,
      HEROKU_TEST_RESULTS: state.results,
    },
  });
  const r = fs.existsSync(state.results) ? JSON.parse(fs.readFileSync(state.results, 'utf8')) : { passed: 0, failed: 1 };
  console.log(`${r.passed} passed, ${r.failed} failed`);
  process.exit(result);
}

main().catch((e) => {
  console.error(`@vscode/test-electron could not run: ${e.message}`);
  process.exit(1);
});
