// The watchdog of `npm test`'s steps: a step that hangs (here a process whose grandchild
// never ends) is named, its whole process group killed, and the step fails in seconds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isAlive } from '../helpers/sandbox';
import { waitUntil } from '../helpers/wait';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS script helper
const { runStep } = require('../../scripts/lib/step.js');

describe('npm test step watchdog', { timeout: 60_000 }, () => {
  it('kills a hung step with its grandchildren, and says which step hung', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'step-'));
    const pidFile = path.join(dir, 'grandchild.pid');
    try {
      // The step starts a grandchild that would run for ever, records its pid, then waits for ever too.
      const script = `
        const { spawn } = require('node:child_process');
        const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e9)'], { stdio: 'ignore' });
        require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(g.pid));
        setInterval(() => {}, 1e9);`;
      const lines: string[] = [];
      const r = await runStep('a hanging step', process.execPath, ['-e', script], { limitMs: 2_000, log: (l: string) => lines.push(l), stdio: 'ignore' });
      assert.equal(r.ok, false);
      assert.equal(r.hung, true);
      assert.ok(lines.some((l) => /a hanging step: HUNG/.test(l)), lines.join('\n'));
      assert.ok(lines.some((l) => /FAILED \(hung, killed\)/.test(l)));
      const grandchild = Number(fs.readFileSync(pidFile, 'utf8'));
      await waitUntil(() => !isAlive(grandchild), `grandchild ${grandchild} to be gone`, 10_000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes a step that ends in time and fails one that exits non-zero', async () => {
    const ok = await runStep('quick', process.execPath, ['-e', ''], { limitMs: 30_000, log: () => {} });
    assert.deepEqual([ok.ok, ok.hung], [true, false]);
    const bad = await runStep('exit 3', process.execPath, ['-e', 'process.exit(3)'], { limitMs: 30_000, log: () => {} });
    assert.deepEqual([bad.ok, bad.code], [false, 3]);
  });
});
