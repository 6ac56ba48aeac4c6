// Finding `membrane` without a shell, including Windows npm `.cmd` shims.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findOnPath, resolveBinary, scriptOfCmdShim } from '../../src/membrane';

function tmpBin(name: string, mode = 0o755): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bin-'));
  fs.writeFileSync(path.join(dir, name), '#!/bin/sh\n', { mode });
  return dir;
}

describe('resolveBinary', () => {
  it('finds membrane on PATH, skipping non-executable files', () => {
    const noexec = tmpBin('membrane', 0o644);
    const good = tmpBin('membrane');
    const t = resolveBinary({ platform: 'linux', env: { PATH: `${noexec}:${good}` } });
    assert.equal(t?.file, path.join(good, 'membrane'));
    assert.deepEqual(t?.prefixArgs, []);
  });
  it('returns undefined when absent, or when a configured path does not exist', () => {
    assert.equal(resolveBinary({ platform: 'linux', env: { PATH: '/nonexistent' } }), undefined);
    assert.equal(resolveBinary({ platform: 'linux', env: { PATH: '' }, configuredPath: '/no/such/membrane' }), undefined);
  });
  it('uses a configured absolute path as is, and a bare configured name from PATH', () => {
    const dir = tmpBin('my-membrane');
    assert.equal(resolveBinary({ platform: 'linux', env: {}, configuredPath: path.join(dir, 'my-membrane') })?.file, path.join(dir, 'my-membrane'));
    assert.equal(resolveBinary({ platform: 'linux', env: { PATH: dir }, configuredPath: 'my-membrane' })?.file, path.join(dir, 'my-membrane'));
  });
  it('honours PATHEXT on Windows', () => {
    const dir = tmpBin('membrane.exe');
    assert.equal(findOnPath('membrane', 'win32', { PATH: dir, PATHEXT: '.EXE;.CMD' }), path.join(dir, 'membrane.exe'));
  });
  it('runs the JavaScript entry of an npm .cmd shim with node, never through cmd.exe', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shim-'));
    const shim = path.join(dir, 'membrane.cmd');
    fs.writeFileSync(shim, '@ECHO off\r\nGOTO start\r\n:start\r\nSETLOCAL\r\nCALL :find_dp0\r\n"%_prog%"  "%dp0%\\node_modules\\@membranehq\\cli\\dist\\index.js" %*\r\n');
    const t = resolveBinary({ platform: 'win32', env: { PATH: dir, PATHEXT: '.CMD' }, nodePath: 'C:\\vscode\\Code.exe', isElectron: true });
    assert.equal(t?.file, 'C:\\vscode\\Code.exe');
    assert.equal(t?.prefixArgs[0], path.win32.join(dir, 'node_modules\\@membranehq\\cli\\dist\\index.js'));
    assert.deepEqual(t?.env, { ELECTRON_RUN_AS_NODE: '1' });
  });
  it('reads the other shim spelling (%~dp0)', () => {
    assert.equal(scriptOfCmdShim('C:\\npm\\membrane.cmd', () => 'node "%~dp0\\node_modules\\x\\cli.mjs" %*'), 'C:\\npm\\node_modules\\x\\cli.mjs');
    assert.equal(scriptOfCmdShim('C:\\npm\\membrane.cmd', () => '@echo nothing here'), undefined);
  });
});
