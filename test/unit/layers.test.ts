// The layer rules CONTRIBUTING.md and docs/ARCHITECTURE.md promise, checked on the source: only the Heroku layer
// knows the read cache's keys (every other file names what to forget instead).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from '../helpers/sandbox';
import { sourceFiles } from '../helpers/sourceFiles';


describe('layers', () => {
  it('no file outside src/heroku spells a cache key or touches the cache directly', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(path.join(REPO, 'src'))) {
      if (file.startsWith(path.join(REPO, 'src', 'heroku') + path.sep)) continue;
      const text = fs.readFileSync(file, 'utf8');
      text.split('\n').forEach((line, i) => {
        if (/\.cache\.(invalidate|clear|get|has)\(|['`"]app:\$\{[^}]+\}:|['`"](apps|pipelines|account)['`"]\s*[,)]\s*$/.test(line) && /cache|invalidate/.test(line)) offenders.push(`${path.relative(REPO, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(offenders, []);
  });

  it('src/heroku/streams imports nothing of src/membrane (streams never go through Membrane)', () => {
    const dir = path.join(REPO, 'src', 'heroku', 'streams');
    const offenders = sourceFiles(dir).filter((file) => /from ['"](\.\.\/)+membrane\b/.test(fs.readFileSync(file, 'utf8'))).map((file) => path.relative(REPO, file));
    assert.deepEqual(offenders, []);
  });
});
