// Runtime messages go through l10n.t (@vscode/l10n, fed VS Code's bundle at activation):
// l10n/bundle.l10n.json, the file translators start from, must hold exactly the strings
// the source passes to l10n.t. Re-export it with `npx @vscode/l10n-dev export --outDir ./l10n ./src`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../helpers/sandbox';

describe('localisation bundle', () => {
  it('l10n/bundle.l10n.json is what @vscode/l10n-dev exports from the source', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-'));
    try {
      execFileSync(process.execPath, [path.join(REPO, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js'), 'export', '--outDir', dir, path.join(REPO, 'src')], { cwd: REPO, stdio: 'ignore', timeout: 120_000 });
      const fresh = JSON.parse(fs.readFileSync(path.join(dir, 'bundle.l10n.json'), 'utf8'));
      const committed = JSON.parse(fs.readFileSync(path.join(REPO, 'l10n', 'bundle.l10n.json'), 'utf8'));
      assert.deepEqual(Object.keys(committed).sort(), Object.keys(fresh).sort(), 'run: npx @vscode/l10n-dev export --outDir ./l10n ./src');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
