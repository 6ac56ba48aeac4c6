// "Heroku: Run Action…": any of Membrane's actions for the connection, found by intent.
// Inputs come from the action's inputSchema (one prompt per field, or JSON); the user is
// asked before it runs; the output opens as a read-only document.
import * as vscode from 'vscode';
import { isReadOnlyAction, roleOf } from '../heroku/actions';
import { accountList, storeAccountList } from '../accounts/accountMemory';
import { pickAccount, type AccountsDeps } from '../accounts/accounts';
import { askBeforeWrite } from '../accounts/confirmWrite';
import type { AppClient } from '../apps/appPick';
import type { Action } from '../membrane/schemas';
import type { CommandRun } from '../shared/commands';
import { setOwn } from '../shared/core/ownProperty';
import { displayable } from '../shared/core/text';
import type { JsonDocuments } from '../shared/jsonDocuments';
import type { Prompts } from '../shared/prompts';
import { promptPlan, readAnswer, skeletonOf, summaryOf, type PromptField } from './core/inputs';
import * as l10n from '@vscode/l10n';
import type { Settings } from '../shared/settings';

export interface RunActionDeps extends AccountsDeps {
  prompts: Prompts;
  json: JsonDocuments;
  memory: vscode.Memento;
  /** An action ran or a request was sent (the walkthrough's "try the palette" step). */
  onRan?(): void;
  /** The settings: the user's choice to run read-only actions (`list-*`, `get-*`) without the question. */
  settings: Pick<Settings, 'current' | 'update'>;
}

const STOP_ASKING = l10n.t('Run, and Stop Asking for Read-Only Actions');
const RECENT_ACTIONS = 'heroku.recentActions';

interface ActionItem extends vscode.QuickPickItem {
  value: Action;
}

export class RunAction {
  constructor(private readonly deps: RunActionDeps) {}

  /** From an app's node: that app (and its account) prefilled; else the account is asked first when there are several. */
  async run(run: CommandRun, target?: AppClient): Promise<void> {
    const accounts = await this.deps.accounts();
    const heroku = target?.heroku ?? (await pickAccount(accounts, l10n.t('Heroku: Run Action — which account'), { memory: this.deps.memory, rememberAs: 'runAction' }))?.heroku;
    if (!heroku) return;
    const app = target?.name;
    // Actions are the connection's own: recent ones are kept per connection.
    const recent = accountList<Action>(this.deps.memory, RECENT_ACTIONS, heroku.connectionId, accounts);
    const toItem = (a: Action, isRecent = false): ActionItem => ({
      label: `${isRecent ? '$(history) ' : ''}${a.name || a.key || a.id}`,
      description: a.key ?? a.id,
      detail: a.description,
      value: a,
    });
    const picked = await this.deps.prompts.searchQuickPick<ActionItem>({
      title: l10n.t('Heroku: Run Action'),
      placeholder: l10n.t('Describe what you want to do (e.g. "list releases"): Membrane searches its actions'),
      initial: recent.map((a) => toItem(a, true)),
      search: async (q, signal) => {
        const found = await heroku.searchActions(q, 20, { signal });
        const recentIds = new Set(recent.map((a) => a.id));
        return [...found.filter((a) => recentIds.has(a.id)), ...found.filter((a) => !recentIds.has(a.id))].map((a) => toItem(a, recentIds.has(a.id)));
      },
    });
    if (!picked) return;
    const action = picked.value;
    const input = await this.actionInput(action, app);
    if (input === undefined) return;
    if (!(await this.confirmRun(action, input, heroku.connectionId))) return;
    await storeAccountList(this.deps.memory, RECENT_ACTIONS, heroku.connectionId, accounts, [action, ...recent.filter((a) => a.id !== action.id)].slice(0, 8));
    const out = await run.busy(l10n.t(`Running {0}…`, displayable(action.name || action.key || action.id)), (signal) => heroku.runAction(action, input, { signal }));
    this.deps.onRan?.();
    await this.deps.json.show(l10n.t(`{0} — run {1}.json`, action.name || action.key || action.id, out.actionRunId ?? new Date().toISOString()), out.output ?? null);
  }

  /**
   * What will run with which input, asked before it runs: an action picked from an app's
   * menu whose only input is that app would otherwise run on the pick. Mutating actions
   * always ask; read-only ones skip the question once the user said so.
   */
  private async confirmRun(action: Action, input: Record<string, unknown>, connectionId: string): Promise<boolean> {
    const key = action.key ?? action.id;
    const readOnly = isReadOnlyAction(action);
    if (readOnly && this.deps.settings.current.readOnlyRunsSkipQuestion) return true;
    const lines = Object.entries(input).map(([k, v]) => `${displayable(k)}: ${summaryOf(v)}`);
    const detail = [
      lines.length ? `${l10n.t('Input:')}\n${lines.join('\n')}` : l10n.t('No input.'),
      readOnly ? l10n.t('Read-only: its key starts with list- or get-.') : l10n.t('This action can change your Heroku account.'),
    ].join('\n\n');
    const RUN = l10n.t('Run');
    const pick = await askBeforeWrite(this.deps, { connectionId, message: l10n.t(`Run "{0}" ({1})?`, displayable(action.name || key), displayable(key)), detail, confirm: RUN, others: readOnly ? [STOP_ASKING] : [] });
    if (pick === STOP_ASKING) await this.deps.settings.update('readOnlyRunsSkipQuestion', true);
    return pick !== undefined;
  }

  /** The input for an action: prompts per property (the app pre-filled), or JSON. */
  private async actionInput(action: Action, app?: string): Promise<Record<string, unknown> | undefined> {
    const plan = promptPlan(action.inputSchema);
    const input: Record<string, unknown> = {};
    const prefilled = new Set<string>();
    for (const f of plan ?? []) {
      if (app && roleOf(f.name) === 'app' && (f.kind === 'string' || f.kind === 'enum')) {
        setOwn(input, f.name, app);
        prefilled.add(f.name);
      }
    }
    const remaining = (plan ?? []).filter((f) => !prefilled.has(f.name));
    if (plan && !remaining.length) return input;
    let mode: 'prompts' | 'json' = plan ? 'prompts' : 'json';
    if (plan) {
      const pick = await this.deps.prompts.showQuickPick(
        [
          { label: l10n.t('$(list-flat) One prompt per field'), description: remaining.length === 1 ? l10n.t('1 field, required first') : l10n.t('{0} fields, required first', remaining.length), mode: 'prompts' as const },
          { label: l10n.t('$(json) Edit the input as JSON'), description: l10n.t('prefilled from the schema'), mode: 'json' as const },
        ],
        { title: l10n.t('Input for {0}', action.name || action.key || action.id) },
      );
      if (!pick) return undefined;
      mode = pick.mode;
    }
    if (mode === 'json') return this.jsonInput(action, input);
    for (const field of remaining) {
      const answer = await this.askField(field);
      if (answer === CANCEL) return undefined;
      if (answer !== SKIP) setOwn(input, field.name, answer);
    }
    return input;
  }

  private async jsonInput(action: Action, prefilled: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const skeleton = { ...(skeletonOf(action.inputSchema) as Record<string, unknown> | null), ...prefilled };
    for (;;) {
      const text = await this.deps.prompts.editJson(l10n.t(`Input of {0}`, action.name || action.key || action.id), skeleton, l10n.t('Run'));
      if (text === undefined) return undefined;
      try {
        const v = JSON.parse(text);
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v;
        void this.deps.prompts.showErrorMessage(l10n.t('The input must be a JSON object.'));
      } catch (e) {
        void this.deps.prompts.showErrorMessage(l10n.t(`The input is not valid JSON: {0}`, (e as Error).message));
      }
    }
  }

  private async askField(f: PromptField): Promise<unknown> {
    const title = `${f.name}${f.required ? '' : ' (optional)'}`;
    if (f.kind === 'boolean' || f.kind === 'enum') {
      const options = f.kind === 'boolean' ? [true, false] : (f.options ?? []);
      const items = [...options.map((o) => ({ label: String(o), value: o as unknown, description: o === f.default ? l10n.t('default') : undefined })), ...(f.required ? [] : [{ label: l10n.t('$(debug-step-over) Skip'), value: SKIP as unknown }])];
      const pick = await this.deps.prompts.showQuickPick(items, { title, placeHolder: f.description });
      return pick ? pick.value : CANCEL;
    }
    const text = await this.deps.prompts.showInputBox({
      title,
      prompt: [f.description, f.kind === 'json' ? `JSON ${f.jsonType === 'any' ? 'value' : f.jsonType}` : f.kind, f.required ? '' : l10n.t('leave empty to skip')].filter(Boolean).join(' · '),
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

}

const CANCEL = Symbol('cancel');
const SKIP = Symbol('skip');
