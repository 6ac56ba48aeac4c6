// Pure helpers of the palette commands: how an action's JSON-schema input becomes
// prompts (and a JSON skeleton), how prompt answers become values, how path templates
// are filled, and how typed query and header lines are read. No `vscode`.
import type { JsonSchema } from '../../membrane/schemas';
import { setOwn } from '../../shared/core/ownProperty';
import { clip, displayable } from '../../shared/core/text';
import * as l10n from '@vscode/l10n';

export type PromptKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'json';

export interface PromptField {
  name: string;
  kind: PromptKind;
  required: boolean;
  description?: string;
  default?: unknown;
  options?: unknown[];
  /** For `json`: the JSON type expected (array or object). */
  jsonType?: 'array' | 'object' | 'any';
}

function typeOf(s: JsonSchema): string | undefined {
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (t) return t;
  if (s.properties) return 'object';
  if (s.items) return 'array';
  return undefined;
}

/** One prompt per property, required ones first; undefined when the schema does not fit prompts. */
export function promptPlan(schema: JsonSchema | undefined): PromptField[] | undefined {
  if (!schema) return [];
  if (typeOf(schema) !== 'object' && !schema.properties) return undefined;
  const required = new Set(schema.required ?? []);
  const fields: PromptField[] = [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const base = { name, required: required.has(name), description: prop.description ?? prop.title, default: prop.default };
    const t = typeOf(prop);
    if (prop.enum?.length) fields.push({ ...base, kind: 'enum', options: prop.enum });
    else if (t === 'string' || t === 'number' || t === 'integer' || t === 'boolean') fields.push({ ...base, kind: t });
    else fields.push({ ...base, kind: 'json', jsonType: t === 'array' || t === 'object' ? t : 'any' });
  }
  return fields.sort((a, b) => Number(b.required) - Number(a.required));
}

/** The value typed for a field, or the reason it is not acceptable. */
export function readAnswer(field: PromptField, text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  const t = text.trim();
  switch (field.kind) {
    case 'string':
      return { ok: true, value: text };
    case 'number':
    case 'integer': {
      const n = Number(t);
      if (!t || !Number.isFinite(n)) return { ok: false, problem: l10n.t('Enter a number.') };
      if (field.kind === 'integer' && !Number.isInteger(n)) return { ok: false, problem: l10n.t('Enter a whole number.') };
      return { ok: true, value: n };
    }
    case 'boolean':
      return t === 'true' || t === 'false' ? { ok: true, value: t === 'true' } : { ok: false, problem: l10n.t('true or false') };
    case 'enum': {
      const hit = field.options?.find((o) => String(o) === t);
      return hit !== undefined ? { ok: true, value: hit } : { ok: false, problem: l10n.t(`One of: {0}`, field.options?.map(String).join(', ') ?? '') };
    }
    case 'json': {
      let v: unknown;
      try {
        v = JSON.parse(t);
      } catch (e) {
        return { ok: false, problem: l10n.t(`Not valid JSON: {0}`, (e as Error).message) };
      }
      if (field.jsonType === 'array' && !Array.isArray(v)) return { ok: false, problem: l10n.t('Enter a JSON array.') };
      if (field.jsonType === 'object' && (typeof v !== 'object' || v === null || Array.isArray(v))) return { ok: false, problem: l10n.t('Enter a JSON object.') };
      return { ok: true, value: v };
    }
  }
}

/** A JSON skeleton of a schema: defaults, first enum values, empty values of each type. */
export function skeletonOf(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  switch (typeOf(schema)) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, skeletonOf(v, depth + 1)]));
    case 'array':
      return schema.items ? [skeletonOf(schema.items, depth + 1)] : [];
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/**
 * Why a Platform API path cannot be sent, or undefined: a path on api.heroku.com only (no
 * scheme or host: Membrane would attach the Heroku credential to any host), without spaces,
 * dot segments or an encoded `/` that would lead elsewhere than it reads.
 */
export function apiPathProblem(path: string): string | undefined {
  if (!path.startsWith('/') || path.startsWith('//')) return l10n.t('A path on api.heroku.com starts with one /, e.g. /account.');
  if (/\s/.test(path)) return l10n.t('A path has no spaces.');
  if (/(^|\/)\.\.?(\/|$)|%2e|%2f|\\/i.test(path)) return l10n.t('A path has no . or .. segments, encoded dots or slashes, or backslashes.');
  return undefined;
}

/** The `{name}` placeholders of a path template, in order. */
export function pathParams(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
}

/** A template with every placeholder replaced by its URL-encoded value. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined || v === '') throw new Error(l10n.t('No value for {0}.', `{${name}}`));
    return encodeURIComponent(v);
  });
}

/** `a=1&b=two` (or one per line) into a map; the reason when a part is not `k=v`. */
export function parseQuery(text: string): { ok: true; query: Record<string, string> } | { ok: false; problem: string } {
  const query: Record<string, string> = {};
  for (const part of text.split(/[&\n]/).map((p) => p.trim()).filter(Boolean)) {
    const i = part.indexOf('=');
    if (i <= 0) return { ok: false, problem: l10n.t(`"{0}" is not name=value.`, part) };
    setOwn(query, decodeLenient(part.slice(0, i)), decodeLenient(part.slice(i + 1)));
  }
  return { ok: true, query };
}

/** Percent-decoding where it is valid; a bare `%` (as in `50%`) stays as typed. */
function decodeLenient(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * `Name: value; Other: value` (or one per line) into a map. A `;` separates headers only
 * when a `Name:` follows it: values have their own semicolons (`Range: version ..; max=10`).
 */
export function parseHeaders(text: string): { ok: true; headers: Record<string, string> } | { ok: false; problem: string } {
  const headers: Record<string, string> = {};
  for (const part of text.split(/\n|;(?=\s*[A-Za-z0-9-]+\s*:)/).map((p) => p.trim()).filter(Boolean)) {
    const i = part.indexOf(':');
    if (i <= 0 || !/^[A-Za-z0-9-]+$/.test(part.slice(0, i).trim())) return { ok: false, problem: l10n.t(`"{0}" is not Name: value.`, part) };
    setOwn(headers, part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return { ok: true, headers };
}

/** An input value as one short line for Run Action's question. */
export function summaryOf(value: unknown): string {
  const text = displayable(typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)));
  return text.length > 80 ? `${clip(text, 77)}…` : text;
}
