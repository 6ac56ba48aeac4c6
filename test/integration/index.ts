// Entry point for --extensionTestsPath (code-server's ?payload= or @vscode/test-electron):
// the extension host calls run() and exits with its result. Writes {passed, failed} to
// HEROKU_TEST_RESULTS so the driver can print a plain closing line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // HEROKU_TEST_GREP (set when code-server starts) runs only the matching tests.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env.HEROKU_TEST_GREP || undefined });
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const r = { passed: runner.stats?.passes ?? 0, failed: failures, node: process.version };
      if (process.env.HEROKU_TEST_RESULTS) fs.writeFileSync(process.env.HEROKU_TEST_RESULTS, JSON.stringify(r) + '\n');
      console.log(`${r.passed} passed, ${r.failed} failed`);
      if (failures > 0) reject(new Error(`${failures} tests failed.`));
      // A grep that matches no test is a mistake in the command, not a pass.
      else if (r.passed === 0) reject(new Error(`no test ran (HEROKU_TEST_GREP=${JSON.stringify(process.env.HEROKU_TEST_GREP ?? '')})`));
      else resolve();
    });
  });
}
