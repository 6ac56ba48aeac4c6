// "Heroku: Run Action…" and "Heroku: Proxy Request…": all of Membrane's actions and the
// whole Platform API from the palette. Inputs come from the action's inputSchema or the
// endpoint's request schema; results open as read-only documents. (Loaded on first use:
// the endpoint catalogue stays out of the activation bundle.)
import * as vscode from 'vscode';
import { roleOf } from '../heroku/actions';
import type { HerokuClient } from '../heroku/client';
import type { MembraneApi } from '../membrane/api';
import type { MembraneClient } from '../membrane/client';
import { CommandFailedError } from '../membrane/errors';
import type { Action } from '../membrane/schemas';
import type { JsonDocuments } from '../ui/jsonDocument';
import type { Prompts } from '../ui/prompts';
import endpointsJson from './endpoints.json';
import { fillPath, parseHeaders, parseQuery, pathParams, promptPlan, readAnswer, skeletonOf, type PromptField } from './inputs';

export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  title: string;
  description: string;
  resource: string;
  body?: unknown;
}
export const ENDPOINTS = endpointsJson as Endpoint[];

export interface PaletteDeps {
  connection(): Promise<{ api: MembraneApi; client: MembraneClient; connectionId: string; heroku: HerokuClient }>;
  prompts: Prompts;
  json: JsonDocuments;
  memory: vscode.Memento;
  pickApp(title: string): Promise<string | undefined>;
  /** The user's choice to run read-only actions (`list-*`, `get-*`) without the question. */
  readOnlyRunsSkipQuestion(): boolean;
  setReadOnlyRunsSkipQuestion(skip: boolean): Promise<void>;
}

/** Actions whose key says they only read: the only ones a user may run without the question. */
const READ_ONLY_ACTION = /^(list|get)-/;
const STOP_ASKING = 'Run, and Stop Asking for Read-Only Actions';

interface ActionItem extends vscode.QuickPickItem {
  value: Action;
}

const RECENT_ACTIONS = 'heroku.recentActions';
const HISTORY = 'heroku.requestHistory';

export class Palette {
  constructor(private readonly d: PaletteDeps) {}

  // ---- Run Action ---------------------------------------------------------------------

  async runAction(app?: string): Promise<void> {
    const c = await this.d.connection();
    const recent = this.d.memory.get<Action[]>(RECENT_ACTIONS, []);
    const toItem = (a: Action, isRecent = false): ActionItem => ({
      label: `${isRecent ? '$(history) ' : ''}${a.name || a.key || a.id}`,
      description: a.key ?? a.id,
      detail: a.description,
      value: a,
    });
    const picked = await this.d.prompts.searchQuickPick<ActionItem>({
      title: 'Heroku: Run Action',
      placeholder: 'Describe what you want to do (e.g. "list releases"): Membrane searches its actions',
      initial: recent.map((a) => toItem(a, true)),
      search: async (q, signal) => {
        const found = await c.client.listActions({ connectionId: c.connectionId, intent: q, limit: 20 }, { signal });
        const recentIds = new Set(recent.map((a) => a.id));
        return [...found.filter((a) => recentIds.has(a.id)), ...found.filter((a) => !recentIds.has(a.id))].map((a) => toItem(a, recentIds.has(a.id)));
      },
    });
    if (!picked) return;
    const action = picked.value;
    const input = await this.actionInput(action, app);
    if (input === undefined) return;
    if (!(await this.confirmRun(action, input))) return;
    await this.d.memory.update(RECENT_ACTIONS, [action, ...recent.filter((a) => a.id !== action.id)].slice(0, 8));
    const out = await this.d.prompts.withProgress({ location: vscode.ProgressLocation.Notification, title: `Running ${action.name || action.key}…`, cancellable: true }, (_p, token) =>
      withSignal(token, (signal) => c.api.runAction(c.connectionId, action.id, input, { signal })),
    );
    await this.d.json.show(`${action.name || action.key} — run ${out.actionRunId ?? new Date().toISOString()}.json`, out.output ?? null);
  }

  /**
   * What will run with which input, asked before it runs: an action picked from an app's
   * menu whose only input is that app would otherwise run on the pick. Mutating actions
   * always ask; read-only ones skip the question once the user said so.
   */
  private async confirmRun(action: Action, input: Record<string, unknown>): Promise<boolean> {
    const key = action.key ?? action.id;
    const readOnly = READ_ONLY_ACTION.test(key);
    if (readOnly && this.d.readOnlyRunsSkipQuestion()) return true;
    const lines = Object.entries(input).map(([k, v]) => `${printable(k)}: ${summary(v)}`);
    const detail = [
      lines.length ? `Input:\n${lines.join('\n')}` : 'No input.',
      readOnly ? 'Read-only: its key starts with list- or get-.' : 'This action can change your Heroku account.',
    ].join('\n\n');
    const buttons = readOnly ? ['Run', STOP_ASKING] : ['Run'];
    const pick = await this.d.prompts.confirm(`Run "${printable(action.name || key)}" (${printable(key)})?`, { detail }, ...buttons);
    if (pick === STOP_ASKING) await this.d.setReadOnlyRunsSkipQuestion(true);
    return pick === 'Run' || pick === STOP_ASKING;
  }

  /** The input for an action: prompts per property (the app pre-filled), or JSON. */
  private async actionInput(action: Action, app?: string): Promise<Record<string, unknown> | undefined> {
    const plan = promptPlan(action.inputSchema);
    const input: Record<string, unknown> = {};
    const prefilled = new Set<string>();
    for (const f of plan ?? []) {
      if (app && roleOf(f.name) === 'app' && (f.kind === 'string' || f.kind === 'enum')) {
        input[f.name] = app;
        prefilled.add(f.name);
      }
    }
    const remaining = (plan ?? []).filter((f) => !prefilled.has(f.name));
    if (plan && !remaining.length) return input;
    let mode: 'prompts' | 'json' = plan ? 'prompts' : 'json';
    if (plan) {
      const pick = await this.d.prompts.showQuickPick(
        [
          { label: '$(list-flat) One prompt per field', description: `${remaining.length} field${remaining.length === 1 ? '' : 's'}, required first`, mode: 'prompts' as const },
          { label: '$(json) Edit the input as JSON', description: 'prefilled from the schema', mode: 'json' as const },
        ],
        { title: `Input for ${action.name || action.key}` },
      );
      if (!pick) return undefined;
      mode = pick.mode;
    }
    if (mode === 'json') return this.jsonInput(action, input);
    for (const field of remaining) {
      const answer = await this.askField(field);
      if (answer === CANCEL) return undefined;
      if (answer !== SKIP) input[field.name] = answer;
    }
    return input;
  }

  private async jsonInput(action: Action, prefilled: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const skeleton = { ...(skeletonOf(action.inputSchema) as Record<string, unknown> | null), ...prefilled };
    for (;;) {
      const text = await this.d.prompts.editJson(`Input of ${action.name || action.key}`, skeleton, 'Run');
      if (text === undefined) return undefined;
      try {
        const v = JSON.parse(text);
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v;
        void this.d.prompts.showErrorMessage('The input must be a JSON object.');
      } catch (e) {
        void this.d.prompts.showErrorMessage(`The input is not valid JSON: ${(e as Error).message}`);
      }
    }
  }

  private async askField(f: PromptField): Promise<unknown> {
    const title = `${f.name}${f.required ? '' : ' (optional)'}`;
    if (f.kind === 'boolean' || f.kind === 'enum') {
      const options = f.kind === 'boolean' ? [true, false] : (f.options ?? []);
      const items = [...options.map((o) => ({ label: String(o), value: o as unknown, description: o === f.default ? 'default' : undefined })), ...(f.required ? [] : [{ label: '$(debug-step-over) Skip', value: SKIP as unknown }])];
      const pick = await this.d.prompts.showQuickPick(items, { title, placeHolder: f.description });
      return pick ? pick.value : CANCEL;
    }
    const text = await this.d.prompts.showInputBox({
      title,
      prompt: [f.description, f.kind === 'json' ? `JSON ${f.jsonType === 'any' ? 'value' : f.jsonType}` : f.kind, f.required ? '' : 'leave empty to skip'].filter(Boolean).join(' · '),
      value: f.default !== undefined ? (typeof f.default === 'string' ? f.default : JSON.stringify(f.default)) : undefined,
      ignoreFocusOut: true,
      validateInput: (v) => (!v.trim() && !f.required ? undefined : (() => {
        const r = readAnswer(f, v);
        return r.ok ? undefined : r.problem;
      })()),
    });
    if (text === undefined) return CANCEL;
    if (!text.trim() && !f.required) return SKIP;
    const r = readAnswer(f, text);
    return r.ok ? r.value : CANCEL;
  }

  // ---- Proxy Request ----------------------------------------------------------------

  async proxyRequest(app?: string): Promise<void> {
    const c = await this.d.connection();
    const history = this.d.memory.get<Array<{ method: Endpoint['method']; path: string; query: Record<string, string> }>>(HISTORY, []);
    type Item = vscode.QuickPickItem & { endpoint?: Endpoint; history?: (typeof history)[number]; custom?: true };
    const items: Item[] = [
      ...history.map((h) => ({ label: `$(history) ${h.method} ${h.path}${queryString(h.query)}`, description: 'recent', history: h })),
      { label: '$(edit) Type any method and path…', description: 'e.g. GET /apps/my-app/releases', custom: true },
      ...ENDPOINTS.map((e) => ({ label: `${e.method} ${e.path}`, description: e.title, detail: e.description.slice(0, 200), endpoint: e })),
    ];
    const pick = await this.d.prompts.showQuickPick(items, { title: 'Heroku: Proxy Request', placeHolder: 'Any Heroku Platform API endpoint', matchOnDescription: true, matchOnDetail: true });
    if (!pick) return;
    let method: Endpoint['method'];
    let path: string;
    let query: Record<string, string> = {};
    let body: unknown;
    if (pick.history) {
      ({ method, path, query } = pick.history);
    } else {
      let template: string;
      if (pick.custom) {
        const typed = await this.d.prompts.showInputBox({
          title: 'Method and path',
          prompt: 'e.g. GET /apps/my-app/dynos — path on api.heroku.com',
          validateInput: (v) => (/^(GET|POST|PATCH|PUT|DELETE)\s+\/\S*$/i.test(v.trim()) ? undefined : 'METHOD /path, e.g. GET /account'),
        });
        if (!typed) return;
        const [m, p] = typed.trim().split(/\s+/) as [string, string];
        method = m.toUpperCase() as Endpoint['method'];
        template = p;
      } else {
        method = pick.endpoint!.method;
        template = pick.endpoint!.path;
      }
      const values: Record<string, string> = {};
      for (const name of pathParams(template)) {
        const v = await this.paramValue(name, values, app, c.heroku);
        if (v === undefined) return;
        values[name] = v;
      }
      path = fillPath(template, values);
      const q = await this.d.prompts.showInputBox({ title: 'Query parameters (optional)', prompt: 'name=value&other=value — leave empty for none', validateInput: (v) => (parseQueryOk(v) ? undefined : 'name=value pairs separated by &') });
      if (q === undefined) return;
      query = (parseQuery(q) as { query: Record<string, string> }).query ?? {};
      if (['POST', 'PATCH', 'PUT'].includes(method)) {
        const text = await this.d.prompts.editJson(`${method} ${path} body`, pick.endpoint?.body ?? {}, 'Send');
        if (text === undefined) return;
        try {
          body = JSON.parse(text);
        } catch (e) {
          throw new CommandFailedError('request', undefined, `the body is not valid JSON: ${(e as Error).message}`);
        }
      }
    }
    const h = await this.d.prompts.showInputBox({ title: 'Extra headers (optional)', prompt: 'Name: value; Other: value — e.g. Range: version ..; max=10, order=desc', validateInput: (v) => (parseHeaders(v).ok ? undefined : 'Name: value pairs separated by ;') });
    if (h === undefined) return;
    const headers = (parseHeaders(h) as { headers: Record<string, string> }).headers;
    if (method !== 'GET') {
      const ok = await this.d.prompts.confirm(`${method} ${path}${queryString(query)}?`, { detail: 'This request can change your Heroku account. It is sent as you; Heroku applies it at once.' }, 'Send');
      if (ok !== 'Send') return;
    }
    await this.d.memory.update(HISTORY, [{ method, path, query }, ...history.filter((x) => `${x.method} ${x.path}${queryString(x.query)}` !== `${method} ${path}${queryString(query)}`)].slice(0, 20));
    const res = await this.d.prompts.withProgress({ location: vscode.ProgressLocation.Notification, title: `${method} ${path}…`, cancellable: true }, (_p, token) =>
      withSignal(token, (signal) => c.api.request(c.connectionId, { method, path, query, headers: { Accept: 'application/vnd.heroku+json; version=3', ...headers }, body }, { signal, allowErrorStatus: true })),
    );
    await this.d.json.show(`${method} ${path} — ${res.status}.jsonc`, null, { text: responseText(method, path, res), language: 'jsonc' });
    const err = errorOf(res.body);
    if (res.status >= 400) void this.d.prompts.showErrorMessage(`${method} ${path}: HTTP ${res.status}${err ? ` ${err.id}: ${err.message}` : ''}`);
  }

  private async paramValue(name: string, values: Record<string, string>, app: string | undefined, heroku: HerokuClient): Promise<string | undefined> {
    const pickFrom = async (title: string, list: Array<{ label: string; description?: string }>) =>
      (await this.d.prompts.showQuickPick([...list, { label: '$(edit) Type a value…', description: '' }], { title, matchOnDescription: true }))?.label;
    const typed = (title: string) => this.d.prompts.showInputBox({ title, prompt: `Value for {${name}} (it is URL-encoded)`, validateInput: (v) => (v.trim() ? undefined : 'Required') });
    const appName = values.app ?? app;
    let chosen: string | undefined;
    if (name === 'app') chosen = app ?? (await this.d.pickApp('Proxy Request: {app}'));
    else if (name === 'dyno' && appName) chosen = await pickFrom(`{dyno} of ${appName}`, (await heroku.listDynos(appName)).map((d) => ({ label: d.name, description: d.state })));
    else if (name === 'release' && appName) chosen = await pickFrom(`{release} of ${appName}`, (await heroku.latestReleases(appName, 50)).map((r) => ({ label: String(r.version), description: r.description })));
    else if (name === 'add_on' && appName) chosen = await pickFrom(`{add_on} of ${appName}`, (await heroku.listAddons(appName)).map((a) => ({ label: a.name, description: a.plan?.name ?? undefined })));
    else if (name === 'pipeline') chosen = await pickFrom('{pipeline}', (await heroku.listPipelines()).map((p) => ({ label: p.name })));
    else return typed(`{${name}}`);
    if (chosen === '$(edit) Type a value…') return typed(`{${name}}`);
    return chosen;
  }
}

const CANCEL = Symbol('cancel');
const SKIP = Symbol('skip');

function parseQueryOk(v: string): boolean {
  return parseQuery(v).ok;
}

function queryString(q: Record<string, string>): string {
  const s = new URLSearchParams(q).toString();
  return s ? `?${s}` : '';
}

function errorOf(body: unknown): { id: string; message: string } | undefined {
  const b = body as { id?: unknown; message?: unknown } | null;
  return b && typeof b === 'object' && typeof b.id === 'string' && typeof b.message === 'string' ? { id: b.id, message: b.message } : undefined;
}

/** Status line and headers as comments, then the body pretty-printed (JSON with comments). */
export function responseText(method: string, path: string, res: { status: number; headers: Record<string, string>; body: unknown; enveloped: boolean }): string {
  const err = res.status >= 400 ? errorOf(res.body) : undefined;
  const lines = [`// ${method} ${path}`, `// HTTP ${res.enveloped ? res.status : `${res.status} (assumed: the CLI printed only the body)`}${err ? ` ${err.id}: ${err.message}` : ''}`];
  for (const [k, v] of Object.entries(res.headers).sort()) lines.push(`// ${k}: ${v}`);
  const body = typeof res.body === 'string' ? JSON.stringify(res.body) : JSON.stringify(res.body ?? null, null, 2);
  return `${lines.join('\n')}\n${body}\n`;
}

function withSignal<T>(token: vscode.CancellationToken, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  const sub = token.onCancellationRequested(() => ac.abort());
  return run(ac.signal).finally(() => sub.dispose());
}

/** Text without control characters (a hostile name cannot break the question's layout). */
function printable(text: string): string {
  return [...text].filter((ch) => ch.charCodeAt(0) >= 32 && ch.charCodeAt(0) !== 127).join('');
}

/** An input value as one short line for the question. */
function summary(v: unknown): string {
  const text = printable(typeof v === 'string' ? v : JSON.stringify(v) ?? String(v));
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
