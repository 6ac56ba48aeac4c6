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

  it('nothing in src spawns through a shell: no exec or execSync, no `shell: true`, programs by argument vector only', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(path.join(REPO, 'src'))) {
      const text = fs.readFileSync(file, 'utf8');
      // exec and execSync run a command line through /bin/sh; so do execa's execaCommand and $`…`.
      const fromChildProcess = [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"](?:node:)?child_process['"]/g)].flatMap((m) => m[1]!.split(',').map((n) => n.trim().split(/\s+as\s+/)[0]));
      for (const name of fromChildProcess) if (name === 'exec' || name === 'execSync') offenders.push(`${path.relative(REPO, file)}: imports ${name}`);
      if (/import\s+\*\s+as\s+\w+\s+from\s*['"](?:node:)?child_process['"]/.test(text)) offenders.push(`${path.relative(REPO, file)}: imports all of child_process`);
      text.split('\n').forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        if (/shell:\s*(true|['"`])|\bexecaCommand(Sync)?\b|\$`/.test(code)) offenders.push(`${path.relative(REPO, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(offenders, []);
  });

  it('no Heroku token in the extension: nothing reads HEROKU_API_KEY or ~/.netrc, and nothing sets an Authorization header', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(path.join(REPO, 'src'))) {
      const text = fs.readFileSync(file, 'utf8');
      text.split('\n').forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        if (/HEROKU_API_KEY|\.netrc|['"`]authorization['"`]\s*:|setHeader\(\s*['"`]authorization/i.test(code)) offenders.push(`${path.relative(REPO, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(offenders, []);
  });

  // The lint rules of eslint.config.mjs, each shown to fire on the import it forbids
  // (and to let the one it allows pass), on files that exist only for this check.
  const LAYER_CASES: Array<{ file: string; forbidden: string[]; allowed: string[] }> = [
    { file: 'src/membrane/probe.ts', forbidden: ['../heroku/client', '../apps/appPick', '../shared/core/text', 'vscode'], allowed: ['./errors', 'node:fs'] },
    { file: 'src/heroku/probe.ts', forbidden: ['../apps/appPick', '../explorer/node', '../shared/prompts', 'vscode'], allowed: ['../membrane/errors', '../shared/core/text', './cache'] },
    { file: 'src/heroku/streams/probe.ts', forbidden: ['../../membrane/sleep', '../../logs/logTerminal', 'vscode'], allowed: ['./urlPolicy', '../../shared/core/text'] },
    { file: 'src/explorer/probe.ts', forbidden: ['../apps/appNode', '../accounts/accountNode', '../connection/core/connectionState', '../pipelines/nodes'], allowed: ['./node', '../heroku/client', '../membrane/errors', '../shared/contextKeys', 'vscode'] },
    { file: 'src/explorer/core/probe.ts', forbidden: ['../../apps/core/format', 'vscode'], allowed: ['../../shared/core/text', './other'] },
    { file: 'src/configVars/webview/probe.ts', forbidden: ['../panel', '../../shared/prompts', '../../heroku/client', 'vscode'], allowed: ['../core/model', '../../shared/webview/dom'] },
  ];
  for (const c of LAYER_CASES) {
    it(`lint: ${path.dirname(c.file)} may not import ${c.forbidden.join(', ')}`, async () => {
      const { ESLint } = await import('eslint');
      const eslint = new ESLint({ cwd: REPO });
      const messagesOf = async (source: string) => (await eslint.lintText(`import * as x from '${source}';\nexport const y = x;\n`, { filePath: path.join(REPO, c.file) }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports');
      for (const source of c.forbidden) assert.equal((await messagesOf(source)).length, 1, `${c.file} importing ${source} is refused`);
      for (const source of c.allowed) assert.deepEqual(await messagesOf(source), [], `${c.file} importing ${source} is allowed`);
    });
  }
});
