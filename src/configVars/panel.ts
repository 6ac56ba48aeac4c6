// The config-vars editor's host side: one panel per app (reopening reveals it), a strict
// CSP with a nonce, a separately bundled script, every inbound message validated, drafts
// kept in SecretStorage (they hold secrets) so they survive closing and reloading, and a
// save that shows what changes, is conflict-checked, and loses nothing when it fails.
// What the user starts in the page (load, reload, save, import, export) runs through the
// command wrapper, as every command does: its progress and Cancel, its errors with their
// next step; the page's banner shows a failure too.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AccountsDeps } from '../accounts/accounts';
import { confirmWrite } from '../accounts/confirmWrite';
import type { AppClient } from '../apps/appPick';
import type { ConfigUpdateResult } from '../heroku/client';
import { diffConfig } from '../heroku/configVars';
import { isErrorKind, isMembraneError } from '../membrane/errors';
import { runCommand, UI, WORK, type CommandDeps, type CommandRun, type CommandSpec } from '../shared/commands';
import type { Prompts } from '../shared/prompts';
import { escapeHtml, webviewPage, webviewRoots } from '../shared/webviewPage';
import { AppPanels } from '../shared/appPanels';
import { applyImport, editedConfig, importPreview, isDirty, keyProblem, reapply, type Draft } from './core/model';
import { toDotenv } from './core/dotenvFormat';
import { parseDotenv } from './core/dotenvParse';
import { defaultExportUri, deployableFolderHolding } from './exportPlace';
import { DraftSchema, InboundSchema, type Inbound, type Outbound } from './core/protocol';
import { describeKeyProblem } from './core/pageText';
import { pageStrings } from './pageStrings';
import * as l10n from '@vscode/l10n';

/** `accounts`: the save's question names the account when there are several (`confirmWrite`). */
export interface ConfigVarsDeps extends AccountsDeps {
  extensionUri: vscode.Uri;
  secrets: vscode.SecretStorage;
  /** The account's e-mail for the title when there are several accounts (the same app name may be in two). */
  accountLabel(connectionId: string): string | undefined;
  log(message: string): void;
  /** The prompts the in-host tests replace (shared with every command). */
  prompts: Prompts;
  /** The command wrapper's: what the user starts in the page is reported as every command's failure is. */
  commands: CommandDeps;
  /** Told of every message sent to a page, and by which panel (the in-host tests' probe). */
  onPosted?(app: string, message: Outbound, panel: object): void;
}

/** Where an app's unsaved draft is kept (SecretStorage: it holds secrets), apart per connection. */
export function draftKey(connectionId: string, app: string): string {
  return `heroku.configDraft:${connectionId}:${app}`;
}

/** A load the page waits for (its banner says so): the status bar's spinner, not a notification. */
const LOAD = { progress: 'window', cancellable: false } as const;

function messageOf(e: unknown): string {
  return isMembraneError(e) || e instanceof Error ? e.message : String(e);
}

/** A failed load, in the page's banner. */
function couldNotLoad(message: string): string {
  return l10n.t(`Couldn't load the config vars: {0}`, message);
}

/** The editors, one per app of an account. */
export class ConfigVarsPanels extends AppPanels<AppClient, ConfigVarsPanel> {
  constructor(deps: ConfigVarsDeps) {
    super((target, onDispose) => new ConfigVarsPanel(target, deps, onDispose));
  }
}

export class ConfigVarsPanel {
  readonly panel: vscode.WebviewPanel;
  private base: Record<string, string> = {};
  /** Bumped whenever `base` changes; recent bases are kept to rebase late messages. */
  private baseVersion = 0;
  private readonly recentBases = new Map<number, Record<string, string>>();
  private draft: Draft | null = null;
  private readonly disposables: vscode.Disposable[] = [];
  /** Resolves when the webview said `ready` and got its first state (tests wait on it). */
  readonly loaded: Promise<void>;
  private markLoaded: () => void = () => {};

  readonly app: string;

  constructor(
    readonly target: AppClient,
    private readonly deps: ConfigVarsDeps,
    onDispose: () => void,
  ) {
    this.app = target.name;
    const { scripts, media } = webviewRoots(deps.extensionUri);
    this.panel = vscode.window.createWebviewPanel('heroku.configVars', this.titleText(), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [scripts, media],
      enableFindWidget: true,
    });
    this.loaded = new Promise((r) => (this.markLoaded = r));
    this.panel.iconPath = vscode.Uri.joinPath(media, 'heroku.svg');
    this.panel.webview.html = this.html(this.panel.webview);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((m) => void this.receive(m)),
      this.panel.onDidDispose(() => {
        onDispose();
        for (const d of this.disposables) d.dispose();
      }),
    );
  }

  private titleText(): string {
    const account = this.deps.accountLabel(this.target.connectionId);
    return account ? l10n.t('Config Vars: {0} ({1})', this.app, account) : l10n.t('Config Vars: {0}', this.app);
  }

  private get draftKey(): string {
    return draftKey(this.target.connectionId, this.app);
  }

  private queue: Promise<void> = Promise.resolve();

  /**
   * Validate, then act, one message at a time in arrival order (an older draft must never
   * overwrite a newer one). Anything malformed is dropped (and noted without its content).
   */
  receive(raw: unknown): Promise<void> {
    this.queue = this.queue.then(() => this.receiveOne(raw));
    return this.queue;
  }

  private async receiveOne(raw: unknown): Promise<void> {
    const parsed = InboundSchema.safeParse(raw);
    if (!parsed.success) {
      this.deps.log(`Config vars editor (${this.app}): ignored a malformed message from the webview.`);
      return;
    }
    try {
      await this.handle(parsed.data);
    } catch (e) {
      this.post({ type: 'saveFailed', message: messageOf(e) });
    }
  }

  private async handle(m: Inbound): Promise<void> {
    switch (m.type) {
      case 'ready':
        return this.command(LOAD, (run) => this.load(run, true), couldNotLoad);
      case 'draftChanged':
        // A draft from before the last reload or save is dropped: the page's rows are being
        // replaced by the newer state already on its way.
        if (m.baseVersion !== this.baseVersion) return this.deps.log(`Config vars editor (${this.app}): ignored a draft made on an older base.`);
        return this.keepDraft(m.draft);
      case 'reload':
        return this.whileBusy(() => this.command(LOAD, (run) => this.reload(run), couldNotLoad));
      case 'discardDraft':
        await this.deps.secrets.delete(this.draftKey);
        this.draft = null;
        this.setTitle(false);
        this.postState(l10n.t('Draft discarded.'));
        return;
      case 'copyValue':
        await vscode.env.clipboard.writeText(m.value);
        vscode.window.setStatusBarMessage(l10n.t('Copied the value (it is in your clipboard now)'), 3000);
        // Said in the page too, where a screen reader is reading (its status line is a live region).
        // The key in Unicode isolates: a right-to-left mark in it must not turn the sentence around.
        this.post({ type: 'status', message: l10n.t('Copied the value of {0}.', `\u2068${m.key}\u2069`) });
        return;
      case 'save':
        return this.whileBusy(() => this.command(WORK, (run) => this.save(run, m.draft, m.baseVersion)));
      case 'importEnv':
        if (m.baseVersion !== this.baseVersion) return this.refuseStale();
        return this.whileBusy(() => this.command(UI, () => this.importEnv(m.draft)));
      case 'exportEnv':
        if (m.baseVersion !== this.baseVersion) return this.refuseStale();
        return this.whileBusy(() => this.command(UI, () => this.exportEnv(m.draft)));
      default: {
        // Every variant the schema accepts is handled: a new one is a compile error here until it is.
        const _unhandled: never = m;
        return _unhandled;
      }
    }
  }

  /**
   * Work the user started in the page, run by the command wrapper as every command is
   * (docs/ARCHITECTURE.md, "Commands: one wrapper"): the progress `kind` declares, its
   * Cancel, the error with its next step (Log In, Reconnect, …), the log, and the
   * connection's state. Not a registered command: nothing outside this panel can start it.
   * The page's banner shows the failure as well (`describe` puts it in the page's words);
   * a cancel is silent here, as in the wrapper (the work tells the page what it means).
   */
  private async command(kind: Pick<CommandSpec, 'progress' | 'cancellable'>, work: (run: CommandRun) => Promise<void>, describe: (message: string) => string = (m) => m): Promise<void> {
    const spec: CommandSpec = {
      ...kind,
      run: async (run) => {
        try {
          await work(run);
        } catch (e) {
          if (!isErrorKind(e, 'cancelled')) this.post({ type: 'saveFailed', message: describe(messageOf(e)) });
          throw e;
        }
      },
    };
    await runCommand(spec, [], this.deps.commands);
  }

  /** The page disables Save and Reload while a request is out; it is always told when it ends. */
  private async whileBusy(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } finally {
      this.post({ type: 'busy', busy: false });
    }
  }

  /** The page's whole state: the base, its version, the draft on top, and a notice. */
  private postState(notice?: string): void {
    this.post({ type: 'init', app: this.app, base: this.base, baseVersion: this.baseVersion, draft: this.draft, notice, text: pageStrings() });
  }

  private refuseStale(): void {
    this.post({ type: 'saveFailed', message: l10n.t('The values were just reloaded: check them, then try again.') });
  }

  private setBase(base: Record<string, string>): void {
    this.base = base;
    this.baseVersion++;
    this.recentBases.set(this.baseVersion, base);
    for (const v of this.recentBases.keys()) if (v < this.baseVersion - 8) this.recentBases.delete(v);
  }

  /**
   * Reload asks before it touches an unsaved draft: keep the edits (re-applied on the
   * fresh values) or discard them; cancelling changes nothing.
   */
  private async reload(run: CommandRun): Promise<void> {
    if (!this.draft) return this.load(run, false);
    const KEEP = l10n.t('Reload and Keep My Edits');
    const DISCARD = l10n.t('Discard My Edits and Reload');
    const choice = await this.asked(this.deps.prompts.confirm(
      l10n.t(`Reload {0}'s config vars? You have unsaved changes.`, this.app),
      { detail: l10n.t('Keep them: they are re-applied on top of the current values from Heroku, for you to review. Discard them: the draft is deleted.') },
      KEEP,
      DISCARD,
    ));
    if (choice === KEEP) return this.load(run, false, 'keep');
    if (choice === DISCARD) return this.load(run, false);
  }

  /**
   * Fresh values from Heroku; a stored draft is restored on top (first load), or the
   * current one kept. Under `run`'s progress when a command runs it; a failure is thrown
   * (the command reports it) and leaves the base and the draft as they were.
   */
  private async load(run: CommandRun | undefined, restoreDraft: boolean, current?: 'keep'): Promise<void> {
    try {
      const label = l10n.t(`Loading {0}'s config vars…`, this.app);
      this.post({ type: 'busy', busy: true, label });
      const { heroku } = this.target;
      heroku.forget(this.app, 'config');
      const oldBase = this.base;
      const kept = current === 'keep' ? this.draft : null;
      const read = (signal?: AbortSignal) => heroku.getConfigVars(this.app, { signal });
      this.setBase(await (run ? run.busy(label, read) : read()));
      let notice: string | undefined;
      const stored = restoreDraft ? await this.storedDraft() : undefined;
      if (kept) {
        this.draft = { rows: reapply(kept.rows, oldBase, this.base) };
        await this.keepDraft(this.draft);
        notice = this.draft
          ? l10n.t('Reloaded: your edits are re-applied on the current values. Review, then save.')
          : l10n.t('Reloaded: the current values on Heroku already hold your edits.');
      } else if (stored && isDirty(stored.rows, stored.base)) {
        // Replay the saved edits on today's values, so a remote change is not hidden.
        this.draft = { rows: reapply(stored.rows, stored.base, this.base) };
        notice = l10n.t('Restored your unsaved changes from the last session. Review them, then save or discard the draft.');
      } else {
        this.draft = null;
        if (!restoreDraft) await this.deps.secrets.delete(this.draftKey);
      }
      this.setTitle(Boolean(this.draft));
      this.postState(notice);
    } finally {
      this.markLoaded();
    }
  }

  /**
   * After a save whose outcome is unknown (cancelled after it was sent, or its answer
   * unreadable): Heroku's values read again with the edits re-applied on top, for review.
   * The change is never sent again; if Heroku applied it, nothing is left to save.
   */
  private async readAgain(): Promise<void> {
    try {
      await this.load(undefined, false, 'keep');
    } catch (e) {
      this.deps.log(`Config vars editor (${this.app}): could not read the values again after a save of unknown outcome: ${messageOf(e)}`);
    }
  }

  private async storedDraft(): Promise<{ rows: Draft['rows']; base: Record<string, string> } | undefined> {
    const text = await this.deps.secrets.get(this.draftKey);
    if (!text) return undefined;
    try {
      const v = JSON.parse(text);
      const parsed = DraftSchema.safeParse({ rows: v.rows });
      if (!parsed.success || typeof v.base !== 'object' || v.base === null) return undefined;
      return { rows: parsed.data.rows, base: v.base };
    } catch {
      return undefined;
    }
  }

  private async keepDraft(draft: Draft): Promise<void> {
    const dirty = isDirty(draft.rows, this.base);
    this.draft = dirty ? draft : null;
    if (dirty) await this.deps.secrets.store(this.draftKey, JSON.stringify({ rows: draft.rows, base: this.base }));
    else await this.deps.secrets.delete(this.draftKey);
    // The ● appears once the draft is safely stored.
    this.setTitle(dirty);
  }

  /**
   * The save: checked, asked (`confirmWrite`: the account named when there are several),
   * then sent under the command's cancellable progress. Cancel before the change reaches
   * the CLI: nothing was sent. After: Heroku may have applied it (OutcomeUnknownError):
   * the values are read again, and it is never sent again. The draft stays stored until a
   * save is known to have landed.
   */
  private async save(run: CommandRun, draft: Draft, madeOn: number): Promise<void> {
    if (madeOn !== this.baseVersion) return this.rebaseStaleSave(draft, madeOn);
    await this.keepDraft(draft);
    const text = pageStrings();
    const problems = draft.rows.flatMap((r) => {
      const problem = keyProblem(r, draft.rows);
      return problem ? [describeKeyProblem(problem, text)] : [];
    });
    if (problems.length) return this.post({ type: 'saveFailed', message: l10n.t(`Fix the keys first: {0}`, problems.join(' ')) });
    const edited = editedConfig(draft.rows);
    const changes = diffConfig(this.base, edited);
    if (!changes.length) return;
    const list = (kind: string) => changes.filter((c) => c.kind === kind).map((c) => c.key);
    const lines: string[] = [];
    for (const [label, kind] of [[l10n.t('Added'), 'added'], [l10n.t('Changed'), 'changed'], [l10n.t('Removed'), 'removed']] as const) {
      const keys = list(kind);
      if (keys.length) lines.push(`${label}: ${keys.join(', ')}`);
    }
    const ok = await this.asked(confirmWrite(this.deps, {
      connectionId: this.target.connectionId,
      message: changes.length === 1 ? l10n.t("Save 1 change to {0}'s config vars?", this.app) : l10n.t("Save {0} changes to {1}'s config vars?", changes.length, this.app),
      detail: l10n.t(`{0}\n\nHeroku creates a new release and restarts the app's dynos.`, lines.join('\n')),
      confirm: l10n.t('Save'),
    }));
    if (!ok) return;
    this.post({ type: 'busy', busy: true, label: l10n.t('Saving…') });
    const { heroku } = this.target;
    const base = this.base;
    let result: ConfigUpdateResult;
    try {
      result = await run.busy(l10n.t(`Saving {0}'s config vars…`, this.app), (signal) => heroku.updateConfigVars(this.app, base, edited, { signal }));
    } catch (e) {
      if (isErrorKind(e, 'cancelled')) {
        this.post({ type: 'saveFailed', message: l10n.t('Not saved: you cancelled before the change was sent to Heroku. Your edits are kept.') });
      } else if (isErrorKind(e, 'outcome-unknown')) {
        // The write forgot what it may have changed: the tree's releases and dynos follow by themselves.
        await this.readAgain();
      }
      throw e;
    }
    if (result.kind === 'conflict') {
      this.post({ type: 'busy', busy: false });
      const keys = result.conflicts.map((c) => c.key).join(', ');
      const REAPPLY = l10n.t('Reload and Re-apply My Edits');
      const choice = await this.asked(this.deps.prompts.confirm(
        l10n.t(`Someone changed {0} on Heroku since you opened this editor.`, keys),
        { detail: l10n.t('Nothing was saved. Reload the current values and re-apply your edits on top of them (then review and save again), or cancel and keep editing.') },
        REAPPLY,
      ));
      if (choice !== REAPPLY) return this.post({ type: 'saveFailed', message: l10n.t(`Not saved: {0} changed on Heroku meanwhile.`, keys) });
      const oldBase = this.base;
      this.setBase(result.remote);
      this.draft = { rows: reapply(draft.rows, oldBase, this.base) };
      await this.keepDraft(this.draft);
      this.postState(l10n.t(`Reloaded: your edits are re-applied on the current values ({0} had changed). Review, then save.`, keys));
      return;
    }
    if (result.kind === 'unchanged') return;
    this.setBase(result.vars);
    this.draft = null;
    await this.deps.secrets.delete(this.draftKey);
    this.setTitle(false);
    const release = result.release ? l10n.t(`release v{0}`, result.release.version) : undefined;
    this.post({ type: 'saved', base: this.base, baseVersion: this.baseVersion, release });
  }

  /**
   * A save whose rows were made on an older base (a double click, or Save before a reload
   * landed): never diffed against the current base, which would revert other people's
   * changes. The edits are re-applied on the current values for review; nothing is saved.
   */
  private async rebaseStaleSave(draft: Draft, madeOn: number): Promise<void> {
    const old = this.recentBases.get(madeOn);
    if (!old) return this.post({ type: 'saveFailed', message: l10n.t('Not saved: the values changed while you were editing. Reload, then save again.') });
    const rows = reapply(draft.rows, old, this.base);
    if (!isDirty(rows, this.base)) {
      // Already saved (the first click of a double click): nothing left to do.
      return;
    }
    this.draft = { rows };
    await this.keepDraft(this.draft);
    this.postState(l10n.t('Not saved: the values changed just before your save (a reload or another save landed first). Your edits are re-applied on the current values: review them, then save again.'));
  }

  private async importEnv(draft: Draft): Promise<void> {
    const files = await this.asked(this.deps.prompts.showOpenDialog({ title: l10n.t(`Import a .env file into {0}'s config vars`, this.app), canSelectMany: false, filters: { [l10n.t('.env files')]: ['env'], [l10n.t('All files')]: ['*'] } }));
    const file = files?.[0];
    if (!file) return;
    const entries = parseDotenv(Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8'));
    const preview = importPreview(editedConfig(draft.rows), entries).filter((p) => p.kind !== 'same');
    if (!preview.length) return void this.deps.prompts.showInformationMessage(l10n.t('The file holds no new or different values.'));
    const picks = await this.asked(this.deps.prompts.showQuickPick(
      preview.map((p) => ({ label: p.key, description: p.kind === 'invalid' ? l10n.t('invalid key: skipped') : p.kind === 'added' ? l10n.t('new') : l10n.t('different value'), picked: p.kind !== 'invalid', key: p.key, invalid: p.kind === 'invalid' })),
      { title: l10n.t('Import into the draft (values are not shown)'), canPickMany: true, placeHolder: l10n.t('Choose the keys to bring in; nothing is saved until you save') } as vscode.QuickPickOptions,
    ));
    const chosen = (Array.isArray(picks) ? picks : picks ? [picks] : []).filter((p: { invalid?: boolean }) => !p.invalid) as Array<{ key: string }>;
    if (!chosen.length) return;
    const selected = Object.fromEntries(chosen.map((p) => [p.key, entries[p.key] as string]));
    const rows = applyImport(draft.rows, selected);
    await this.keepDraft({ rows });
    this.post({ type: 'applyDraft', draft: { rows }, notice: chosen.length === 1 ? l10n.t('Imported 1 key into the draft. Review, then save.') : l10n.t('Imported {0} keys into the draft. Review, then save.', chosen.length) });
  }

  /**
   * Straight to a file the user chose: an untitled editor would be backed up to disk by
   * hot exit, secrets included, without anyone asking for it.
   */
  private async exportEnv(draft: Draft): Promise<void> {
    const target = await this.asked(this.deps.prompts.showSaveDialog({
      title: l10n.t(`Export {0}'s config vars to a .env file (values in clear text)`, this.app),
      saveLabel: l10n.t('Export'),
      defaultUri: defaultExportUri(this.app),
      filters: { [l10n.t('.env files')]: ['env'], [l10n.t('All files')]: ['*'] },
    }));
    if (!target) return;
    const deployable = await deployableFolderHolding(target);
    if (deployable) {
      const ANYWAY = l10n.t('Export Anyway');
      const answer = await this.asked(this.deps.prompts.confirm(
        l10n.t('Export the secrets of {0} into the workspace folder {1}?', this.app, deployable.name),
        { modal: true, detail: l10n.t('git does not ignore {0}: a Deploy of {1} would upload it, with every value in clear text, and a commit would publish it. Choose a place outside the workspace, or add the file to .gitignore first.', path.basename(target.fsPath), deployable.name) },
        ANYWAY,
      ));
      if (answer !== ANYWAY) return;
    }
    const vars = editedConfig(draft.rows);
    const { text, refused } = toDotenv(vars);
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    const written = Object.keys(vars).length - refused.length;
    const where = target.scheme === 'file' ? target.fsPath : target.toString();
    if (refused.length) {
      void this.deps.prompts.showWarningMessage(
        written === 1
          ? l10n.t('Exported 1 config var to {0}. Left out, because no .env form reads them back exactly: {1}.', where, refused.join(', '))
          : l10n.t('Exported {0} config vars to {1}. Left out, because no .env form reads them back exactly: {2}.', written, where, refused.join(', ')),
      );
    } else {
      void this.deps.prompts.showInformationMessage(written === 1
          ? l10n.t('Exported 1 config var to {0}. It holds secrets in clear text: keep it out of version control.', where)
          : l10n.t('Exported {0} config vars to {1}. It holds secrets in clear text: keep it out of version control.', written, where));
    }
  }

  /**
   * A question the panel asked (a modal, a file dialog, a pick), answered: the focus goes
   * back into the page. VS Code hands it back to the webview's frame, but not always to the
   * page inside it, and then keys reach no control (seen after the save's question).
   * Revealing the panel with the focus sends it in; only when this panel is the active editor.
   */
  private async asked<T>(question: Thenable<T>): Promise<T> {
    try {
      return await question;
    } finally {
      if (this.panel.active) this.panel.reveal(this.panel.viewColumn, false);
    }
  }

  private post(m: Outbound): void {
    this.deps.onPosted?.(this.app, m, this);
    void this.panel.webview.postMessage(m);
  }

  private setTitle(dirty: boolean): void {
    this.panel.title = `${dirty ? '● ' : ''}${this.titleText()}`;
  }

  /** The page's markup (src/shared/webviewPage.ts adds the CSP, the stylesheet and the script). */
  private html(webview: vscode.Webview): string {
    const e = escapeHtml;
    return webviewPage(webview, {
      name: 'configVars',
      extensionUri: this.deps.extensionUri,
      title: l10n.t('Config Vars'),
      body: `<header>
  <h1 id="title">${e(l10n.t('Config Vars'))} — <span id="app"></span></h1>
  <span id="count" aria-live="polite"></span>
  <input id="search" type="search" placeholder="${e(l10n.t('Filter by key'))}" aria-label="${e(l10n.t('Filter by key'))}">
  <span id="shown" role="status"></span>
  <button id="revealAll" type="button">${e(l10n.t('Reveal all'))}</button>
  <button id="add" type="button">${e(l10n.t('Add'))}</button>
  <button id="import" type="button">${e(l10n.t('Import .env…'))}</button>
  <button id="export" type="button">${e(l10n.t('Export .env…'))}</button>
  <button id="reload" type="button">${e(l10n.t('Reload'))}</button>
  <button id="save" type="button" class="primary" aria-disabled="true">${e(l10n.t('Save…'))}</button>
  <span id="saveHint"></span>
  <p id="status" role="status"></p>
</header>
<main>
<div id="busy" class="banner empty"><span id="busyText" role="status"></span></div>
<div id="notice" class="banner empty"><span id="noticeText" role="status"></span><span id="release"></span><button id="discard" type="button">${e(l10n.t('Discard draft'))}</button><button id="noticeClose" type="button" aria-describedby="noticeText">${e(l10n.t('Dismiss'))}</button></div>
<div id="error" class="banner empty"><span id="errorText" role="alert"></span><button id="errorClose" type="button" aria-describedby="errorText">${e(l10n.t('Dismiss'))}</button></div>
<p id="gridHelp" class="visually-hidden">${e(l10n.t('Arrow keys move between the rows and within a row; Home and End go to the ends of a row. Enter or F2 edits a key or value, Ctrl+Enter ends the edit, Escape cancels it.'))}</p>
<table id="grid" role="grid" aria-labelledby="title" aria-describedby="gridHelp">
  <thead role="rowgroup"><tr role="row"><th class="key" role="columnheader" scope="col">${e(l10n.t('Key'))}</th><th class="value" role="columnheader" scope="col">${e(l10n.t('Value'))}</th><th class="actions" role="columnheader" scope="col">${e(l10n.t('Actions'))}</th></tr></thead>
  <tbody id="rows" role="rowgroup"></tbody>
</table>
</main>`,
    });
  }
}

