#!/usr/bin/env node
'use strict';
// `npm test`: lint, typecheck, unit tests (plain Node against the sandbox), the build,
// then the in-host mocha suite and the Playwright UI tests in real VS Code (code-server
// and Chromium, installed on first use: as root it apt-gets what is missing, otherwise it
// names the packages). Each step runs without a shell; the last line is the plain
// `N passed, N failed` total CI reads.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'test-results');
fs.mkdirSync(OUT, { recursive: true });
const npx = (bin) => path.join(ROOT, 'node_modules', '.bin', bin);
const totals = { passed: 0, failed: 0 };
const failedSteps = [];

function step(name, file, args, opts = {}) {
  const t0 = Date.now();
  console.log(`\n=== ${name}`);
  const r = spawnSync(file, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...opts.env } });
  const ok = r.status === 0;
  console.log(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  if (!ok) failedSteps.push(name);
  return ok;
}

function countTap(file) {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1 };
  const tap = fs.readFileSync(file, 'utf8');
  const num = (k) => Number((tap.match(new RegExp(`^# ${k} (\\d+)`, 'm')) || [])[1] || 0);
  return { passed: num('pass'), failed: num('fail') + num('cancelled') };
}

step('lint', npx('eslint'), ['.']);
step('typecheck', npx('tsc'), ['-p', '.', '--noEmit']);
step('typecheck (webview)', npx('tsc'), ['-p', 'tsconfig.webview.json', '--noEmit']);

const unitFiles = fs.readdirSync(path.join(ROOT, 'test', 'unit')).filter((f) => f.endsWith('.test.ts')).map((f) => path.join('test', 'unit', f));
const tapFile = path.join(OUT, 'unit.tap');
step('unit tests', process.execPath, [
  '--import', 'tsx', '--test',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
  ...unitFiles,
]);
const unit = countTap(tapFile);
totals.passed += unit.passed;
totals.failed += unit.failed;
console.log(`unit: ${unit.passed} passed, ${unit.failed} failed`);

if (step('build', process.execPath, ['esbuild.js'])) {
  const vscodeResults = path.join(OUT, 'vscode-all.json');
  fs.rmSync(vscodeResults, { force: true });
  step('VS Code: in-host and UI tests', process.execPath, ['--import', 'tsx', path.join('scripts', 'vscode', 'run-harness.ts'), 'all']);
  const r = fs.existsSync(vscodeResults) ? JSON.parse(fs.readFileSync(vscodeResults, 'utf8')) : { passed: 0, failed: 1 };
  totals.passed += r.passed;
  totals.failed += r.failed;
}

if (failedSteps.length) console.log(`\nfailed steps: ${failedSteps.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed + (failedSteps.length && !totals.failed ? 1 : 0)} failed`);
process.exit(failedSteps.length ? 1 : 0);
