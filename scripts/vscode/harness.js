'use strict';
// The real-VS-Code harness: a pinned code-server (real workbench + Node extension host)
// on 127.0.0.1 with a throwaway profile, the extension loaded in development mode
// against the sandbox CLI, and Debian's Chromium driven by playwright-core.
// Why each step: docs/ARCHITECTURE.md (Testing) and the comments below.

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');

const ROOT = path.resolve(__dirname, '..', '..');
const SANDBOX_BIN = path.join(ROOT, 'sandbox', 'bin', 'membrane');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * The environment without anything an outer `npm test` / `npm start` set (npm_config_*,
 * npm_lifecycle_*, npm_package_*, …): code-server's postinstall would read the outer
 * npm's Node version from npm_config_user_agent and refuse to install.
 */
function withoutNpmEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k)));
}

/** Install (or find) code-server and Chromium; returns the code-server wrapper path. */
function installCodeServer(env = process.env) {
  const r = spawnSync('bash', [path.join(__dirname, 'install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: withoutNpmEnv(env) });
  if (r.status !== 0) throw new Error('installing code-server failed (see above)');
  return r.stdout.trim().split('\n').pop();
}

/** A fresh state folder: profile, extensions, sandbox home, pointer file, workspace. */
function makeState(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `heroku-vscode-${name}-`));
  for (const d of ['ud/User', 'ext', 'xdg-config', 'xdg-data', 'ws', 'sandbox', 'shots']) fs.mkdirSync(path.join(dir, d), { recursive: true });
  const state = {
    dir,
    userDataDir: path.join(dir, 'ud'),
    workspace: path.join(dir, 'ws'),
    sandboxHome: path.join(dir, 'sandbox'),
    worldFile: path.join(dir, 'sandbox', 'world.json'),
    pointer: path.join(dir, 'sandbox', 'pointer.json'),
    results: path.join(dir, 'results.json'),
  };
  fs.copyFileSync(path.join(ROOT, 'sandbox', 'worlds', 'default.json'), state.worldFile);
  fs.writeFileSync(state.pointer, '{}\n');
  writeSettings(state, {});
  return state;
}

function writeSettings(state, extra) {
  const settings = {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'window.commandCenter': false,
    'workbench.colorTheme': 'Default Dark Modern',
    // The DOM renderer: terminal text is in the page, so the UI tests can wait for it.
    'terminal.integrated.gpuAcceleration': 'off',
    'herokuMembrane.cliPath': SANDBOX_BIN,
    'herokuMembrane.logLevel': 'debug',
    ...extra,
  };
  fs.writeFileSync(path.join(state.userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  // code-server windows are remote: machine-scoped settings (the CLI path) are read from
  // the remote "Machine" settings, not from the user settings.
  fs.mkdirSync(path.join(state.userDataDir, 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(state.userDataDir, 'Machine', 'settings.json'), JSON.stringify({ 'herokuMembrane.cliPath': settings['herokuMembrane.cliPath'] }, null, 2));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = require('node:net').createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/**
 * Start code-server in its own process group. The extension host inherits this
 * process's environment: the sandbox home, world and pointer file are fixed here, and
 * tests switch scenarios by rewriting the pointer file.
 */
/**
 * The sandbox's rendezvous certificate for this state (made once with openssl): VS Code's
 * extension host trusts it through NODE_EXTRA_CA_CERTS, as a user's machine trusts Heroku's.
 */
function sandboxCertificate(state) {
  const r = spawnSync(process.execPath, [SANDBOX_BIN, 'sandbox', 'tls-cert'], { encoding: 'utf8', env: { ...process.env, MEMBRANE_SANDBOX_HOME: state.sandboxHome, MEMBRANE_SANDBOX_WORLD: state.worldFile, MEMBRANE_SANDBOX_CONFIG: state.pointer } });
  if (r.status !== 0) throw new Error(`the sandbox's rendezvous certificate could not be made: ${r.stderr || r.stdout}`);
  return r.stdout.trim().split('\n').pop();
}

/** `args`: more code-server arguments (e.g. `--locale`), before the workspace folder. */
async function startCodeServer(csBin, state, env = {}, args = []) {
  const port = await freePort();
  const caCerts = sandboxCertificate(state);
  const config = path.join(state.dir, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const log = fs.openSync(path.join(state.dir, 'code-server.log'), 'a');
  const child = spawn(
    csBin,
    ['--config', config, '--user-data-dir', state.userDataDir, '--extensions-dir', path.join(state.dir, 'ext'),
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      // VS Code >= 1.10x honours the ?payload= dev/test parameters only with the smoke-test driver.
      '--vscode-option', 'enable-smoke-test-driver', ...args, state.workspace],
    {
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(state.dir, 'xdg-config'),
        XDG_DATA_HOME: path.join(state.dir, 'xdg-data'),
        MEMBRANE_SANDBOX_HOME: state.sandboxHome,
        MEMBRANE_SANDBOX_WORLD: state.worldFile,
        MEMBRANE_SANDBOX_CONFIG: state.pointer,
        HEROKU_TEST_RESULTS: state.results,
        HEROKU_TEST_STATE: state.dir,
        NODE_EXTRA_CA_CERTS: caCerts,
        ...env,
      },
    },
  );
  const server = { pid: child.pid, port, origin: `http://127.0.0.1:${port}`, state };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await healthy(port)) return server;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  stopCodeServer(server);
  throw new Error(`code-server did not come up:\n${fs.readFileSync(path.join(state.dir, 'code-server.log'), 'utf8').slice(-3000)}`);
}

/** Stop code-server and everything it started (extension host, pty host, watchers). */
function stopCodeServer(server) {
  for (const sig of ['SIGTERM', 'SIGKILL']) {
    try {
      process.kill(-server.pid, sig);
    } catch {
      return;
    }
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      try {
        process.kill(-server.pid, 0);
      } catch {
        return;
      }
      spawnSync('sleep', ['0.1']);
    }
  }
}

async function launchBrowser(state, viewport = { width: 1400, height: 1000 }) {
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, viewport, args: CHROMIUM_ARGS });
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/** The workbench URL with the extension loaded in development mode (and optionally tests). */
/** `extension`: the folder of the extension under test (this repository unless a spec made a copy). */
function workbenchUrl(server, { tests, extension = ROOT } = {}) {
  const authority = new URL(server.origin).host;
  const payload = [['extensionDevelopmentPath', `vscode-remote://${authority}${extension}`]];
  if (tests) payload.push(['extensionTestsPath', `vscode-remote://${authority}${tests}`]);
  return `${server.origin}/?folder=${encodeURIComponent(server.state.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

// Harmless noise of an offline workbench (research: gotcha 10).
const NOISE = /vsda|open-vsx\.org|ENOTFOUND|authentication provider 'github'|ChatModelSelection|AgentHost|Creating a socket|connection token|ERR_NAME_NOT_RESOLVED|favicon|manifest\.json|Failed to load resource/i;

module.exports = { ROOT, SANDBOX_BIN, withoutNpmEnv, installCodeServer, makeState, writeSettings, sandboxCertificate, startCodeServer, stopCodeServer, launchBrowser, workbenchUrl, NOISE };
