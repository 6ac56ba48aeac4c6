import * as l10n from '@vscode/l10n';
// How a Proxy Request's response is shown: status and headers as comments, then the
// body pretty-printed (JSON with comments). Plain Node: unit-tested without VS Code.

export function queryString(query: Record<string, string>): string {
  const s = new URLSearchParams(query).toString();
  return s ? `?${s}` : '';
}

/** Heroku's error body (`{id, message}`), when the body is one. */
export function errorOf(body: unknown): { id: string; message: string } | undefined {
  const b = body as { id?: unknown; message?: unknown } | null;
  return b && typeof b === 'object' && typeof b.id === 'string' && typeof b.message === 'string' ? { id: b.id, message: b.message } : undefined;
}

export function responseText(method: string, path: string, res: { status: number; headers: Record<string, string>; body: unknown; enveloped: boolean }): string {
  const err = res.status >= 400 ? errorOf(res.body) : undefined;
  const lines = [`// ${method} ${path}`, (res.enveloped ? l10n.t('// HTTP {0}', res.status) : l10n.t('// HTTP {0} (assumed: the CLI printed only the body)', res.status)) + (err ? ` ${err.id}: ${err.message}` : '')];
  for (const [name, value] of Object.entries(res.headers).sort()) lines.push(`// ${name}: ${value}`);
  const body = typeof res.body === 'string' ? JSON.stringify(res.body) : JSON.stringify(res.body ?? null, null, 2);
  return `${lines.join('\n')}\n${body}\n`;
}
