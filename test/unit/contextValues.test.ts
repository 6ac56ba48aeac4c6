// The tree's contextValues and package.json's menus agree: every `viewItem` clause of a
// menu matches at least one value the nodes make (src/explorer/core/contextValues.ts),
// and every kind the nodes make is one the menus can name.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from '../helpers/sandbox';
import { contextValueExamples } from '../../src/explorer/core/contextValues';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const itemMenus: Array<{ command: string; when: string }> = pkg.contributes.menus['view/item/context'];

/** Whether `when` holds for this viewItem: `||` of `&&` of viewItem terms (other keys taken as true). */
function holds(when: string, viewItem: string): boolean {
  return when.split('||').some((conjunction) =>
    conjunction.split('&&').every((raw) => {
      const term = raw.trim();
      const regex = term.match(/^viewItem =~ \/(.*)\/$/);
      if (regex) return new RegExp(regex[1]!).test(viewItem);
      const equal = term.match(/^viewItem (==|!=) (\S+)$/);
      if (equal) return (viewItem === equal[2]) === (equal[1] === '==');
      assert.ok(!term.includes('viewItem'), `unreadable clause: ${term}`);
      return true;
    }),
  );
}

describe('tree contextValues', () => {
  const values = contextValueExamples();

  it('every item menu matches a value the nodes make', () => {
    assert.ok(itemMenus.length > 10);
    for (const m of itemMenus) assert.ok(values.some((v) => holds(m.when, v)), `${m.command}: "${m.when}" matches no node`);
  });

  it('the clauses mean what they say: maintenance splits the app menu, the current release has no rollback', () => {
    const when = (command: string) => itemMenus.filter((m) => m.command === command).map((m) => m.when);
    assert.ok(when('herokuMembrane.maintenanceOn').every((w) => holds(w, 'heroku.app+workspace') && !holds(w, 'heroku.app+maintenance+workspace')));
    assert.ok(when('herokuMembrane.maintenanceOff').every((w) => holds(w, 'heroku.app+maintenance') && !holds(w, 'heroku.app')));
    assert.ok(when('herokuMembrane.rollback').every((w) => holds(w, 'heroku.release+succeeded') && !holds(w, 'heroku.release+succeeded+current')));
    assert.ok(when('herokuMembrane.rollback').every((w) => holds(w, 'heroku.release+succeeded+output') && !holds(w, 'heroku.release+succeeded+current+output')));
    assert.ok(when('herokuMembrane.showReleaseOutput').every((w) => holds(w, 'heroku.release+failed+output') && !holds(w, 'heroku.release+succeeded+current')));
    assert.ok(when('herokuMembrane.stopDyno').every((w) => holds(w, 'heroku.dyno+up') && !holds(w, 'heroku.dyno+down')));
  });

  it('every kind the nodes make has the heroku.<kind>[+flag…] form the menus match on', () => {
    for (const v of values) assert.match(v, /^heroku\.[a-zA-Z]+(\+[\w-]+)*$/, v);
  });
});
