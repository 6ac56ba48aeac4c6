// Every change the resource, pipeline and lifecycle commands make, in a real extension
// host: cancelled at its question (or its typed confirmation), the world file is exactly
// as before; refused by Heroku, the user reads Heroku's message and the world is
// unchanged. The happy paths are in resources, pipelines and lifecycle.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { connectFresh, scenario, scriptPrompts, useExtension, type PromptScript } from './helpers';

interface Change {
  command: string;
  /** Picks and inputs up to the question, which is then cancelled. */
  picks: Array<string | RegExp | undefined>;
  inputs?: Array<string | undefined>;
  /** For the refusal: the inputs that reach Heroku (default: `inputs`). */
  sendInputs?: Array<string | undefined>;
  sendPicks?: Array<string | RegExp | undefined>;
}

const CHANGES: Change[] = [
  { command: 'herokuMembrane.addAddon', picks: ['acme-web', /Heroku Postgres/, /Essential 0/], inputs: [''] },
  { command: 'herokuMembrane.removeAddon', picks: ['acme-api', /papertrail/], inputs: [undefined], sendInputs: ['papertrail-shallow-11111'] },
  { command: 'herokuMembrane.addDomain', picks: ['acme-web'], inputs: [undefined], sendInputs: ['shop2.example.org'] },
  { command: 'herokuMembrane.removeDomain', picks: ['acme-api', /^legacy-api\.acme\.dev$/] },
  { command: 'herokuMembrane.enableAcm', picks: [undefined], sendPicks: ['acme-web'] },
  { command: 'herokuMembrane.disableAcm', picks: ['acme-api'] },
  { command: 'herokuMembrane.addCollaborator', picks: ['acme-web'], inputs: [undefined], sendInputs: ['casey@acme.dev'] },
  { command: 'herokuMembrane.removeCollaborator', picks: ['acme-api', /^sam@acme\.dev$/] },
  { command: 'herokuMembrane.renameApp', picks: ['alex-blog'], inputs: ['alex-blog-two'] },
  { command: 'herokuMembrane.deleteApp', picks: ['alex-blog'], sendInputs: ['alex-blog'] },
  { command: 'herokuMembrane.editBuildpacks', picks: ['acme-web', /Add a buildpack/], inputs: [undefined], sendInputs: ['heroku/go'], sendPicks: ['acme-web', /Add a buildpack/] },
  { command: 'herokuMembrane.changeStack', picks: ['acme-web', /^heroku-22$/] },
  { command: 'herokuMembrane.purgeBuildCache', picks: ['acme-web'] },
  { command: 'herokuMembrane.promote', picks: [/^acme-api-staging$/] },
  { command: 'herokuMembrane.deleteReviewApp', picks: [/#142/] },
];

const worldText = () => fs.readFileSync(process.env.MEMBRANE_SANDBOX_WORLD!, 'utf8');

suite('every change', () => {
  let api: ExtensionApi;
  let p: PromptScript;
  useExtension((a) => (api = a));

  setup(async () => {
    await connectFresh(api);
    p = scriptPrompts(api);
  });

  teardown(() => scenario({}));

  test('cancelled at its question, each leaves the world exactly as it was', async () => {
    for (const c of CHANGES) {
      const before = worldText();
      p.confirmWith = undefined;
      p.picks = [...c.picks];
      p.inputs = [...(c.inputs ?? [])];
      p.errors.length = 0;
      await vscode.commands.executeCommand(c.command);
      assert.deepEqual(p.errors, [], `${c.command}: no error`);
      assert.equal(worldText(), before, `${c.command}: the world is unchanged`);
    }
  });

  test("refused by Heroku, each shows Heroku's message and changes nothing", async () => {
    // Every write fails; reads still answer, so each command reaches its write.
    scenario({ MEMBRANE_SANDBOX_HTTP_FAULT: '422@^(POST|PATCH|PUT|DELETE) /' });
    for (const c of CHANGES) {
      const before = worldText();
      p.confirmWith = 'first';
      p.picks = [...(c.sendPicks ?? c.picks)];
      p.inputs = [...(c.sendInputs ?? c.inputs ?? [])];
      p.errors.length = 0;
      await vscode.commands.executeCommand(c.command);
      assert.equal(p.errors.length, 1, `${c.command}: one error shown (${p.errors.join(' | ')})`);
      assert.match(p.errors[0]!, /Sandbox fault 422/, `${c.command}: Heroku's message`);
      assert.equal(worldText(), before, `${c.command}: the world is unchanged`);
    }
  });
});
