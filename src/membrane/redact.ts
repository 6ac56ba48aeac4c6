// Redaction for everything that reaches a log. Config var values, request bodies,
// action inputs, login codes, authorization-like headers and tokens inside URLs never
// leave this process in clear text (DESIGN.md: "Never log secrets").

export const MASK = '«redacted»';

const SECRET_QUERY_PARAMS = /^(token|access_token|refresh_token|id_token|code|code_challenge|code_verifier|state|key|api_key|secret|signature|sig|password|auth)$/i;
const SECRET_HEADERS = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-auth-token|heroku-two-factor-code|x-heroku-.*token.*)$/i;
// `scheme://user:password@host` in any scheme (postgres://, redis://, amqp://, …).
const USERINFO_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*/g;
// Keys of action inputs that identify things rather than hold secrets: their values are logged.
const IDENTIFYING_INPUT_KEY = /^(app|apps|appid|appname|appidorname|app_id|app_name|app_id_or_name|id|name|limit|range|cursor|dyno|dynoidorname|dyno_id_or_name|release|releaseidorversion|release_id_or_version|pipeline|pipelineid|pipeline_id|type|process_type|formation_type|quantity|size|region|team|intent)$/i;

/** Mask tokens in free text: JWTs and secret query parameters of any URL in it. */
export function redactText(text: string): string {
  return text
    .replace(/https?:\/\/[^\s"'<>]+/g, (u) => redactUrl(u))
    .replace(USERINFO_PASSWORD, `$1${MASK}@`)
    .replace(JWT, MASK);
}

/** Mask the values of secret-looking query parameters and any user:password part. */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.replace(JWT, MASK);
  }
  if (u.password) u.password = 'redacted';
  for (const k of [...u.searchParams.keys()]) if (SECRET_QUERY_PARAMS.test(k)) u.searchParams.set(k, 'redacted');
  return u.toString().replace(/redacted/g, MASK).replace(JWT, MASK);
}

/** `Name: value` header text with the value masked when the header carries credentials. */
export function redactHeader(header: string): string {
  const i = header.indexOf(':');
  if (i < 0) return header;
  const name = header.slice(0, i).trim();
  return SECRET_HEADERS.test(name) ? `${name}: ${MASK}` : redactText(header);
}

/** Every value of a config-var map masked; keys kept (they are what diagnostics need). */
export function redactConfigVars(vars: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.keys(vars).map((k) => [k, MASK]));
}

/** A JSON body with every string leaf masked (numbers, booleans, null and keys kept). */
export function redactJsonBody(text: string, keepIdentifiers = false): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return MASK;
  }
  return JSON.stringify(maskLeaves(value, keepIdentifiers, undefined));
}

function maskLeaves(v: unknown, keepIds: boolean, key: string | undefined): unknown {
  if (Array.isArray(v)) return v.map((x) => maskLeaves(x, keepIds, key));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskLeaves(x, keepIds, k)]));
  }
  if (typeof v === 'string') return keepIds && key && IDENTIFYING_INPUT_KEY.test(key) ? redactText(v) : MASK;
  return v;
}

/**
 * A CLI argument vector safe to log: the code of `login complete`, `--input`
 * (identifying keys kept unless the action touches config), `-d/--data` bodies,
 * credential headers, and tokens in any argument.
 */
export function redactArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  const isLoginComplete = args[0] === 'login' && args[1] === 'complete';
  const touchesConfig = args.some((a) => /config/i.test(a));
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (isLoginComplete && i === 2) {
      out.push(MASK);
      continue;
    }
    const eq = a.match(/^(--input|--data|-d|--header|-H|--api)=(.*)$/s);
    const flag = eq ? eq[1] : a;
    const hasNext = !eq && i + 1 < args.length;
    const value = eq ? eq[2] : hasNext ? (args[i + 1] as string) : undefined;
    let masked: string | undefined;
    if (value !== undefined) {
      if (flag === '--input') masked = redactJsonBody(value, !touchesConfig);
      else if (flag === '--data' || flag === '-d') masked = redactJsonBody(value, false);
      else if (flag === '--api') masked = redactJsonBody(value, !touchesConfig);
      else if (flag === '--header' || flag === '-H') masked = redactHeader(value);
    }
    if (masked === undefined) {
      out.push(redactText(a));
    } else if (eq) {
      out.push(`${flag}=${masked}`);
    } else {
      out.push(a, masked);
      i++;
    }
  }
  return out;
}
