// Writing config vars as a .env file that reads back exactly. dotenv has no escape for
// every character (a backslash stays, `\n` in double quotes becomes a newline, a quote
// ends its quoted form), so each value tries the forms in turn and keeps the first that
// dotenv's rules (dotenvParse.ts) read back to the same string; a value no form carries
// is refused by name, never written changed.

import { parseDotenv } from './dotenvParse';

export interface DotenvExport {
  text: string;
  /** Keys left out because no .env form reads back exactly. */
  refused: string[];
}

const DOTENV_KEY = /^[\w.-]+$/;

/** The first right-hand side dotenv reads back as exactly `value`, or undefined. */
export function envValue(value: string): string | undefined {
  return envForms(value)[0];
}

/** Every right-hand side that dotenv reads back alone as exactly `value`, simplest first. */
function envForms(value: string): string[] {
  const candidates = [value, `'${value}'`, `\`${value}\``, `"${value.replace(/\r?\n/g, '\\n')}"`];
  // Checked under a neutral key: how a value parses does not depend on its key.
  return candidates.filter((rhs) => {
    const back = parseDotenv(`V=${rhs}\n`);
    return back.V === value && Object.keys(back).length === 1;
  });
}

/**
 * The whole file, checked as a whole: a value that reads back alone can still swallow the
 * next line (a quote dotenv pairs across lines). A key that does not read back moves to
 * its next form, and is refused when it has none, until every written key reads back.
 */
export function toDotenv(vars: Record<string, string>): DotenvExport {
  const refused = new Set<string>();
  const options = new Map<string, string[]>();
  for (const key of Object.keys(vars).sort()) {
    const forms = DOTENV_KEY.test(key) ? envForms(vars[key] as string) : [];
    if (forms.length) options.set(key, forms);
    else refused.add(key);
  }
  for (;;) {
    const forms = new Map([...options].map(([k, list]) => [k, list[0] as string]));
    const text = [...forms].map(([k, rhs]) => `${k}=${rhs}\n`).join('');
    const wrong = [...forms.keys()].filter((k) => readBack(forms, k) !== vars[k]);
    if (!wrong.length) return { text, refused: [...refused].sort() };
    for (const k of wrong) {
      const rest = (options.get(k) ?? []).slice(1);
      if (rest.length) options.set(k, rest);
      else {
        options.delete(k);
        refused.add(k);
      }
    }
  }
}

/** What the file `forms` makes reads for `key` (own keys only: `__proto__` is one). */
function readBack(forms: Map<string, string>, key: string): string | undefined {
  const parsed = parseDotenv([...forms].map(([k, rhs]) => `${k}=${rhs}\n`).join(''));
  return Object.hasOwn(parsed, key) ? parsed[key] : undefined;
}
