// "Heroku: Proxy Request…": the whole Platform API from the palette, through the Heroku
// client (its retry and concurrency limit). Endpoints come from Heroku's schema; path
// parameters are picked from the account; the response opens as a read-only document.
import * as vscode from 'vscode';
import { accountList, storeAccountList } from '../accounts/accountMemory';
import { pickAccount, type AccountsDeps } from '../accounts/accounts';
import { confirmWrite } from '../accounts/confirmWrite';
import type { AppClient } from '../apps/appPick';
import type { HerokuClient } from '../heroku/client';
import { CommandFailedError } from '../membrane/errors';
import type { CommandRun } from '../shared/commands';
import type { JsonDocuments } from '../shared/jsonDocuments';
import type { Prompts } from '../shared/prompts';
import { endpoints, type Endpoint } from './core/endpoints';
import { apiPathProblem, fillPath, parseHeaders, parseQuery, pathParams } from './core/inputs';
import { errorOf, queryString, responseText } from './core/response';
import { setOwn } from '../shared/core/ownProperty';
import * as l10n from '@vscode/l10n';


export interface ProxyRequestDeps extends AccountsDeps {
  prompts: Prompts;
  json: JsonDocuments;
  memory: vscode.Memento;
  /** An action ran or a request was sent (the walkthrough's "try the palette" step). */
  onRan?(): void;
  /** An app of that account, picked. */
  pickApp(title: string, heroku: HerokuClient): Promise<string | undefined>;
}

const HISTORY = 'heroku.requestHistory';

export class ProxyRequest {
  constructor(private readonly deps: ProxyRequestDeps) {}

  /** From an app's node: that app (and its account) prefilled; else the account is asked first when there are several. */
  async run(run: CommandRun, target?: AppClient): Promise<void> {
    const accounts = await this.deps.accounts();
    const heroku = target?.heroku ?? (await pickAccount(accounts, l10n.t('Heroku: Proxy Request — which account'), { memory: this.deps.memory, rememberAs: 'proxyRequest' }))?.heroku;
    if (!heroku) return;
    const app = target?.name;
    type Recent = { method: Endpoint['method']; path: string; query: Record<string, string> };
    const history = accountList<Recent>(this.deps.memory, HISTORY, heroku.connectionId, accounts);
    type Item = vscode.QuickPickItem & { endpoint?: Endpoint; history?: (typeof history)[number]; custom?: true };
    const items: Item[] = [
      ...history.map((h) => ({ label: l10n.t(`$(history) {0} {1}{2}`, h.method, h.path, queryString(h.query)), description: l10n.t('recent'), history: h })),
      { label: l10n.t('$(edit) Type any method and path…'), description: 'e.g. GET /apps/my-app/releases', custom: true },
      ...endpoints().map((e) => ({ label: l10n.t(`{0} {1}`, e.method, e.path), description: e.title, detail: e.description.slice(0, 200), endpoint: e })),
    ];
    const pick = await this.deps.prompts.showQuickPick(items, { title: l10n.t('Heroku: Proxy Request'), placeHolder: l10n.t('Any Heroku Platform API endpoint'), matchOnDescription: true, matchOnDetail: true });
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
        const typed = await this.deps.prompts.showInputBox({
          title: l10n.t('Method and path'),
          prompt: l10n.t('e.g. GET /apps/my-app/dynos — path on api.heroku.com'),
          validateInput: (v) => {
            const m = /^(GET|POST|PATCH|PUT|DELETE)\s+(\/\S*)$/i.exec(v.trim());
            return m ? apiPathProblem(m[2]!) : 'METHOD /path, e.g. GET /account';
          },
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
        const v = await this.paramValue(name, values, app, heroku);
        if (v === undefined) return;
        setOwn(values, name, v);
      }
      path = fillPath(template, values);
      const q = await this.deps.prompts.showInputBox({ title: l10n.t('Query parameters (optional)'), prompt: l10n.t('name=value&other=value — leave empty for none'), validateInput: (v) => (parseQuery(v).ok ? undefined : l10n.t('name=value pairs separated by &')) });
      if (q === undefined) return;
      query = (parseQuery(q) as { query: Record<string, string> }).query ?? {};
      if (['POST', 'PATCH', 'PUT'].includes(method)) {
        const text = await this.deps.prompts.editJson(l10n.t('{0} {1} body', method, path), pick.endpoint?.body ?? {}, l10n.t('Send'));
        if (text === undefined) return;
        try {
          body = JSON.parse(text);
        } catch (e) {
          throw new CommandFailedError('request', undefined, l10n.t(`the body is not valid JSON: {0}`, (e as Error).message));
        }
      }
    }
    const h = await this.deps.prompts.showInputBox({ title: l10n.t('Extra headers (optional)'), prompt: l10n.t('Name: value; Other: value — e.g. Range: version ..; max=10, order=desc'), validateInput: (v) => (parseHeaders(v).ok ? undefined : l10n.t('Name: value pairs separated by ;')) });
    if (h === undefined) return;
    const headers = (parseHeaders(h) as { headers: Record<string, string> }).headers;
    if (method !== 'GET') {
      const ok = await confirmWrite(this.deps, { connectionId: heroku.connectionId, message: l10n.t(`{0} {1}{2}?`, method, path, queryString(query)), detail: l10n.t('This request can change your Heroku account. It is sent as you; Heroku applies it at once.'), confirm: l10n.t('Send') });
      if (!ok) return;
    }
    const same = (x: Recent) => `${x.method} ${x.path}${queryString(x.query)}` === `${method} ${path}${queryString(query)}`;
    await storeAccountList(this.deps.memory, HISTORY, heroku.connectionId, accounts, [{ method, path, query }, ...history.filter((x) => !same(x))].slice(0, 20));
    const res = await run.busy(l10n.t(`{0} {1}…`, method, path), (signal) => heroku.request({ method, path, query, headers, body }, { signal }));
    this.deps.onRan?.();
    await this.deps.json.show(`${method} ${path} — ${res.status}.jsonc`, null, { text: responseText(method, path, res), language: 'jsonc' });
    const err = errorOf(res.body);
    if (res.status >= 400) void this.deps.prompts.showErrorMessage(l10n.t(`{0} {1}: HTTP {2}{3}`, method, path, res.status, err ? ` ${err.id}: ${err.message}` : ''));
  }

  private async paramValue(name: string, values: Record<string, string>, app: string | undefined, heroku: HerokuClient): Promise<string | undefined> {
    // "Type a value…" is told apart by identity: an item can never be mistaken for it by its words.
    const TYPE = { label: l10n.t('$(edit) Type a value…'), description: '' };
    const pickFrom = async (title: string, list: Array<{ label: string; description?: string }>): Promise<string | typeof TYPE | undefined> => {
      const pick = await this.deps.prompts.showQuickPick([...list, TYPE], { title, matchOnDescription: true });
      return pick === TYPE ? TYPE : pick?.label;
    };
    const typed = (title: string) => this.deps.prompts.showInputBox({ title, prompt: l10n.t('Value for {0} (it is URL-encoded)', `{${name}}`), validateInput: (v) => (v.trim() ? undefined : l10n.t('Required')) });
    const appName = values.app ?? app;
    let chosen: string | typeof TYPE | undefined;
    if (name === 'app') chosen = app ?? (await this.deps.pickApp(l10n.t('Proxy Request: {0}', '{app}'), heroku));
    else if (name === 'dyno' && appName) chosen = await pickFrom(`{dyno} of ${appName}`, (await heroku.listDynos(appName)).map((d) => ({ label: d.name, description: d.state })));
    else if (name === 'release' && appName) chosen = await pickFrom(`{release} of ${appName}`, (await heroku.latestReleases(appName, 50)).map((r) => ({ label: String(r.version), description: r.description })));
    else if (name === 'add_on' && appName) chosen = await pickFrom(`{add_on} of ${appName}`, (await heroku.listAddons(appName)).map((a) => ({ label: a.name, description: a.plan?.name ?? undefined })));
    else if (name === 'pipeline') chosen = await pickFrom('{pipeline}', (await heroku.listPipelines()).map((p) => ({ label: p.name })));
    else return typed(`{${name}}`);
    return typeof chosen === 'string' || chosen === undefined ? chosen : typed(`{${name}}`);
  }
}
