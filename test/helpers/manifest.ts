// package.json as VS Code shows it: every `%key%` replaced by its text from package.nls.json.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function localizedManifest(root: string): any {
  const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
  return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'), (_key, value) => {
    if (typeof value !== 'string') return value;
    const m = /^%([^%]+)%$/.exec(value);
    if (!m) return value;
    if (!(m[1]! in nls)) throw new Error(`package.json names %${m[1]}%, which package.nls.json lacks`);
    return nls[m[1]!];
  });
}
