// The one disposal helper: what a class registers is let go once, the last made first,
// and anything registered after disposal is let go at once.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Disposable } from '../../src/shared/core/disposable';

class Owner extends Disposable {
  constructor(readonly log: string[]) {
    super();
    this.register({ dispose: () => log.push('emitter') });
    this.onDispose(() => log.push('stream'));
  }
  late(): void {
    this.register({ dispose: () => this.log.push('late') });
  }
}

describe('Disposable', () => {
  it('lets go of what it owns once, the last registered first', () => {
    const log: string[] = [];
    const o = new Owner(log);
    o.dispose();
    o.dispose();
    assert.deepEqual(log, ['stream', 'emitter']);
    assert.equal(o.isDisposed, true);
  });

  it('registered after disposal: let go at once', () => {
    const log: string[] = [];
    const o = new Owner(log);
    o.dispose();
    o.late();
    assert.deepEqual(log, ['stream', 'emitter', 'late']);
  });
});
