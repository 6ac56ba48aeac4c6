// Redaction for everything that reaches a log or a message. Mask by default, allow by
// exception: config var values, request bodies, action inputs, query values, header
// values, login codes, JSON payloads inside free text and tokens inside URLs never leave
// this process in clear text. Only values that identify things (an app name, a range,
// an Accept header) are kept, and only where they are known to sit.

export const MASK = '«redacted»';

const SECRET_QUERY_PARAMS = /^(token|access_token|refresh_token|id_token|code|code_challenge|code_verifier|state|key|api_key|secret|signature|sig|password|auth|x-amz-signature|x-amz-security-token|x-amz-credential|awsaccesskeyid)$/i;
// S3 pre-signed URLs (v4, and v2's Signature/AWSAccessKeyId): masked in any text too, since
// a put_url may be cut, JSON-escaped (`\/`) or only its query, which no URL parser reads.
const S3_SECRET_PARAM = /\b(X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential|Signature|AWSAccessKeyId)(=|%3D)[^&\s"'<>\\]+/gi;
// S3's SignatureDoesNotMatch error body echoes the key id, the signature and the canonical request (with the token).
const S3_SECRET_ELEMENT = /<(AWSAccessKeyId|SignatureProvided|StringToSign(?:Bytes)?|CanonicalRequest(?:Bytes)?)>[^<]*/g;
// Headers whose values are safe to log; every other header's value is masked.
const PLAIN_HEADERS = /^(accept|accept-encoding|accept-language|content-type|content-length|range|next-range|user-agent|variant|if-none-match|etag|ratelimit-remaining|ratelimit-multiplier|request-id|x-request-id)$/i;
// Query parameters whose values are safe to log (paging and shaping only).
const PLAIN_QUERY_PARAMS = /^(limit|range|order|sort|max|page|per_page|cursor|since|until)$/i;
// `scheme://user:password@host` in any scheme (postgres://, redis://, amqp://, …).
const USERINFO_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*/g;
// Keys of action inputs that identify things rather than hold secrets: their values are logged.
const IDENTIFYING_INPUT_KEY = /^(app|apps|appid|appname|appidorname|app_id|app_name|app_id_or_name|id|name|limit|range|cursor|dyno|dynoidorname|dyno_id_or_name|release|releaseidorversion|release_id_or_version|pipeline|pipelineid|pipeline_id|type|process_type|formation_type|quantity|size|region|team|intent)$/i;

/**
 * Mask secrets in free text: every JSON object or array in it (string leaves masked),
 * `"key": "value"` pairs of broken JSON, secret query parameters of any URL, passwords
 * in connection strings, S3 signatures and credentials, and JWTs.
 */
export function redactText(text: string): string {
  return maskJsonFragments(text)
    .replace(JSON_STRING_PAIR, (_m, key: string) => `${key}:"${MASK}"`)
    .replace(/https?:\/\/[^\s"'<>]+/g, (u) => redactUrl(u))
    // A one-off dyno's rendezvous address: its path is the session's secret.
    .replace(/\b(rendezvous:\/\/[^\s/"'<>]+\/)[^\s"'<>]+/g, `$1${MASK}`)
    .replace(USERINFO_PASSWORD, `$1${MASK}@`)
    .replace(S3_SECRET_PARAM, `$1$2${MASK}`)
    .replace(S3_SECRET_ELEMENT, `<$1>${MASK}`)
    .replace(JWT, MASK);
}

// `"KEY": "value"` left over from truncated JSON (the value may be a secret).
const JSON_STRING_PAIR = /("(?:[^"\\\n]|\\.)*")\s*:\s*"(?:[^"\\\n]|\\.)*(?:"|$)/gm;

/** Every balanced `{…}` / `[…]` that parses as JSON is replaced by its masked form. */
function maskJsonFragments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.slice(i).search(/[{[]/);
    if (open < 0) break;
    const start = i + open;
    const end = matchingClose(text, start);
    const candidate = end > start ? text.slice(start, end + 1) : undefined;
    let masked: string | undefined;
    if (candidate) {
      try {
        masked = JSON.stringify(maskLeaves(JSON.parse(candidate), false, undefined, 0));
      } catch {
        masked = undefined;
      }
    }
    if (masked !== undefined && candidate) {
      out += text.slice(i, start) + masked;
      i = start + candidate.length;
    } else {
      out += text.slice(i, start + 1);
      i = start + 1;
    }
  }
  return out + text.slice(i);
}

/** Index of the bracket closing the one at `start` (strings respected), or -1. */
function matchingClose(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let j = start; j < text.length; j++) {
    const c = text[j];
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
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

/** `Name: value` header text with the value masked unless the header is known to be harmless. */
export function redactHeader(header: string): string {
  const i = header.indexOf(':');
  if (i < 0) return MASK;
  const name = header.slice(0, i).trim();
  return PLAIN_HEADERS.test(name) ? redactText(header) : `${name}: ${MASK}`;
}

/** `key=value` query text with the value masked unless it only shapes a list. */
export function redactQueryParam(param: string): string {
  const i = param.indexOf('=');
  if (i < 0) return MASK;
  const key = param.slice(0, i);
  return PLAIN_QUERY_PARAMS.test(key) ? redactText(param) : `${key}=${MASK}`;
}

/**
 * A JSON body with every string leaf masked (numbers, booleans, null and keys kept).
 * With `keepIdentifiers`, the values of identifying keys *at the top level* stay (an
 * action's `appIdOrName`); nested ones are data (`{"vars":{"NAME":…}}`) and are masked.
 */
export function redactJsonBody(text: string, keepIdentifiers = false): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return MASK;
  }
  return JSON.stringify(maskLeaves(value, keepIdentifiers, undefined, 0));
}

function maskLeaves(v: unknown, keepIds: boolean, key: string | undefined, depth: number): unknown {
  if (Array.isArray(v)) return v.map((x) => maskLeaves(x, keepIds, key, depth));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskLeaves(x, keepIds, k, depth + 1)]));
  }
  if (typeof v === 'string') return keepIds && depth === 1 && key && IDENTIFYING_INPUT_KEY.test(key) ? v.replace(JWT, MASK) : MASK;
  return v;
}

/** `act --api` JSON: method and path kept, headers and query by their rules, the body masked. */
function redactApiSpec(text: string): string {
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch {
    return MASK;
  }
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return MASK;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec as Record<string, unknown>)) {
    if ((k === 'method' || k === 'path') && typeof v === 'string') out[k] = redactText(v);
    else if (k === 'headers' && v && typeof v === 'object') out[k] = Object.fromEntries(Object.entries(v).map(([h, x]) => [h, redactHeader(`${h}: ${String(x)}`).slice(h.length + 2)]));
    else if (k === 'query' && v && typeof v === 'object') out[k] = Object.fromEntries(Object.entries(v).map(([q, x]) => [q, redactQueryParam(`${q}=${String(x)}`).slice(q.length + 1)]));
    else out[k] = maskLeaves(v, false, k, 1);
  }
  return JSON.stringify(out);
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
    const eq = a.match(/^(--input|--data|-d|--header|-H|--api|--query|--pathParam)=(.*)$/s);
    const flag = eq ? eq[1] : a;
    const hasNext = !eq && i + 1 < args.length;
    const value = eq ? eq[2] : hasNext ? (args[i + 1] as string) : undefined;
    let masked: string | undefined;
    if (value !== undefined) {
      if (flag === '--input') masked = redactJsonBody(value, !touchesConfig);
      else if (flag === '--data' || flag === '-d') masked = redactJsonBody(value, false);
      else if (flag === '--api') masked = redactApiSpec(value);
      else if (flag === '--header' || flag === '-H') masked = redactHeader(value);
      else if (flag === '--query') masked = redactQueryParam(value);
      else if (flag === '--pathParam') masked = redactText(value);
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
