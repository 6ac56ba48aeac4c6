// The base of the logs, build output and one-off dyno terminals (src/shared/streamTerminal.ts),
// on its own, in a real extension host: closing the terminal aborts the stream; what is
// written before VS Code opens the terminal is kept and sent first, in order; a tick's
// writes go out as one batch; the dimensions reach the subclass; a failure ends on its
// outcome line; and the stream's side can close the terminal.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { StreamTerminal } from '../../src/shared/streamTerminal';
import { waitForEvent } from '../helpers/wait';
import { waitFor } from './helpers';

const NAME = 'stream terminal base test';

/** A terminal whose stream is the test's: it records what the base hands it and exposes the protected writers. */
class TestTerminal extends StreamTerminal {
  /** Every batch the probe was told, in order. */
  readonly probed: string[] = [];
  /** Every batch VS Code was sent (onDidWrite), in order. */
  readonly sent: string[] = [];
  streamed: { signal: AbortSignal; dimensions: vscode.TerminalDimensions | undefined } | undefined;
  readonly resizes: vscode.TerminalDimensions[] = [];
  stops = 0;

  constructor(private readonly body: (t: TestTerminal, signal: AbortSignal) => Promise<void> | void = () => undefined) {
    super((text) => this.probed.push(text));
    this.onDidWrite((text) => this.sent.push(text));
  }

  protected stream(signal: AbortSignal, dimensions: vscode.TerminalDimensions | undefined): Promise<void> | void {
    this.streamed = { signal, dimensions };
    return this.body(this, signal);
  }

  protected override stopped(): void {
    this.stops++;
  }

  protected override resized(dimensions: vscode.TerminalDimensions): void {
    this.resizes.push(dimensions);
  }

  say(text: string): void {
    this.write(text);
  }
  sayLine(text: string): void {
    this.writeLine(text);
  }
  sayNotice(text: string): void {
    this.notice(text);
  }
  sayOutcome(ok: boolean, text: string): void {
    this.outcome(ok, text);
  }
  end(): void {
    this.exit();
  }
  get latestSize(): vscode.TerminalDimensions | undefined {
    return this.dimensions;
  }
  get text(): string {
    return this.probed.join('');
  }
}

/** Past the base's batch: a write made now has been sent (or dropped) once this resolves. */
const nextTick = () => new Promise<void>((r) => setImmediate(() => setImmediate(r)));

// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

suite('stream terminal base (the logs, build output and one-off dyno terminals)', () => {
  teardown(() => {
    for (const t of vscode.window.terminals.filter((t) => t.name.startsWith(NAME))) t.dispose();
  });

  test('closing the terminal aborts the stream: the signal, stopped() once, nothing written afterwards is sent', async () => {
    let ended = false;
    const pty = new TestTerminal(async (t, signal) => {
      t.sayLine('streaming');
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      ended = true;
      t.sayLine('after the close');
    });
    const terminal = vscode.window.createTerminal({ name: NAME, pty });
    terminal.show(true);
    await waitFor('the stream to start and write', () => pty.text.includes('streaming'));
    assert.equal(pty.streamed?.signal.aborted, false);
    assert.equal(pty.closed, false);
    terminal.dispose();
    await waitFor('the stream to be aborted', () => ended);
    assert.equal(pty.closed, true);
    assert.equal(pty.stops, 1, 'stopped() is called once');
    pty.close();
    assert.equal(pty.stops, 1, 'a second close does nothing');
    pty.say('later');
    await nextTick();
    assert.equal(pty.text, 'streaming\r\n', 'nothing after the close reaches the terminal or the probe');
    assert.deepEqual(pty.sent, pty.probed, 'the probe is told exactly what the terminal is sent');
  });

  test('writes before open are kept and sent on open, first and in order', async () => {
    const pty = new TestTerminal((t) => t.sayLine('three (from the stream)'));
    pty.say('one ');
    pty.sayLine('(written before open)');
    pty.sayNotice('two (a notice before open)');
    await nextTick();
    assert.deepEqual(pty.sent, [], 'nothing is sent before VS Code opens the terminal');
    assert.deepEqual(pty.probed, []);
    const terminal = vscode.window.createTerminal({ name: NAME, pty });
    terminal.show(true);
    await waitFor('the stream to write', () => pty.text.includes('three'));
    assert.equal(plain(pty.text), 'one (written before open)\r\n— two (a notice before open) —\r\nthree (from the stream)\r\n');
    assert.deepEqual(pty.sent, pty.probed);
    terminal.dispose();
  });

  test("a tick's writes go out as one batch (the TickWriter), in order", async () => {
    const pty = new TestTerminal((t) => {
      for (let i = 0; i < 500; i++) t.sayLine(`line ${i}`);
    });
    pty.open(undefined);
    await waitFor('the batch', () => pty.sent.length > 0);
    await nextTick();
    assert.equal(pty.sent.length, 1, 'one event for 500 lines');
    assert.equal(pty.text, Array.from({ length: 500 }, (_, i) => `line ${i}\r\n`).join(''));
    pty.dispose();
  });

  test("dimensions reach the subclass: open's to stream(), later changes to resized(), the latest in dimensions", () => {
    const pty = new TestTerminal();
    pty.setDimensions({ columns: 90, rows: 20 });
    assert.deepEqual(pty.resizes, [], 'no resized() before open');
    pty.open({ columns: 100, rows: 30 });
    assert.deepEqual(pty.streamed?.dimensions, { columns: 100, rows: 30 });
    assert.deepEqual(pty.latestSize, { columns: 100, rows: 30 });
    pty.setDimensions({ columns: 100, rows: 30 });
    assert.deepEqual(pty.resizes, [], 'the same size again is no change');
    pty.setDimensions({ columns: 120, rows: 40 });
    assert.deepEqual(pty.resizes, [{ columns: 120, rows: 40 }]);
    assert.deepEqual(pty.latestSize, { columns: 120, rows: 40 });
    pty.dispose();
  });

  test('a stream that fails while open ends on its red outcome line; one aborted by the close says nothing', async () => {
    const failing = new TestTerminal(async () => {
      throw new Error('the stream broke');
    });
    failing.open(undefined);
    await waitFor('the outcome line', () => failing.text.includes('the stream broke'));
    assert.equal(plain(failing.text), '\r\n✖ the stream broke\r\n');
    failing.dispose();

    const closing = new TestTerminal(async (_t, signal) => {
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      throw new Error('aborted');
    });
    closing.open(undefined);
    closing.sayOutcome(true, 'written before the close');
    closing.close();
    await nextTick();
    assert.equal(closing.text, '', 'a close drops what was not yet sent, and the abort is no failure');
  });

  test("the stream's side can close the terminal (onDidClose)", async () => {
    const pty = new TestTerminal();
    const terminal = vscode.window.createTerminal({ name: NAME, pty });
    terminal.show(true);
    await waitFor('the stream to start', () => pty.streamed);
    const closed = waitForEvent(vscode.window.onDidCloseTerminal, (t) => t === terminal, 'the terminal to close');
    pty.end();
    await closed;
  });
});
