// Reading a .env file as dotenv (17.x) reads it, but into a null-prototype object: dotenv's
// own `parse` assigns into `{}`, where a key named `__proto__` (valid on Heroku, and
// written by our export) sets the prototype instead of a value and is lost. The line
// pattern and the value rules below are dotenv's; test/unit/dotenvFormat.test.ts checks
// that both read generated files alike.

// dotenv's LINE: optional `export`, a key, `=` (or `: `), a quoted or bare value, a comment.
const LINE = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;

/** Every key and value of the file, a later line winning; nothing inherited (null prototype). */
export function parseDotenv(text: string): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  const lines = text.replace(/\r\n?/gm, '\n');
  for (const match of lines.matchAll(LINE)) {
    let value = (match[2] ?? '').trim();
    const quote = value[0];
    value = value.replace(/^(['"`])([\s\S]*)\1$/gm, '$2');
    if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    out[match[1] as string] = value;
  }
  return out;
}
