// What a write's question was about, remembered from the question to the write: the
// account and the app (by id, not by name, so a disconnect or a rename cannot move the
// write elsewhere) and the facts the question showed (the release promoted, the files
// deployed). VS Code calls `prepareInvocation` and `invoke` separately with the same
// input; the pair is matched by tool and input, for a short while. Plain Node.
import type { App } from '../../heroku/schemas';
import { AgentInputError, type AgentAccount, type FoundApp } from './reads';
import * as l10n from '@vscode/l10n';

/** How long an answered question stays valid. */
export const ASKED_TTL_MS = 10 * 60_000;

export interface Asked {
  connectionId: string;
  appId: string;
  /** What the question showed that could change before the write (a fingerprint), if anything. */
  facts?: string;
}

export class AskedWrites {
  private readonly entries = new Map<string, Asked & { at: number }>();
  constructor(private readonly now: () => number = Date.now) {}

  remember(tool: string, input: unknown, asked: Asked): void {
    this.drop();
    this.entries.set(keyOf(tool, input), { ...asked, at: this.now() });
  }

  /** What was asked for this call; a call that was never asked (or too long ago) is refused. */
  take(tool: string, input: unknown): Asked {
    this.drop();
    const key = keyOf(tool, input);
    const asked = this.entries.get(key);
    this.entries.delete(key);
    if (!asked) throw new AgentInputError(l10n.t('This write was not asked for just now: call the tool again so the user is asked.'));
    return asked;
  }

  private drop(): void {
    const oldest = this.now() - ASKED_TTL_MS;
    for (const [k, v] of this.entries) if (v.at < oldest) this.entries.delete(k);
  }
}

function keyOf(tool: string, input: unknown): string {
  return `${tool}\u0000${JSON.stringify(input ?? null)}`;
}

/** The app the question was about, in the account it was asked in: refused if that account is gone or the app is no longer in it. */
export async function askedApp(accounts: readonly AgentAccount[], asked: Asked, signal?: AbortSignal): Promise<FoundApp> {
  const account = accounts.find((a) => a.heroku.connectionId === asked.connectionId);
  if (!account) throw new AgentInputError(l10n.t('The Heroku account the user was asked about is no longer connected: nothing was changed.'));
  const app: App | undefined = (await account.heroku.listApps({ signal })).find((a) => a.id === asked.appId);
  if (!app) throw new AgentInputError(l10n.t('The app the user was asked about is no longer in {0}: nothing was changed.', account.label));
  return { app, account };
}

/** Refuses a write whose facts changed since the question. */
export function checkFacts(asked: Asked, now: string | undefined): void {
  if (asked.facts !== now) throw new AgentInputError(l10n.t('What the user was asked about changed since they were asked (a new release, other files): nothing was changed; call the tool again to ask again.'));
}
