// A connection that fails says so once, with its next step: a status bar that turns red is
// easy to miss, and a screen reader never hears it change. Once per failure: the same
// failure is not told again until the connection (or that account) has been ready.
import * as l10n from '@vscode/l10n';
import { accountLabel, type ConnectionStatus } from './core/connectionState';
import type { Prompts } from '../shared/prompts';

export class FailureNotice {
  /** Failures already told, by account ('' for the whole connection), with their reason. */
  private readonly told = new Map<string, string>();
  private readonly retry = l10n.t('Retry');
  private readonly showLog = l10n.t('Show Log');

  constructor(
    private readonly prompts: Pick<Prompts, 'showErrorMessage'>,
    private readonly run: (command: string) => unknown,
  ) {}

  onState(s: ConnectionStatus): void {
    const failing = new Map<string, string>();
    const accounts = s.accounts ?? [];
    if (s.kind === 'failed') failing.set('', s.detail ? l10n.t('The Heroku connection could not be set up: {0}', s.detail) : l10n.t('The Heroku connection could not be set up.'));
    else if (s.kind === 'ready' && accounts.length > 1) {
      for (const a of accounts) {
        if (a.kind === 'failed') failing.set(a.connectionId, l10n.t('The Heroku account {0} could not be connected: {1}', accountLabel(a), a.detail ?? l10n.t('the connection could not be set up')));
      }
    }
    if (s.kind === 'ready') for (const key of [...this.told.keys()]) if (!failing.has(key)) this.told.delete(key);
    for (const [key, message] of failing) {
      if (this.told.get(key) === message) continue;
      this.told.set(key, message);
      void this.tell(message);
    }
  }

  private async tell(message: string): Promise<void> {
    const answer = await Promise.resolve(this.prompts.showErrorMessage(message, this.retry, this.showLog)).catch(() => undefined);
    if (answer === this.retry) this.run('herokuMembrane.retry');
    else if (answer === this.showLog) this.run('herokuMembrane.showLog');
  }
}
