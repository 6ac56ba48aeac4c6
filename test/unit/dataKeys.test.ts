// Keys that come from data (path parameters, the sandbox's knob file) are looked up as
// own properties: `constructor` or `toString` must not be found on Object.prototype.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fillPathParams } from '../../src/membrane/api';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox is plain CommonJS
const { readKnobs }: { readKnobs(env: NodeJS.ProcessEnv): Record<string, string> } = require('../../sandbox/lib/knobs.js');

describe('data keys are own properties', () => {
  it('a path placeholder named like an Object.prototype member is filled only from an own value', () => {
    assert.equal(fillPathParams('/x/{constructor}/{toString}', {}), '/x/{constructor}/{toString}');
    assert.equal(fillPathParams('/x/{constructor}', { constructor: 'a b' } as unknown as Record<string, string>), '/x/a%20b');
  });

  it("the sandbox's knob file refuses a knob named like an Object.prototype member", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'knobs-'));
    try {
      const pointer = path.join(dir, 'pointer.json');
      fs.writeFileSync(pointer, JSON.stringify({ constructor: 'x' }));
      assert.throws(() => readKnobs({ MEMBRANE_SANDBOX_CONFIG: pointer }), /unknown knob constructor/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
