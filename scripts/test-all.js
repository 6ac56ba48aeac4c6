#!/usr/bin/env node
'use strict';
// `npm test`: lint, typecheck, the unit tier (plain Node, in-process fake runner), the
// contract tier (the client against the real sandbox process), the build, then the
// in-host mocha suite and the Playwright UI tests in real VS Code (code-server and
// Chromium, installed on first use: as root it apt-gets what is missing, otherwise it
// names the packages). Each step runs without a shell, in its own process group, under a
// watchdog that names and kills a step that hangs. The last line is the plain
// `N passed, N failed` total CI reads.
const fs = require('node:fs');
const path = require('node:path');
const { runStep } = require('./lib/step');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'test-results');
const MIN = 60_000;
fs.mkdirSync(OUT, { recursive: true });
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0 };
const failedSteps = [];

async function step(name, file, args, limitMs) {
  const r = await runStep(name, file, args, { cwd: ROOT, env: process.env, limitMs });
  if (!r.ok) failedSteps.push(r.hung ? `${name} (hung)` : name);
  return r.ok;
}

function countTap(file) {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1 };
  const tap = fs.readFileSync(file, 'utf8');
  const num = (k) => Number((tap.match(new RegExp(`^# ${k} (\\d+)`, 'm')) || [])[1] || 0);
  return { passed: num('pass'), failed: num('fail') + num('cancelled') };
}

/** A node:test tier: every *.test.ts in the folder, a time budget per file (and per test), a TAP file to count. */
async function nodeTier(tier, perFileMs, limitMs) {
  const dir = path.join('test', tier);
  const files = fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.test.ts')).sort().map((f) => path.join(dir, f));
  const tapFile = path.join(OUT, `${tier}.tap`);
  fs.rmSync(tapFile, { force: true });
  await step(`${tier} tests`, process.execPath, [
    // Node 20 runs one file at a time on a 2-core machine by default; the files are independent.
    '--import', 'tsx', '--test', '--test-concurrency=2', `--test-timeout=${perFileMs}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
    ...files,
  ], limitMs);
  const r = countTap(tapFile);
  totals.passed += r.passed;
  totals.failed += r.failed;
  console.log(`${tier}: ${r.passed} passed, ${r.failed} failed`);
}

async function main() {
  await step('lint', bin('eslint'), ['.'], 5 * MIN);
  await step('typecheck', bin('tsc'), ['-p', '.', '--noEmit'], 5 * MIN);
  await step('typecheck (webview)', bin('tsc'), ['-p', 'tsconfig.webview.json', '--noEmit'], 5 * MIN);
  // Node 20 applies --test-timeout to each file as a whole too: the budget is per file.
  await nodeTier('unit', 60_000, 5 * MIN);
  await nodeTier('contract', 600_000, 20 * MIN);
  if (await step('build', process.execPath, ['esbuild.js'], 5 * MIN)) {
    const vscodeResults = path.join(OUT, 'vscode-all.json');
    fs.rmSync(vscodeResults, { force: true });
    // Includes a first-time code-server install (a few minutes on a fresh machine).
    await step('VS Code: in-host and UI tests', process.execPath, ['--import', 'tsx', path.join('scripts', 'vscode', 'run-harness.ts'), 'all'], 50 * MIN);
    const r = fs.existsSync(vscodeResults) ? JSON.parse(fs.readFileSync(vscodeResults, 'utf8')) : { passed: 0, failed: 1 };
    totals.passed += r.passed;
    totals.failed += r.failed;
  }
  if (failedSteps.length) console.log(`\nfailed steps: ${failedSteps.join(', ')}`);
  console.log(`${totals.passed} passed, ${totals.failed + (failedSteps.length && !totals.failed ? 1 : 0)} failed`);
  process.exit(failedSteps.length ? 1 : 0);
}

main();
