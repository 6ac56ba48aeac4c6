// Managing add-ons, domains, ACM and collaborators in a real extension host against the
// sandbox: for each operation the question's text, the world file changed as Heroku
// would change it, a cancel that changes nothing, and Heroku's refusal shown as it is.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { connectFresh, readWorld, scenario, scriptPrompts, useExtension, worldApp, type PromptScript } from './helpers';

suite('resources', () => {
  let api: ExtensionApi;
  let p: PromptScript;
  useExtension((a) => (api = a));

  setup(async () => {
    await connectFresh(api);
    p = scriptPrompts(api);
  });

  const app = (name: string) => worldApp(readWorld(), name);
  const releases = (name: string) => readWorld().releases[app(name).id] as Array<{ description: string; version: number }>;

  test('Add Add-on: service, plan with its price, optional name; the question names the price; the world gains it, its config var and a release', async () => {
    p.picks = ['acme-web', /Heroku Key-Value Store/, /Premium 0/];
    p.inputs = [''];
    const before = releases('acme-web').length;
    await vscode.commands.executeCommand('herokuMembrane.addAddon');
    assert.deepEqual(p.errors, []);
    assert.equal(p.questions[0]!.message, 'Add heroku-redis:premium-0 to acme-web?');
    assert.match(p.questions[0]!.detail, /Price: \$15\/month, billed while it exists\./);
    const w = readWorld();
    const added = w.addons.find((a: any) => a.app.name === 'acme-web' && a.plan.name === 'heroku-redis:premium-0');
    assert.ok(added, 'the add-on is in the world');
    assert.ok(w.configVars[app('acme-web').id].REDIS_URL, 'its config var is set');
    assert.equal(releases('acme-web').length, before + 1);
    assert.match(releases('acme-web').at(-1)!.description, new RegExp(`^Attach REDIS \\(@ref:${added.name}\\)$`));
    assert.match(p.info[0] ?? '', /acme-web: added redis-\w+-\d+ \(heroku-redis:premium-0\); config var REDIS_URL\./);
  });

  test('Add Add-on: cancelled at the question changes nothing; an unverified account gets Heroku\'s 402', async () => {
    p.picks = ['acme-web', /Heroku Postgres/, /Essential 0/];
    p.inputs = ['my-db'];
    p.confirmWith = undefined;
    const count = readWorld().addons.length;
    await vscode.commands.executeCommand('herokuMembrane.addAddon');
    assert.equal(readWorld().addons.length, count);

    const w = readWorld();
    w.account.verified = false;
    fs.writeFileSync(process.env.MEMBRANE_SANDBOX_WORLD!, JSON.stringify(w));
    p.confirmWith = 'first';
    p.picks = ['acme-web', /Heroku Postgres/, /Essential 0/];
    p.inputs = ['my-db'];
    await vscode.commands.executeCommand('herokuMembrane.addAddon');
    assert.match(p.errors[0] ?? '', /requires a verified account/);
    assert.equal(readWorld().addons.length, count);
  });

  test('Remove Add-on: the name must be typed; the prompt says the data is lost; its config var goes with a release', async () => {
    p.picks = ['acme-api', /heroku-postgresql/];
    p.inputs = [undefined];
    await vscode.commands.executeCommand('herokuMembrane.removeAddon');
    assert.ok(readWorld().addons.some((a: any) => a.name === 'postgresql-curved-12345'), 'cancelled: still there');
    assert.match(p.boxes[0]!.prompt ?? '', /Every table and row in postgresql-curved-12345 is deleted with it, and its backups: this cannot be undone\. DATABASE_URL on acme-api and acme-worker are removed, with a release on each app\. Type postgresql-curved-12345 to confirm\./);

    p.picks = ['acme-api', /heroku-postgresql/];
    p.inputs = ['postgresql-curved-12345'];
    await vscode.commands.executeCommand('herokuMembrane.removeAddon');
    assert.deepEqual(p.errors, []);
    const w = readWorld();
    assert.ok(!w.addons.some((a: any) => a.name === 'postgresql-curved-12345'));
    assert.ok(!('DATABASE_URL' in w.configVars[app('acme-api').id]));
    assert.equal(releases('acme-api').at(-1)!.description, 'Detach DATABASE (@ref:postgresql-curved-12345)');
    assert.ok(!('DATABASE_URL' in w.configVars[app('acme-worker').id]), 'the app it was attached to loses it too');
    assert.equal(releases('acme-worker').at(-1)!.description, 'Detach DATABASE (@ref:postgresql-curved-12345)');
  });

  test('Add Domain: the DNS target is shown; a hostname another app uses gets Heroku\'s 422', async () => {
    p.picks = ['acme-web'];
    p.inputs = ['shop.example.org'];
    await vscode.commands.executeCommand('herokuMembrane.addDomain');
    const domain = readWorld().domains[app('acme-web').id].find((d: any) => d.hostname === 'shop.example.org');
    assert.ok(domain);
    assert.equal(p.info[0], `acme-web: added shop.example.org. Point a CNAME (or ALIAS) record at ${domain.cname}. ACM is off for this app: add a certificate, or turn ACM on.`);

    p.picks = ['acme-web'];
    p.inputs = ['api.acme.dev'];
    await vscode.commands.executeCommand('herokuMembrane.addDomain');
    assert.match(p.errors[0] ?? '', /api\.acme\.dev is already in use by another app\./);
  });

  test('Remove Domain asks first (cancel keeps it); ACM on and off change the app', async () => {
    p.picks = ['acme-api', /^legacy-api\.acme\.dev$/];
    p.confirmWith = undefined;
    await vscode.commands.executeCommand('herokuMembrane.removeDomain');
    const has = () => readWorld().domains[app('acme-api').id].some((d: any) => d.hostname === 'legacy-api.acme.dev');
    assert.ok(has());
    assert.equal(p.questions[0]!.message, 'Remove legacy-api.acme.dev from acme-api?');
    p.confirmWith = 'first';
    p.picks = ['acme-api', /^legacy-api\.acme\.dev$/];
    await vscode.commands.executeCommand('herokuMembrane.removeDomain');
    assert.ok(!has());

    p.picks = ['acme-api'];
    await vscode.commands.executeCommand('herokuMembrane.disableAcm');
    assert.match(p.questions.at(-1)!.detail, /stops issuing and renewing certificates/);
    assert.equal(app('acme-api').acm, false);
    p.picks = ['acme-api'];
    await vscode.commands.executeCommand('herokuMembrane.enableAcm');
    assert.equal(app('acme-api').acm, true);
    assert.ok(readWorld().domains[app('acme-api').id].filter((d: any) => d.kind === 'custom').every((d: any) => d.acm_status === 'pending'));
  });

  test('Collaborators: added by e-mail, an unknown account refused by Heroku, removal asked first, the owner never removed', async () => {
    const emails = (name: string) => readWorld().collaborators[app(name).id].map((c: any) => c.user.email);
    p.picks = ['acme-web'];
    p.inputs = ['riley@acme.dev'];
    await vscode.commands.executeCommand('herokuMembrane.addCollaborator');
    assert.ok(emails('acme-web').includes('riley@acme.dev'));

    p.picks = ['acme-web'];
    p.inputs = ['ghost@nowhere.invalid'];
    await vscode.commands.executeCommand('herokuMembrane.addCollaborator');
    assert.match(p.errors[0] ?? '', /Couldn't find that user\./);

    // A permission Heroku refuses: its message, as it is.
    scenario({ MEMBRANE_SANDBOX_HTTP_FAULT: '403:forbidden@^POST /apps/acme-web/collaborators$' });
    p.picks = ['acme-web'];
    p.inputs = ['casey@acme.dev'];
    await vscode.commands.executeCommand('herokuMembrane.addCollaborator');
    scenario({});
    assert.match(p.errors[1] ?? '', /You do not have access to this app: ask its owner or a team admin/);
    assert.ok(!emails('acme-web').includes('casey@acme.dev'));

    p.picks = ['acme-web', /^riley@acme\.dev$/];
    p.confirmWith = undefined;
    await vscode.commands.executeCommand('herokuMembrane.removeCollaborator');
    assert.ok(emails('acme-web').includes('riley@acme.dev'), 'cancelled: still there');
    p.confirmWith = 'first';
    p.picks = ['acme-web', /^riley@acme\.dev$/];
    await vscode.commands.executeCommand('herokuMembrane.removeCollaborator');
    assert.ok(!emails('acme-web').includes('riley@acme.dev'));
    assert.match(p.questions.at(-1)!.detail, /Their Heroku account is not touched/);

    p.picks = ['alex-blog', /^alex@acme\.dev$/];
    const asked = p.questions.length;
    await vscode.commands.executeCommand('herokuMembrane.removeCollaborator');
    assert.equal(p.questions.length, asked, 'no question: the owner is refused with the reason');
    assert.match(p.info.at(-1) ?? '', /alex@acme\.dev owns alex-blog: the owner cannot be removed/);
    assert.ok(emails('alex-blog').includes('alex@acme.dev'));
  });
});
