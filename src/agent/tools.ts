// The language-model tools (package.json's `contributes.languageModelTools`), as VS Code
// calls them: the input, the account and app it names, then the plain-Node read or write of
// `core/`. Reads answer a marked data block (`core/dataBlock.ts`); writes answer
// `confirmationMessages`, so VS Code asks the user (in the chat, or a modal dialog outside
// one) before `invoke` runs. No HTTP or CLI here: everything goes through the Heroku layer.
import * as vscode from 'vscode';
import { accountLabels, type Account, type AccountsDeps } from '../accounts/accounts';
import { isErrorKind } from '../membrane/errors';
import { askedApp, AskedWrites, checkFacts } from './core/asked';
import { configMaskFor } from './core/configMask';
import { dataBlock } from './core/dataBlock';
import {
  addonLines,
  AgentInputError,
  apiGetLines,
  appOfApiPath,
  appsLines,
  buildLines,
  compareLines,
  configNameLines,
  configValueLines,
  domainLines,
  findApp,
  accountsNamed,
  pipelineLines,
  recentLogLines,
  releasesLines,
  statusLines,
  type AgentAccount,
  type FoundApp,
} from './core/reads';
import { configWrite, maintenanceWrite, promoteWrite, q, restartWrite, rollbackWrite, runWrite, scaleWrite, type AgentWrite } from './core/writes';
import { applyDeploy, askDeploy, deployFacts } from './deployTool';
import * as l10n from '@vscode/l10n';

/** Every tool's input names its app (when it has one) and, with several accounts, maybe the account. */
interface AppInput {
  app: string;
  account?: string;
}

type Tool = vscode.LanguageModelTool<object>;

/** The tools by name (package.json's `name`), made once per window by the composition root. */
export function agentTools(deps: AccountsDeps): ReadonlyMap<string, Tool> {
  const accounts = () => agentAccounts(deps);
  const inApp = async (input: AppInput, signal: AbortSignal) => findApp(await accounts(), input.app, input.account, signal);

  const read = <I>(answer: (input: I, signal: AbortSignal) => Promise<string>, invocation?: (input: I) => string): Tool => ({
    prepareInvocation: invocation ? (o) => ({ invocationMessage: invocation(o.input as I) }) : undefined,
    invoke: (o, token) => answered(token, (signal) => answer(o.input as I, signal)),
  });

  // The account, the app and the facts each question showed, so the write acts on exactly those.
  const asked = new AskedWrites();
  // trustedOnly: deploy lists files with git, which a repository's own config can make run a program; run starts code on Heroku.
  const write = <I extends object>(tool: string, w: AgentWrite<I>, trustedOnly = false): Tool => ({
    prepareInvocation: async (o, token) => {
      const input = o.input as I & AppInput;
      if (trustedOnly && !vscode.workspace.isTrusted) throw new AgentInputError(l10n.t('This workspace is not trusted: this tool runs only in a trusted workspace.'));
      const question = await prepared(token, async (signal) => {
        const found = await inApp(input, signal);
        const qn = await w.ask(found, input, signal);
        asked.remember(tool, input, { connectionId: found.account.heroku.connectionId, appId: found.app.id, facts: qn.facts });
        return qn;
      });
      return { invocationMessage: question.running, confirmationMessages: { title: question.title, message: question.message } };
    },
    invoke: (o, token) =>
      answered(token, async (signal) => {
        const input = o.input as I & AppInput;
        if (trustedOnly && !vscode.workspace.isTrusted) throw new AgentInputError(l10n.t('This workspace is not trusted: this tool runs only in a trusted workspace.'));
        const was = asked.take(tool, input);
        const found = await askedApp(await accounts(), was, signal);
        if (w.facts) checkFacts(was, await w.facts(found, input, signal));
        return done(found, await w.apply(found, input, signal), signal);
      }),
  });

  type AppWhat = AppInput & { what: string; count?: number; filter?: string };
  const appRead = async (input: AppWhat, signal: AbortSignal): Promise<string> => {
    const found = await inApp(input, signal);
    const { app, account } = found;
    const h = account.heroku;
    const label = account.label;
    // Answers that carry Heroku's free text mask the app's own config values in it.
    const mask = () => configMaskFor(h, [app], signal);
    switch (input.what) {
      case 'status':
        return dataBlock({ what: l10n.t('status of {0}', app.name), account: label, lines: await statusLines(h, app, signal), mask: await mask() });
      case 'releases': {
        const n = clampCount(input.count, 10, 100);
        return dataBlock({ what: l10n.t('the latest {0} releases of {1}, newest first', n, app.name), account: label, lines: await releasesLines(h, app, n, signal), mask: await mask() });
      }
      case 'logs': {
        const n = clampCount(input.count, 100, 500);
        const logs = await recentLogLines(h, app, n, input.filter, signal);
        const what = input.filter ? l10n.t('the last {0} log lines of {1} matching {2} ({3} of {4} read)', logs.lines.length, app.name, q(input.filter, 60), logs.matched, logs.read) : l10n.t('the last {0} log lines of {1}', logs.lines.length, app.name);
        return dataBlock({ what, account: label, lines: logs.lines, mask: await mask() });
      }
      case 'configNames':
        return dataBlock({ what: l10n.t('config var names of {0} (values are not shown)', app.name), account: label, lines: await configNameLines(h, app, signal) });
      case 'addons':
        return dataBlock({ what: l10n.t('add-ons of {0}', app.name), account: label, lines: await addonLines(h, app, signal), mask: await mask() });
      case 'domains':
        return dataBlock({ what: l10n.t('domains of {0}', app.name), account: label, lines: await domainLines(h, app, signal), mask: await mask() });
      case 'build':
        return dataBlock({ what: l10n.t('the latest build of {0}', app.name), account: label, lines: await buildLines(h, app, 60, signal), mask: await mask() });
      default:
        throw new AgentInputError(l10n.t('Unknown what: {0}.', q(input.what, 40)));
    }
  };

  return new Map<string, Tool>([
    [
      'herokuMembrane_apps',
      read(async (input: { name?: string; team?: string; pipeline?: string }, signal) => {
        const all = await accounts();
        return dataBlock({ what: l10n.t('Heroku apps'), account: all.map((a) => a.label).join(', '), lines: await appsLines(all, input, signal) });
      }),
    ],
    ['herokuMembrane_app', read(appRead, (i: AppWhat) => l10n.t('Reading {0} of {1}…', i.what, q(i.app, 60)))],
    [
      'herokuMembrane_pipelines',
      read(async (input: { compare?: string[]; account?: string }, signal) => {
        if (input.compare?.length === 2) {
          const all = await accounts();
          const [a, b] = await Promise.all(input.compare.map((name) => findApp(all, name, input.account, signal)));
          if (a!.account !== b!.account) throw new AgentInputError(l10n.t('{0} and {1} are in different accounts: compare apps of one account.', a!.app.name, b!.app.name));
          return dataBlock({ what: l10n.t('what differs between {0} and {1} (config values masked)', a!.app.name, b!.app.name), account: a!.account.label, lines: await compareLines(a!.account.heroku, a!.app, b!.app, signal), mask: await configMaskFor(a!.account.heroku, [a!.app, b!.app], signal) });
        }
        const all = accountsNamed(await accounts(), input.account);
        const lines = (await Promise.all(all.map(async (a) => (await pipelineLines(a, signal)).map((l) => (all.length > 1 ? `${l} · ${l10n.t('account {0}', a.label)}` : l))))).flat();
        return dataBlock({ what: l10n.t('pipelines, their stages and apps'), account: all.map((a) => a.label).join(', '), lines });
      }),
    ],
    [
      'herokuMembrane_apiGet',
      read(async (input: { path: string; account?: string }, signal) => {
        const target = appOfApiPath(input.path);
        if ('problem' in target) throw new AgentInputError(target.problem);
        const found = await findApp(await accounts(), target.app, input.account, signal);
        return dataBlock({ what: `GET ${input.path}`, account: found.account.label, lines: await apiGetLines(found.account.heroku, input.path, signal), mask: await configMaskFor(found.account.heroku, [found.app], signal) });
      }),
    ],
    [
      'herokuMembrane_configValues',
      {
        // Asks like Reveal does: the values are the account's secrets, shown to the model.
        prepareInvocation: async (o, token) => {
          const input = o.input as AppInput & { keys?: string[] };
          const found = await prepared(token, (signal) => inApp(input, signal));
          const which = input.keys?.length ? input.keys.map((k) => q(k, 60)).join(', ') : l10n.t('all of them');
          return {
            invocationMessage: l10n.t('Reading config var values of {0}…', q(found.app.name)),
            confirmationMessages: {
              title: l10n.t('Show the config var values of {0} to the AI model?', q(found.app.name)),
              message: [l10n.t('Values: {0}', which), l10n.t('They are sent to the language model in clear text and stay in this chat.'), l10n.t('In the Heroku account {0}.', q(found.account.label))].join('\n\n'),
            },
          };
        },
        invoke: (o, token) =>
          answered(token, async (signal) => {
            const input = o.input as AppInput & { keys?: string[] };
            const found = await inApp(input, signal);
            // The user agreed to these values: shown whole (cleaned and capped, not masked).
            return dataBlock({ what: l10n.t('config var values of {0}', found.app.name), account: found.account.label, lines: await configValueLines(found.account.heroku, found.app, input.keys, signal), revealed: true });
          }),
      },
    ],
    ['herokuMembrane_restart', write('herokuMembrane_restart', restartWrite)],
    ['herokuMembrane_scale', write('herokuMembrane_scale', scaleWrite)],
    ['herokuMembrane_maintenance', write('herokuMembrane_maintenance', maintenanceWrite)],
    ['herokuMembrane_setConfig', write('herokuMembrane_setConfig', configWrite)],
    ['herokuMembrane_rollback', write('herokuMembrane_rollback', rollbackWrite)],
    ['herokuMembrane_deploy', write('herokuMembrane_deploy', { ask: askDeploy, apply: applyDeploy, facts: deployFacts }, true)],
    ['herokuMembrane_promote', write('herokuMembrane_promote', promoteWrite)],
    ['herokuMembrane_run', write('herokuMembrane_run', runWrite, true)],
  ]);
}

/** Every ready account with the name the user knows it by (its e-mail, read once per account). */
async function agentAccounts(deps: AccountsDeps): Promise<AgentAccount[]> {
  const all: Account[] = await deps.accounts();
  const labels = await accountLabels(all);
  return Promise.all(
    all.map(async (a) => ({
      // With one account `accountLabels` does not read the e-mail; a question still names it.
      label: all.length > 1 ? (labels.get(a.status.connectionId) ?? a.status.connectionId) : (a.status.email ?? (await a.heroku.account().catch(() => undefined))?.email ?? labels.get(a.status.connectionId) ?? a.status.connectionId),
      heroku: a.heroku,
    })),
  );
}

function clampCount(n: number | undefined, fallback: number, max: number): number {
  return typeof n === 'number' && Number.isFinite(n) ? Math.max(1, Math.min(max, Math.floor(n))) : fallback;
}

/** A write's outcome: our words, then (as data) what Heroku said. */
async function done(found: FoundApp, lines: string[], signal: AbortSignal): Promise<string> {
  return dataBlock({ what: l10n.t('the outcome on {0}', found.app.name), account: found.account.label, lines, mask: await configMaskFor(found.account.heroku, [found.app], signal) });
}

/** Runs with an AbortSignal that follows VS Code's token. */
async function withSignal<T>(token: vscode.CancellationToken, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  try {
    return await work(abort.signal);
  } finally {
    sub.dispose();
  }
}

/** What went wrong, in words the model and the user can act on: ours as they are, Heroku's (data) quoted and capped. */
function failureWords(e: unknown): string {
  if (isErrorKind(e, 'outcome-unknown')) return l10n.t('The write was interrupted after it was sent: Heroku may have applied it. Read the app again before trying anything else.');
  const message = e instanceof Error ? e.message : String(e);
  return e instanceof AgentInputError ? message : l10n.t('The Heroku call failed: {0}', q(message, 400));
}

/** The tool's text, or what went wrong (a cancel stays a cancel, unless the write may have happened). */
async function answered(token: vscode.CancellationToken, work: (signal: AbortSignal) => Promise<string>): Promise<vscode.LanguageModelToolResult> {
  try {
    return textResult(await withSignal(token, work));
  } catch (e) {
    if (!isErrorKind(e, 'outcome-unknown') && (isErrorKind(e, 'cancelled') || token.isCancellationRequested)) throw e;
    return textResult(failureWords(e));
  }
}

/** A question's reads: a failure is thrown again in the same words as a tool's answer (VS Code shows it). */
async function prepared<T>(token: vscode.CancellationToken, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  try {
    return await withSignal(token, work);
  } catch (e) {
    if (isErrorKind(e, 'cancelled') || token.isCancellationRequested) throw e;
    throw new Error(failureWords(e));
  }
}

function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

