// Rules the UI specs (test/e2e/) keep, read from their source.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from '../helpers/sandbox';
import { sourceFiles } from '../helpers/sourceFiles';

describe('UI specs', () => {
  it('choose a context-menu item only through contextMenu(), which does not lose the choice to the menu\'s first 100 ms', () => {
    // VS Code's menu takes no mouse-up on an item in its first 100 ms; a spec that clicks the
    // item itself may click sooner, and then the menu stays open and nothing runs (test/e2e/run.ts).
    const offenders = sourceFiles(path.join(REPO, 'test', 'e2e'))
      .filter((f) => path.basename(f) !== 'run.ts')
      // A click on a menu item in one statement; the keyboard (Shift+F10, arrows, Enter) is fine.
      .filter((f) => /monaco-menu[^;]*\.click\(/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(REPO, f));
    assert.deepEqual(offenders, []);
  });
});
