// The code-server install must not inherit an outer npm's environment: code-server's
// postinstall reads the Node version from npm_config_user_agent, so an install started
// under `npm test` (Node 20) refused Node 24 on every fresh machine. A fake `npm` on PATH
// records the environment the inner install really gets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../helpers/sandbox';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS harness
const harness = require('../../scripts/vscode/harness.js');
const SCRIPT = path.join(REPO, 'scripts', 'vscode', 'install-code-server.sh');

/** A PATH with a fake npm (records its env, "installs" a code-server that prints a version) and a dpkg that has everything. */
function fakeTools(dir: string): { env: NodeJS.ProcessEnv; recorded: () => Record<string, string> } {
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  const record = path.join(dir, 'npm-env.json');
  const major = process.versions.node.split('.')[0];
  fs.writeFileSync(
    path.join(bin, 'npm'),
    `#!${process.execPath}
const fs = require('fs'), path = require('path');
const args = process.argv.slice(2);
if (args[0] === 'view') { console.log('>=${major}'); process.exit(0); }
if (args.some((a) => a.startsWith('code-server@'))) {
  fs.writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.env));
  fs.mkdirSync('node_modules/.bin', { recursive: true });
  fs.writeFileSync('node_modules/.bin/code-server', '#!/bin/sh\\necho 9.9.9-fake\\n', { mode: 0o755 });
}
`,
    { mode: 0o755 },
  );
  // The script puts node's own folder first on PATH: give it ours, so our npm stays first.
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  fs.writeFileSync(path.join(bin, 'dpkg'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  const outerNpm = {
    npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
    npm_lifecycle_event: 'test',
    npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
    NPM_CONFIG_LOGLEVEL: 'silly',
  };
  return {
    env: { ...process.env, ...outerNpm, PATH: `${bin}:${process.env.PATH}`, CS_CACHE: path.join(dir, 'cache'), CS_VERSION: '0.0.0-test' },
    recorded: () => JSON.parse(fs.readFileSync(record, 'utf8')),
  };
}

// What the script sets for its own install; anything else npm-ish came from outside.
const SET_BY_SCRIPT = new Set(['npm_config_unsafe_perm', 'npm_config_yes', 'npm_config_audit', 'npm_config_fund', 'npm_config_nodedir']);

function assertNoNpmEnv(env: Record<string, string>): void {
  assert.deepEqual(Object.keys(env).filter((k) => /^npm_/i.test(k) && !SET_BY_SCRIPT.has(k)), []);
}

describe('code-server install under an outer npm', { timeout: 60_000 }, () => {
  it('the script itself drops every npm_* variable before installing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-install-'));
    try {
      const tools = fakeTools(dir);
      const r = spawnSync('bash', [SCRIPT], { env: tools.env, encoding: 'utf8', timeout: 50_000 });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout.trim().split('\n').pop() ?? '', /code-server-0\.0\.0-test\/code-server$/);
      assertNoNpmEnv(tools.recorded());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the harness starts the install without the outer npm environment', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-install-'));
    try {
      const tools = fakeTools(dir);
      assert.equal(Object.keys(harness.withoutNpmEnv(tools.env)).some((k: string) => /^npm_/i.test(k)), false);
      const wrapper: string = harness.installCodeServer(tools.env);
      assert.ok(fs.existsSync(wrapper), wrapper);
      assertNoNpmEnv(tools.recorded());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
