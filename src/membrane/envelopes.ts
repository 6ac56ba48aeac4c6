// Defensive reading of the Membrane CLI's successful output. Its real `--json` envelopes
// are not documented (docs/ARCHITECTURE.md, "What is not known about the CLI"), so each
// function here accepts every plausible variant and names the field when none fits.
// How a failure becomes a typed error is failures.ts.

import type { ZodMiniType } from 'zod/mini';
import { UnexpectedOutputError } from './errors';
import * as l10n from '@vscode/l10n';

export type JsonRead = { ok: true; value: unknown } | { ok: false };

/**
 * JSON from CLI text that may carry noise lines around it (deprecation warnings,
 * npx chatter): the whole text first, then from the first line opening an object or
 * array to the last line closing one, then from the first `{`/`[` to the last `}`/`]`.
 */
export function extractJson(text: string): JsonRead {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false };
  const attempt = (s: string): JsonRead => {
    try {
      return { ok: true, value: JSON.parse(s) };
    } catch {
      return { ok: false };
    }
  };
  const whole = attempt(trimmed);
  if (whole.ok) return whole;
  const lines = trimmed.split(/\r?\n/);
  const first = lines.findIndex((l) => /^\s*[[{]/.test(l));
  const last = findLastIndex(lines, (l) => /[\]}]\s*$/.test(l));
  if (first >= 0 && last >= first) {
    const block = attempt(lines.slice(first, last + 1).join('\n'));
    if (block.ok) return block;
  }
  const start = trimmed.search(/[[{]/);
  const end = Math.max(trimmed.lastIndexOf('}'), trimmed.lastIndexOf(']'));
  if (start >= 0 && end > start) return attempt(trimmed.slice(start, end + 1));
  return { ok: false };
}

export function findLastIndex<T>(items: T[], pred: (t: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (pred(items[i] as T)) return i;
  return -1;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON from stdout, or an UnexpectedOutputError naming the command. */
export function requireJson(command: string, stdout: string): unknown {
  const read = extractJson(stdout);
  if (!read.ok) {
    throw new UnexpectedOutputError(command, '(stdout)', describeUnreadable(stdout));
  }
  return read.value;
}

/** What unreadable output was, without quoting any of it (it can be the start of a secret). */
export function describeUnreadable(stdout: string): string {
  return stdout.trim() ? l10n.t(`not JSON, {0} bytes`, Buffer.byteLength(stdout)) : l10n.t('empty output');
}

/** `{items: [...]}` or a bare array. */
export function unwrapList(command: string, value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isRecord(value) && Array.isArray(value.items)) return value.items;
  if (isRecord(value) && Array.isArray(value.data)) return value.data;
  throw new UnexpectedOutputError(command, 'items', l10n.t(`expected an array or an object with "items", got {0}`, describe(value)));
}

export interface ActionRunOutput {
  output: unknown;
  actionRunId?: string;
}

/** `{output, actionRunId}` or the bare result. */
export function unwrapActionOutput(value: unknown): ActionRunOutput {
  if (isRecord(value) && 'output' in value) {
    const runId = typeof value.actionRunId === 'string' ? value.actionRunId : undefined;
    return { output: value.output, actionRunId: runId };
  }
  return { output: value };
}

export interface ProxyResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** False when the CLI printed only the body: status and headers are then unknown. */
  enveloped: boolean;
}

/** `{status, headers, body|data}` or the bare body (status then assumed 200). */
export function unwrapProxyResponse(value: unknown): ProxyResponse {
  if (isRecord(value) && typeof value.status === 'number' && ('body' in value || 'data' in value)) {
    const headers: Record<string, string> = {};
    if (isRecord(value.headers)) {
      for (const [k, v] of Object.entries(value.headers)) {
        if (v !== undefined && v !== null) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
      }
    }
    return { status: value.status, headers, body: 'body' in value ? value.body : value.data, enveloped: true };
  }
  return { status: 200, headers: {}, body: value, enveloped: false };
}

/** Validate one item against a loose schema; the error names the command and the failing path. */
export function parseWith<T>(command: string, schema: ZodMiniType<T>, value: unknown, at = ''): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = [at, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.') || '(root)';
  // zod/mini ships no message locale: describe the issue ourselves.
  const detail = !issue ? l10n.t('invalid') : issue.code === 'invalid_type' ? l10n.t('expected {0}, got {1}', issue.expected, describe(issue.input)) : issue.message || issue.code;
  throw new UnexpectedOutputError(command, path, detail);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return l10n.t('an array');
  if (isRecord(v)) return l10n.t(`an object with keys {0}`, Object.keys(v).slice(0, 6).join(', ') || l10n.t('(none)'));
  return typeof v;
}
