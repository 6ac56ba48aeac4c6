// The app's own config values, masked wherever Heroku's text repeats them: a dyno that
// prints its environment, a build that echoes a key, a URL with a token in its query.
// Pattern redaction cannot know an app's secrets; this does, from the (cached) config
// read. The values reach the model only through the tool that asks the user first.
import type { HerokuClient } from '../../heroku/client';
import type { App } from '../../heroku/schemas';
import { plainText } from './dataBlock';

/** Values shorter than this are not masked where they stand alone ("1", "true", "prod"). */
export const MIN_MASKED_VALUE = 6;

/** Replaces a secret in one line of text. */
export type LineMask = (line: string) => string;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The mask that names the key whose value stood there. */
export const maskOf = (key: string) => `«${key} redacted»`;

/**
 * Masks every form of the values (as is, URL-encoded, JSON-escaped, each also as `plainText`
 * leaves it) and `KEY=value` / `KEY: value` for every key. A value that is one of `known` (the
 * app's name, its web URL: what every answer names anyway) is masked only after its key.
 */
export function configMask(varsOfApps: ReadonlyArray<Readonly<Record<string, string>>>, known: readonly string[] = [], normalise: (s: string) => string = plainText): LineMask {
  const forms: Array<{ text: string; key: string }> = [];
  for (const [key, value] of varsOfApps.flatMap((vars) => Object.entries(vars))) {
    if (typeof value !== 'string' || value.length < MIN_MASKED_VALUE || known.includes(value)) continue;
    const all = new Set([value, encodeURIComponent(value), encodeURI(value), JSON.stringify(value).slice(1, -1)]);
    for (const form of [...all]) all.add(normalise(form));
    for (const text of all) if (text.length >= MIN_MASKED_VALUE) forms.push({ text, key });
  }
  // Longest first: a value inside another value is not left half masked.
  forms.sort((a, b) => b.text.length - a.text.length);
  // A value already masked (`‹masked · same on both›` of the compare, `«…»` of ours) is left as it is.
  const keys = [...new Set(varsOfApps.flatMap((vars) => Object.keys(vars)))].filter(Boolean).sort((a, b) => b.length - a.length);
  const assigned = keys.length ? new RegExp(`(?<![A-Za-z0-9_])(${keys.map(escapeRegExp).join('|')})(["']?\\s*[=:]\\s*)(?![‹«])("[^"]*"?|'[^']*'?|[^\\s,;&]+)`, 'g') : undefined;
  return (line) => {
    let out = line;
    for (const f of forms) if (out.includes(f.text)) out = out.split(f.text).join(maskOf(f.key));
    return assigned ? out.replace(assigned, (_m, key: string, sep: string) => `${key}${sep}${maskOf(key)}`) : out;
  };
}

/** The mask of the apps' config values (read through the client's cache). */
export async function configMaskFor(heroku: HerokuClient, apps: readonly App[], signal?: AbortSignal): Promise<LineMask> {
  const known = apps.flatMap((a) => [a.name, ...(a.web_url ? [a.web_url, a.web_url.replace(/\/$/, ''), hostOf(a.web_url)] : [])]);
  return configMask(await Promise.all(apps.map((a) => heroku.getConfigVars(a.name, { signal }))), known);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
