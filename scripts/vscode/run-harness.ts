// Runs the in-host mocha suite and/or the Playwright UI tests in real VS Code
// (code-server) against the sandbox. Usage: run-harness.ts [integration|ui|all]
// Prints one plain `N passed, N failed` line per suite; exits non-zero on any failure.
// Screenshots land in test-results/screenshots/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { runUiTests } from '../../test/e2e/run';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS helper shared with scripts/start.js
const h = require('./harness.js');

const mode = process.argv[2] ?? 'all';
const SHOTS = path.join(h.ROOT, 'test-results', 'screenshots');

async function integration(csBin: string): Promise<{ passed: number; failed: number }> {
  const state = h.makeState('integration');
  // Restarted dynos stay `starting` while the tests look, and no router lines are generated: what
  // the tests read never depends on their speed.
  const server = await h.startCodeServer(csBin, state, { MEMBRANE_SANDBOX_RESTART_MS: '3600000', MEMBRANE_SANDBOX_ROUTER_MS: '0' });
  const browser = await h.launchBrowser(state);
  const t0 = Date.now();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    let resolveExit: (code: number) => void = () => {};
    const exited = new Promise<number>((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = util.format(...(args as [unknown, ...unknown[]]));
      if (!h.NOISE.test(line)) console.log(`[exthost:${type}] ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    page.on('pageerror', (e: Error) => console.log(`[browser:pageerror] ${e.message}`));
    await page.goto(h.workbenchUrl(server, { tests: path.join(h.ROOT, 'out', 'test', 'integration', 'index') }), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('timeout'), 600_000))]);
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'integration-end.png') }).catch(() => {});
    const results = fs.existsSync(state.results) ? JSON.parse(fs.readFileSync(state.results, 'utf8')) : { passed: 0, failed: 1 };
    console.log(`integration: exit ${code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    if (code !== 0 && results.failed === 0) results.failed = 1;
    return results;
  } finally {
    await browser.close();
    h.stopCodeServer(server);
  }
}

async function main(): Promise<void> {
  if (mode === 'all') fs.rmSync(SHOTS, { recursive: true, force: true });
  for (const f of fs.existsSync(SHOTS) ? fs.readdirSync(SHOTS) : []) if (f.startsWith('FAILED-')) fs.rmSync(path.join(SHOTS, f));
  const csBin: string = h.installCodeServer();
  const totals = { passed: 0, failed: 0 };
  if (mode === 'integration' || mode === 'all') {
    const r = await integration(csBin);
    console.log(`integration: ${r.passed} passed, ${r.failed} failed`);
    totals.passed += r.passed;
    totals.failed += r.failed;
  }
  if (mode === 'ui' || mode === 'all') {
    const r = await runUiTests(csBin, h, SHOTS);
    console.log(`ui: ${r.passed} passed, ${r.failed} failed; screenshots in ${path.relative(h.ROOT, SHOTS)}/`);
    totals.passed += r.passed;
    totals.failed += r.failed;
  }
  fs.mkdirSync(path.join(h.ROOT, 'test-results'), { recursive: true });
  fs.writeFileSync(path.join(h.ROOT, 'test-results', `vscode-${mode}.json`), JSON.stringify(totals));
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
