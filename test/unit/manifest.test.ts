// Every id the manifest contributes carries our own prefix, so the official Heroku
// extension (whose activity-bar container is the bare `heroku`) and ours never compete
// for a container, a view, a command, a setting or a context key.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from '../helpers/sandbox';
import { localizedManifest } from '../helpers/manifest';
import { STATE_LOOKS } from '../../src/connection/core/stateLooks';
import { sourceFiles } from '../helpers/sourceFiles';

const PREFIX = 'herokuMembrane';
const pkg = localizedManifest(REPO);
const c = pkg.contributes;


const ownId = (id: string) => id.startsWith(`${PREFIX}.`) || id === PREFIX;

describe('manifest ids', () => {
  it('the activity-bar container and the views are ours, never the bare `heroku`', () => {
    const containers: string[] = c.viewsContainers.activitybar.map((x: { id: string }) => x.id);
    assert.deepEqual(containers, [PREFIX]);
    assert.deepEqual(Object.keys(c.views), [PREFIX]);
    const views: string[] = Object.values(c.views).flat().map((v) => (v as { id: string }).id);
    assert.ok(views.length > 0);
    for (const id of [...views, ...c.viewsWelcome.map((v: { view: string }) => v.view)]) assert.ok(ownId(id), id);
  });

  it('every command, menu entry and command link is ours', () => {
    const commands: string[] = c.commands.map((x: { command: string }) => x.command);
    for (const id of commands) assert.ok(ownId(id), id);
    for (const entries of Object.values(c.menus) as Array<Array<{ command: string }>>) for (const e of entries) assert.ok(ownId(e.command), e.command);
    for (const v of c.viewsWelcome) for (const m of (v.contents as string).matchAll(/command:([\w.]+)/g)) assert.ok(ownId(m[1] ?? ''), m[1]);
  });

  it('every setting is ours, and so is the restricted one', () => {
    for (const id of Object.keys(c.configuration.properties)) assert.ok(ownId(id), id);
    for (const id of pkg.capabilities.untrustedWorkspaces.restrictedConfigurations) assert.ok(ownId(id), id);
  });

  it('every context key we set, and every one a `when` clause reads, is ours', () => {
    const setKeys = sourceFiles(path.join(REPO, 'src')).flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/(?:'setContext',\s*|contextKeys\.set\()'([^']+)'/g)].map((m) => m[1] ?? ''));
    assert.ok(setKeys.length >= 2, 'setContext calls found');
    for (const k of setKeys) assert.ok(ownId(k), k);
    const whens: string[] = [...c.viewsWelcome, ...(Object.values(c.menus).flat() as Array<{ when?: string }>)].map((x) => x.when ?? '');
    const BUILT_IN = new Set(['view', 'viewItem', 'false', 'true', 'explorerResourceIsFolder', 'resourceScheme', 'workspaceFolderCount']);
    for (const w of whens) {
      const withoutLiterals = w.replace(/\/[^/]*\//g, '').replace(/(==|!=)\s*[\w.+-]+/g, '');
      for (const key of withoutLiterals.match(/[A-Za-z][\w.]*/g) ?? []) if (!BUILT_IN.has(key)) assert.ok(ownId(key), `${key} in "${w}"`);
    }
  });

  it('every connection state has one record, whose click runs a contributed command', () => {
    const commands = new Set(c.commands.map((x: { command: string }) => x.command));
    const welcomeStates = new Set<string>(c.viewsWelcome.flatMap((v: { when: string }) => [...v.when.matchAll(/herokuMembrane\.state == (\w+)/g)].map((m) => m[1])));
    for (const [state, look] of Object.entries(STATE_LOOKS)) {
      assert.ok(commands.has(look.command), `${state}: ${look.command}`);
      assert.ok(look.text && look.summary && look.clickHint, state);
      assert.ok(welcomeStates.has(state), `${state} has a welcome view`);
    }
  });
});

describe('manifest strings', () => {
  const raw = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(REPO, 'package.nls.json'), 'utf8'));

  /** Every string of the manifest that VS Code or the Marketplace shows a user, with where it is. */
  function shown(): Array<[string, unknown]> {
    const rc = raw.contributes;
    const out: Array<[string, unknown]> = [
      ['displayName', raw.displayName],
      ['description', raw.description],
      ['capabilities', raw.capabilities.untrustedWorkspaces.description],
    ];
    for (const v of rc.viewsContainers.activitybar) out.push([`container ${v.id}`, v.title]);
    for (const v of Object.values(rc.views).flat() as Array<{ id: string; name: string }>) out.push([`view ${v.id}`, v.name]);
    for (const w of rc.viewsWelcome) out.push([`welcome ${w.when}`, w.contents]);
    for (const c of rc.commands) out.push([`command ${c.command}`, c.title], [`category ${c.command}`, c.category]);
    out.push(['configuration', rc.configuration.title]);
    for (const [k, prop] of Object.entries(rc.configuration.properties) as Array<[string, Record<string, unknown>]>) {
      out.push([`setting ${k}`, prop.markdownDescription ?? prop.description]);
      for (const d of (prop.enumDescriptions ?? prop.markdownEnumDescriptions ?? []) as unknown[]) out.push([`setting ${k} enum`, d]);
    }
    for (const w of rc.walkthroughs) {
      out.push(['walkthrough', w.title], ['walkthrough', w.description]);
      for (const s of w.steps) out.push([`step ${s.id}`, s.title], [`step ${s.id}`, s.description], [`step ${s.id} image`, s.media.altText]);
    }
    return out;
  }

  it('every title and description the manifest shows is a %key% of package.nls.json', () => {
    for (const [where, value] of shown()) {
      if (value === undefined) continue;
      const m = /^%([^%]+)%$/.exec(String(value));
      assert.ok(m, `${where}: "${String(value)}" is not taken from package.nls.json`);
      assert.ok(typeof nls[m[1]!] === 'string' && nls[m[1]!]!.length > 0, `${where}: package.nls.json lacks ${m[1]}`);
    }
  });

  it('package.nls.json holds no key the manifest does not use', () => {
    const text = fs.readFileSync(path.join(REPO, 'package.json'), 'utf8');
    for (const key of Object.keys(nls)) assert.ok(text.includes(`"%${key}%"`), `${key} is not used`);
  });
});
