#!/usr/bin/env node
'use strict';
// `npm start`: the extension in a real VS Code against the sandbox's default world.
// Installs what is missing (code-server, Chromium is not needed here), builds, starts
// code-server on 127.0.0.1 and prints the URL; Ctrl+C stops it. With `-- --desktop`
// and `code` on PATH it opens desktop VS Code instead, with a throwaway profile.
// The sandbox state lives in .vscode-test/start/ (delete it, or run
// `sandbox/bin/membrane sandbox reset` with the same MEMBRANE_SANDBOX_HOME, to start over).
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./vscode/harness');

const desktop = process.argv.includes('--desktop');
const ROOT = h.ROOT;
const STATE = path.join(ROOT, '.vscode-test', 'start');

function build() {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.js')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function state() {
  for (const d of ['ud/User', 'ext', 'xdg-config', 'xdg-data', 'ws', 'sandbox']) fs.mkdirSync(path.join(STATE, d), { recursive: true });
  const s = {
    dir: STATE,
    userDataDir: path.join(STATE, 'ud'),
    workspace: path.join(STATE, 'ws'),
    sandboxHome: path.join(STATE, 'sandbox'),
    worldFile: path.join(STATE, 'sandbox', 'world.json'),
    pointer: path.join(STATE, 'sandbox', 'pointer.json'),
    results: path.join(STATE, 'results.json'),
  };
  if (!fs.existsSync(s.worldFile)) fs.copyFileSync(path.join(ROOT, 'sandbox', 'worlds', 'default.json'), s.worldFile);
  if (!fs.existsSync(s.pointer)) fs.writeFileSync(s.pointer, '{}\n');
  // An empty workspace becomes the sandbox's fixture repository (a remote names acme-api, whose
  // slugs run its commits): the deployed code against HEAD shows on the first start.
  if (!fs.readdirSync(s.workspace).length) {
    const ids = require('../sandbox/lib/fixtureRepo').makeFixture(s.workspace, s.worldFile, { originDir: path.join(STATE, 'origin.git') });
    console.log(`The workspace is a git repository whose HEAD (${ids.head.slice(0, 7)}) is 2 commits ahead of what acme-api runs.`);
  }
  h.writeSettings(s, { 'herokuMembrane.logLevel': 'info' });
  return s;
}

async function main() {
  build();
  const s = state();
  const sandboxEnv = { MEMBRANE_SANDBOX_HOME: s.sandboxHome, MEMBRANE_SANDBOX_WORLD: s.worldFile, MEMBRANE_SANDBOX_CONFIG: s.pointer };
  if (desktop) {
    const code = spawnSync('code', ['--version'], { encoding: 'utf8' });
    if (code.status !== 0) {
      console.error('`code` is not on PATH: run `npm start` without --desktop to use code-server in the browser.');
      process.exit(1);
    }
    const child = spawn('code', ['--user-data-dir', s.userDataDir, '--extensions-dir', path.join(STATE, 'ext'), `--extensionDevelopmentPath=${ROOT}`, '--new-window', s.workspace], {
      stdio: 'inherit',
      // The sandbox's rendezvous certificate (one-off dynos), trusted as the harness trusts it.
      env: { ...process.env, ...sandboxEnv, NODE_EXTRA_CA_CERTS: h.sandboxCertificate(s) },
    });
    child.on('exit', (c) => process.exit(c ?? 0));
    return;
  }
  const csBin = h.installCodeServer();
  const server = await h.startCodeServer(csBin, s);
  const url = h.workbenchUrl(server);
  console.log('\nVS Code (code-server) is running with the extension against the sandbox:\n');
  console.log(`  ${url}\n`);
  console.log(`Sandbox knobs: edit ${s.pointer} (see sandbox/README.md). Log in code: SANDBOX-1234. Ctrl+C stops.\n`);
  const stop = () => {
    h.stopCodeServer(server);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
